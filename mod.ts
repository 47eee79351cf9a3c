/**
 * Python's asyncio model for Deno and Node: an exact-order timer loop, Tasks with
 * cancellation, a CPython-exact `random`, virtual time, and the classic asyncio course.
 * Durations are in seconds everywhere, as in asyncio.
 *
 * @example Sleep concurrently on virtual time
 * ```ts
 * import { createTask, loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const tasks = [3, 1, 2].map((s) => createTask((signal) => sleep(s, { signal })));
 * for (const task of tasks) await task;
 * assert.equal(loopTime(), 3);
 * ```
 *
 * @module
 */
export { VERSION } from "./src/version.ts";
export { loopTime } from "./src/loop.ts";
export { sleep, type SleepOptions } from "./src/sleep.ts";
export {
  createTask,
  type DoneCallback,
  Task,
  type TaskFunction,
  type TaskOptions,
} from "./src/task.ts";
export { VirtualClock, type VirtualClockOptions } from "./src/virtual_clock.ts";
export {
  BrokenBarrierError,
  CancelledError,
  InvalidStateError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  TaskGroupError,
  TimeoutError,
} from "./src/errors.ts";
export { Random, random, type RandomState } from "./src/random.ts";
export {
  gather,
  type GatherOptions,
  type GatherResults,
  type GatherSettled,
} from "./src/gather.ts";
export { asCompleted, type AsCompletedOptions } from "./src/as_completed.ts";
export { type ReturnWhen, wait, type WaitOptions, type WaitResult } from "./src/wait.ts";
export { Timeout, timeout, timeoutAt, type TimeoutOptions } from "./src/timeout.ts";
export { waitFor, type WaitForOptions } from "./src/wait_for.ts";
export { shield, type ShieldOptions } from "./src/shield.ts";
export {
  currentSignal,
  currentTask,
  enableAmbientCancellation,
  uncancellable,
} from "./src/cancellation.ts";
export { Event, type EventWaitOptions } from "./src/event.ts";
export { Condition, type ConditionLock, type ConditionWaitOptions } from "./src/condition.ts";
export { Barrier, type BarrierWaitOptions } from "./src/barrier.ts";
export { Queue, type QueueWaitOptions } from "./src/queue.ts";
export { LifoQueue } from "./src/lifo_queue.ts";
export { PriorityQueue } from "./src/priority_queue.ts";
export { TaskGroup, type TaskGroupOptions } from "./src/task_group.ts";
export { type AcquireOptions, BoundedSemaphore, Semaphore } from "./src/semaphore.ts";
export { Lock } from "./src/lock.ts";
export {
  type JobArgs,
  type JobName,
  type JobResult,
  WorkerPool,
  type WorkerPoolCloseOptions,
  type WorkerPoolOptions,
  type WorkerRunOptions,
} from "./src/worker_pool.ts";
export { waitRandom, type WaitRandomOptions } from "./src/course/wait_random.ts";
export { waitN } from "./src/course/wait_n.ts";
export { measureTime } from "./src/course/measure_time.ts";
export { taskWaitRandom } from "./src/course/task_wait_random.ts";
export { taskWaitN } from "./src/course/task_wait_n.ts";
export { asyncGenerator, type AsyncGeneratorOptions } from "./src/course/async_generator.ts";
export { asyncComprehension } from "./src/course/async_comprehension.ts";
export { measureRuntime } from "./src/course/measure_runtime.ts";
export {
  parallel,
  type ParallelJob,
  type ParallelOptions,
  type ParallelResult,
  type ParallelRun,
} from "./src/course/parallel.ts";
