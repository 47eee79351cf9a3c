// Failures of Tasks handed to wait(), asCompleted() and shield() are never silently lost:
// delivered to the caller while it waits, reported as unhandled rejections after.
// Deno only (skipped under Node by name): they listen for the `unhandledrejection` event.
import assert from "node:assert/strict";
import { asCompleted, createTask, shield, sleep, VirtualClock, wait } from "../mod.ts";
import { unhandledDuring } from "./_helpers.ts";

const failAt2 = () =>
  createTask(async (signal) => {
    await sleep(2, { signal });
    throw new Error("lost?");
  });

Deno.test("a Task that fails after wait() timed out is reported as an unhandled rejection", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen = await unhandledDuring(async () => {
    const { pending } = await wait([failAt2()], { timeout: 1 });
    assert.equal(pending.size, 1);
    await sleep(3);
  });
  assert.deepEqual(seen.map((e) => (e as Error).message), ["lost?"]);
});

Deno.test("a Task that fails while wait() waits is the caller's to inspect, not reported", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const task = failAt2();
  const seen = await unhandledDuring(async () => {
    const { done } = await wait([task, sleep(5)]);
    assert.ok(done.has(task));
    assert.equal((task.exception() as Error).message, "lost?");
  });
  assert.deepEqual(seen, []);
});

Deno.test("a Task that fails after asCompleted() was left early is reported as unhandled", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen = await unhandledDuring(async () => {
    for await (const _ of asCompleted([sleep(1), failAt2()])) break;
    await sleep(3);
  });
  assert.deepEqual(seen.map((e) => (e as Error).message), ["lost?"]);
});

Deno.test("a shielded Task that fails after the shield was cancelled is reported as unhandled", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen = await unhandledDuring(async () => {
    const controller = new AbortController();
    const shielded = shield(failAt2(), { signal: controller.signal });
    controller.abort();
    await assert.rejects(shielded, { name: "CancelledError" });
    await sleep(3);
  });
  assert.deepEqual(seen.map((e) => (e as Error).message), ["lost?"]);
});

Deno.test("two Tasks failing at one instant: the one asCompleted() never handed out is reported as unhandled", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const fail = (message: string) =>
    createTask(async (signal) => {
      await sleep(2, { signal });
      throw new Error(message);
    });
  const seen = await unhandledDuring(async () => {
    await assert.rejects(async () => {
      for await (const t of asCompleted([fail("first"), fail("second")])) await t;
    }, { message: "first" });
    await sleep(1);
  });
  assert.deepEqual(seen.map((e) => (e as Error).message), ["second"]);
});

Deno.test("two promises failing at one instant: the one asCompleted() never handed out is reported", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen = await unhandledDuring(async () => {
    const fail = (message: string) => sleep(2).then(() => Promise.reject(new Error(message)));
    await assert.rejects(async () => {
      for await (const p of asCompleted([fail("a"), fail("b")])) await p;
    }, { message: "a" });
    await sleep(1);
  });
  assert.deepEqual(seen.map((e) => (e as Error).message), ["b"]);
});

Deno.test("a promise that fails after asCompleted() was left early is reported as unhandled", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen = await unhandledDuring(async () => {
    const late = sleep(2).then(() => Promise.reject(new Error("late")));
    for await (const _ of asCompleted([sleep(1), late])) break;
    await sleep(3);
  });
  assert.deepEqual(seen.map((e) => (e as Error).message), ["late"]);
});

Deno.test("asCompleted() cancelled with failures waiting to be yielded reports them, not cancelled Tasks", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen = await unhandledDuring(async () => {
    const controller = new AbortController();
    const cancelled = createTask((signal) => sleep(5, { signal }));
    cancelled.cancel();
    const never = new Promise<void>(() => {});
    const it = asCompleted([Promise.reject(new Error("x")), cancelled, never], {
      signal: controller.signal,
    });
    await sleep(0);
    controller.abort();
    await assert.rejects(it.next(), { name: "CancelledError" });
    await sleep(1);
  });
  assert.deepEqual(seen.map((e) => (e as Error).message), ["x"]);
});
