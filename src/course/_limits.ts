/**
 * The largest `n` the course's `waitN`, `taskWaitN` and `measureTime` accept, and its
 * check, shared with the CLI.
 *
 * Each wait holds its promise, its timer and its place in `asCompleted` until the end:
 * measured (peak RSS, Deno 2.9 and Node 20), `waitN(1e6, 0)` takes 1.1 GB and
 * `taskWaitN(1e6, 0)` 3.5–4 GB (a Task also owns an `AbortController`). V8's default heap is
 * about 4 GB however much memory the machine has, and running out of it is a fatal crash,
 * not an exception. So `n` is capped at one million, which fits with room to spare on every
 * host; above it the functions throw a `RangeError` naming `n` before allocating anything.
 *
 * @module
 */
import { describe } from "../_validate.ts";

/**
 * The largest `n` of `waitN`, `taskWaitN` and `measureTime`: 1 000 000.
 *
 * @internal
 */
export const MAX_N = 1_000_000;

/**
 * Returns `n` if it is an integer from `min` to {@linkcode MAX_N}, else throws a
 * `TypeError` (not a number) or a `RangeError` naming `n`.
 *
 * @internal
 */
export function checkN(what: string, n: unknown, min = 0): number {
  if (typeof n !== "number") {
    throw new TypeError(`Cannot ${what}: "n" must be a number, received ${describe(n)}`);
  }
  if (!Number.isInteger(n) || n < min || n > MAX_N) {
    throw new RangeError(
      `Cannot ${what}: "n" must be an integer from ${min} to ${MAX_N}, received ${n}`,
    );
  }
  return n;
}
