/**
 * The ambient scope's fallbacks: with no async context (browsers today, or forced off here)
 * only explicit signals cancel, and they cancel every wait; with TC39 `AsyncContext.Variable`
 * (no runtime here has it yet: a stand-in built on `AsyncLocalStorage`) the scope uses it.
 */
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  currentSignal,
  currentTask,
  loopTime,
  sleep,
  type Task,
  timeout,
  TimeoutError,
  uncancellable,
  VirtualClock,
} from "../mod.ts";
import { ambientEnabled, type AsyncVariable, setAsyncVariableForTesting } from "../src/_scope.ts";
import { everyWait } from "./_every_wait.ts";

for (const name of Object.keys(everyWait())) {
  Deno.test(`ambient off: ${name} with an explicit signal is cancelled by it, not by its task`, async () => {
    using clock = VirtualClock.install();
    const restore = setAsyncVariableForTesting(null);
    try {
      assert.equal(ambientEnabled(), false);
      const controller = new AbortController();
      const byTask = createTask(() => everyWait()[name]!());
      Promise.resolve(byTask).catch(() => {}); // it ends when its own deadline (if any) passes
      const bySignal = createTask(() => everyWait(controller.signal)[name]!());
      await clock.advance(1);
      byTask.cancel(); // reaches no wait: nothing was handed the task's signal
      controller.abort("by the signal");
      const error = await Promise.resolve(bySignal).catch((e) => e);
      assert.ok(error instanceof CancelledError, `${name}: ${error}`);
      assert.equal(error.message, "by the signal");
      await clock.advance(0);
      assert.equal(byTask.done(), false, `${name}: the task's cancel reached the wait`);
      assert.equal(currentTask(), undefined);
    } finally {
      restore();
    }
    // Leave nothing behind: the cancelled task's sleep is the one timer left; end it.
    await clock.runAll();
    assert.equal(clock.pending, 0);
  });
}

Deno.test("ambient off: currentSignal() and currentTask() are undefined; uncancellable() just calls", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const restore = setAsyncVariableForTesting(null);
  try {
    const task = createTask(async () => {
      await sleep(1);
      return [currentSignal(), currentTask(), await uncancellable(() => sleep(1).then(() => 7))];
    });
    assert.deepEqual(await task, [undefined, undefined, 7]);
    assert.equal(loopTime(), 2);
  } finally {
    restore();
  }
});

/** A stand-in for TC39 `AsyncContext.Variable`, on `AsyncLocalStorage`; it counts its calls. */
function standIn(calls: { get: number; run: number }): new () => AsyncVariable {
  // deno-lint-ignore no-explicit-any
  const hooks = (globalThis as any).process?.getBuiltinModule?.("node:async_hooks");
  return class Variable implements AsyncVariable {
    #storage = new hooks.AsyncLocalStorage();
    get() {
      calls.get++;
      return this.#storage.getStore();
    }
    run<A, R>(value: unknown, fn: (arg: A) => R, arg: A): R {
      calls.run++;
      return this.#storage.run(value, fn, arg);
    }
  };
}

Deno.test({
  name: "AsyncContext.Variable, where it exists, carries the scope: a timeout reaches a bare sleep",
  // deno-lint-ignore no-explicit-any
  ignore: typeof (globalThis as any).process?.getBuiltinModule !== "function",
  fn: async () => {
    using clock = VirtualClock.install({ autojump: true });
    const calls = { get: 0, run: 0 };
    // deno-lint-ignore no-explicit-any
    const g = globalThis as any;
    const had = "AsyncContext" in g;
    g.AsyncContext = { Variable: standIn(calls) };
    const restore = setAsyncVariableForTesting("detect"); // detect the host again: finds the stand-in
    try {
      assert.equal(ambientEnabled(), true);
      const error = await timeout(1).run(() => sleep(10)).catch((e) => e);
      assert.ok(error instanceof TimeoutError, String(error));
      assert.equal(loopTime(), 1);
      const task: Task<boolean> = createTask(async () => (await sleep(1), currentTask() === task));
      assert.equal(await task, true);
      assert.ok(calls.run >= 2 && calls.get >= 3, JSON.stringify(calls));
    } finally {
      restore();
      if (!had) delete g.AsyncContext;
    }
    assert.equal(clock.pending, 0);
  },
});
