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
export { createTask, Task, type TaskFunction, type TaskOptions } from "./src/task.ts";
export { VirtualClock, type VirtualClockOptions } from "./src/virtual_clock.ts";
export { CancelledError, InvalidStateError, TimeoutError } from "./src/errors.ts";
// export { Random, random } from "./src/random.ts";
