import assert from "node:assert/strict";
import { CancelledError, createTask, loopTime, sleep, VirtualClock } from "../mod.ts";
import { pendingTimers } from "../src/loop.ts";
import { lineSizeForTesting } from "../src/sleep.ts";
import { listenerLog } from "./_helpers.ts";

Deno.test("sleep() resolves after exactly the given virtual seconds", async () => {
  using clock = VirtualClock.install();
  let woke = NaN;
  sleep(2.5).then(() => (woke = loopTime()));
  await clock.advance(2.4);
  assert.ok(Number.isNaN(woke));
  await clock.advance(0.1);
  assert.equal(woke, 2.5);
});

Deno.test("sleep() of an hour under autojump takes milliseconds and advances exactly 3600", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const realStart = performance.now();
  await sleep(3600);
  assert.equal(loopTime(), 3600);
  assert.ok(performance.now() - realStart < 1000);
});

for (
  const [value, error] of [
    [-1, {
      name: "RangeError",
      message: 'Cannot sleep: "seconds" must be a finite number >= 0, received -1',
    }],
    [NaN, {
      name: "RangeError",
      message: 'Cannot sleep: "seconds" must be a finite number >= 0, received NaN',
    }],
    [Infinity, {
      name: "RangeError",
      message: 'Cannot sleep: "seconds" must be a finite number >= 0, received Infinity',
    }],
    [-Infinity, {
      name: "RangeError",
      message: 'Cannot sleep: "seconds" must be a finite number >= 0, received -Infinity',
    }],
    ["1", { name: "TypeError", message: 'Cannot sleep: "seconds" must be a number, received "1"' }],
    [undefined, {
      name: "TypeError",
      message: 'Cannot sleep: "seconds" must be a number, received undefined',
    }],
    [1n, { name: "TypeError", message: 'Cannot sleep: "seconds" must be a number, received 1n' }],
  ] as const
) {
  Deno.test(`sleep(${typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : String(value)}) rejects with ${error.name} and schedules nothing`, async () => {
    const promise = sleep(value as number);
    assert.equal(pendingTimers(), 0);
    await assert.rejects(promise, error);
  });
}

Deno.test("sleep() rejects a signal that is not an AbortSignal", async () => {
  await assert.rejects(sleep(1, { signal: "stop" as unknown as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot sleep: "signal" must be an AbortSignal, received "stop"',
  });
  assert.equal(pendingTimers(), 0);
});

Deno.test("sleep() aborted midway rejects with CancelledError and removes its timer", async () => {
  using clock = VirtualClock.install();
  const controller = new AbortController();
  const promise = sleep(10, { signal: controller.signal });
  await clock.advance(3);
  assert.equal(clock.pending, 1);
  const reason = new Error("user pressed stop");
  controller.abort(reason);
  assert.equal(clock.pending, 0);
  const error = await promise.catch((e) => e);
  assert.ok(error instanceof CancelledError);
  assert.equal(error.message, "user pressed stop");
  assert.equal(error.cause, reason);
});

Deno.test("sleep() aborted with a CancelledError rejects with that very error", async () => {
  using _clock = VirtualClock.install();
  const controller = new AbortController();
  const promise = sleep(10, { signal: controller.signal });
  const reason = new CancelledError("stop");
  controller.abort(reason);
  assert.equal(await promise.catch((e) => e), reason);
});

Deno.test("sleep() with an already aborted signal rejects at once and schedules nothing", async () => {
  const promise = sleep(10, { signal: AbortSignal.abort() });
  assert.equal(pendingTimers(), 0);
  const error = await promise.catch((e) => e);
  assert.ok(error instanceof CancelledError);
  assert.equal(error.cause instanceof DOMException && error.cause.name, "AbortError");
});

Deno.test("sleep() removes its abort listener when it ends, so a long-lived signal keeps none", async () => {
  using clock = VirtualClock.install();
  const controller = new AbortController();
  const { signal } = controller;
  const calls = listenerLog(signal);
  const first = sleep(1, { signal });
  const second = sleep(2, { signal });
  assert.deepEqual(calls, ["add abort"], "one listener per signal, however many waits");
  await clock.advance(1);
  await first;
  assert.deepEqual(calls, ["add abort"], "the listener stays while a wait remains");
  await clock.advance(1);
  await second;
  assert.deepEqual(calls, ["add abort", "remove abort"]);
  controller.abort();
  assert.equal(clock.pending, 0);
});

Deno.test("10 000 sleeps on one signal are all cancelled by one abort, leaving no timer", async () => {
  using clock = VirtualClock.install();
  const controller = new AbortController();
  const all = Array.from({ length: 10_000 }, (_, i) => sleep(i + 1, { signal: controller.signal }));
  assert.equal(clock.pending, 10_000);
  const settled = Promise.allSettled(all);
  controller.abort(new CancelledError("all"));
  assert.equal(clock.pending, 0);
  const results = await settled;
  assert.ok(results.every((r) => r.status === "rejected" && r.reason.message === "all"));
});

Deno.test("a task's many sleeps, some ended and some pending, are cancelled exactly", async () => {
  using clock = VirtualClock.install();
  const ended: number[] = [];
  let cancelled = 0;
  const task = createTask(async (signal) => {
    const one = (s: number) =>
      sleep(s, { signal }).then(() => void ended.push(s), () => void cancelled++);
    // three waves of 20 concurrent sleeps on the task's signal: the later waves join a line
    // in which sleeps of the earlier ones have ended (and are dropped as it grows)
    const wave = (from: number) => Array.from({ length: 20 }, (_, i) => one(from + i * 0.5));
    const first = wave(1); // ends at 1, 1.5, ... 10.5
    await sleep(5.25, { signal });
    const second = wave(10); // ends at 15.25 ... 24.75
    await sleep(0.25, { signal });
    await Promise.all([...first, ...second, ...wave(20)]); // the third ends at 25.5 ... 35
  });
  await clock.advance(12);
  assert.equal(clock.pending, 40);
  task.cancel();
  assert.equal(clock.pending, 0);
  await task.then(() => {}, () => {});
  assert.deepEqual(ended, Array.from({ length: 20 }, (_, i) => 1 + i * 0.5));
  assert.equal(cancelled, 40);
  assert.equal(task.cancelled(), false); // it caught every CancelledError
});

Deno.test("a task's line drops the sleeps that ended as it grows: 1000 short sleeps beside a long one keep it short", async () => {
  using clock = VirtualClock.install();
  let signal!: AbortSignal;
  let kept = NaN;
  const task = createTask(async (s) => {
    signal = s;
    const long = sleep(1e6, { signal: s });
    for (let round = 0; round < 100; round++) {
      await Promise.all(Array.from({ length: 10 }, () => sleep(1, { signal: s })));
    }
    kept = lineSizeForTesting(s);
    await long;
  });
  for (let i = 0; i < 100; i++) await clock.advance(1);
  assert.equal(clock.pending, 1);
  // the long sleep, the last ten and at most two rounds' worth not dropped yet
  assert.ok(kept >= 11 && kept <= 32, `the line keeps ${kept} sleeps`);
  task.cancel();
  await assert.rejects(task, CancelledError);
  assert.equal(clock.pending, 0);
  assert.equal(lineSizeForTesting(signal), 0);
});

Deno.test("sleep(0) yields: code after it runs after code scheduled before it", async () => {
  const order: string[] = [];
  const a = sleep(0).then(() => order.push("first sleep(0)"));
  const b = sleep(0).then(() => order.push("second sleep(0)"));
  order.push("sync");
  await Promise.all([a, b]);
  assert.deepEqual(order, ["sync", "first sleep(0)", "second sleep(0)"]);
});
