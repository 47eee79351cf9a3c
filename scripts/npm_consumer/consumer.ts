// Type-checked by scripts/test_npm.ts (module nodenext, strict, skipLibCheck off) in a
// fresh project that installed the packed @aio/asyncio; never run. Each
// `@ts-expect-error` fails the check if the package's types grow too loose (say `any`).
// Extend it as the API grows.
import { createTask, random, type Task, VERSION, VirtualClock, waitN } from "@aio/asyncio";
import * as testing from "@aio/asyncio/testing";

const version: string = VERSION;
const sameClock: typeof VirtualClock = testing.VirtualClock;
// @ts-expect-error VERSION is typed as a string, not as any
const notANumber: number = VERSION;

/** waitN in a Task on virtual time, typed as a Node user would write it. */
export async function delays(): Promise<number[]> {
  const clock: VirtualClock = VirtualClock.install({ autojump: true });
  try {
    random.seed(0);
    const task: Task<number[]> = createTask(() => waitN(5, 5), { name: "waits" });
    // @ts-expect-error a Task of waitN() holds number[], not string[]
    const notStrings: Task<string[]> = task;
    // @ts-expect-error waitN() takes numbers
    await waitN("5", 5);
    // @ts-expect-error createTask() takes a function, not a promise
    createTask(waitN(5, 5));
    const cancelled: boolean = task.cancelled();
    const now: number = clock.now;
    void [notStrings, cancelled, now];
    return await task;
  } finally {
    clock.uninstall();
  }
}

export { notANumber, sameClock, testing, version };
