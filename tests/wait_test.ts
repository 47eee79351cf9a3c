import assert from "node:assert/strict";
import { CancelledError, createTask, loopTime, sleep, type Task, VirtualClock } from "../mod.ts";
import { wait, type WaitResult } from "../src/wait.ts";
import { after, never } from "./_helpers.ts";

/** Records the loop time at which `p` resolves and its value. */
function trackWait<T>(p: Promise<WaitResult<T>>): { at?: number; done?: T[]; pending?: T[] } {
  const seen: { at?: number; done?: T[]; pending?: T[] } = {};
  p.then(({ done, pending }) =>
    Object.assign(seen, { at: loopTime(), done: [...done], pending: [...pending] })
  );
  return seen;
}

Deno.test("wait() returns when all are done by default, with the original awaitables", async () => {
  using clock = VirtualClock.install();
  const a = after(3), b = after(1, new Error("b"), true), c = after(2);
  const result = trackWait(wait([a, b, c]));
  await clock.advance(2.5);
  assert.deepEqual(result, {});
  await clock.advance(0.5);
  assert.deepEqual(result, { at: 3, done: [a, b, c], pending: [] });
  assert.equal((b.exception() as Error).message, "b");
  assert.equal(clock.pending, 0);
});

Deno.test("wait() with FIRST_COMPLETED returns at the first completion and cancels nothing", async () => {
  using clock = VirtualClock.install();
  const a = after(10), b = after(0.1);
  const result = trackWait(wait([a, b], { returnWhen: "FIRST_COMPLETED" }));
  await clock.advance(0.1);
  assert.deepEqual(result, { at: 0.1, done: [b], pending: [a] });
  assert.equal(a.cancelled(), false);
  await clock.advance(9.9);
  assert.equal(a.result(), 10);
});

Deno.test("wait() with FIRST_COMPLETED counts everything that completed in the same instant", async () => {
  using clock = VirtualClock.install();
  const a = after(1), b = after(1), c = after(2);
  const p = sleep(1), q = sleep(1);
  const tasks = trackWait(wait([c, b, a], { returnWhen: "FIRST_COMPLETED" }));
  const promises = trackWait(wait([p, q, never()], { returnWhen: "FIRST_COMPLETED" }));
  await clock.advance(1);
  assert.deepEqual(tasks, { at: 1, done: [b, a], pending: [c] });
  assert.equal(promises.at, 1);
  assert.deepEqual(promises.done, [p, q]);
  await clock.advance(1);
});

Deno.test("wait() with FIRST_EXCEPTION returns at the first failure, not at a cancellation", async () => {
  using clock = VirtualClock.install();
  const a = after(1), b = after(2), c = after(3, new Error("c"), true), d = after(5);
  const result = trackWait(wait([a, b, c, d], { returnWhen: "FIRST_EXCEPTION" }));
  await clock.advance(1.5);
  b.cancel();
  await clock.advance(1);
  assert.deepEqual(result, {});
  await clock.advance(0.5);
  assert.deepEqual(result, { at: 3, done: [a, b, c], pending: [d] });
  await clock.advance(2);
});

Deno.test("wait() with FIRST_EXCEPTION and no failure returns when all are done", async () => {
  using clock = VirtualClock.install();
  const a = after(1), b = after(2);
  const result = trackWait(wait([a, b], { returnWhen: "FIRST_EXCEPTION" }));
  await clock.advance(2);
  assert.deepEqual(result, { at: 2, done: [a, b], pending: [] });
});

Deno.test("wait() with a timeout returns what is done at the exact time, without rejecting", async () => {
  using clock = VirtualClock.install();
  const a = after(1), b = after(10), c = after(3);
  const all = trackWait(wait([a, b, c], { timeout: 5 }));
  const first = trackWait(wait([b, c], { returnWhen: "FIRST_COMPLETED", timeout: 2 }));
  const failure = trackWait(wait([b, c], { returnWhen: "FIRST_EXCEPTION", timeout: 4 }));
  await clock.advance(5);
  assert.deepEqual(first, { at: 2, done: [], pending: [b, c] });
  assert.deepEqual(failure, { at: 4, done: [c], pending: [b] });
  assert.deepEqual(all, { at: 5, done: [a, c], pending: [b] });
  assert.equal(clock.pending, 1, "only the 10-second task is left: no timeout timer");
  b.cancel();
  await clock.advance(0);
  assert.equal(clock.pending, 0);
});

Deno.test("wait() removes its timer as soon as it returns early", async () => {
  using clock = VirtualClock.install();
  const result = trackWait(
    wait([never(), sleep(1)], { returnWhen: "FIRST_COMPLETED", timeout: 60 }),
  );
  await clock.advance(1);
  assert.equal(result.at, 1);
  assert.equal(clock.pending, 0);
});

Deno.test("wait() with timeout 0 counts what is already settled", async () => {
  using clock = VirtualClock.install();
  const ready = Promise.resolve("ready");
  const result = trackWait(wait([ready, never()], { timeout: 0 }));
  await clock.advance(0);
  assert.equal(result.at, 0);
  assert.deepEqual(result.done, [ready]);
});

Deno.test("wait() aborted by its signal rejects at once and cancels nothing", async () => {
  using clock = VirtualClock.install();
  const a = after(5);
  const controller = new AbortController();
  const waiting = wait([a], { timeout: 10, signal: controller.signal });
  let at: number | undefined;
  waiting.catch(() => (at = loopTime()));
  await clock.advance(2);
  controller.abort(new CancelledError("stop"));
  await assert.rejects(waiting, { name: "CancelledError", message: "stop" });
  assert.equal(at, 2);
  assert.equal(clock.pending, 1, "the timeout timer is gone; the task's sleep remains");
  assert.equal(a.cancelled(), false);
  await clock.advance(3);
  assert.equal(a.result(), 5);
  await assert.rejects(wait([a], { signal: AbortSignal.abort() }), { name: "CancelledError" });
});

Deno.test("wait() takes any iterable, such as the pending set of a previous wait", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const tasks = [after(3), after(1), after(2)];
  const order: number[] = [];
  let pending: Set<Task<number>> = new Set(tasks);
  while (pending.size > 0) {
    const result = await wait(pending, { returnWhen: "FIRST_COMPLETED" });
    for (const t of result.done) order.push(t.result(), loopTime());
    pending = result.pending;
  }
  assert.deepEqual(order, [1, 1, 2, 2, 3, 3]);
  const first = tasks[0]!;
  const { done } = await wait([first, first]);
  assert.deepEqual([...done], [first]);
});

Deno.test("wait() observes failures: none is reported as unhandled", async () => {
  using clock = VirtualClock.install();
  const result = trackWait(wait([
    Promise.reject(new Error("x")),
    sleep(1).then(() => {
      throw new Error("y");
    }),
  ]));
  await clock.advance(1);
  assert.equal(result.done?.length, 2);
});

Deno.test("wait() rejects bad input with TypeError or RangeError naming the argument", async () => {
  const p = Promise.resolve();
  const cases: [() => Promise<unknown>, string, string][] = [
    [
      () => wait([]),
      "RangeError",
      '"aws" must hold at least one promise or Task, received an empty array',
    ],
    [
      () => wait(new Set<Promise<void>>()),
      "RangeError",
      '"aws" must hold at least one promise or Task, received an empty iterable',
    ],
    [
      () => wait(p as unknown as []),
      "TypeError",
      '"aws" must be an iterable of promises or Tasks, received an object',
    ],
    [
      () => wait([p, 1 as unknown as Promise<void>]),
      "TypeError",
      '"aws[1]" must be a promise or a Task, received 1',
    ],
    [
      () => wait([p], { returnWhen: "FIRST" as "FIRST_COMPLETED" }),
      "RangeError",
      '"returnWhen" must be "FIRST_COMPLETED", "FIRST_EXCEPTION" or "ALL_COMPLETED", received "FIRST"',
    ],
    [
      () => wait([p], { timeout: NaN }),
      "RangeError",
      '"timeout" must be a finite number >= 0 or null, received NaN',
    ],
    [
      () => wait([p], { timeout: Infinity }),
      "RangeError",
      '"timeout" must be a finite number >= 0 or null, received Infinity',
    ],
    [
      () => wait([p], { signal: 1 as unknown as AbortSignal }),
      "TypeError",
      '"signal" must be an AbortSignal, received 1',
    ],
  ];
  for (const [fn, name, message] of cases) {
    await assert.rejects(fn(), { name, message: `Cannot wait: ${message}` });
  }
  const { done } = await wait([p], { timeout: null });
  assert.equal(done.size, 1);
});

Deno.test("wait() with a timeout counts a Task completing at the same instant (CPython test_wait_concurrent_complete)", async () => {
  using clock = VirtualClock.install();
  const a = createTask(async (signal) => {
    await sleep(0.1, { signal });
  });
  const b = createTask(async (signal) => {
    await sleep(0.15, { signal });
  });
  const result = trackWait(wait([b, a], { timeout: 0.1 }));
  await clock.advance(0.1);
  assert.deepEqual(result, { at: 0.1, done: [a], pending: [b] });
  await clock.advance(10);
  assert.equal(b.done(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("wait() with a timeout counts an async Task with several awaits finishing at that instant", async () => {
  using clock = VirtualClock.install();
  const a = createTask(async (signal) => {
    await sleep(1, { signal });
    for (let i = 0; i < 20; i++) await Promise.resolve(i);
    return "a";
  });
  const result = trackWait(wait([a], { timeout: 1 }));
  await clock.advance(1);
  assert.deepEqual(result, { at: 1, done: [a], pending: [] });
  assert.equal(clock.pending, 0);
});
