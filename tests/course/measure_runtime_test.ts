import assert from "node:assert/strict";
import { CancelledError, measureRuntime, VirtualClock } from "../../mod.ts";

Deno.test("measureRuntime() under VirtualClock returns exactly 10, not 40", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const realStart = performance.now();
  assert.equal(await measureRuntime(), 10);
  assert.equal(clock.now, 10);
  assert.ok(performance.now() - realStart < 1000, "virtual seconds must not cost real ones");
});

Deno.test("measureRuntime() measures from the loop time it starts at", async () => {
  using _clock = VirtualClock.install({ start: 500, autojump: true });
  assert.equal(await measureRuntime(), 10);
});

Deno.test("measureRuntime({ signal }) aborted at 2.5 s cancels the four waits, no timer left", async () => {
  using clock = VirtualClock.install();
  const controller = new AbortController();
  const result = measureRuntime({ signal: controller.signal });
  await clock.advance(2.5);
  assert.equal(clock.pending, 4);
  controller.abort(new CancelledError("stop"));
  await assert.rejects(result, { name: "CancelledError", message: "stop" });
  assert.equal(clock.pending, 0);
});
