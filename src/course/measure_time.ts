/**
 * The course's `measure_time`: the time `waitN(n, maxDelay)` takes, divided by `n`.
 *
 * @module
 */
import { loopTime } from "../loop.ts";
import { checkSeconds } from "../_validate.ts";
import { checkN } from "./_limits.ts";
import { waitN } from "./wait_n.ts";
import type { WaitRandomOptions } from "./wait_random.ts";

/**
 * Measures how long `waitN(n, maxDelay)` takes and returns that time divided by `n`: about
 * `maxDelay / n`, since the waits overlap. The course's `measure_time`:
 *
 * ```python
 * def measure_time(n: int, max_delay: int) -> float:
 *     start = time.perf_counter()
 *     asyncio.run(wait_n(n, max_delay))
 *     return (time.perf_counter() - start) / n
 * ```
 *
 * Time is read from the loop ({@linkcode loopTime}), so under `VirtualClock` the result is
 * exact: the longest delay divided by `n`. Unlike Python's, it is async: JavaScript has no
 * `asyncio.run` that blocks.
 *
 * @param n How many waits: an integer from 1 to 1 000 000, as for `waitN`.
 * @param maxDelay The longest delay, in seconds: a finite number >= 0.
 * @param options `signal`: cancels every wait.
 * @returns A promise of the elapsed loop time divided by `n`, in seconds.
 * @throws {RangeError} (as a rejection) If `n` is not an integer from 1 to 1 000 000, or
 * `maxDelay` negative, `NaN` or infinite.
 *
 * @example Exact on virtual time
 * ```ts
 * import { measureTime, random, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * random.seed(0);
 * assert.equal(await measureTime(5, 5), 4.222109257625241 / 5);
 * ```
 *
 * @category Course
 */
export async function measureTime(
  n: number,
  maxDelay: number,
  options?: WaitRandomOptions,
): Promise<number> {
  checkN("measure time", n, 1);
  checkSeconds("measure time", "maxDelay", maxDelay);
  const start = loopTime();
  await waitN(n, maxDelay, options);
  return (loopTime() - start) / n;
}
