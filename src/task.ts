/**
 * `Task` and `createTask`: a running function with a result, a name, done callbacks and
 * cancellation, like asyncio's `Task`.
 *
 * @module
 */
import { abortOwned, ownedController } from "./_abort.ts";
import { CancelledError, InvalidStateError } from "./errors.ts";
import { releaseScope } from "./_options.ts";
import { currentScope, runInScope, type Scope } from "./_scope.ts";
// deno-lint-ignore no-unused-vars -- for the {@linkcode} links of the docs
import type { enableAmbientCancellation, uncancellable } from "./cancellation.ts";
import { describe } from "./_validate.ts";

/**
 * What a task runs: it gets the task's `AbortSignal` if it declares a parameter for it (the
 * signal is made only when something asks for it). The module's waits inside follow the
 * task's cancellation on their own where ambient cancellation is on; pass the signal to the
 * rest (`fetch`, streams), and to every wait on hosts where it is off.
 *
 * @category Tasks
 */
export type TaskFunction<T> = (signal: AbortSignal) => T | PromiseLike<T>;

/**
 * Options for {@linkcode createTask}.
 *
 * @category Tasks
 */
export interface TaskOptions {
  /** The task's name (default `Task-N`). */
  name?: string | undefined;
}

type State = "pending" | "fulfilled" | "rejected" | "cancelled";
/**
 * A callback run once a {@linkcode Task} is done; it gets the task.
 *
 * @category Tasks
 */
export type DoneCallback<T> = (task: Task<T>) => void;
/** Done callbacks, each with the scope it was added in (`null`: internal, any scope). */
type Callbacks<T> = [DoneCallback<T>, Scope | undefined | null][];

let counter = 0;

/** The message of the `CancelledError` of `task.cancel(msg)`: never throws. */
function cancelMessage(msg: unknown): string {
  if (typeof msg === "string") return msg;
  if (msg === undefined || msg === null) return "";
  try {
    return String(msg);
  } catch { // a toString that throws, an object without one
    return describe(msg);
  }
}
const ignore = () => {};

/** How a done task ended, read without counting as observing its error. */
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
let outcomeOf: <T>(task: Task<T>) => Outcome<T>;
/**
 * Adds a done callback of the module's own, which runs in whatever scope the task ends in.
 *
 * @internal
 */
export let addInternalDoneCallback: <T>(task: Task<T>, cb: DoneCallback<T>) => void;

/**
 * A function running concurrently, with asyncio's `Task` interface: `cancel`, `cancelled`,
 * `done`, `result`, `exception`, done callbacks and a name. Create it with
 * {@linkcode createTask}; it starts at once. A Task is a native `Promise` (asyncio's Task is
 * a Future): `await task` gives its result, or throws its error (a `CancelledError` if it
 * was cancelled); `then`, `catch` and `finally` return plain promises, and `await`,
 * `Promise.all` and the rest take it as directly as any promise (its `constructor` is
 * `Promise`, so they wrap it in nothing). `Task.resolve` and the other static methods of
 * `Promise` are not for it: use `Promise`'s.
 *
 * **Cancellation.** Each task owns an `AbortController`; its function runs in the task's
 * cancel scope and gets its signal. `task.cancel(msg)` aborts it with
 * `new CancelledError(msg)`, which reaches every wait of this module (`sleep`, locks,
 * queues, `gather`, …) started anywhere in the function's async call tree, with no
 * `signal` passed (ambient cancellation: see {@linkcode enableAmbientCancellation} for the
 * hosts where it is on), and wherever the function passes the signal on
 * (`fetch(url, { signal: currentSignal() })`). JavaScript cannot throw into someone else's
 * `await`: a promise or timer this module did not make goes on.
 * The task is cancelled when its function ends with a `CancelledError` (or with the
 * signal's reason); a function that catches it and returns normally completes normally, as
 * in asyncio. The signal stays aborted: later waits in the task are cancelled at once (run a
 * clean-up that must wait in {@linkcode uncancellable}). A task created inside another is
 * independent: it is not cancelled with its creator (use a `TaskGroup` for that).
 *
 * **Errors are never lost.** A cancelled task never causes an unhandled rejection. A task
 * whose function throws behaves like a rejected promise: unless somebody awaits it (or calls
 * `then`, `result()` or `exception()`) by the end of the turn in which it fails, the error is
 * reported as an unhandled rejection.
 *
 * @typeParam T The type of the result.
 *
 * @example Create, await and inspect a task
 * ```ts
 * import { createTask, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const task = createTask(async (signal) => {
 *   await sleep(1, { signal });
 *   return 42;
 * }, { name: "answer" });
 * assert.equal(task.done(), false);
 * assert.equal(await task, 42);
 * assert.equal(task.result(), 42);
 * assert.equal(task.name, "answer");
 * ```
 *
 * @example Cancel a task
 * ```ts
 * import { CancelledError, createTask, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install();
 * const task = createTask((signal) => sleep(60, { signal }));
 * assert.equal(task.cancel("enough"), true);
 * await assert.rejects(task, { name: "CancelledError", message: "enough" });
 * assert.equal(task.cancelled(), true);
 * assert.equal(clock.pending, 0);
 * ```
 *
 * @category Tasks
 */
export class Task<T> extends Promise<T> {
  static {
    // `await task` and `Promise.all` take a Task as it is (with `Task` as its constructor,
    // they would wrap it in a new promise and a thenable job), and `then` makes plain
    // promises: its `constructor` is `Promise`.
    Object.defineProperty(this.prototype, "constructor", {
      value: Promise,
      writable: true,
      configurable: true,
    });
    addInternalDoneCallback = (task, cb) => task.#addDoneCallback(cb, null);
    outcomeOf = (task) =>
      task.#state === "fulfilled"
        ? { ok: true, value: task.#outcome as never }
        : { ok: false, error: task.#outcome };
  }

  /**
   * `Promise`: what `then`, `catch` and `finally` of a task (of a subclass's too) build their
   * promise with, since a Task's constructor runs a function rather than an executor.
   */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  // Four fields: V8 keeps that many in the promise object itself (a fifth moved them all
  // out, measured 25 % slower to create on Deno); the rest lives in closures.
  #name: string | number; // a number N until read: the default name `Task-N`, made lazily
  #state: State = "pending";
  /**
   * While pending: the done callbacks, each with the scope it was added in (`null`:
   * internal, any scope), made on first use. Once done: the result, or the error.
   */
  #outcome: Callbacks<T> | undefined | T | unknown;
  // Made when first asked for (a wait in the task, `task.signal`, a parameter of `fn`) or
  // by `cancel()`: a task that never waits costs no AbortController. Aborted only by
  // `cancel()`, so its reason is the `CancelledError`.
  #controller: AbortController | undefined;

  /**
   * Starts `fn` at once (it runs synchronously up to its first `await`). Prefer
   * {@linkcode createTask}.
   *
   * @param fn The function to run; it gets the task's signal.
   * @param options `name`: the task's name.
   */
  constructor(fn: TaskFunction<T>, options?: TaskOptions) {
    if (typeof fn !== "function") {
      throw new TypeError(`Cannot create task: "fn" must be a function, received ${describe(fn)}`);
    }
    const name = options?.name ?? undefined; // null options or name (JavaScript): the default
    if (name !== undefined && typeof name !== "string") {
      throw new TypeError(
        `Cannot create task: "name" must be a string, received ${describe(name)}`,
      );
    }
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    super((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#name = name ?? ++counter;
    let result: T | PromiseLike<T>;
    try {
      // The signal goes through `run` as an argument: no closure to hand it over.
      result = runInScope(new TaskScope(this), fn, fn.length === 0 ? undefined! : this.signal);
    } catch (error) {
      this.#fail(error, reject);
      return;
    }
    Task.#follow(this, result, resolve, reject);
  }

  /** Ends `task` with `result`'s outcome: closures over these alone, not the constructor's. */
  static #follow<T>(
    task: Task<T>,
    result: T | PromiseLike<T>,
    resolve: (value: T) => void,
    reject: (error: unknown) => void,
  ): void {
    Promise.resolve(result).then(
      (value) => task.#succeed(value, resolve),
      (error) => task.#fail(error, reject),
    );
  }

  /** The task's name. */
  get name(): string {
    return this.#nameText();
  }

  /** Renames the task (any value is converted to a string), as Python's `task.set_name()`. */
  set name(value: string) {
    this.#name = String(value);
  }

  /** The signal the task passes to its function; aborted by {@linkcode Task.cancel}. */
  get signal(): AbortSignal {
    return (this.#controller ??= ownedController()).signal;
  }

  /**
   * Returns the task's name, like asyncio's `get_name()`.
   *
   * @returns The name.
   */
  getName(): string {
    return this.#nameText();
  }

  /**
   * Renames the task, like asyncio's `set_name()`.
   *
   * @param name The new name.
   */
  setName(name: string): void {
    this.name = name;
  }

  /**
   * Requests cancellation: aborts the task's signal with `new CancelledError(msg)`.
   *
   * @param msg The cancel message, the `message` of the `CancelledError`: any value, as in
   * asyncio. A string as is, `undefined` or `null` as `""`, anything else as `String(msg)`
   * (a symbol as `Symbol(description)`); should that throw, a plain description of it.
   * @returns `false` if the task is already done, otherwise `true`.
   */
  cancel(msg?: unknown): boolean {
    if (this.#state !== "pending") return false;
    const controller = this.#controller ??= ownedController();
    if (!controller.signal.aborted) abortOwned(controller, new CancelledError(cancelMessage(msg)));
    return true;
  }

  /**
   * Whether the task ended cancelled.
   *
   * @returns `true` once the task is done and was cancelled.
   */
  cancelled(): boolean {
    return this.#state === "cancelled";
  }

  /**
   * Whether the task is done: it returned, threw or was cancelled.
   *
   * @returns `true` once the task is done.
   */
  done(): boolean {
    return this.#state !== "pending";
  }

  /**
   * Returns the result of a task that returned.
   *
   * @returns The result.
   * @throws {InvalidStateError} While the task is pending.
   * @throws {CancelledError} If it was cancelled.
   * @throws The task's error, if it threw.
   */
  result(): T {
    this.#observe("result");
    if (this.#state === "fulfilled") return this.#outcome as T;
    throw this.#outcome;
  }

  /**
   * Returns the error a task threw, or `null` if it returned (asyncio's `None`).
   *
   * @returns The error, or `null`.
   * @throws {InvalidStateError} While the task is pending.
   * @throws {CancelledError} If it was cancelled.
   */
  exception(): unknown {
    this.#observe("exception");
    if (this.#state === "cancelled") throw this.#outcome;
    return this.#state === "rejected" ? this.#outcome : null;
  }

  /**
   * Calls `cb(task)` once the task is done (soon after, if it already is), in order of
   * registration.
   *
   * @param cb The callback.
   */
  addDoneCallback(cb: DoneCallback<T>): void {
    if (typeof cb !== "function") {
      throw new TypeError(
        `Cannot add done callback: "cb" must be a function, received ${describe(cb)}`,
      );
    }
    this.#addDoneCallback(cb, currentScope());
  }

  #addDoneCallback(cb: DoneCallback<T>, scope: Scope | undefined | null): void {
    if (this.#state === "pending") ((this.#outcome ??= []) as Callbacks<T>).push([cb, scope]);
    else this.#runCallback(cb, scope);
  }

  /**
   * Removes every registration of `cb`.
   *
   * @param cb The callback.
   * @returns How many registrations were removed.
   */
  removeDoneCallback(cb: DoneCallback<T>): number {
    if (this.#state !== "pending" || this.#outcome === undefined) return 0;
    const callbacks = this.#outcome as Callbacks<T>;
    const kept = this.#outcome = callbacks.filter(([c]) => c !== cb);
    return callbacks.length - kept.length;
  }

  /** A short description, such as `Task<answer pending>`. */
  override toString(): string {
    return `Task<${this.#nameText()} ${this.#state}>`;
  }

  #nameText(): string {
    const name = this.#name;
    return typeof name === "string" ? name : (this.#name = `Task-${name}`);
  }

  #observe(what: string): void {
    if (this.#state === "pending") {
      throw new InvalidStateError(
        `Cannot get ${what}: task "${this.#nameText()}" is still pending`,
      );
    }
    this.then(undefined, ignore);
  }

  #succeed(value: T, resolve: (value: T) => void): void {
    const callbacks = this.#end("fulfilled", value);
    resolve(value);
    this.#runCallbacks(callbacks);
  }

  #fail(error: unknown, reject: (error: unknown) => void): void {
    // The signal is only ever aborted with a CancelledError, so its reason is one too.
    const cancelled = error instanceof CancelledError;
    const callbacks = this.#end(cancelled ? "cancelled" : "rejected", error);
    if (cancelled) this.then(undefined, ignore);
    reject(error);
    this.#runCallbacks(callbacks);
  }

  /**
   * The task is done: what its scope combined with the caller's signals is let go, and its
   * outcome replaces the done callbacks, which it returns.
   */
  #end(state: State, outcome: T | unknown): Callbacks<T> | undefined {
    if (this.#controller !== undefined) releaseScope(this.#controller.signal);
    const callbacks = this.#outcome as Callbacks<T> | undefined;
    this.#state = state;
    this.#outcome = outcome;
    return callbacks;
  }

  #runCallbacks(callbacks: Callbacks<T> | undefined): void {
    if (callbacks === undefined) return;
    for (const [cb, scope] of callbacks) this.#runCallback(cb, scope);
  }

  /** Soon, in the scope it was added in (asyncio runs it in the context it was added in). */
  #runCallback(cb: DoneCallback<T>, scope: Scope | undefined | null): void {
    if (scope === null) Promise.resolve().then(() => cb(this));
    else runInScope(scope, () => Promise.resolve().then(() => cb(this)), undefined);
  }
}

/** A task's cancel scope: its signal, made when a wait first asks for it. */
class TaskScope implements Scope {
  readonly task: { readonly signal: AbortSignal };
  #signal: AbortSignal | undefined; // the task's, once asked for: every wait reads it
  constructor(task: { readonly signal: AbortSignal }) {
    this.task = task;
  }
  get signal(): AbortSignal {
    return this.#signal ??= this.task.signal;
  }
}

/**
 * Starts `fn` as a {@linkcode Task}, like `asyncio.create_task`: it runs at once up to its
 * first `await`, and the task is returned to be awaited, inspected or cancelled.
 *
 * @typeParam T The type of the result.
 * @param fn The function to run; it gets the task's `AbortSignal`, to pass to its waits.
 * @param options `name`: the task's name (default `Task-N`).
 * @returns The running task.
 * @throws {TypeError} If `fn` is not a function or `name` not a string.
 *
 * @example Run two tasks concurrently
 * ```ts
 * import { createTask, loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const a = createTask(async (signal) => (await sleep(2, { signal }), "a"));
 * const b = createTask(async (signal) => (await sleep(3, { signal }), "b"));
 * assert.deepEqual([await a, await b], ["a", "b"]);
 * assert.equal(loopTime(), 3);
 * ```
 *
 * @category Tasks
 */
export function createTask<T>(fn: TaskFunction<T>, options?: TaskOptions): Task<T> {
  return new Task(fn, options);
}

/**
 * Calls `onDone` with the outcome once `task` is done, without observing its error: a
 * failure nobody else looks at is still reported as an unhandled rejection.
 *
 * @internal
 */
export function whenTaskDone<T>(task: Task<T>, onDone: (outcome: Outcome<T>) => void): void {
  addInternalDoneCallback(task, () => onDone(outcomeOf(task)));
}
