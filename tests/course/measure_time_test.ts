import assert from "node:assert/strict";
import { CancelledError, measureTime, random, VirtualClock } from "../../mod.ts";

Deno.test("measureTime(5, 9) under VirtualClock is exactly the longest delay divided by 5", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  random.seed(7);
  const longest = Math.max(...Array.from({ length: 5 }, () => random.uniform(0, 9)));
  random.seed(7);
  assert.equal(await measureTime(5, 9), longest / 5);
});

Deno.test("measureTime() needs n >= 1", async () => {
  await assert.rejects(measureTime(0, 5), {
    name: "RangeError",
    message: 'Cannot measure time: "n" must be an integer from 1 to 1000000, received 0',
  });
  await assert.rejects(measureTime(2, -3), {
    name: "RangeError",
    message: 'Cannot measure time: "maxDelay" must be a finite number >= 0, received -3',
  });
});

Deno.test("measureTime() refuses n above 1 000 000 at once, naming n", async () => {
  for (const n of [2 ** 32, 1e7]) {
    await assert.rejects(measureTime(n, 0), {
      name: "RangeError",
      message: `Cannot measure time: "n" must be an integer from 1 to 1000000, received ${n}`,
    });
  }
});

Deno.test("measureTime(3, 5, { signal }) aborted at 0.1 s rejects with CancelledError, no timer left", async () => {
  using clock = VirtualClock.install();
  random.seed(7);
  const controller = new AbortController();
  const result = measureTime(3, 5, { signal: controller.signal });
  assert.equal(clock.pending, 3);
  await clock.advance(0.1);
  controller.abort(new CancelledError("stop"));
  await assert.rejects(result, { name: "CancelledError", message: "stop" });
  assert.equal(clock.pending, 0);
});
