import assert from "node:assert/strict";
import { measureRuntime, VirtualClock } from "../../mod.ts";

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
