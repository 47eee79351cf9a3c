/**
 * The course's `task_wait_n`: `wait_n`, with tasks from `task_wait_random`.
 *
 * @module
 */
import { valuesAsCompleted } from "../_as_completed_values.ts";
import { checkSeconds } from "../_validate.ts";
import { checkN } from "./_limits.ts";
import { taskWaitRandom } from "./task_wait_random.ts";
import type { WaitRandomOptions } from "./wait_random.ts";

/**
 * Like {@linkcode waitN}, but spawns the waits as Tasks with {@linkcode taskWaitRandom}.
 * The course's `task_wait_n`:
 *
 * ```python
 * async def task_wait_n(n: int, max_delay: int) -> List[float]:
 *     tasks = [task_wait_random(max_delay) for _ in range(n)]
 *     return [await t for t in asyncio.as_completed(tasks)]
 * ```
 *
 * @param n How many tasks: an integer from 0 to 1 000 000, as for `waitN` (a million
 * tasks take 3.5–4 GB).
 * @param maxDelay The longest delay, in seconds: a finite number >= 0.
 * @param options `signal`: cancels every task.
 * @returns A promise of the `n` delays in completion (ascending) order.
 * @throws {RangeError} (as a rejection) For a bad `n` or `maxDelay`, as `waitN`.
 *
 * @example Same delays as waitN for the same seed
 * ```ts
 * import { random, taskWaitN, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * random.seed(0);
 * assert.deepEqual(await taskWaitN(3, 1), [0.420571580830845, 0.7579544029403025, 0.8444218515250481]);
 * ```
 *
 * @category Course
 */
// deno-lint-ignore require-await -- async, so that bad input rejects instead of throwing
export async function taskWaitN(
  n: number,
  maxDelay: number,
  options?: WaitRandomOptions,
): Promise<number[]> {
  checkN("wait", n);
  checkSeconds("wait", "maxDelay", maxDelay);
  const tasks = Array.from({ length: n }, () => taskWaitRandom(maxDelay, options));
  // [await t for t in asyncio.as_completed(tasks)], as one promise: no promise per item
  return valuesAsCompleted(tasks);
}
