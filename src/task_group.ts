/**
 * `TaskGroup`: run tasks together and wait for all of them; the first failure cancels the
 * rest, like `asyncio.TaskGroup`.
 *
 * @module
 */
import { abortOwned, cancelledError, onAbort, ownedController } from "./_abort.ts";
import { releaseScope, signalOf } from "./_options.ts";
import { runInNestedScope } from "./_scope.ts";
import { describe } from "./_validate.ts";
import { Waiters } from "./_waiters.ts";
import { CancelledError, InvalidStateError, TaskGroupError } from "./errors.ts";
import { addInternalDoneCallback, Task, type TaskFunction, type TaskOptions } from "./task.ts";

/**
 * Options for {@linkcode TaskGroup} and {@linkcode TaskGroup.run}.
 *
 * @category Tasks
 */
export interface TaskGroupOptions {
  /**
   * Aborting it cancels the group from outside: every task of the group is cancelled and
   * {@linkcode TaskGroup.signal} aborts. `TaskGroup.run` then rejects with
   * `CancelledError` once the tasks are done (unless some failed: `TaskGroupError`).
   */
  signal?: AbortSignal | undefined;
}

/** How the body of {@linkcode TaskGroup.run} ended. */
type Outcome<T> = { value: T } | { error: unknown };

/**
 * A group of tasks that end together, like `asyncio.TaskGroup`: the group is done once all
 * its tasks are; the first task that fails cancels the others; the failures are thrown
 * together as a {@linkcode TaskGroupError} (an `AggregateError`), cancellations left out.
 * No task outlives its group.
 *
 * Two ways to use it:
 *
 * - `TaskGroup.run(async (tg) => { … })` (preferred): runs the body, waits for every task,
 *   and returns what the body returned. A body that throws cancels the tasks and its error
 *   joins the `TaskGroupError`, as in asyncio.
 * - `await using tg = new TaskGroup()`: the end of the block waits for every task
 *   (`[Symbol.asyncDispose]`). JavaScript does not tell a disposer that the block threw, so
 *   unlike Python's `__aexit__` a throwing body does **not** cancel the tasks (it waits
 *   for them to finish: call `tg.cancel()` in a `catch` if needed, or use `run`), and if
 *   both the body and tasks fail, JavaScript throws a `SuppressedError` whose `error` is
 *   the `TaskGroupError` and whose `suppressed` is the body's error; that includes a body
 *   that waited on `tg.signal` when a task failed. The block never ends with
 *   `CancelledError` of its own: cancellation reaches the body through `tg.signal`.
 *
 * **Cancellation.** JavaScript cannot throw into the body's `await`s: the body sees the
 * group's cancellation through {@linkcode TaskGroup.signal}, which aborts as soon as the
 * group starts shutting down (a task failed, the body of `run` threw, `tg.cancel()` was
 * called, or the `signal` option aborted). Each task gets its own signal, aborted then.
 *
 * @example Run three tasks at once, wait for all
 * ```ts
 * import { loopTime, sleep, TaskGroup, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const results = await TaskGroup.run((tg) =>
 *   [3, 1, 2].map((s) => tg.createTask(async (signal) => (await sleep(s, { signal }), s)))
 * );
 * assert.equal(loopTime(), 3);
 * assert.deepEqual(results?.map((task) => task.result()), [3, 1, 2]);
 * ```
 *
 * @example The first failure cancels the rest
 * ```ts
 * import { loopTime, sleep, TaskGroup, TaskGroupError, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const boom = new Error("boom");
 * const slow = { cancelled: false };
 * await assert.rejects(
 *   TaskGroup.run((tg) => {
 *     tg.createTask(async (signal) => {
 *       await sleep(60, { signal }).catch((error) => {
 *         slow.cancelled = true;
 *         throw error;
 *       });
 *     });
 *     tg.createTask(async (signal) => {
 *       await sleep(1, { signal });
 *       throw boom;
 *     });
 *   }),
 *   (error) => error instanceof TaskGroupError && error.errors[0] === boom,
 * );
 * assert.equal(slow.cancelled, true);
 * assert.equal(loopTime(), 1);
 * ```
 *
 * @example With await using
 * ```ts
 * import { loopTime, sleep, TaskGroup, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * {
 *   await using tg = new TaskGroup();
 *   tg.createTask((signal) => sleep(2, { signal }));
 *   tg.createTask((signal) => sleep(1, { signal }));
 * }
 * assert.equal(loopTime(), 2);
 * ```
 *
 * @category Tasks
 */
export class TaskGroup implements AsyncDisposable {
  #tasks = new Set<Pick<Task<unknown>, "cancel">>();
  #errors: unknown[] = [];
  #controller = ownedController();
  #idle = new Waiters();
  #outer: AbortSignal | undefined;
  #unsubscribe: (() => void) | undefined;
  #aborting = false; // shutting down: tasks cancelled, signal aborted
  #reason: CancelledError | undefined; // why
  #cancelCalled = false; // cancel() shut the group down: a non-exceptional exit
  #exiting = false;
  #finished = false;

  /**
   * Creates a task group, open for tasks at once.
   *
   * @param options `signal`: cancels the group when aborted (an already aborted signal
   * gives a group that is shutting down from the start).
   * @throws {TypeError} If `signal` is not an `AbortSignal`.
   */
  constructor(options: TaskGroupOptions = {}) {
    options ??= {}; // JavaScript callers may pass null
    const outer = signalOf("create TaskGroup", options);
    this.#outer = outer;
    if (outer?.aborted) this.#abort(cancelledError(outer));
    else if (outer) this.#unsubscribe = onAbort(outer, () => this.#abort(cancelledError(outer)));
  }

  /**
   * Runs `fn(tg)` with a new group, waits for every task of the group, and returns what
   * `fn` returned, like `async with TaskGroup() as tg:` in asyncio. If a task fails, the
   * others are cancelled and `tg.signal` aborts. If `fn` throws, the tasks are cancelled
   * and its error is one of the `TaskGroupError`'s `errors` (a `CancelledError` from the
   * group's own cancellation is not). After `tg.cancel()`, the group ends without error.
   *
   * @typeParam T What `fn` returns.
   * @param fn The body: it gets the group, to create tasks with.
   * @param options `signal`: cancels the group when aborted; `run` then rejects with
   * `CancelledError` once the tasks are done (an already aborted signal rejects at once,
   * without calling `fn`).
   * @returns A promise of what `fn` returned, or `undefined` if `fn` ended with the
   * `CancelledError` of `tg.cancel()` (waiting on `tg.signal`).
   * @throws {TaskGroupError} If tasks (or `fn`) failed: every failure, in order.
   * @throws {CancelledError} If `signal` aborted and nothing failed.
   * @throws {TypeError} If `fn` is not a function or `signal` not an `AbortSignal`.
   *
   * @example Stop the group early with cancel()
   * ```ts
   * import { loopTime, sleep, TaskGroup, VirtualClock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * using _clock = VirtualClock.install({ autojump: true });
   * const found = await TaskGroup.run(async (tg) => {
   *   tg.createTask((signal) => sleep(60, { signal })); // a service, running forever
   *   await sleep(5, { signal: tg.signal });
   *   tg.cancel();
   *   return "done";
   * });
   * assert.equal(found, "done");
   * assert.equal(loopTime(), 5);
   * ```
   */
  static async run<T>(
    fn: (tg: TaskGroup) => T | PromiseLike<T>,
    options?: TaskGroupOptions,
  ): Promise<T | undefined> {
    if (typeof fn !== "function") {
      throw new TypeError(
        `Cannot run TaskGroup: "fn" must be a function, received ${describe(fn)}`,
      );
    }
    const signal = signalOf("run TaskGroup", options);
    if (signal?.aborted) throw cancelledError(signal);
    const tg = new TaskGroup({ signal });
    let outcome: Outcome<T>;
    try {
      // The body runs in the group's scope: a child's failure or `tg.cancel()` cancels it.
      outcome = { value: await runInNestedScope(tg.signal, () => fn(tg)) };
    } catch (error) {
      outcome = { error };
    }
    await tg.#exit(outcome);
    return "value" in outcome ? outcome.value : undefined;
  }

  /**
   * The group's signal: aborted (with a `CancelledError`) as soon as the group starts
   * shutting down. Pass it to the waits of the body so that they stop too.
   */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * Starts `fn` as a task of the group, like asyncio's `create_task()`: it runs at once up
   * to its first `await`. Its signal aborts when the task is cancelled, which the group
   * does when it shuts down. Tasks may add tasks to the group until it is finished.
   *
   * @typeParam T What the task returns.
   * @param fn The function to run; it gets the task's `AbortSignal`.
   * @param options `name`: the task's name.
   * @returns The running task.
   * @throws {InvalidStateError} If the group is shutting down or finished.
   * @throws {TypeError} If `fn` is not a function or `name` not a string.
   *
   * @example Refused after the group finished
   * ```ts
   * import { TaskGroup } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * let group: TaskGroup | undefined;
   * await TaskGroup.run((tg) => {
   *   group = tg;
   * });
   * assert.throws(() => group!.createTask(() => 1), {
   *   name: "InvalidStateError",
   *   message: "Cannot create task: the TaskGroup is finished",
   * });
   * ```
   */
  createTask<T>(fn: TaskFunction<T>, options?: TaskOptions): Task<T> {
    if (this.#finished || (this.#exiting && this.#tasks.size === 0)) {
      throw new InvalidStateError("Cannot create task: the TaskGroup is finished");
    }
    if (this.#aborting) {
      throw new InvalidStateError("Cannot create task: the TaskGroup is shutting down");
    }
    const task = new Task(fn, options);
    this.#tasks.add(task);
    addInternalDoneCallback(task, this.#onDone);
    // The task ran up to its first await: it may have shut the group down already.
    if (this.#aborting) task.cancel(this.#reason!.message);
    return task;
  }

  /**
   * Cancels the group, like asyncio's `TaskGroup.cancel()` (Python 3.15): cancels every
   * task that is not done and aborts `tg.signal`; the group then ends **without** error
   * (unless tasks failed). An early, non-exceptional exit: use it once the group's goal is
   * met. Idempotent; does nothing once the group is finished.
   *
   * @param msg The cancel message, the `message` of the tasks' `CancelledError`.
   *
   * @example Cancel from a task once the goal is met
   * ```ts
   * import { loopTime, sleep, TaskGroup, VirtualClock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * using _clock = VirtualClock.install({ autojump: true });
   * await TaskGroup.run((tg) => {
   *   tg.createTask((signal) => sleep(60, { signal }));
   *   tg.createTask(async (signal) => {
   *     await sleep(2, { signal });
   *     tg.cancel("found it");
   *   });
   * });
   * assert.equal(loopTime(), 2);
   * ```
   */
  cancel(msg?: string): void {
    if (this.#finished || this.#aborting) return;
    this.#cancelCalled = true;
    this.#abort(new CancelledError(msg ?? ""));
  }

  /**
   * Waits for every task of the group, the end of an `await using` block. It cannot see
   * whether the block threw, so it does not cancel the tasks for that (see the class
   * notes); it throws only for failed tasks.
   *
   * @returns A promise that resolves once every task is done.
   * @throws {TaskGroupError} If tasks failed: every failure, in order.
   * @throws {InvalidStateError} If the group was already exited.
   *
   * @example Failures thrown at the end of the block
   * ```ts
   * import { TaskGroup, TaskGroupError } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const boom = new Error("boom");
   * await assert.rejects(async () => {
   *   await using tg = new TaskGroup();
   *   tg.createTask(() => Promise.reject(boom));
   * }, (error) => error instanceof TaskGroupError && error.errors[0] === boom);
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.#exit(undefined);
  }

  /** The exit of the group; `outcome` is how the body of `run` ended (unknown if undefined). */
  async #exit(outcome: Outcome<unknown> | undefined): Promise<void> {
    if (this.#exiting) throw new InvalidStateError("Cannot exit TaskGroup: it was already exited");
    this.#exiting = true;
    const bodyError = outcome !== undefined && "error" in outcome;
    if (bodyError && !this.#aborting) this.#abort(new CancelledError());
    while (this.#tasks.size > 0) await this.#idle.wait();
    this.#finished = true;
    this.#unsubscribe?.();
    releaseScope(this.#controller.signal);
    if (outcome !== undefined) this.#settleBody(outcome);
    if (this.#errors.length > 0) throw new TaskGroupError(this.#errors);
  }

  /**
   * How `run` ends, as asyncio's `__aexit__`: the body's failure joins the errors (last);
   * with no errors, a cancellation not of the group's own making propagates.
   */
  #settleBody(outcome: Outcome<unknown>): void {
    const cancelled = "error" in outcome && outcome.error instanceof CancelledError;
    if ("error" in outcome && !cancelled) this.#errors.push(outcome.error);
    if (this.#errors.length > 0) return;
    const outer = this.#outer?.aborted ? cancelledError(this.#outer) : undefined;
    if (cancelled && (outer !== undefined || !this.#cancelCalled)) throw outcome.error;
    if (outer !== undefined) throw outer;
  }

  /** Cancels the tasks, then the body (through the signal), as asyncio does. */
  #abort(reason: CancelledError): void {
    this.#aborting = true;
    this.#reason = reason;
    for (const task of this.#tasks) task.cancel(reason.message);
    abortOwned(this.#controller, reason);
  }

  #onDone = <T>(task: Task<T>): void => {
    this.#tasks.delete(task);
    if (this.#tasks.size === 0) this.#idle.wakeAll();
    if (task.cancelled()) return;
    try {
      task.result();
      return;
    } catch (error) {
      this.#errors.push(error);
    }
    if (!this.#aborting) this.#abort(new CancelledError());
  };
}
