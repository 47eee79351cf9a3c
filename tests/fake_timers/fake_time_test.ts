import assert from "node:assert/strict";
import { loopTime, sleep } from "../../mod.ts";
import { pendingTimers } from "../../src/loop.ts";
import { FakeTime } from "./_fake_time.ts";
import {
  type Driver,
  flush,
  isolation,
  measureTimeExact,
  randomSleeps,
  sameInstant,
} from "./_harness.ts";

/** Deno std's FakeTime, as its stand-in copies it. */
function fakeTime(): Driver & { time?: FakeTime } {
  const driver: Driver & { time?: FakeTime } = {
    install: () => void (driver.time = new FakeTime()),
    tick: (ms) => driver.time!.tick(ms),
    tickAsync: (ms) => driver.time!.tickAsync(ms),
    pending: () => driver.time!.pending,
    uninstall: () => driver.time!.restore(),
  };
  return driver;
}

Deno.test("std FakeTime: 2000 sleeps of up to 50 s all fire in order on one async tick", async () => {
  await randomSleeps(fakeTime(), { n: 2000, maxMs: 50_000 });
});

Deno.test("std FakeTime: 10 000 sleeps of up to 50 s all fire in order on one async tick", async () => {
  await randomSleeps(fakeTime(), { n: 10_000, maxMs: 50_000, seed: 3 });
});

Deno.test("std FakeTime: 1000 sleeps within 20 ms all fire in order on one async tick", async () => {
  await randomSleeps(fakeTime(), { n: 1000, maxMs: 20, seed: 5 });
});

Deno.test("std FakeTime: 1000 sleeps within 20 ms fire in order in 1 ms steps", async () => {
  await randomSleeps(fakeTime(), { n: 1000, maxMs: 20, seed: 7, step: 1 });
});

Deno.test("std FakeTime: 1000 sleeps of up to 10 s fire in order in 100 ms steps", async () => {
  await randomSleeps(fakeTime(), { n: 1000, maxMs: 10_000, seed: 9, step: 100 });
});

Deno.test("std FakeTime: measureTime(1000, 50) is the longest delay over n", async () => {
  await measureTimeExact(fakeTime(), 1000, 50);
});

Deno.test("std FakeTime: two sleeps started at one fake instant end on one tick", async () => {
  await sameInstant(fakeTime());
});

Deno.test("std FakeTime: leftover sleeps do not poison the next test", async () => {
  await isolation(fakeTime());
});

Deno.test("std FakeTime: clearTimeout throwing TimeError after restore never escapes", async () => {
  const time = new FakeTime();
  const controller = new AbortController();
  const pending = sleep(10, { signal: controller.signal });
  time.restore();
  // Cancelling disarms the loop's timer through the removed fake's clearTimeout.
  controller.abort();
  await assert.rejects(pending, { name: "CancelledError" });
  assert.equal(pendingTimers(), 0);
  // Real sleeps still work.
  const start = loopTime();
  await sleep(0.001);
  assert.ok(loopTime() - start >= 0.001);
});

Deno.test("std FakeTime: a sleep started inside tickAsync's restoreFor window follows the fake", async () => {
  const time = new FakeTime();
  try {
    const woke: string[] = [];
    sleep(1).then(() => woke.push("before"));
    // A promise job that runs while tickAsync has put the real globals back (restoreFor).
    const during = (async () => {
      await FakeTime.restoreFor(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sleep(0.5).then(() => woke.push("during"));
      });
    })();
    await during;
    await time.tickAsync(500);
    await flush();
    assert.deepEqual(woke, ["during"]);
    await time.tickAsync(500);
    await flush();
    assert.deepEqual(woke, ["during", "before"]);
    assert.equal(pendingTimers(), 0);
    assert.equal(time.pending, 0);
  } finally {
    time.restore();
  }
});

Deno.test("std FakeTime: the loop may be imported after the fake is installed", async () => {
  const time = new FakeTime();
  try {
    const copy = await import(`../../mod.ts?after-fake=${Math.random()}`);
    const woke: number[] = [];
    for (const s of [3, 1, 2]) copy.sleep(s).then(() => woke.push(s));
    await time.tickAsync(3000);
    await flush();
    assert.deepEqual(woke, [1, 2, 3]);
    assert.equal(pendingTimers(), 0);
  } finally {
    time.restore();
  }
});
