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
