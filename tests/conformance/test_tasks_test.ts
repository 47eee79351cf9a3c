// Ports of the gather / as_completed / wait / shield parts of CPython 3.13
// Lib/test/test_asyncio/test_tasks.py (BaseTaskTests, and GatherTestsBase run as
// FutureGatherTests and CoroutineGatherTests). CPython drives these with a TestLoop whose
// time moves by hand; VirtualClock plays that part, and the virtual times are asserted.
//
// How asyncio reads here: a Future is a promise with its resolve/reject (`deferred()`); a
// cancelled Future is one rejected with CancelledError; a coroutine is a function run as a
// Task (`createTask`), and tasks start eagerly; cancelling the task that awaits is aborting
// the `signal` option of the wait. as_completed() is ported in its `async for` form only (the
// plain-iterator form has no counterpart). What has no JavaScript meaning is listed in
// SKIPPED.md.
import assert from "node:assert/strict";
import {
  asCompleted,
  CancelledError,
  createTask,
  Event,
  gather,
  loopTime,
  shield,
  sleep,
  type Task,
  TimeoutError,
  VirtualClock,
  wait,
} from "../../mod.ts";
import { deferred, tick, unhandledRejections } from "./_helpers.ts";

class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}
class RuntimeError extends Error {
  override name = "RuntimeError";
}

/** A task that sleeps `s` seconds (asyncio.sleep(s, result)) and returns `result`. */
function sleeping<T = undefined>(s: number, result?: T): Task<T> {
  return createTask(async (signal) => {
    await sleep(s, { signal });
    return result as T;
  });
}

/** Lets the program run until it is idle at the current virtual time. */
async function runBriefly(): Promise<void> {
  await tick();
}

// --------------------------------------------------------------------------------------- wait

Deno.test("BaseTaskTests.test_wait", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(0.1);
  const b = sleeping(0.15);
  const foo = async () => {
    const { done, pending } = await wait([b, a]);
    assert.deepEqual(done, new Set([a, b]));
    assert.deepEqual(pending, new Set());
    assert.deepEqual([...done], [b, a], "in input order");
    return 42;
  };
  assert.equal(await foo(), 42);
  assert.equal(loopTime(), 0.15);
  // Doing it again takes no time.
  assert.equal(await foo(), 42);
  assert.equal(loopTime(), 0.15);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_duplicate_coroutines", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const c = createTask(() => "test");
  const { done, pending } = await wait([c, c, createTask(() => "spam")]);
  assert.equal(pending.size, 0);
  assert.equal(done.size, 2);
  assert.deepEqual(new Set([...done].map((f) => f.result())), new Set(["test", "spam"]));
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_errors", async () => {
  await assert.rejects(wait(new Set<Promise<void>>()), {
    name: "RangeError",
    message:
      'Cannot wait: "aws" must hold at least one promise or Task, received an empty iterable',
  });
  await assert.rejects(wait([Promise.resolve()], { returnWhen: -1 as never }), {
    name: "RangeError",
    message:
      'Cannot wait: "returnWhen" must be "FIRST_COMPLETED", "FIRST_EXCEPTION" or "ALL_COMPLETED", received -1',
  });
});

Deno.test("BaseTaskTests.test_wait_first_completed", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(10);
  const b = sleeping(0.1);
  const { done, pending } = await wait([b, a], { returnWhen: "FIRST_COMPLETED" });
  assert.deepEqual(done, new Set([b]));
  assert.deepEqual(pending, new Set([a]));
  assert.equal(a.done(), false);
  assert.equal(b.done(), true);
  assert.equal(b.result(), undefined);
  assert.equal(loopTime(), 0.1);
  await wait([a, b]);
  assert.equal(loopTime(), 10);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_really_done", async () => {
  // Tasks that end in the same instant as the first are in `done` too.
  using clock = VirtualClock.install({ autojump: true });
  const a = createTask(async (signal) => {
    await sleep(0, { signal });
  });
  const b = createTask(async (signal) => {
    await sleep(0, { signal });
    await sleep(0, { signal });
  });
  const { done, pending } = await wait([b, a], { returnWhen: "FIRST_COMPLETED" });
  // CPython: both done (the second sleep(0) ends in the same loop run). Here each sleep(0) is
  // a turn of its own: b is still in its second one when a ends.
  assert.deepEqual(done, new Set([a]));
  assert.deepEqual(pending, new Set([b]));
  assert.equal(a.result(), undefined);
  await b;
  assert.equal(b.result(), undefined);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_first_exception", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(10);
  const b = createTask(() => {
    throw new ZeroDivisionError("err");
  });
  const { done, pending } = await wait([b, a], { returnWhen: "FIRST_EXCEPTION" });
  assert.deepEqual(done, new Set([b]));
  assert.deepEqual(pending, new Set([a]));
  assert.equal(loopTime(), 0);
  assert.ok(b.exception() instanceof ZeroDivisionError);
  await wait([a, b]);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_first_exception_in_wait", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(10);
  const b = createTask(async (signal) => {
    await sleep(0.01, { signal });
    throw new ZeroDivisionError("err");
  });
  const { done, pending } = await wait([b, a], { returnWhen: "FIRST_EXCEPTION" });
  assert.deepEqual(done, new Set([b]));
  assert.deepEqual(pending, new Set([a]));
  assert.equal(loopTime(), 0.01);
  assert.equal((b.exception() as Error).message, "err");
  await wait([a, b]);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_with_exception", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(0.1);
  const b = createTask(async (signal) => {
    await sleep(0.15, { signal });
    throw new ZeroDivisionError("really");
  });
  const foo = async () => {
    const { done, pending } = await wait([b, a]);
    assert.equal(done.size, 2);
    assert.equal(pending.size, 0);
    const errors = [...done].filter((f) => f.exception() !== undefined && f.exception() !== null);
    assert.deepEqual(errors, [b]);
  };
  await foo();
  assert.equal(loopTime(), 0.15);
  await foo();
  assert.equal(loopTime(), 0.15);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_with_timeout", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(0.1);
  const b = sleeping(0.15);
  const { done, pending } = await wait([b, a], { timeout: 0.11 });
  assert.deepEqual(done, new Set([a]));
  assert.deepEqual(pending, new Set([b]));
  assert.equal(loopTime(), 0.11);
  await wait([a, b]);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_concurrent_complete", async () => {
  // A Task that completes at the same instant as the timeout is done (issue 13, item 4).
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(0.1);
  const b = sleeping(0.15);
  const { done, pending } = await wait([b, a], { timeout: 0.1 });
  assert.deepEqual(done, new Set([a]));
  assert.deepEqual(pending, new Set([b]));
  assert.equal(loopTime(), 0.1);
  await wait([a, b]);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_with_iterator_of_tasks", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(0.1);
  const b = sleeping(0.15);
  const { done, pending } = await wait([b, a][Symbol.iterator]());
  assert.deepEqual(done, new Set([a, b]));
  assert.deepEqual(pending, new Set());
  assert.equal(loopTime(), 0.15);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_generator", async () => {
  using clock = VirtualClock.install({ autojump: true });
  function* tasks() {
    for (let i = 0; i < 10; i++) yield createTask(() => i);
  }
  const { done, pending } = await wait(tasks(), { returnWhen: "ALL_COMPLETED" });
  assert.equal(done.size, 10);
  assert.equal(pending.size, 0);
  assert.deepEqual([...done].map((t) => t.result()), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_wait_invalid_args", async () => {
  const fut = deferred();
  await assert.rejects(wait(fut.promise as never), {
    name: "TypeError",
    message: 'Cannot wait: "aws" must be an iterable of promises or Tasks, received an object',
  });
  await assert.rejects(wait([]), {
    name: "RangeError",
    message: 'Cannot wait: "aws" must hold at least one promise or Task, received an empty array',
  });
  fut.resolve();
});

Deno.test("BaseTaskTests.test_yield_wait_does_not_shield_cancel", async () => {
  // Cancelling outer() makes wait() return early, and leaves inner() running.
  using clock = VirtualClock.install({ autojump: true });
  let proof = 0;
  const waiter = deferred();
  const f = createTask(async (signal) => {
    const inner = createTask(async () => {
      await waiter.promise;
      proof += 1;
    });
    await wait([inner], { signal });
    proof += 100;
  });
  await runBriefly();
  f.cancel();
  await assert.rejects(Promise.resolve(f), { name: "CancelledError" });
  waiter.resolve();
  await runBriefly();
  assert.equal(proof, 1);
  assert.equal(clock.pending, 0);
});

// -------------------------------------------------------------------------------- as_completed

Deno.test("BaseTaskTests.test_as_completed", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const completed = new Set<string>();
  const sleeper = (dt: number, x: string) =>
    createTask(async (signal) => {
      await sleep(dt, { signal });
      completed.add(x);
      return x;
    });
  const a = sleeper(0.01, "a");
  const b = sleeper(0.01, "b");
  const c = sleeper(0.15, "c");
  const values: string[] = [];
  for await (const f of asCompleted([b, c, a])) values.push(await f);
  assert.equal(loopTime(), 0.15);
  // CPython: a and b first in either order; the sleeps of one deadline end first in, first out.
  assert.deepEqual(values, ["a", "b", "c"]);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_as_completed_same_tasks_in_as_out", async () => {
  // The awaitables yielded are the ones passed in (CPython: for Tasks; coroutines get
  // wrapped, but there are none here: a coroutine is a Task already).
  using clock = VirtualClock.install({ autojump: true });
  const taskB = createTask(() => "b");
  const taskD = createTask(() => "d");
  const promiseA = Promise.resolve("a");
  const awaitablesIn = new Set<PromiseLike<string>>([promiseA, taskB, taskD]);
  const awaitablesOut = new Set<PromiseLike<string>>();
  for await (const out of asCompleted(awaitablesIn)) {
    awaitablesOut.add(out as unknown as PromiseLike<string>);
  }
  assert.deepEqual(awaitablesOut, awaitablesIn);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_as_completed_with_timeout", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(0.1, "a");
  const b = sleeping(0.15, "b");
  const values: [number, unknown][] = [];
  try {
    for await (const f of asCompleted([a, b], { timeout: 0.12 })) values.push([1, await f]);
  } catch (error) {
    values.push([2, error]);
  }
  assert.equal(values.length, 2);
  assert.deepEqual(values[0], [1, "a"]);
  assert.equal(values[1]![0], 2);
  assert.ok(values[1]![1] instanceof TimeoutError);
  assert.equal(
    (values[1]![1] as Error).message,
    "Timed out after 0.12 s with 1 of 2 awaitables pending",
  );
  assert.equal(loopTime(), 0.12);
  await wait([a, b]);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_as_completed_with_unused_timeout", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(0.01, "a");
  for await (const f of asCompleted([a], { timeout: 1 })) assert.equal(await f, "a");
  assert.equal(loopTime(), 0.01);
  assert.equal(clock.pending, 0, "the unused timeout left no timer");
});

Deno.test("BaseTaskTests.test_as_completed_resume_iterator", async () => {
  // JavaScript's `for await … break` calls return(), which ends an iterator: a resumed loop
  // has to step it by hand, without for-await, to go on.
  using clock = VirtualClock.install({ autojump: true });
  const coros = [0, 1, 2, 3].map((i) => createTask(() => i));
  const iterator = asCompleted(coros);
  const collected: number[] = [];
  for (let i = 0; i < 2; i++) {
    const step = await iterator.next();
    assert.equal(step.done, false);
    collected.push(await step.value);
  }
  assert.equal(collected.length, 2);
  for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
    collected.push(await step.value);
  }
  assert.deepEqual(collected, [0, 1, 2, 3]);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_as_completed_concurrent", async () => {
  // More than one awaitable yielded by asCompleted can be awaited at the same time.
  using clock = VirtualClock.install({ autojump: true });
  const a = sleeping(0.05, "a");
  const b = sleeping(0.05, "b");
  const futs: PromiseLike<string>[] = [];
  for await (const f of asCompleted(new Set([a, b]))) futs.push(f as unknown as Task<string>);
  assert.equal(futs.length, 2);
  const { done } = await wait(futs);
  assert.deepEqual(
    new Set([...done].map((f) => (f as Task<string>).result())),
    new Set(["a", "b"]),
  );
  assert.equal(loopTime(), 0.05);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_as_completed_duplicate_coroutines", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const c = createTask(() => "ham");
  const result: string[] = [];
  for await (const f of asCompleted([c, c, createTask(() => "spam")])) {
    result.push(await f);
  }
  assert.deepEqual(new Set(result), new Set(["ham", "spam"]));
  assert.equal(result.length, 2);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_as_completed_invalid_args", () => {
  const fut = deferred();
  assert.throws(() => asCompleted(fut.promise as never), {
    name: "TypeError",
    message:
      'Cannot iterate as completed: "aws" must be an iterable of promises or Tasks, received an object',
  });
  fut.resolve();
});

// -------------------------------------------------------------------------------------- shield

Deno.test("BaseTaskTests.test_shield_result", async () => {
  const inner = deferred<number>();
  const outer = shield(inner.promise);
  inner.resolve(42);
  assert.equal(await outer, 42);
});

Deno.test("BaseTaskTests.test_shield_exception", async () => {
  const inner = deferred();
  const outer = shield(inner.promise);
  await runBriefly();
  const exc = new RuntimeError("expected");
  inner.reject(exc);
  await assert.rejects(outer, (error) => error === exc);
});

Deno.test("BaseTaskTests.test_shield_cancel_inner", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const inner = createTask((signal) => new Event().wait({ signal }));
  const outer = shield(inner);
  const outerFailed = assert.rejects(outer, CancelledError); // observed at once
  await runBriefly();
  inner.cancel();
  await runBriefly();
  await outerFailed;
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_shield_cancel_outer", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const inner = deferred<number>();
  const controller = new AbortController();
  const outer = shield(inner.promise, { signal: controller.signal });
  await runBriefly();
  controller.abort(); // outer.cancel()
  await assert.rejects(outer, CancelledError); // at once: no callback is left on inner
  inner.resolve(1); // the inner goes on untouched
  assert.equal(await inner.promise, 1);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_shield_shortcut", async () => {
  assert.equal(await shield(Promise.resolve(42)), 42);
});

Deno.test("BaseTaskTests.test_shield_effect", async () => {
  // Cancelling outer() does not affect inner().
  using clock = VirtualClock.install({ autojump: true });
  let proof = 0;
  const waiter = deferred();
  const f = createTask(async (signal) => {
    const inner = createTask(async () => {
      await waiter.promise;
      proof += 1;
    });
    await shield(inner, { signal });
    proof += 100;
  });
  await runBriefly();
  f.cancel();
  await assert.rejects(Promise.resolve(f), CancelledError);
  waiter.resolve();
  await runBriefly();
  assert.equal(proof, 1);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_shield_gather", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const child1 = deferred<number>();
  const child2 = deferred<number>();
  const parent = gather([child1.promise, child2.promise]);
  const controller = new AbortController();
  const outer = shield(parent, { signal: controller.signal });
  const outerFailed = assert.rejects(outer, CancelledError);
  await runBriefly();
  controller.abort();
  await runBriefly();
  await outerFailed;
  child1.resolve(1);
  child2.resolve(2);
  assert.deepEqual(await parent, [1, 2]);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_gather_shield", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const child1 = deferred<number>();
  const child2 = deferred<number>();
  const controller = new AbortController(); // parent.cancel() reaches the shields …
  const inner1 = shield(child1.promise, { signal: controller.signal });
  const inner2 = shield(child2.promise, { signal: controller.signal });
  const parent = gather([inner1, inner2], { signal: controller.signal });
  const failed = [parent, inner1, inner2].map((p) => assert.rejects(p, CancelledError));
  await runBriefly();
  controller.abort();
  await runBriefly();
  await Promise.all(failed);
  child1.resolve(1); // … but not the children
  child2.resolve(2);
  assert.deepEqual([await child1.promise, await child2.promise], [1, 2]);
  assert.equal(clock.pending, 0);
});

// -------------------------------------------------------------------------------------- gather

/** FutureGatherTests passes the futures; CoroutineGatherTests wraps each in a coroutine. */
const GATHER_KINDS = [
  ["FutureGatherTests", <T>(p: Promise<T>): PromiseLike<T> => p],
  ["CoroutineGatherTests", <T>(p: Promise<T>): PromiseLike<T> => createTask(() => p)],
] as const;

for (const [kind, wrap] of GATHER_KINDS) {
  const checkSuccess = async (options?: { returnExceptions: boolean }) => {
    using clock = VirtualClock.install({ autojump: true });
    const [a, b, c] = [deferred<number>(), deferred<number>(), deferred<number>()];
    let called = 0;
    const fut = gather([wrap(a.promise), wrap(b.promise), wrap(c.promise)], options);
    fut.then(() => called++);
    b.resolve(1);
    a.resolve(2);
    await runBriefly();
    assert.equal(called, 0);
    c.resolve(3);
    await runBriefly();
    assert.equal(called, 1);
    assert.deepEqual(await fut, [2, 1, 3]);
    assert.equal(clock.pending, 0);
  };

  Deno.test(`${kind}.test_success`, async () => {
    await checkSuccess();
    await checkSuccess({ returnExceptions: false });
  });

  Deno.test(`${kind}.test_result_exception_success`, async () => {
    await checkSuccess({ returnExceptions: true });
  });

  Deno.test(`${kind}.test_one_exception`, async () => {
    using clock = VirtualClock.install({ autojump: true });
    const futs = Array.from({ length: 5 }, () => deferred<number>());
    const [a, b, c, d, e] = futs;
    const fut = gather(futs.map((f) => wrap(f.promise)));
    const failed = fut.then(() => undefined, (error) => error);
    const exc = new ZeroDivisionError();
    a!.resolve(1);
    b!.reject(exc);
    await runBriefly();
    assert.equal(await failed, exc);
    // Does nothing (and the later failures are not reported as unhandled: gather saw them).
    const seen = await unhandledRejections(async () => {
      c!.resolve(3);
      d!.reject(new CancelledError());
      e!.reject(new RuntimeError());
      await runBriefly();
    });
    assert.deepEqual(seen, []);
    assert.equal(clock.pending, 0);
  });

  Deno.test(`${kind}.test_return_exceptions`, async () => {
    using clock = VirtualClock.install({ autojump: true });
    const [a, b, c, d] = Array.from({ length: 4 }, () => deferred<number>());
    let called = 0;
    const fut = gather([a!, b!, c!, d!].map((f) => wrap(f.promise)), { returnExceptions: true });
    fut.then(() => called++);
    const exc = new ZeroDivisionError();
    const exc2 = new RuntimeError();
    b!.resolve(1);
    c!.reject(exc);
    a!.resolve(3);
    await runBriefly();
    assert.equal(called, 0);
    d!.reject(exc2);
    await runBriefly();
    assert.equal(called, 1);
    assert.deepEqual(await fut, [3, 1, exc, exc2]);
    assert.equal(clock.pending, 0);
  });
}

Deno.test("FutureGatherTests.test_constructor_empty_sequence_use_running_loop", async () => {
  assert.deepEqual(await gather([]), []);
});

Deno.test("FutureGatherTests.test_one_cancellation", async () => {
  // A cancelled Future is a Task that was cancelled here: gather rejects with its
  // CancelledError (CPython: fut.exception() is a CancelledError, fut not cancelled).
  using clock = VirtualClock.install({ autojump: true });
  const futs = Array.from(
    { length: 5 },
    () => createTask((signal) => new Event().wait({ signal })),
  );
  const fut = gather(futs);
  const failed = fut.then(() => undefined, (error) => error);
  futs[1]!.cancel("b");
  await runBriefly();
  const error = await failed;
  assert.ok(error instanceof CancelledError);
  assert.equal(error.message, "b");
  for (const t of futs) t.cancel(); // does nothing to the gather
  await runBriefly();
  assert.equal(clock.pending, 0);
});

Deno.test("FutureGatherTests.test_result_exception_one_cancellation", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const [a, b, c, d, e, f] = Array.from({ length: 6 }, () => deferred<number>());
  const fut = gather([a!, b!, c!, d!, e!, f!].map((x) => x.promise), { returnExceptions: true });
  a!.resolve(1);
  const zde = new ZeroDivisionError();
  b!.reject(zde);
  c!.reject(new CancelledError());
  await runBriefly();
  d!.resolve(3);
  e!.reject(new CancelledError());
  const rte = new RuntimeError();
  f!.reject(rte);
  const res = await fut;
  assert.ok(res[2] instanceof CancelledError);
  assert.ok(res[4] instanceof CancelledError);
  res[2] = res[4] = null as never;
  assert.deepEqual(res, [1, zde, null, 3, null, rte]);
  assert.equal(clock.pending, 0);
});

Deno.test("CoroutineGatherTests.test_duplicate_coroutines", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const c = createTask(() => "abc");
  assert.deepEqual(await gather([c, c, createTask(() => "def"), c]), [
    "abc",
    "abc",
    "def",
    "abc",
  ]);
  assert.equal(clock.pending, 0);
});

Deno.test("CoroutineGatherTests.test_cancellation_broadcast", async () => {
  // Cancelling outer() cancels all children.
  using clock = VirtualClock.install({ autojump: true });
  let proof = 0;
  const waiter = new Event();
  const inner = () =>
    createTask(async (signal) => {
      await waiter.wait({ signal });
      proof += 1;
    });
  const child1 = inner();
  const child2 = inner();
  const f = createTask(async (signal) => {
    await gather([child1, child2], { signal });
    proof += 100;
  });
  await runBriefly();
  assert.equal(f.cancel(), true);
  await assert.rejects(Promise.resolve(f), CancelledError);
  assert.equal(child1.cancelled(), true);
  assert.equal(child2.cancelled(), true);
  waiter.set();
  await runBriefly();
  assert.equal(proof, 0);
  assert.equal(clock.pending, 0);
});

Deno.test("CoroutineGatherTests.test_exception_marking", async () => {
  // The second failure, after gather already failed, is marked as retrieved: no report.
  using clock = VirtualClock.install({ autojump: true });
  const a = deferred();
  const b = deferred();
  const inner = (p: Promise<void>, name: string) =>
    createTask(async () => {
      await p;
      throw new RuntimeError(`${name}: should not be ignored`);
    });
  let f!: Task<void>;
  const seen = await unhandledRejections(async () => {
    f = createTask(async () => {
      await gather([inner(a.promise, "a"), inner(b.promise, "b")]);
    });
    // Observed at once: a Task failure nobody awaits by the end of its turn is reported (CPython
    // reports it only when the task is collected).
    const fFailed = Promise.resolve(f).catch((error) => error);
    await runBriefly();
    a.resolve();
    await runBriefly();
    b.resolve();
    await runBriefly();
    assert.ok(f.exception() instanceof RuntimeError);
    assert.equal((await fFailed).message, "a: should not be ignored");
  });
  assert.deepEqual(seen, []);
  assert.equal(clock.pending, 0);
});

Deno.test("BaseTaskTests.test_cancel_gather_1", async () => {
  // Once every child is done, cancelling the gathering task does not drop the results
  // (Python issue #26923). The task itself is still pending a few promise jobs, so cancel()
  // returns true here (CPython's gather future returns False).
  using clock = VirtualClock.install({ autojump: true });
  const fut = deferred<number>();
  const child = createTask(() => fut.promise);
  const gatherTask = createTask((signal) => gather([child], { signal }));
  let cancelResult: boolean | undefined;
  child.addDoneCallback(() => (cancelResult = gatherTask.cancel()));
  fut.resolve(42);
  assert.deepEqual(await gatherTask, [42]);
  assert.equal(cancelResult, true);
  assert.equal(gatherTask.cancelled(), false);
  assert.deepEqual(gatherTask.result(), [42]);
  assert.equal(clock.pending, 0);
});

for (
  const [args, expected] of [
    [[], ""],
    [[undefined], ""],
    [["my message"], "my message"],
    [[5], "5"], // non-string values: the message is the value as a string
  ] as const
) {
  Deno.test(`BaseTaskTests.test_cancel_gather_2 (cancel(${args.map((a) => typeof a === "string" ? JSON.stringify(a) : String(a)).join(", ")}))`, async () => {
    using clock = VirtualClock.install({ autojump: true });
    const qwe = createTask(async (signal) => {
      let time = 0;
      while (true) {
        time += 0.05;
        await gather([sleep(0.05)], { returnExceptions: true, signal });
        if (time > 1) return;
      }
    });
    await sleep(0.2);
    (qwe.cancel as (...a: unknown[]) => boolean)(...args);
    const error = await Promise.resolve(qwe).then(() => undefined, (e) => e);
    assert.ok(error instanceof CancelledError, "gather() passes the CancelledError on");
    assert.equal(error.message, expected);
    assert.equal(loopTime(), 0.2);
    await sleep(0.05); // the gathered sleep still ends (it had no signal)
    assert.equal(clock.pending, 0);
  });
}
