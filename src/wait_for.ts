/**
 * `waitFor`: wait for an awaitable with a timeout, cancelling it if the time runs out, like
 * `asyncio.wait_for`.
 *
 * @module
 */
import { cancelledError, onAbort } from "./_abort.ts";
import { isAwaitable } from "./_awaitables.ts";
import { shield } from "./shield.ts";
import { Task, type TaskFunction } from "./task.ts";
import { timeout } from "./timeout.ts";
import { signalOf } from "./_options.ts";
import { checkTimeout, describe } from "./_validate.ts";

/**
 * Options for {@linkcode waitFor}.
 *
 * @category Cancellation
 */
export interface WaitForOptions {
  /** Aborting it cancels the wait (and the task, which is then waited for). */
  signal?: AbortSignal | undefined;
}

/** Cancels `task` when `signal` aborts, then waits for the task to finish. */
async function cancelWith<T>(task: Task<T>, signal: AbortSignal): Promise<T> {
  const cancel = () => task.cancel(cancelledError(signal).message);
  if (signal.aborted) cancel();
  const unsubscribe = signal.aborted ? () => {} : onAbort(signal, cancel);
  try {
    return await task;
  } finally {
    unsubscribe();
  }
}

/**
 * Waits for `aw` for at most `seconds`, like `asyncio.wait_for` (3.12+). If the time runs
 * out first, a {@linkcode Task} is cancelled, **waited for** until it has finished
 * cancelling, and `waitFor` rejects with `TimeoutError` (its `cause` is the task's
 * `CancelledError`); so no task is left running behind a timed-out `waitFor`. A task that
 * catches the cancellation and returns (or throws) anyway decides the outcome, as in
 * asyncio.
 *
 * `aw` may be:
 * - a **function** `(signal) => Promise`: it is run as a new Task (its signal is the
 *   task's), which is what to pass for an operation of your own;
 * - a **Task**: it is cancelled on timeout (wrap it in `shield` to keep it running);
 * - a **promise**: it cannot be cancelled, so `waitFor` only stops waiting for it (its later
 *   failure is observed, not reported as unhandled).
 *
 * Aborting `signal` does the same as a timeout but ends in `CancelledError`. `seconds`
 * `null` or `undefined` means no timeout. Bad input is reported as a rejected promise:
 * `TypeError` if `aw` is not a function, a promise or a Task, or `signal` not an
 * `AbortSignal`; `TypeError`/`RangeError` if `seconds` is not a finite number >= 0 or
 * `null`.
 *
 * @typeParam T The type of the result.
 * @param aw A function to run as a Task, a Task or a promise.
 * @param seconds The timeout in seconds, or `null` / `undefined` for none.
 * @param options `signal`: cancels the wait.
 * @returns A promise of the value of `aw`.
 *
 * @example Time out a function run as a task
 * ```ts
 * import { loopTime, sleep, TimeoutError, VirtualClock, waitFor } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install({ autojump: true });
 * const slow = async (signal: AbortSignal) => (await sleep(10, { signal }), "late");
 * await assert.rejects(waitFor(slow, 2), { name: "TimeoutError", message: "Timed out after 2 s" });
 * assert.equal(loopTime(), 2);
 * assert.equal(clock.pending, 0);
 * assert.equal(await waitFor(slow, 20), "late");
 * ```
 *
 * @example A timed-out task is cancelled
 * ```ts
 * import { createTask, sleep, VirtualClock, waitFor } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const task = createTask((signal) => sleep(10, { signal }));
 * await assert.rejects(waitFor(task, 1), { name: "TimeoutError" });
 * assert.equal(task.cancelled(), true);
 * ```
 *
 * @category Cancellation
 */
export function waitFor<T>(
  aw: TaskFunction<T> | PromiseLike<T>,
  seconds?: number | null,
  options: WaitForOptions = {},
): Promise<T> {
  options ??= {}; // JavaScript callers may pass null
  try {
    if (typeof aw !== "function" && !isAwaitable(aw)) {
      throw new TypeError(
        `Cannot wait for: "aw" must be a function, a promise or a Task, received ${describe(aw)}`,
      );
    }
    const limit = timeout(checkTimeout("wait for", "seconds", seconds), {
      signal: signalOf("wait for", options),
    });
    if (aw instanceof Task) return limit.run((signal) => cancelWith(aw, signal));
    if (isAwaitable(aw)) return limit.run((signal) => shield(aw, { signal }));
    return limit.run((signal) => cancelWith(new Task(aw), signal));
  } catch (error) {
    return Promise.reject(error);
  }
}
