import assert from "node:assert/strict";
import { asyncComprehension, loopTime, random, VirtualClock } from "../../mod.ts";
import { casesOf } from "./_fixtures.ts";

Deno.test("asyncComprehension() returns CPython's ten numbers after 10 s", async () => {
  for (const { seed, value } of casesOf("async_comprehension")) {
    using _clock = VirtualClock.install({ autojump: true });
    random.seed(seed);
    assert.deepEqual(await asyncComprehension(), value);
    assert.equal(loopTime(), 10);
  }
});
