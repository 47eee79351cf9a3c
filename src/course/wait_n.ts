/**
 * The course's `wait_n`: spawn `waitRandom` n times, collect the delays as they complete.
 *
 * @module
 */
import { valuesAsCompleted } from "../_as_completed_values.ts";
import { checkSeconds } from "../_validate.ts";
import { checkN } from "./_limits.ts";
import { waitRandom, type WaitRandomOptions } from "./wait_random.ts";

/**
 * Runs `waitRandom(maxDelay)` `n` times concurrently and returns the delays in the order
 * they complete, which is ascending without any sorting: the shortest sleep ends first.
 * The course's `wait_n`:
 *
 * ```python
 * async def wait_n(n: int, max_delay: int) -> List[float]:
 *     coros = [wait_random(max_delay) for _ in range(n)]
 *     return [await c for c in asyncio.as_completed(coros)]
 * ```
 *
 * The loop ends equal deadlines first in, first out, so the order is exact for any `n`
 * (CPython's is only approximately ascending above about 100 coroutines).
 *
 * @param n How many to spawn: an integer from 0 to 1 000 000 (the memory a million waits
 * take, about 1 GB, is what V8's default heap holds with room to spare).
 * @param maxDelay The longest delay, in seconds: a finite number >= 0.
 * @param options `signal`: cancels every wait (for hosts without an ambient cancel scope,
 * such as browsers).
 * @returns A promise of the `n` delays in completion (ascending) order.
 * @throws {RangeError} (as a rejection) If `n` is not an integer from 0 to 1 000 000, or `maxDelay`
 * negative, `NaN` or infinite.
 * @throws {TypeError} (as a rejection) If an argument is not a number.
 *
 * @example Five delays come back in ascending order
 * ```ts
 * import { random, VirtualClock, waitN } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * random.seed(0);
 * const delays = await waitN(5, 5);
 * assert.deepEqual(delays, [
 *   1.2945837514648169, 2.102857904154225, 2.5563736068430427,
 *   3.789772014701512, 4.222109257625241,
 * ]); // Python: wait_n(5, 5) after random.seed(0)
 * ```
 *
 * @category Course
 */
// deno-lint-ignore require-await -- async, so that bad input rejects instead of throwing
export async function waitN(
  n: number,
  maxDelay: number,
  options?: WaitRandomOptions,
): Promise<number[]> {
  checkN("wait", n);
  checkSeconds("wait", "maxDelay", maxDelay);
  const coros = Array.from({ length: n }, () => waitRandom(maxDelay, options));
  // [await c for c in asyncio.as_completed(coros)], as one promise: no promise per item
  return valuesAsCompleted(coros);
}
