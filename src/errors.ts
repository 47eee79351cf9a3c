/**
 * The errors of this module that callers catch: cancellation, timeouts, invalid state,
 * queues and barriers. Bad arguments are `RangeError` / `TypeError`, never these.
 *
 * `instanceof` works across copies of the module loaded in one process (the ESM and
 * CommonJS builds, two installs): each error carries its class name under
 * `Symbol.for("@aio/asyncio.error@1")`, which `instanceof` checks.
 *
 * @example A CancelledError is recognised whichever copy made it
 * ```ts
 * import { CancelledError } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const fromAnotherCopy = Object.defineProperty(
 *   new Error("stop"),
 *   Symbol.for("@aio/asyncio.error@1"),
 *   { value: "CancelledError" },
 * );
 * assert.ok(fromAnotherCopy instanceof CancelledError);
 * assert.ok(!(new Error("stop") instanceof CancelledError));
 * ```
 *
 * @module
 */

/**
 * Error identity shared by every copy of this module in a process (ESM and CommonJS builds,
 * two installs): each instance carries its class name under one `Symbol.for` key, and
 * `instanceof` checks it, so a `CancelledError` thrown by one copy is an `instanceof` the
 * other's. Subclasses keep the ordinary prototype check.
 */
const BRAND = Symbol.for("@aio/asyncio.error@1");
const ordinary = Function.prototype[Symbol.hasInstance];

function brand(error: Error, name: string): void {
  Object.defineProperty(error, BRAND, { value: name, configurable: true });
}

function isBranded(cls: unknown, base: unknown, name: string, value: unknown): boolean {
  if (ordinary.call(cls, value)) return true;
  return cls === base && typeof value === "object" && value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === name;
}

/**
 * Thrown into a wait (and out of a Task) that was cancelled, like asyncio's
 * `CancelledError`. `message` is the cancel message; `cause` keeps the abort reason when
 * the cancellation came from an `AbortSignal` aborted with something else.
 *
 * @example Cancel a sleep with an AbortController
 * ```ts
 * import { CancelledError, sleep } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const controller = new AbortController();
 * const done = sleep(60, { signal: controller.signal });
 * controller.abort(new CancelledError("stop"));
 * await assert.rejects(done, { name: "CancelledError", message: "stop" });
 * ```
 *
 * @category Errors
 */
export class CancelledError extends Error {
  /**
   * Whether `value` is a `CancelledError`, from this copy of the module or any other loaded in
   * the process (the ESM and CommonJS builds, two installs).
   *
   * @param value What to test.
   * @returns Whether `value` is a `CancelledError`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, CancelledError, "CancelledError", value);
  }

  /**
   * Creates a cancellation error.
   *
   * @param message The cancel message (empty by default, as in asyncio).
   * @param options `cause`: what the cancellation came from.
   */
  constructor(message = "", options?: ErrorOptions) {
    super(message, options);
    this.name = "CancelledError";
    brand(this, "CancelledError");
  }
}

/**
 * Thrown when an operation is not allowed in the current state, like asyncio's
 * `InvalidStateError`: for example `task.result()` while the task is still pending.
 *
 * @example Ask a pending task for its result
 * ```ts
 * import { createTask, InvalidStateError, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install();
 * const task = createTask((signal) => sleep(1, { signal }));
 * assert.throws(() => task.result(), InvalidStateError);
 * await clock.advance(1);
 * assert.equal(task.result(), undefined);
 * ```
 *
 * @category Errors
 */
export class InvalidStateError extends Error {
  /**
   * Whether `value` is a `InvalidStateError`, from this copy of the module or any other loaded in
   * the process (the ESM and CommonJS builds, two installs).
   *
   * @param value What to test.
   * @returns Whether `value` is a `InvalidStateError`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, InvalidStateError, "InvalidStateError", value);
  }

  /**
   * Creates an invalid-state error.
   *
   * @param message What was not allowed.
   */
  constructor(message: string) {
    super(message);
    this.name = "InvalidStateError";
    brand(this, "InvalidStateError");
  }
}

/**
 * Thrown when a deadline passes, like asyncio's `TimeoutError`: by `waitFor`, `timeout`,
 * `asCompleted` and `wait` with a `timeout`.
 *
 * @example Recognise a timeout
 * ```ts
 * import { TimeoutError } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const error = new TimeoutError("Timed out after 1 s");
 * assert.equal(error.name, "TimeoutError");
 * assert.ok(error instanceof Error);
 * ```
 *
 * @category Errors
 */
export class TimeoutError extends Error {
  /**
   * Whether `value` is a `TimeoutError`, from this copy of the module or any other loaded in
   * the process (the ESM and CommonJS builds, two installs).
   *
   * @param value What to test.
   * @returns Whether `value` is a `TimeoutError`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, TimeoutError, "TimeoutError", value);
  }

  /**
   * Creates a timeout error.
   *
   * @param message What timed out.
   * @param options `cause`: the cancellation the timeout turned into this error.
   */
  constructor(message = "Timed out", options?: ErrorOptions) {
    super(message, options);
    this.name = "TimeoutError";
    brand(this, "TimeoutError");
  }
}

/**
 * Thrown by `putNowait()` on a full queue, like asyncio's `QueueFull`.
 *
 * @example Put into a full queue without waiting
 * ```ts
 * import { Queue, QueueFull } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const queue = new Queue<string>(1);
 * queue.putNowait("a");
 * assert.throws(() => queue.putNowait("b"), QueueFull);
 * assert.throws(() => queue.putNowait("b"), {
 *   name: "QueueFull",
 *   message: "Cannot put: the queue is full (maxsize 1)",
 * });
 * ```
 *
 * @category Errors
 */
export class QueueFull extends Error {
  /**
   * Whether `value` is a `QueueFull`, from this copy of the module or any other loaded in
   * the process (the ESM and CommonJS builds, two installs).
   *
   * @param value What to test.
   * @returns Whether `value` is a `QueueFull`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, QueueFull, "QueueFull", value);
  }

  /**
   * Creates a queue-full error.
   *
   * @param message What could not be put.
   */
  constructor(message = "Queue is full") {
    super(message);
    this.name = "QueueFull";
    brand(this, "QueueFull");
  }
}

/**
 * Thrown by `getNowait()` on an empty queue, like asyncio's `QueueEmpty`.
 *
 * @example Get from an empty queue without waiting
 * ```ts
 * import { Queue, QueueEmpty } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const queue = new Queue<string>();
 * assert.throws(() => queue.getNowait(), QueueEmpty);
 * assert.throws(() => queue.getNowait(), {
 *   name: "QueueEmpty",
 *   message: "Cannot get: the queue is empty",
 * });
 * ```
 *
 * @category Errors
 */
export class QueueEmpty extends Error {
  /**
   * Whether `value` is a `QueueEmpty`, from this copy of the module or any other loaded in
   * the process (the ESM and CommonJS builds, two installs).
   *
   * @param value What to test.
   * @returns Whether `value` is a `QueueEmpty`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, QueueEmpty, "QueueEmpty", value);
  }

  /**
   * Creates a queue-empty error.
   *
   * @param message What could not be got.
   */
  constructor(message = "Queue is empty") {
    super(message);
    this.name = "QueueEmpty";
    brand(this, "QueueEmpty");
  }
}

/**
 * Thrown by a queue that was shut down, like asyncio's `QueueShutDown` (Python 3.13): by
 * every put, by gets once the queue is empty (at once after `shutdown(true)`), and into the
 * puts and gets that were waiting when it was shut down.
 *
 * @example Producers stop, consumers drain what is left
 * ```ts
 * import { Queue, QueueShutDown } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const queue = new Queue<number>();
 * queue.putNowait(1);
 * queue.shutdown();
 * assert.throws(() => queue.putNowait(2), QueueShutDown);
 * assert.equal(await queue.get(), 1);
 * await assert.rejects(queue.get(), {
 *   name: "QueueShutDown",
 *   message: "Cannot get: the queue is shut down and empty",
 * });
 * ```
 *
 * @category Errors
 */
export class QueueShutDown extends Error {
  /**
   * Whether `value` is a `QueueShutDown`, from this copy of the module or any other loaded in
   * the process (the ESM and CommonJS builds, two installs).
   *
   * @param value What to test.
   * @returns Whether `value` is a `QueueShutDown`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, QueueShutDown, "QueueShutDown", value);
  }

  /**
   * Creates a queue-shut-down error.
   *
   * @param message What could not be done.
   */
  constructor(message = "Queue is shut down") {
    super(message);
    this.name = "QueueShutDown";
    brand(this, "QueueShutDown");
  }
}

/**
 * Thrown into the tasks waiting at a `Barrier` that is reset or aborted, and by
 * `wait()` on an aborted barrier, like asyncio's `BrokenBarrierError`.
 *
 * @example Abort a barrier
 * ```ts
 * import { Barrier, BrokenBarrierError } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const barrier = new Barrier(2);
 * const waiting = barrier.wait();
 * barrier.abort();
 * await assert.rejects(waiting, BrokenBarrierError);
 * await assert.rejects(barrier.wait(), {
 *   name: "BrokenBarrierError",
 *   message: "Cannot wait: the barrier was aborted",
 * });
 * ```
 *
 * @category Errors
 */
export class BrokenBarrierError extends Error {
  /**
   * Whether `value` is a `BrokenBarrierError`, from this copy of the module or any other loaded in
   * the process (the ESM and CommonJS builds, two installs).
   *
   * @param value What to test.
   * @returns Whether `value` is a `BrokenBarrierError`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, BrokenBarrierError, "BrokenBarrierError", value);
  }

  /**
   * Creates a broken-barrier error.
   *
   * @param message Why the barrier could not be passed.
   */
  constructor(message = "Barrier is broken") {
    super(message);
    this.name = "BrokenBarrierError";
    brand(this, "BrokenBarrierError");
  }
}

/**
 * Thrown by a `TaskGroup` whose tasks failed (and, with `TaskGroup.run`, whose body
 * failed), like the `ExceptionGroup` asyncio's `TaskGroup` raises. `errors` holds every
 * failure: the tasks' in the order they happened, then the body's; cancellations are not
 * failures and never appear.
 *
 * @example Catch the failures of a task group
 * ```ts
 * import { TaskGroup, TaskGroupError } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const boom = new Error("boom");
 * const failed = TaskGroup.run((tg) => {
 *   tg.createTask(() => Promise.reject(boom));
 * });
 * await assert.rejects(failed, (error) => {
 *   assert.ok(error instanceof TaskGroupError);
 *   assert.ok(error instanceof AggregateError);
 *   assert.equal(error.message, "Unhandled errors in a TaskGroup (1 error)");
 *   assert.deepEqual(error.errors, [boom]);
 *   return true;
 * });
 * ```
 *
 * @category Errors
 */
export class TaskGroupError extends AggregateError {
  /**
   * Whether `value` is a `TaskGroupError`, from this copy of the module or any other loaded in
   * the process (the ESM and CommonJS builds, two installs).
   *
   * @param value What to test.
   * @returns Whether `value` is a `TaskGroupError`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, TaskGroupError, "TaskGroupError", value);
  }

  /**
   * Creates a task-group error.
   *
   * @param errors The failures, in the order they happened.
   * @param message The message (default: `Unhandled errors in a TaskGroup (N errors)`).
   */
  constructor(errors: Iterable<unknown>, message?: string) {
    const list = [...errors];
    const count = `${list.length} ${list.length === 1 ? "error" : "errors"}`;
    super(list, message ?? `Unhandled errors in a TaskGroup (${count})`);
    this.name = "TaskGroupError";
    brand(this, "TaskGroupError");
  }
}
