import assert from "node:assert/strict";
import { CancelledError, loopTime, random, VirtualClock, waitRandom } from "../../mod.ts";
import { casesOf } from "./_fixtures.ts";

Deno.test("waitRandom() returns CPython's wait_random delay and waits exactly that long", async () => {
  for (const { seed, nums, value } of casesOf("wait_random")) {
    using _clock = VirtualClock.install({ autojump: true });
    random.seed(seed);
    const delay = await waitRandom(...nums);
    assert.equal(delay, value, `seed ${seed}, args ${nums}`);
    assert.equal(loopTime(), delay);
  }
});

Deno.test("waitRandom(0) returns 0", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  assert.equal(await waitRandom(0), 0);
});

Deno.test("waitRandom() rejects a bad maxDelay with a message naming it", async () => {
  await assert.rejects(waitRandom(-1), {
    name: "RangeError",
    message: 'Cannot wait: "maxDelay" must be a finite number >= 0, received -1',
  });
  await assert.rejects(waitRandom("5" as unknown as number), {
    name: "TypeError",
    message: 'Cannot wait: "maxDelay" must be a number, received "5"',
  });
});

Deno.test("waitRandom() is cancelled by its signal and leaves no timer", async () => {
  using clock = VirtualClock.install();
  const controller = new AbortController();
  const promise = waitRandom(10, { signal: controller.signal });
  assert.equal(clock.pending, 1);
  controller.abort(new CancelledError("stop"));
  await assert.rejects(promise, { name: "CancelledError", message: "stop" });
  assert.equal(clock.pending, 0);
});

Deno.test("waitRandom() with a bad signal rejects before using up a random draw", async () => {
  using clock = VirtualClock.install();
  random.seed(3);
  const before = random.getstate();
  await assert.rejects(waitRandom(1, { signal: "x" as unknown as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot wait: "signal" must be an AbortSignal, received "x"',
  });
  assert.deepEqual(random.getstate(), before, "no draw was used");
  assert.equal(clock.pending, 0);
});
