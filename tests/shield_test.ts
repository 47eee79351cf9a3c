import assert from "node:assert/strict";
import { CancelledError, createTask, sleep, VirtualClock } from "../mod.ts";
import { shield } from "../src/shield.ts";
import { track } from "./_helpers.ts";

Deno.test("shield() mirrors the value, the error and the cancellation of what it shields", async () => {
  using clock = VirtualClock.install();
  const ok = createTask(async (signal) => (await sleep(1, { signal }), "ok"));
  const failing = createTask(async (signal) => {
    await sleep(2, { signal });
    throw new RangeError("bad");
  });
  const cancelled = createTask((signal) => sleep(3, { signal }));
  const results = [track(shield(ok)), track(shield(failing)), track(shield(cancelled))];
  await clock.advance(2.5);
  cancelled.cancel("from elsewhere");
  await clock.advance(0);
  assert.deepEqual(results[0], { at: 1, value: "ok" });
  assert.equal(results[1]!.at, 2);
  assert.ok(results[1]!.error instanceof RangeError);
  assert.equal(results[2]!.at, 2.5);
  assert.ok(results[2]!.error instanceof CancelledError);
  assert.equal((results[2]!.error as Error).message, "from elsewhere");
  assert.equal(await shield(Promise.resolve(5)), 5);
});

Deno.test("shield() aborted rejects at once with CancelledError; the task runs on", async () => {
  using clock = VirtualClock.install();
  const inner = createTask(async (signal) => (await sleep(5, { signal }), "finished"));
  const controller = new AbortController();
  const shielded = track(shield(inner, { signal: controller.signal }));
  await clock.advance(1);
  controller.abort(new CancelledError("stop waiting"));
  await clock.advance(0);
  assert.equal(shielded.at, 1);
  assert.ok(shielded.error instanceof CancelledError);
  assert.equal((shielded.error as Error).message, "stop waiting");
  assert.equal(inner.done(), false);
  await clock.advance(4);
  assert.equal(inner.result(), "finished");
  assert.equal(clock.pending, 0);
});

Deno.test("shield() inside a task: cancelling the task does not cancel the shielded one", async () => {
  using clock = VirtualClock.install();
  const inner = createTask(async (signal) => (await sleep(2, { signal }), "saved"));
  const outer = createTask((signal) => shield(inner, { signal }));
  await clock.advance(1);
  outer.cancel();
  await assert.rejects(Promise.resolve(outer), CancelledError);
  assert.equal(outer.cancelled(), true);
  await clock.advance(1);
  assert.equal(inner.cancelled(), false);
  assert.equal(inner.result(), "saved");
});

Deno.test("shield() with an already aborted signal rejects at once", async () => {
  using clock = VirtualClock.install();
  const inner = sleep(1).then(() => "later");
  await assert.rejects(shield(inner, { signal: AbortSignal.abort("why") }), {
    name: "CancelledError",
    message: "why",
  });
  await clock.advance(1);
  assert.equal(await inner, "later");
});

Deno.test("shield() rejects bad input with TypeError naming the argument", async () => {
  await assert.rejects(shield(7 as unknown as Promise<number>), {
    name: "TypeError",
    message: 'Cannot shield: "aw" must be a function, a promise or a Task, received 7',
  });
  await assert.rejects(shield(Promise.resolve(), { signal: "x" as unknown as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot shield: "signal" must be an AbortSignal, received "x"',
  });
});
