import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { loopTime, sleep, VirtualClock } from "../mod.ts";
import { pendingTimers } from "../src/loop.ts";
import { isStableAscending, lcg } from "./_helpers.ts";

const N = 10_000;
const DAY = 86_400;

/** Starts N sleeps of 1..5 ms (many ties) in one synchronous loop; resolves to the order. */
function startSleeps(): { keys: number[]; done: Promise<number[]> } {
  const next = lcg(7);
  const keys = Array.from({ length: N }, () => 1 + next(5));
  const order: number[] = [];
  const done = Promise.all(keys.map((ms, i) => sleep(ms / 1000).then(() => order.push(i))))
    .then(() => order);
  return { keys, done };
}

function assertExactOrder(order: number[], keys: number[]): void {
  assert.equal(order.length, N);
  assert.equal(new Set(order).size, N);
  assert.ok(isStableAscending(order, keys), "sleeps ended out of (duration, creation) order");
}

Deno.test("sleeps end in exact (duration, creation) order under real timers", async () => {
  const { keys, done } = startSleeps();
  assertExactOrder(await done, keys);
  assert.equal(pendingTimers(), 0);
});

Deno.test("sleeps end in exact (duration, creation) order under VirtualClock", async () => {
  using clock = VirtualClock.install();
  const { keys, done } = startSleeps();
  await clock.advance(0.005);
  assertExactOrder(await done, keys);
  assert.equal(clock.now, 0.005);
});

Deno.test("sleeps end in exact order under sinon fake timers installed with defaults", async () => {
  const fake = FakeTimers.install();
  try {
    const { keys, done } = startSleeps();
    assert.equal(fake.countTimers(), 1, "one native timer for all sleeps");
    await fake.tickAsync(5);
    assertExactOrder(await done, keys);
    assert.equal(fake.countTimers(), 0);
  } finally {
    fake.uninstall();
  }
});

Deno.test("sleeps end in exact order under sinon faking setTimeout, clearTimeout and Date only", async () => {
  const fake = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  try {
    const { keys, done } = startSleeps();
    await fake.tickAsync(5);
    assertExactOrder(await done, keys);
  } finally {
    fake.uninstall();
  }
});

Deno.test("loop time trusts the timer when performance.now is not faked", async () => {
  const fake = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  try {
    const start = loopTime();
    let woke = NaN;
    sleep(10).then(() => (woke = loopTime()));
    await fake.tickAsync(9_999);
    assert.ok(Number.isNaN(woke));
    await fake.tickAsync(1);
    // Within float noise: woke >= start + 10, but (start + 10) - start may lose an ulp.
    assert.ok(woke - start >= 10 - 1e-9, `woke after ${woke - start} s, expected >= 10`);
  } finally {
    fake.uninstall();
  }
});

Deno.test("a sleep of a fractional number of ms never ends early when the host drops the fraction", async () => {
  const fake = FakeTimers.install();
  try {
    const start = loopTime();
    let woke = NaN;
    sleep(0.0155).then(() => (woke = loopTime()));
    await fake.tickAsync(15);
    assert.ok(Number.isNaN(woke), "woke after 15 ms of a 15.5 ms sleep");
    await fake.tickAsync(1);
    assert.ok(woke - start >= 0.0155 - 1e-9);
    assert.ok(loopTime() - start <= 0.016 + 1e-9, "loop time must not run ahead of the clock");
  } finally {
    fake.uninstall();
  }
});

Deno.test("a 30-day sleep does not fire at 24.8 days under sinon", async () => {
  const fake = FakeTimers.install();
  try {
    let woke = false;
    sleep(30 * DAY).then(() => (woke = true));
    const early = 2_151_360_000; // 24.9 days in ms: past the 2^31 - 1 ms chunk
    await fake.tickAsync(early);
    assert.equal(woke, false);
    assert.equal(pendingTimers(), 1);
    await fake.tickAsync(30 * DAY * 1000 - early - 1);
    assert.equal(woke, false);
    await fake.tickAsync(1);
    assert.equal(woke, true);
    assert.equal(fake.countTimers(), 0);
  } finally {
    fake.uninstall();
  }
});

Deno.test("a 30-day sleep does not fire at 24.8 days under VirtualClock", async () => {
  using clock = VirtualClock.install();
  let woke = NaN;
  sleep(30 * DAY).then(() => (woke = loopTime()));
  await clock.advance(24.9 * DAY);
  assert.ok(Number.isNaN(woke));
  assert.equal(clock.pending, 1);
  await clock.runAll();
  assert.equal(woke, 30 * DAY);
});

Deno.test("loopTime() never goes back when a fake clock that ran ahead is removed", async () => {
  const fake = FakeTimers.install();
  let ahead: number;
  try {
    await fake.tickAsync(1_000_000);
    ahead = loopTime();
  } finally {
    fake.uninstall();
  }
  await Promise.resolve();
  const after = loopTime();
  assert.ok(after >= ahead, `loop time went back from ${ahead} to ${after}`);
  await new Promise((r) => setTimeout(r, 3));
  await Promise.resolve();
  assert.ok(loopTime() > after, "loop time must keep moving with the real clock");
});

Deno.test("timers armed before fake timers are installed move to the fakes", async () => {
  const order: string[] = [];
  const early = sleep(0.5).then(() => order.push("0.5 s"));
  const fake = FakeTimers.install();
  try {
    const late = sleep(1).then(() => order.push("1 s"));
    assert.equal(fake.countTimers(), 1);
    await fake.tickAsync(1000);
    await Promise.all([early, late]);
    assert.deepEqual(order, ["0.5 s", "1 s"]);
  } finally {
    fake.uninstall();
  }
});

Deno.test("timers scheduled in one synchronous turn share one now", () => {
  const a = loopTime();
  for (let i = 0; i < 100_000; i++) Math.sqrt(i);
  assert.equal(loopTime(), a);
});

Deno.test("zero-second sleeps run first in, first out after timers already due", async () => {
  using clock = VirtualClock.install();
  const order: string[] = [];
  sleep(1).then(() => order.push("1 s"));
  await clock.advance(2); // the 1 s sleep fired
  const all = [
    sleep(0).then(() => order.push("zero A")),
    sleep(0).then(() => order.push("zero B")),
  ];
  await clock.advance(0);
  await Promise.all(all);
  assert.deepEqual(order, ["1 s", "zero A", "zero B"]);
});

/**
 * A setImmediate like Deno's first one under `deno test`: it runs pending promise jobs
 * synchronously. Here the "jobs" are explicit callbacks it runs before scheduling.
 */
function reentrantSetImmediate(jobs: (() => void)[]): () => void {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  const inner = g.setImmediate;
  g.setImmediate = (cb: () => void) => {
    for (const job of jobs.splice(0)) job();
    return inner.call(globalThis, cb);
  };
  return () => void (g.setImmediate = inner);
}

Deno.test({
  name: "arm() stays consistent when VirtualClock's setImmediate runs promise jobs synchronously",
  // Deno's case; a page has no setImmediate (the loop hops with MessageChannel there).
  ignore: typeof globalThis.setImmediate !== "function",
  fn: async () => {
    const jobs: (() => void)[] = [];
    const restore = reentrantSetImmediate(jobs);
    try {
      using clock = VirtualClock.install({ autojump: true });
      const woke: string[] = [];
      jobs.push(() => void sleep(0.5).then(() => woke.push(`0.5 s@${loopTime()}`)));
      // Arming for 1e6 s starts autojump's idle check, whose setImmediate runs the job above:
      // a sleep scheduled from inside arm().
      await sleep(1e6).then(() => woke.push(`1e6 s@${loopTime()}`));
      assert.deepEqual(woke, ["0.5 s@0.5", "1e6 s@1000000"]);
      assert.equal(clock.now, 1e6);
      assert.equal(clock.pending, 0);
    } finally {
      restore();
    }
  },
});

Deno.test({
  name:
    "arm() stays consistent when the system clock's setImmediate runs promise jobs synchronously",
  // Deno's case; a page has no setImmediate (the loop hops with MessageChannel there).
  ignore: typeof globalThis.setImmediate !== "function",
  fn: async () => {
    const fake = FakeTimers.install();
    const jobs: (() => void)[] = [];
    const restore = reentrantSetImmediate(jobs);
    try {
      const start = loopTime();
      const since = () => Math.round((loopTime() - start) * 1e9) / 1e9;
      const woke: string[] = [];
      jobs.push(() => void sleep(0.001).then(() => woke.push(`1 ms@${since()}`)));
      const zero = sleep(0).then(() => woke.push(`0 s@${since()}`));
      assert.equal(fake.countTimers(), 1, "exactly one native timer armed");
      await fake.tickAsync(0);
      await zero;
      assert.equal(fake.countTimers(), 1);
      await fake.tickAsync(1);
      assert.deepEqual(woke, ["0 s@0", "1 ms@0.001"]);
      assert.equal(fake.countTimers(), 0);
      assert.equal(pendingTimers(), 0);
    } finally {
      restore();
      fake.uninstall();
    }
  },
});
