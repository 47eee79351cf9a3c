/**
 * The errors of this module that callers catch: cancellation, timeouts, invalid state,
 * queues and barriers. Bad arguments are `RangeError` / `TypeError`, never these.
 *
 * @module
 */

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
 */
export class CancelledError extends Error {
  /**
   * Creates a cancellation error.
   *
   * @param message The cancel message (empty by default, as in asyncio).
   * @param options `cause`: what the cancellation came from.
   */
  constructor(message = "", options?: ErrorOptions) {
    super(message, options);
    this.name = "CancelledError";
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
 */
export class InvalidStateError extends Error {
  /**
   * Creates an invalid-state error.
   *
   * @param message What was not allowed.
   */
  constructor(message: string) {
    super(message);
    this.name = "InvalidStateError";
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
 */
export class TimeoutError extends Error {
  /**
   * Creates a timeout error.
   *
   * @param message What timed out.
   * @param options `cause`: the cancellation the timeout turned into this error.
   */
  constructor(message = "Timed out", options?: ErrorOptions) {
    super(message, options);
    this.name = "TimeoutError";
  }
}
