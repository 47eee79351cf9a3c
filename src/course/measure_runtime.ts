/**
 * The course's `measure_runtime`: four comprehensions in parallel take 10 s, not 40.
 *
 * @module
 */
import { gather } from "../gather.ts";
import { loopTime } from "../loop.ts";
import { asyncComprehension } from "./async_comprehension.ts";
import type { AsyncGeneratorOptions } from "./async_generator.ts";

/**
 * Runs {@linkcode asyncComprehension} four times concurrently and returns the total
 * runtime: about 10 seconds, not 40, because the four wait at the same time. The course's
 * `measure_runtime`:
 *
 * ```python
 * async def measure_runtime() -> float:
 *     start = time.perf_counter()
 *     await asyncio.gather(*(async_comprehension() for _ in range(4)))
 *     return time.perf_counter() - start
 * ```
 *
 * Time is read from the loop, so under `VirtualClock` the result is exactly `10`.
 *
 * @param options `signal`: cancels the four comprehensions' waits.
 * @returns A promise of the elapsed loop time, in seconds.
 *
 * @example Exactly 10 seconds on virtual time
 * ```ts
 * import { measureRuntime, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * assert.equal(await measureRuntime(), 10);
 * ```
 *
 * @category Course
 */
export async function measureRuntime(options?: AsyncGeneratorOptions): Promise<number> {
  const start = loopTime();
  await gather(Array.from({ length: 4 }, () => asyncComprehension(options)));
  return loopTime() - start;
}
