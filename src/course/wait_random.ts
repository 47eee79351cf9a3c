/**
 * The course's `wait_random`: wait a random delay, return it.
 *
 * @module
 */
import { random } from "../random.ts";
import { sleepOn, sleepResult } from "../sleep.ts";
import { signalOf } from "../_options.ts";
import { checkSeconds } from "../_validate.ts";

/**
 * Options for {@linkcode waitRandom}.
 *
 * @category Course
 */
export interface WaitRandomOptions {
  /** Cancels the wait: the promise rejects with `CancelledError`. */
  signal?: AbortSignal | undefined;
}

/**
 * Waits a random delay between 0 and `maxDelay` seconds (both included) and returns it.
 * The course's `wait_random`; the delay is `random.uniform(0, maxDelay)`, as in Python:
 *
 * ```python
 * async def wait_random(max_delay: int = 10) -> float:
 *     delay = random.uniform(0, max_delay)
 *     await asyncio.sleep(delay)
 *     return delay
 * ```
 *
 * @param maxDelay The longest delay, in seconds: a finite number >= 0 (default 10).
 * @param options `signal`: cancels the wait.
 * @returns A promise of the delay waited, in seconds.
 * @throws {RangeError} (as a rejection) If `maxDelay` is negative, `NaN` or infinite.
 * @throws {TypeError} (as a rejection) If `maxDelay` is not a number.
 *
 * @example Wait a random delay on virtual time
 * ```ts
 * import { loopTime, random, VirtualClock, waitRandom } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * random.seed(0);
 * const delay = await waitRandom(10);
 * assert.equal(delay, 8.444218515250482); // Python: random.seed(0); random.uniform(0, 10)
 * assert.equal(loopTime(), delay);
 * ```
 *
 * @category Course
 */
export function waitRandom(maxDelay = 10, options?: WaitRandomOptions): Promise<number> {
  let signal: AbortSignal | undefined;
  try {
    checkSeconds("wait", "maxDelay", maxDelay);
    signal = signalOf("wait", options); // before the draw: a refused call draws nothing
  } catch (error) {
    return Promise.reject(error);
  }
  const delay = random.uniform(0, maxDelay);
  // `await asyncio.sleep(delay); return delay`, as `asyncio.sleep(delay, result=delay)`:
  // the sleep's own promise, with no async frame around it.
  if (signal === undefined) return sleepResult(delay, delay);
  return sleepOn(delay, signal, delay);
}
