import assert from "node:assert/strict";
import { CancelledError, random, VirtualClock, waitN } from "../../mod.ts";
import { casesOf } from "./_fixtures.ts";

Deno.test("waitN() returns exactly what CPython's wait_n returns for each seed", async () => {
  for (const { seed, nums: [n, maxDelay], value } of casesOf("wait_n")) {
    using _clock = VirtualClock.install({ autojump: true });
    random.seed(seed);
    assert.deepEqual(await waitN(n!, maxDelay!), value, `seed ${seed}, wait_n(${n}, ${maxDelay})`);
  }
});

Deno.test("waitN(5, 5) after seed(0) is the first five uniform(0, 5) draws, ascending", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  random.seed(0);
  const draws = Array.from({ length: 5 }, () => random.uniform(0, 5));
  random.seed(0);
  assert.deepEqual(await waitN(5, 5), draws.toSorted((a, b) => a - b));
});

Deno.test("waitN(5, 0.005) under real timers is ascending too", async () => {
  random.seed(3);
  const delays = await waitN(5, 0.005);
  assert.deepEqual(delays, delays.toSorted((a, b) => a - b));
});

Deno.test("waitN(10, 0) returns ten zeros and waitN(0, 5) returns []", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  assert.deepEqual(await waitN(10, 0), Array(10).fill(0));
  assert.deepEqual(await waitN(0, 5), []);
});

Deno.test("waitN(100000, 10) under VirtualClock is non-decreasing and complete", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  random.seed(42);
  const delays = await waitN(100_000, 10);
  assert.equal(delays.length, 100_000);
  for (let i = 1; i < delays.length; i++) {
    if (delays[i - 1]! > delays[i]!) {
      assert.fail(`inversion at ${i}: ${delays[i - 1]} > ${delays[i]}`);
    }
  }
  random.seed(42);
  const draws = Array.from({ length: 100_000 }, () => random.uniform(0, 10));
  assert.deepEqual(delays, draws.toSorted((a, b) => a - b));
});

Deno.test("waitN() rejects bad arguments with messages naming them", async () => {
  await assert.rejects(waitN(-1, 5), {
    name: "RangeError",
    message: 'Cannot wait: "n" must be an integer from 0 to 1000000, received -1',
  });
  await assert.rejects(waitN(1.5, 5), {
    name: "RangeError",
    message: 'Cannot wait: "n" must be an integer from 0 to 1000000, received 1.5',
  });
  await assert.rejects(waitN(3, NaN), {
    name: "RangeError",
    message: 'Cannot wait: "maxDelay" must be a finite number >= 0, received NaN',
  });
});

Deno.test("waitN() refuses n above 1 000 000 at once, naming n, with nothing drawn or pending", async () => {
  using clock = VirtualClock.install();
  random.seed(1);
  const before = random.getstate();
  for (const n of [2 ** 32, 1e7, 1_000_001]) {
    await assert.rejects(waitN(n, 0), {
      name: "RangeError",
      message: `Cannot wait: "n" must be an integer from 0 to 1000000, received ${n}`,
    });
  }
  assert.deepEqual(random.getstate(), before);
  assert.equal(clock.pending, 0);
});

Deno.test("waitN(5, 5, { signal }) aborted at 1 s rejects with CancelledError, no timer left", async () => {
  using clock = VirtualClock.install();
  random.seed(7);
  const controller = new AbortController();
  const result = waitN(5, 5, { signal: controller.signal });
  assert.equal(clock.pending, 5);
  await clock.advance(1);
  controller.abort(new CancelledError("stop"));
  await assert.rejects(result, { name: "CancelledError", message: "stop" });
  assert.equal(clock.pending, 0);
  assert.equal(clock.now, 1);
});
