// Under `exactOptionalPropertyTypes` (Deno std's compiler options), `signal?: AbortSignal`
// refuses `{ signal }` when `signal` may be undefined. Every public option type says
// `signal?: AbortSignal | undefined` instead, so callers can forward what they were given.
// This file fails `deno check` if one of them loses the `| undefined`; the tests check that an
// explicit undefined also behaves as an absent field at run time.
import assert from "node:assert/strict";
import {
  type AcquireOptions,
  asCompleted,
  type AsCompletedOptions,
  asyncGenerator,
  type AsyncGeneratorOptions,
  Barrier,
  type BarrierWaitOptions,
  Condition,
  type ConditionWaitOptions,
  createTask,
  Event,
  type EventWaitOptions,
  gather,
  type GatherOptions,
  Lock,
  Queue,
  type QueueWaitOptions,
  Semaphore,
  shield,
  type ShieldOptions,
  sleep,
  type SleepOptions,
  TaskGroup,
  type TaskGroupOptions,
  type TaskOptions,
  timeout,
  type TimeoutOptions,
  VirtualClock,
  type VirtualClockOptions,
  wait,
  waitFor,
  type WaitForOptions,
  type WaitOptions,
  waitRandom,
  type WaitRandomOptions,
} from "../mod.ts";

/** `T` with every field present and `undefined`: assignable to `T` only if each field allows it. */
type AllUndefined<T> = { [K in keyof T]-?: undefined };
/** Compiles only when `T` accepts an explicit `undefined` in every optional field. */
function acceptsUndefined<T>(value: AllUndefined<T> & T): T {
  return value;
}

Deno.test("every public option type accepts an explicit undefined in each field", () => {
  const all = [
    acceptsUndefined<SleepOptions>({ signal: undefined }),
    acceptsUndefined<TaskOptions>({ name: undefined }),
    acceptsUndefined<VirtualClockOptions>({
      start: undefined,
      autojump: undefined,
      autojumpThreshold: undefined,
    }),
    acceptsUndefined<GatherOptions>({ returnExceptions: undefined, signal: undefined }),
    acceptsUndefined<AsCompletedOptions>({ timeout: undefined, signal: undefined }),
    acceptsUndefined<WaitOptions>({ returnWhen: undefined, timeout: undefined, signal: undefined }),
    acceptsUndefined<TimeoutOptions>({ signal: undefined }),
    acceptsUndefined<WaitForOptions>({ signal: undefined }),
    acceptsUndefined<ShieldOptions>({ signal: undefined }),
    acceptsUndefined<EventWaitOptions>({ signal: undefined }),
    acceptsUndefined<ConditionWaitOptions>({ signal: undefined }),
    acceptsUndefined<BarrierWaitOptions>({ signal: undefined }),
    acceptsUndefined<QueueWaitOptions>({ signal: undefined }),
    acceptsUndefined<TaskGroupOptions>({ signal: undefined }),
    acceptsUndefined<AcquireOptions>({ signal: undefined }),
    acceptsUndefined<WaitRandomOptions>({ signal: undefined }),
    acceptsUndefined<AsyncGeneratorOptions>({ signal: undefined }),
  ];
  assert.equal(all.length, 17);
});

/** A caller's own option type, forwarded field by field: the pattern users write. */
interface CallerOptions {
  signal?: AbortSignal | undefined;
}

async function forward({ signal }: CallerOptions = {}): Promise<string[]> {
  const log: string[] = [];
  await sleep(1, { signal });
  log.push("sleep");
  const task = createTask(() => "task", { name: undefined });
  log.push(await task);
  log.push(...(await gather([Promise.resolve("gather")], { signal, returnExceptions: undefined })));
  const { done } = await wait([task], { signal, timeout: undefined, returnWhen: undefined });
  log.push(`wait:${done.size}`);
  for await (const p of asCompleted([Promise.resolve("asCompleted")], { signal })) {
    log.push(await p);
  }
  log.push(await waitFor(Promise.resolve("waitFor"), 1, { signal }));
  log.push(await shield(Promise.resolve("shield"), { signal }));
  await timeout(1, { signal }).run(() => sleep(0.5, { signal }));
  log.push("timeout");
  const event = new Event();
  event.set();
  await event.wait({ signal });
  const lock = new Lock();
  await lock.acquire({ signal });
  lock.release();
  const semaphore = new Semaphore(1);
  await semaphore.acquire({ signal });
  semaphore.release();
  const condition = new Condition();
  await condition.acquire({ signal });
  condition.release();
  await new Barrier(1).wait({ signal });
  const queue = new Queue<string>();
  await queue.put("queue", { signal });
  log.push(await queue.get({ signal }));
  log.push(await TaskGroup.run(() => "taskGroup", { signal }) ?? "none");
  log.push(String(await waitRandom(0, { signal })));
  let numbers = 0;
  for await (const _ of asyncGenerator({ signal })) numbers++;
  log.push(`asyncGenerator:${numbers}`);
  return log;
}

Deno.test("options forwarded with an undefined signal behave as no signal", async () => {
  using clock = VirtualClock.install({ autojump: true, start: undefined });
  assert.deepEqual(await forward(), [
    "sleep",
    "task",
    "gather",
    "wait:1",
    "asCompleted",
    "waitFor",
    "shield",
    "timeout",
    "queue",
    "taskGroup",
    "0",
    "asyncGenerator:10",
  ]);
  assert.equal(clock.now, 11.5); // sleep 1, timeout's sleep 0.5, the generator's 10 s
  assert.equal(clock.pending, 0);
});

Deno.test("options forwarded with a signal still cancel", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const controller = new AbortController();
  const forwarding = forward({ signal: controller.signal });
  await clock.advance(0.5);
  controller.abort(new Error("stop"));
  await assert.rejects(forwarding, { name: "CancelledError", message: "stop" });
  assert.equal(clock.now, 0.5);
  assert.equal(clock.pending, 0);
});
