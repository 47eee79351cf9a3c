/**
 * The course's `async_comprehension`: collect `async_generator`'s ten numbers.
 *
 * @module
 */
import { asyncGenerator, type AsyncGeneratorOptions } from "./async_generator.ts";

/**
 * Collects the ten numbers of {@linkcode asyncGenerator} and returns them: ten seconds of
 * waiting. The course's `async_comprehension`; TypeScript has no async comprehension, so a
 * `for await` loop stands for `[x async for x in async_generator()]`:
 *
 * ```python
 * async def async_comprehension() -> List[float]:
 *     return [x async for x in async_generator()]
 * ```
 *
 * @param options `signal`: cancels the current wait.
 * @returns A promise of the ten numbers, in the order they were generated.
 *
 * @example Ten numbers in ten seconds
 * ```ts
 * import { asyncComprehension, loopTime, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const numbers = await asyncComprehension();
 * assert.equal(numbers.length, 10);
 * assert.ok(numbers.every((x) => x >= 0 && x <= 10));
 * assert.equal(loopTime(), 10);
 * ```
 *
 * @category Course
 */
export async function asyncComprehension(options?: AsyncGeneratorOptions): Promise<number[]> {
  const numbers: number[] = [];
  for await (const x of asyncGenerator(options)) numbers.push(x);
  return numbers;
}
