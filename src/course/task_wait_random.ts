/**
 * The course's `task_wait_random`: a regular function that returns a Task.
 *
 * @module
 */
import { createTask, type Task } from "../task.ts";
import { checkSeconds } from "../_validate.ts";
import { waitRandom, type WaitRandomOptions } from "./wait_random.ts";

/**
 * Starts `waitRandom(maxDelay)` as a {@linkcode Task} and returns it, without awaiting:
 * a regular (not async) function, the course's `task_wait_random`:
 *
 * ```python
 * def task_wait_random(max_delay: int) -> asyncio.Task:
 *     return asyncio.create_task(wait_random(max_delay))
 * ```
 *
 * The task passes its signal to the wait, so `task.cancel()` ends it at once.
 *
 * @param maxDelay The longest delay, in seconds: a finite number >= 0.
 * @param options `signal`: cancels the task too, as `task.cancel()` does.
 * @returns The running task; it resolves to the delay waited.
 * @throws {RangeError} If `maxDelay` is negative, `NaN` or infinite (thrown at once).
 * @throws {TypeError} If `maxDelay` is not a number (thrown at once).
 *
 * @example A task you can await or cancel
 * ```ts
 * import { random, taskWaitRandom, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install({ autojump: true });
 * random.seed(0);
 * const task = taskWaitRandom(10);
 * assert.equal(task.done(), false);
 * assert.equal(await task, 8.444218515250482);
 *
 * const cancelled = taskWaitRandom(10);
 * cancelled.cancel();
 * await Promise.resolve(cancelled).catch(() => {});
 * assert.equal(cancelled.cancelled(), true);
 * assert.equal(clock.pending, 0);
 * ```
 *
 * @category Course
 */
export function taskWaitRandom(maxDelay: number, options?: WaitRandomOptions): Task<number> {
  checkSeconds("wait", "maxDelay", maxDelay);
  const outer = options?.signal;
  return createTask((signal) =>
    waitRandom(maxDelay, { signal: outer ? AbortSignal.any([signal, outer]) : signal })
  );
}
