import assert from "node:assert/strict";
import { CancelledError, loopTime, sleep, type Task, TimeoutError, VirtualClock } from "../mod.ts";
import { asCompleted } from "../src/as_completed.ts";
import { after, isStableAscending, lcg, never } from "./_helpers.ts";

Deno.test("asCompleted() yields the original tasks in completion order, at their times", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const tasks = [after(3), after(1), after(2)];
  const seen: [number, number][] = [];
  for await (const t of asCompleted(tasks)) {
    // TypeScript types the variable of `for await` as awaited (number); it is the Task.
    seen.push([tasks.indexOf(t as unknown as Task<number>), loopTime()]);
  }
  assert.deepEqual(seen, [[1, 1], [2, 2], [0, 3]]);
  assert.equal(clock.pending, 0);
});

Deno.test("asCompleted() yields in exact completion order, within one instant too", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const aws: PromiseLike<string>[] = [
    after(2, "a"),
    sleep(1).then(() => "b"),
    after(1, "c"),
    sleep(2).then(() => "d"),
    after(1, "e"),
    sleep(1).then(() => "f"),
  ];
  const completed: string[] = [];
  for (const aw of aws) aw.then((v) => completed.push(v));
  const order: string[] = [];
  for await (const p of asCompleted(aws)) order.push(await p);
  // Sleeps of one deadline end first in, first out; a task settles a few promise jobs
  // after its sleep ends, so "d" (a plain promise) completes before "a" (a task).
  assert.deepEqual(completed, ["b", "f", "c", "e", "d", "a"]);
  assert.deepEqual(order, completed);
});

Deno.test("asCompleted() yields 100 000 sleeps in exact ascending order, ties first in first out", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const next = lcg(7);
  const delays = Array.from({ length: 100_000 }, () => next(1000) / 10);
  const promises = delays.map((d, i) => sleep(d).then(() => i));
  const order: number[] = [];
  const start = performance.now();
  for await (const p of asCompleted(promises)) order.push(await p);
  const elapsed = performance.now() - start;
  assert.equal(order.length, delays.length);
  assert.ok(isStableAscending(order, delays));
  assert.equal(loopTime(), Math.max(...delays));
  assert.ok(elapsed < 5000, `took ${elapsed} ms`);
});

Deno.test("asCompleted() yields failed awaitables too: awaiting them throws", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen: string[] = [];
  for await (const t of asCompleted([after(2, "ok"), after<string>(1, "bad", true)])) {
    try {
      seen.push(await t);
    } catch (error) {
      seen.push(`caught ${error} at ${loopTime()}`);
    }
  }
  assert.deepEqual(seen, ["caught bad at 1", "ok"]);
});

Deno.test("asCompleted() throws TimeoutError at the exact time and leaves no timer", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const aws = [never(), after(1), never()];
  const seen: number[] = [];
  const error = await (async () => {
    for await (const t of asCompleted(aws, { timeout: 2.5 })) seen.push(await t);
  })().catch((e) => e);
  assert.ok(error instanceof TimeoutError);
  assert.equal(error.message, "Timed out after 2.5 s with 2 of 3 awaitables pending");
  assert.equal(loopTime(), 2.5);
  assert.deepEqual(seen, [1]);
  assert.equal(clock.pending, 0);
});

Deno.test("asCompleted() yields what completed before the timeout, then throws, then is done", async () => {
  using clock = VirtualClock.install();
  const tasks = [after(1), after(1.5), after(4)];
  const it = asCompleted(tasks, { timeout: 2 });
  const first = it.next();
  await clock.advance(1);
  assert.deepEqual(await first, { value: tasks[0], done: false });
  await clock.advance(1); // 1.5 completes, then the timeout fires at 2: nobody was waiting
  assert.deepEqual(await it.next(), { value: tasks[1], done: false });
  await assert.rejects(it.next(), {
    name: "TimeoutError",
    message: "Timed out after 2 s with 1 of 3 awaitables pending",
  });
  assert.deepEqual(await it.next(), { value: undefined, done: true });
  assert.equal(clock.pending, 1, "the 4-second task is not cancelled");
  tasks[2]!.cancel();
  await clock.advance(0);
  assert.equal(clock.pending, 0);
});

Deno.test("asCompleted() removes its timer as soon as everything completed", async () => {
  using clock = VirtualClock.install();
  const it = asCompleted([after(1), after(2)], { timeout: 10 });
  await clock.advance(2);
  assert.equal(clock.pending, 0);
  assert.equal((await it.next()).done, false);
  assert.equal((await it.next()).done, false);
  assert.equal((await it.next()).done, true);
});

Deno.test("asCompleted() removes its timer when the loop breaks early", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const seen: number[] = [];
  for await (const p of asCompleted([never(), sleep(1).then(() => 1)], { timeout: 60 })) {
    seen.push(await p);
    break;
  }
  assert.deepEqual(seen, [1]);
  assert.equal(loopTime(), 1);
  assert.equal(clock.pending, 0);
});

Deno.test("asCompleted() return() settles waiting next() calls as done", async () => {
  using clock = VirtualClock.install();
  const it = asCompleted([never(), never()], { timeout: 5 });
  const waiting = [it.next(), it.next()];
  assert.deepEqual(await it.return!(), { value: undefined, done: true });
  assert.deepEqual(await Promise.all(waiting), [
    { value: undefined, done: true },
    { value: undefined, done: true },
  ]);
  assert.equal(clock.pending, 0);
});

Deno.test("asCompleted() serves concurrent next() calls in order and ends when all are handed out", async () => {
  using clock = VirtualClock.install();
  const tasks = [after(2), after(1)];
  const it = asCompleted(tasks);
  const steps = [it.next(), it.next(), it.next()];
  await clock.advance(2);
  assert.deepEqual(await Promise.all(steps), [
    { value: tasks[1], done: false },
    { value: tasks[0], done: false },
    { value: undefined, done: true },
  ]);
});

Deno.test("asCompleted() with an aborted signal throws CancelledError and leaves no timer", async () => {
  using clock = VirtualClock.install();
  const controller = new AbortController();
  const it = asCompleted([after(1), never()], { timeout: 10, signal: controller.signal });
  const pending = it.next();
  await clock.advance(3);
  assert.equal((await pending).done, false);
  const waiting = it.next();
  controller.abort(new CancelledError("enough"));
  await assert.rejects(waiting, { name: "CancelledError", message: "enough" });
  assert.equal(clock.pending, 0);
  assert.deepEqual(await it.next(), { value: undefined, done: true });
  await assert.rejects(asCompleted([never()], { signal: AbortSignal.abort() }).next(), {
    name: "CancelledError",
  });
});

Deno.test("asCompleted() yields each awaitable once, from any iterable", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const a = after(2), b = after(1);
  const fromSet: unknown[] = [];
  for await (const t of asCompleted(new Set([a, b]))) fromSet.push(t);
  assert.deepEqual(fromSet, [b, a]);
  const fromArray: unknown[] = [];
  for await (const t of asCompleted([a, b, a])) fromArray.push(t);
  assert.deepEqual(fromArray, [a, b]); // both done already: in the order given
});

Deno.test("asCompleted() of nothing ends at once and arms no timer", async () => {
  using clock = VirtualClock.install();
  const it = asCompleted([], { timeout: 1 });
  assert.equal(clock.pending, 0);
  assert.deepEqual(await it.next(), { value: undefined, done: true });
});

Deno.test("asCompleted() rejects bad input with TypeError or RangeError naming the argument", () => {
  const cases: [() => unknown, string, string][] = [
    [
      () => asCompleted(5 as unknown as []),
      "TypeError",
      '"aws" must be an iterable of promises or Tasks, received 5',
    ],
    [
      () => asCompleted([Promise.resolve(), 5 as unknown as Promise<void>]),
      "TypeError",
      '"aws[1]" must be a promise or a Task, received 5',
    ],
    [
      () => asCompleted([], { timeout: -1 }),
      "RangeError",
      '"timeout" must be a finite number >= 0 or null, received -1',
    ],
    [
      () => asCompleted([], { timeout: "1" as unknown as number }),
      "TypeError",
      '"timeout" must be a number or null, received "1"',
    ],
    [
      () => asCompleted([], { signal: {} as AbortSignal }),
      "TypeError",
      '"signal" must be an AbortSignal, received an object',
    ],
  ];
  for (const [fn, name, message] of cases) {
    assert.throws(fn, { name, message: `Cannot iterate as completed: ${message}` });
  }
});
