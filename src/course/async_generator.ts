/**
 * The course's `async_generator`: ten random numbers, one a second.
 *
 * @module
 */
import { random } from "../random.ts";
import { sleep } from "../sleep.ts";

/**
 * Options for {@linkcode asyncGenerator}.
 *
 * @category Course
 */
export interface AsyncGeneratorOptions {
  /** Cancels the generator's current wait: iteration throws `CancelledError`. */
  signal?: AbortSignal | undefined;
}

/**
 * Ten times: waits one second, then yields a random number between 0 and 10. The course's
 * `async_generator`:
 *
 * ```python
 * async def async_generator() -> AsyncGenerator[float, None]:
 *     for _ in range(10):
 *         await asyncio.sleep(1)
 *         yield random.uniform(0, 10)
 * ```
 *
 * @param options `signal`: cancels the current one-second wait.
 * @returns An async generator of ten numbers in [0, 10].
 *
 * @example Iterate with for await
 * ```ts
 * import { asyncGenerator, loopTime, random, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * random.seed(0);
 * const seen: number[] = [];
 * for await (const x of asyncGenerator()) seen.push(x);
 * assert.equal(seen.length, 10);
 * assert.equal(seen[0], 8.444218515250482);
 * assert.equal(loopTime(), 10);
 * ```
 *
 * @category Course
 */
export async function* asyncGenerator(
  options?: AsyncGeneratorOptions,
): AsyncGenerator<number, void, undefined> {
  for (let i = 0; i < 10; i++) {
    await sleep(1, options);
    yield random.uniform(0, 10);
  }
}
