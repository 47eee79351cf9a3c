import assert from "node:assert/strict";
import { asyncGenerator, CancelledError, loopTime, random, VirtualClock } from "../../mod.ts";
import { casesOf } from "./_fixtures.ts";

Deno.test("asyncGenerator() yields CPython's ten draws, one each second", async () => {
  for (const { seed, value } of casesOf("async_generator")) {
    using _clock = VirtualClock.install({ autojump: true });
    random.seed(seed);
    const seen: number[] = [];
    const times: number[] = [];
    for await (const x of asyncGenerator()) {
      seen.push(x);
      times.push(loopTime());
    }
    assert.deepEqual(seen, value);
    assert.deepEqual(times, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }
});

Deno.test("asyncGenerator() stops with CancelledError when its signal aborts", async () => {
  using clock = VirtualClock.install();
  const controller = new AbortController();
  const seen: number[] = [];
  const run = (async () => {
    for await (const x of asyncGenerator({ signal: controller.signal })) seen.push(x);
  })();
  await clock.advance(3.5);
  controller.abort(new CancelledError("enough"));
  await assert.rejects(run, { name: "CancelledError", message: "enough" });
  assert.equal(seen.length, 3);
  assert.equal(clock.pending, 0);
});
