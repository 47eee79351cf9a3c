import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  loopTime,
  sleep,
  TimeoutError,
  uncancellable,
  VirtualClock,
} from "../mod.ts";
import { waitFor } from "../src/wait_for.ts";
import { after, track } from "./_helpers.ts";

Deno.test("waitFor() on timeout cancels the task, rejects with TimeoutError, and the task is cancelled()", async () => {
  using clock = VirtualClock.install();
  const task = after(10, "late");
  const result = track(waitFor(task, 0.1));
  await clock.advance(0.1);
  assert.equal(result.at, 0.1);
  assert.ok(result.error instanceof TimeoutError);
  assert.equal((result.error as Error).message, "Timed out after 0.1 s");
  assert.ok((result.error as Error).cause instanceof CancelledError);
  assert.equal(task.cancelled(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("waitFor() resolves with the value in time and leaves no timer", async () => {
  using clock = VirtualClock.install();
  const result = track(waitFor(after(1, "ok"), 5));
  await clock.advance(1);
  assert.deepEqual(result, { at: 1, value: "ok" });
  assert.equal(clock.pending, 0);
});

Deno.test("waitFor() runs a function as a task whose signal the timeout aborts", async () => {
  using clock = VirtualClock.install();
  let seen: AbortSignal | undefined;
  const result = track(waitFor(async (signal) => {
    seen = signal;
    await sleep(3, { signal });
    return "done";
  }, 2));
  assert.equal(seen?.aborted, false);
  await clock.advance(2);
  assert.equal(result.at, 2);
  assert.ok(result.error instanceof TimeoutError);
  assert.equal(seen?.aborted, true);
  assert.ok(seen?.reason instanceof CancelledError);
  assert.equal(clock.pending, 0);
  const ok = track(waitFor((signal) => sleep(1, { signal }).then(() => 7), 2));
  await clock.advance(1);
  assert.deepEqual(ok, { at: 3, value: 7 });
});

Deno.test("waitFor() waits for the task to finish cancelling before it rejects", async () => {
  using clock = VirtualClock.install();
  const steps: string[] = [];
  const task = createTask(async (signal) => {
    try {
      await sleep(10, { signal });
    } catch (error) {
      steps.push(`cancelled at ${loopTime()}`);
      await uncancellable(() => sleep(0.5)); // cleanup that takes time
      steps.push(`cleaned up at ${loopTime()}`);
      throw error;
    }
  });
  const result = track(waitFor(task, 1));
  await clock.advance(1);
  assert.deepEqual(result, {});
  assert.equal(task.done(), false);
  await clock.advance(0.5);
  assert.equal(result.at, 1.5);
  assert.ok(result.error instanceof TimeoutError);
  assert.equal(task.cancelled(), true);
  assert.deepEqual(steps, ["cancelled at 1", "cleaned up at 1.5"]);
});

Deno.test("waitFor() returns the value of a task that suppresses the cancellation", async () => {
  using clock = VirtualClock.install();
  const task = createTask(async (signal) => {
    try {
      await sleep(10, { signal });
      return "slept";
    } catch {
      return "suppressed";
    }
  });
  const result = track(waitFor(task, 1));
  await clock.advance(1);
  assert.deepEqual(result, { at: 1, value: "suppressed" });
  assert.equal(task.cancelled(), false);
});

Deno.test("waitFor() passes on an error the task raises while cancelling", async () => {
  using clock = VirtualClock.install();
  const task = createTask(async (signal) => {
    try {
      await sleep(10, { signal });
    } catch {
      throw new RangeError("cleanup failed");
    }
  });
  const result = track(waitFor(task, 1));
  await clock.advance(1);
  assert.equal(result.at, 1);
  assert.ok(result.error instanceof RangeError);
  assert.equal((result.error as Error).message, "cleanup failed");
});

Deno.test("waitFor() passes on the task's own failure before the timeout", async () => {
  using clock = VirtualClock.install();
  const task = createTask(async (signal) => {
    await sleep(1, { signal });
    throw new Error("boom");
  });
  const result = track(waitFor(task, 5));
  await clock.advance(1);
  assert.equal(result.at, 1);
  assert.equal((result.error as Error).message, "boom");
  assert.equal(clock.pending, 0);
});

Deno.test("waitFor() with seconds null or undefined waits without a timer", async () => {
  using clock = VirtualClock.install();
  const a = track(waitFor(after(100, "a"), null));
  const b = track(waitFor(after(100, "b")));
  assert.equal(clock.pending, 2, "the two sleeps only");
  await clock.advance(100);
  assert.deepEqual([a, b], [{ at: 100, value: "a" }, { at: 100, value: "b" }]);
});

Deno.test("waitFor() with 0 seconds returns what is already done and times out the rest at once", async () => {
  using clock = VirtualClock.install();
  const done = createTask(() => "done");
  const ready = track(waitFor(done, 0));
  const promise = track(waitFor(Promise.resolve("ready"), 0));
  const pending = after(1, "x");
  const late = track(waitFor(pending, 0));
  await clock.advance(0);
  assert.deepEqual(ready, { at: 0, value: "done" });
  assert.deepEqual(promise, { at: 0, value: "ready" });
  assert.ok(late.error instanceof TimeoutError);
  assert.equal(late.at, 0);
  assert.equal(pending.cancelled(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("waitFor() stops waiting for a plain promise on timeout and observes its later failure", async () => {
  using clock = VirtualClock.install();
  const p = sleep(2).then(() => Promise.reject(new Error("late failure")));
  const result = track(waitFor(p, 1));
  await clock.advance(1);
  assert.equal(result.at, 1);
  assert.ok(result.error instanceof TimeoutError);
  await clock.advance(1);
  // Deno fails the test if the late failure is left unhandled.
  assert.equal(clock.pending, 0);
});

Deno.test("waitFor() aborted by its signal cancels the task, waits for it, and rejects with CancelledError", async () => {
  using clock = VirtualClock.install();
  const task = after(10, "x");
  const controller = new AbortController();
  const result = track(waitFor(task, 5, { signal: controller.signal }));
  await clock.advance(1);
  controller.abort(new CancelledError("stop"));
  await clock.advance(0);
  assert.equal(result.at, 1);
  assert.ok(result.error instanceof CancelledError);
  assert.equal((result.error as Error).message, "stop");
  assert.equal(task.cancelled(), true);
  assert.equal(clock.pending, 0);
  const early = track(waitFor(after(1, "y"), 5, { signal: AbortSignal.abort() }));
  await clock.advance(0);
  assert.ok(early.error instanceof CancelledError);
  assert.equal(clock.pending, 0);
});

Deno.test("waitFor() rejects bad input with TypeError or RangeError naming the argument", async () => {
  const p = Promise.resolve(1);
  const cases: [() => Promise<unknown>, string, string][] = [
    [
      () => waitFor(5 as unknown as Promise<number>, 1),
      "TypeError",
      '"aw" must be a function, a promise or a Task, received 5',
    ],
    [
      () => waitFor(p, -1),
      "RangeError",
      '"seconds" must be a finite number >= 0 or null, received -1',
    ],
    [
      () => waitFor(p, "1" as unknown as number),
      "TypeError",
      '"seconds" must be a number or null, received "1"',
    ],
    [
      () => waitFor(p, 1, { signal: 2 as unknown as AbortSignal }),
      "TypeError",
      '"signal" must be an AbortSignal, received 2',
    ],
  ];
  for (const [fn, name, message] of cases) {
    await assert.rejects(fn(), { name, message: `Cannot wait for: ${message}` });
  }
});

Deno.test("waitFor() aborted by its signal also waits for the task to finish cancelling", async () => {
  using clock = VirtualClock.install();
  const task = createTask(async (signal) => {
    await sleep(10, { signal }).catch(() => uncancellable(() => sleep(0.5)));
    throw signal.reason;
  });
  const controller = new AbortController();
  const result = track(waitFor(task, null, { signal: controller.signal }));
  await clock.advance(1);
  controller.abort();
  await clock.advance(0.25);
  assert.deepEqual(result, {});
  await clock.advance(0.25);
  assert.equal(result.at, 1.5);
  assert.ok(result.error instanceof CancelledError);
  assert.equal(task.cancelled(), true);
});
