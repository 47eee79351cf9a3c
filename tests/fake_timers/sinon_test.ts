import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { loopTime, sleep } from "../../mod.ts";
import { pendingTimers } from "../../src/loop.ts";
import {
  type Driver,
  flush,
  isolation,
  measureTimeExact,
  randomSleeps,
  sameInstant,
} from "./_harness.ts";

type ToFake = NonNullable<Parameters<typeof FakeTimers.install>[0]>["toFake"];
type Clock = ReturnType<typeof FakeTimers.install>;

/** What Deno std's FakeTime fakes: performance.now, setImmediate, queueMicrotask stay real. */
const STD_SUBSET: ToFake = [
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "Date",
];

function sinon(toFake?: ToFake): Driver {
  let clock: Clock | undefined;
  return {
    install: () =>
      void (clock = toFake === undefined ? FakeTimers.install() : FakeTimers.install({ toFake })),
    tick: (ms) => void clock!.tick(ms),
    tickAsync: async (ms) => void await clock!.tickAsync(ms),
    pending: () => clock!.countTimers(),
    uninstall: () => clock!.uninstall(),
  };
}

for (
  const [label, toFake] of [["std FakeTime's subset", STD_SUBSET], ["defaults", undefined]] as const
) {
  const name = `sinon (${label})`;

  Deno.test(`${name}: 2000 sleeps of up to 50 s all fire in order on one async tick`, async () => {
    await randomSleeps(sinon(toFake), { n: 2000, maxMs: 50_000 });
  });

  Deno.test(`${name}: 10 000 sleeps of up to 50 s all fire in order on one async tick`, async () => {
    await randomSleeps(sinon(toFake), { n: 10_000, maxMs: 50_000, seed: 3 });
  });

  Deno.test(`${name}: 1000 sleeps within 20 ms all fire in order on one async tick`, async () => {
    await randomSleeps(sinon(toFake), { n: 1000, maxMs: 20, seed: 5 });
  });

  Deno.test(`${name}: 1000 sleeps within 20 ms fire in order in 1 ms steps`, async () => {
    await randomSleeps(sinon(toFake), { n: 1000, maxMs: 20, seed: 7, step: 1 });
  });

  Deno.test(`${name}: 1000 sleeps of up to 10 s fire in order in 100 ms steps`, async () => {
    await randomSleeps(sinon(toFake), { n: 1000, maxMs: 10_000, seed: 9, step: 100 });
  });

  Deno.test(`${name}: measureTime(1000, 50) is the longest delay over n`, async () => {
    await measureTimeExact(sinon(toFake), 1000, 50);
  });

  Deno.test(`${name}: two sleeps started at one fake instant end on one tick`, async () => {
    await sameInstant(sinon(toFake));
  });

  Deno.test(`${name}: leftover sleeps do not poison the next test`, async () => {
    await isolation(sinon(toFake));
  });
}

Deno.test("sinon: the loop may be imported after the fake is installed", async () => {
  const clock = FakeTimers.install({ toFake: STD_SUBSET });
  try {
    const copy = await import(`../../mod.ts?sinon-after-fake=${Math.random()}`);
    const woke: number[] = [];
    for (const s of [3, 1, 2]) copy.sleep(s).then(() => woke.push(s));
    const start = loopTime();
    await clock.tickAsync(3000);
    await flush();
    assert.deepEqual(woke, [1, 2, 3]);
    assert.equal(loopTime() - start, 3);
    assert.equal(pendingTimers(), 0);
  } finally {
    clock.uninstall();
  }
});

Deno.test("real timers keep their order and never end early", async () => {
  const keys = [3, 1, 2, 2, 0, 1.5, 2.5, 1];
  const order: number[] = [];
  const start = performance.now();
  const late: number[] = [];
  await Promise.all(keys.map((ms, i) =>
    sleep(ms / 1000).then(() => {
      order.push(i);
      late.push(performance.now() - start - ms);
    })
  ));
  assert.deepEqual(order, [4, 1, 7, 5, 2, 3, 6, 0]);
  // Node's own timers may fire up to 1 ms early by performance.now (libuv counts whole ms);
  // the loop adds nothing to that.
  const slack = "Deno" in globalThis ? 0.01 : 1;
  assert.ok(late.every((d) => d >= -slack), `a sleep ended early: ${late}`);
  assert.equal(pendingTimers(), 0);
});
