import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as esm from "../mod.ts";
import { pendingTimers } from "../src/loop.ts";
import { ambientEnabled } from "../src/_scope.ts";

/** Under Node the tests run against the built package, whose CommonJS build sits beside it. */
const underNode = !("Deno" in globalThis);

type Module = typeof esm;

let copy: Promise<Module> | undefined;

/**
 * A second copy of the module: under Deno the whole module bundled into one file and
 * imported from a `data:` URL (every source file a new module instance, as with a second
 * install), under Node the other build (CommonJS beside ES, or ES beside CommonJS).
 */
function secondCopy(): Promise<Module> {
  if (underNode) {
    // The suite runs on the ES build and again on the CommonJS one: load the other.
    const cjs: Module = createRequire(import.meta.url)("../../script/mod.js");
    if (cjs.sleep !== esm.sleep) return Promise.resolve(cjs);
    const other = new URL("../../esm/mod.js", import.meta.url).href;
    return import(other);
  }
  return copy ??= (async () => {
    const entry = new URL("../mod.ts", import.meta.url);
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["bundle", "--quiet", entry.pathname],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (code !== 0) throw new Error(new TextDecoder().decode(stderr));
    const b64 = btoa(Array.from(stdout, (b) => String.fromCharCode(b)).join(""));
    return await import(`data:text/javascript;base64,${b64}`);
  })();
}

async function checkOneLoop(other: Module): Promise<void> {
  assert.notEqual(other.sleep, esm.sleep, "a distinct copy of the module");
  {
    // VirtualClock installed from one copy drives the other copy's sleeps.
    using clock = esm.VirtualClock.install();
    const woke: string[] = [];
    other.sleep(2).then(() => woke.push(`other@${esm.loopTime()}`));
    esm.sleep(1).then(() => woke.push(`esm@${other.loopTime()}`));
    assert.equal(clock.pending, 2);
    await clock.advance(2);
    assert.deepEqual(woke, ["esm@1", "other@2"]);
    // One installed clock per process.
    assert.throws(() => other.VirtualClock.install(), {
      name: "Error",
      message: "Cannot install VirtualClock: another VirtualClock is installed",
    });
  }
  using _clock = other.VirtualClock.install({ autojump: true });
  await esm.sleep(5);
  assert.equal(esm.loopTime(), 5);
  assert.equal(pendingTimers(), 0);
}

function checkErrorIdentity(other: Module): void {
  const pairs = [
    ["CancelledError", new other.CancelledError("x"), esm.CancelledError],
    ["TimeoutError", new other.TimeoutError(), esm.TimeoutError],
    ["InvalidStateError", new other.InvalidStateError("x"), esm.InvalidStateError],
    ["QueueFull", new other.QueueFull(), esm.QueueFull],
    ["QueueEmpty", new other.QueueEmpty(), esm.QueueEmpty],
    ["QueueShutDown", new other.QueueShutDown(), esm.QueueShutDown],
    ["BrokenBarrierError", new other.BrokenBarrierError(), esm.BrokenBarrierError],
    ["TaskGroupError", new other.TaskGroupError([]), esm.TaskGroupError],
  ] as const;
  for (const [name, error, cls] of pairs) {
    assert.ok(error instanceof cls, `${name} from the other copy is instanceof this copy's`);
    assert.ok(error instanceof Error);
    assert.notEqual(error.constructor, cls);
  }
  assert.ok(new esm.CancelledError() instanceof other.CancelledError);
  assert.ok(!(new other.TimeoutError() instanceof esm.CancelledError));
  assert.ok(!(new Error("x") instanceof esm.CancelledError));
  assert.equal(esm.CancelledError[Symbol.hasInstance](null), false);
  assert.ok(new other.TaskGroupError([]) instanceof AggregateError);
  // Subclasses keep the ordinary check.
  class Mine extends esm.CancelledError {}
  assert.ok(new Mine() instanceof esm.CancelledError);
  assert.ok(new Mine() instanceof other.CancelledError);
  assert.ok(!(new esm.CancelledError() instanceof Mine));
}

Deno.test({
  name: "two copies of the module (a bundled copy) share one loop and one installed clock",
  ignore: underNode,
  fn: async () => await checkOneLoop(await secondCopy()),
});

Deno.test({
  name: "two copies of the module (a bundled copy) share error identity for instanceof",
  ignore: underNode,
  fn: async () => checkErrorIdentity(await secondCopy()),
});

Deno.test({
  name: "the ESM and CommonJS builds share one loop: ESM VirtualClock drives CJS sleep",
  ignore: !underNode,
  fn: async () => await checkOneLoop(await secondCopy()),
});

Deno.test({
  name: "the ESM and CommonJS builds share error identity for instanceof",
  ignore: !underNode,
  fn: async () => checkErrorIdentity(await secondCopy()),
});

Deno.test("a cancelled sleep of another copy rejects with a CancelledError of this copy", async () => {
  const other = await secondCopy();
  const controller = new AbortController();
  const sleeping = other.sleep(60, { signal: controller.signal });
  controller.abort();
  await assert.rejects(sleeping, (error) => error instanceof esm.CancelledError);
  assert.equal(pendingTimers(), 0);
});

Deno.test({
  name: "two copies share one ambient scope: a task of one cancels the other copy's bare sleep",
  ignore: !ambientEnabled(),
  fn: async () => {
    const other = await secondCopy();
    using clock = esm.VirtualClock.install({ autojump: true });
    const log: string[] = [];
    const task = other.createTask(async () => {
      await esm.sleep(60).catch((e) => log.push(`esm sleep: ${e.name} at ${esm.loopTime()}`));
      log.push(`same task: ${esm.currentTask() === task}`);
    });
    await esm.sleep(1);
    task.cancel();
    await task;
    assert.deepEqual(log, ["esm sleep: CancelledError at 1", "same task: true"]);
    assert.equal(clock.pending, 0);
  },
});
