/**
 * One set of scenarios run under every fake that users drive the loop with: sinon with Deno
 * std FakeTime's subset, sinon with its defaults, a stand-in for std's FakeTime, and (Node
 * only) `node:test`'s `mock.timers`. Each driver installs a fake, ticks it (asynchronously,
 * in one go or in steps) and removes it; the scenarios assert exact orders and times.
 */
import assert from "node:assert/strict";
import { loopTime, measureTime, random, sleep } from "../../mod.ts";
import { pendingTimers } from "../../src/loop.ts";
import { isStableAscending, lcg } from "../_helpers.ts";

/** A fake-timer library, as a test drives it. */
export interface Driver {
  /** Installs the fake (replacing the globals it fakes). */
  install(): void;
  /** Moves fake time on by `ms` and runs what is due; synchronous where the fake is. */
  tick(ms: number): void | Promise<void>;
  /** Runs ready promise jobs, then ticks `ms` (std's and sinon's `tickAsync`). */
  tickAsync(ms: number): Promise<void>;
  /** How many fake timers are pending. */
  pending(): number;
  /** Removes the fake. */
  uninstall(): void;
}

/** Lets promise continuations queued by a synchronous tick run. */
export async function flush(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve();
}

/** The real performance.now, taken before any fake can replace it. */
export const realNow: () => number = performance.now.bind(performance);

/** Burns `ms` of real CPU time. */
export function busy(ms: number): void {
  const end = realNow() + ms;
  while (realNow() < end) { /* real work */ }
}

/** Durations in ms, up to `maxMs`, with fractions, from a fixed seed. */
export function durations(n: number, maxMs: number, seed: number): number[] {
  const next = lcg(seed);
  return Array.from({ length: n }, () => (next(1_000_000) / 1_000_000) * maxMs);
}

/**
 * Starts `n` sleeps of random durations (up to `maxMs`) at one instant, ticks past the
 * longest (one async tick, or `step`-ms synchronous steps with promise jobs run between)
 * and checks that every sleep fired, in exact (duration, start) order, and that loop time
 * moved by the fake time ticked.
 */
export async function randomSleeps(
  driver: Driver,
  { n, maxMs, seed = 1, step }: { n: number; maxMs: number; seed?: number; step?: number },
): Promise<{ fired: number; moved: number; ticked: number }> {
  const keys = durations(n, maxMs, seed);
  const longest = Math.max(...keys);
  driver.install();
  try {
    const start = loopTime();
    const order: number[] = [];
    keys.forEach((ms, i) => sleep(ms / 1000).then(() => order.push(i)));
    let ticked = 0;
    if (step === undefined) {
      ticked = Math.ceil(longest) + 1;
      await driver.tickAsync(ticked);
      await flush();
    } else {
      while (ticked <= longest) {
        await driver.tick(step);
        ticked += step;
        await flush();
      }
    }
    const moved = (loopTime() - start) * 1000;
    assert.equal(order.length, n, `${order.length} of ${n} sleeps fired`);
    assert.ok(isStableAscending(order, keys), "sleeps ended out of (duration, start) order");
    assert.ok(
      Math.abs(moved - ticked) <= 1,
      `loop time moved ${moved} ms, the fake ${ticked} ms`,
    );
    assert.equal(pendingTimers(), 0);
    assert.equal(driver.pending(), 0);
    return { fired: order.length, moved, ticked };
  } finally {
    driver.uninstall();
  }
}

/** `measureTime(n, maxDelay)` under one async tick: the longest delay over n, within 1 ms. */
export async function measureTimeExact(driver: Driver, n: number, maxDelay: number) {
  random.seed(11);
  const delays = Array.from({ length: n }, () => random.uniform(0, maxDelay));
  const longest = Math.max(...delays);
  random.seed(11);
  driver.install();
  try {
    const measured = measureTime(n, maxDelay);
    // Just past the longest: a synchronous tick (std's) runs every timer, then the
    // continuations read the time at the end of the tick.
    await driver.tickAsync(Math.ceil(longest * 1000));
    const perSleep = await measured;
    assert.ok(
      Math.abs(perSleep * n - longest) <= 0.001,
      `measureTime * n = ${perSleep * n}, the longest delay ${longest}`,
    );
    assert.equal(pendingTimers(), 0);
  } finally {
    driver.uninstall();
  }
}

/** Two `sleep(1)` started at one fake instant, real work between, end on one tick. */
export async function sameInstant(driver: Driver, workMs = 5) {
  driver.install();
  try {
    const woke: string[] = [];
    sleep(1).then(() => woke.push("a"));
    await flush();
    busy(workMs);
    sleep(1).then(() => woke.push("b"));
    await flush();
    await driver.tickAsync(999);
    await flush();
    assert.deepEqual(woke, []);
    await driver.tick(1);
    await flush();
    assert.deepEqual(woke, ["a", "b"]);
    assert.equal(pendingTimers(), 0);
    assert.equal(driver.pending(), 0);
  } finally {
    driver.uninstall();
  }
}

/**
 * A test that leaves sleeps pending under a fake and removes it does not affect the next:
 * the leftovers resume on real time by themselves (no other timer scheduled), no error of
 * the removed fake escapes, real sleeps work, and a new fake's sleeps fire on its ticks.
 */
export async function isolation(driver: Driver) {
  driver.install();
  const left: string[] = [];
  const stop = new AbortController();
  sleep(0.002).then(() => left.push("leftover 2 ms"));
  const hour = sleep(3600, { signal: stop.signal }).then(() => left.push("leftover 1 h"));
  try {
    await driver.tickAsync(1); // 1 ms of fake time: the 2 ms sleep has 1 ms left
    driver.uninstall();
    // Nothing else is scheduled: the leftover must resume on real time by itself (within a
    // few ms; the bound allows for a loaded machine).
    const realStart = realNow();
    while (left.length === 0 && realNow() - realStart < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    assert.deepEqual(left, ["leftover 2 ms"]);
    assert.ok(realNow() - realStart < 1000, "the leftover waited on real time too long");
    // Real sleeps work.
    await sleep(0.001);
    // A new fake's sleeps fire on its ticks.
    driver.install();
    try {
      let woke = false;
      sleep(5).then(() => (woke = true));
      await driver.tickAsync(4999);
      assert.equal(woke, false);
      await driver.tickAsync(1);
      await flush();
      assert.equal(woke, true);
      assert.equal(pendingTimers(), 1, "the 1 h leftover is still pending");
    } finally {
      driver.uninstall();
    }
  } finally {
    stop.abort();
    await assert.rejects(hour, { name: "CancelledError" });
  }
  assert.equal(pendingTimers(), 0);
  assert.deepEqual(left, ["leftover 2 ms"]);
}
