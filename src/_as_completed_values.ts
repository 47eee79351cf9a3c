/**
 * `valuesAsCompleted`: Python's `[await c for c in asyncio.as_completed(aws)]` in one
 * promise, without the async iterator's promises per item.
 *
 * @module
 */
import { whenSettled } from "./_awaitables.ts";
import { CancelledError } from "./errors.ts";
import { Task } from "./task.ts";

/**
 * Resolves with the values of `aws` (distinct promises or Tasks) in the order they
 * complete, as `for await (const c of asCompleted(aws)) values.push(await c)` does, and
 * rejects with the first failure in that order. Like `asCompleted` ended by that failure,
 * it reports failures that come after as unhandled rejections (a plain promise's, not a
 * cancellation), and leaves a Task that fails after to be reported by the host.
 *
 * @internal
 */
export function valuesAsCompleted<T>(aws: readonly PromiseLike<T>[]): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const values: T[] = [];
    let pending = aws.length;
    if (pending === 0) return resolve(values);
    const onValue = (value: T) => {
      if (pending === 0) return; // stopped by a failure
      values.push(value);
      if (--pending === 0) resolve(values);
    };
    const observe = { observe: () => pending > 0 };
    // Two shared handlers, not a closure per awaitable: 1e6 of them add up.
    const onTaskError = (error: unknown) => { // a Task reports a late failure itself
      if (pending > 0) {
        pending = 0;
        reject(error);
      }
    };
    const onError = (error: unknown) => {
      if (pending > 0) onTaskError(error);
      else if (!(error instanceof CancelledError)) {
        Promise.reject(error); // never handed out: report it, as asCompleted does
      }
    };
    for (const aw of aws) {
      whenSettled(aw, onValue, aw instanceof Task ? onTaskError : onError, observe);
    }
  });
}
