import assert from "node:assert/strict";
import { CancelledError, createTask, loopTime, sleep, VirtualClock } from "../mod.ts";
import { BoundedSemaphore, Semaphore } from "../src/semaphore.ts";
import { recorder } from "./_helpers.ts";

/** Records how each promise settles, in the order they settle, with the loop time. */
/** Starts a task that takes a permit, logs, and keeps it (CPython's c1, c2, …). */
function taker(sem: Semaphore, log: string[], name: string, signal?: AbortSignal) {
  return createTask(async (taskSignal) => {
    await sem.acquire({ signal: signal ?? taskSignal });
    log.push(`${name}@${loopTime()}`);
  }, { name });
}

const TOO_MANY = (value: number) => ({
  name: "RangeError",
  message:
    `Cannot release: release() was called more times than acquire() (initial value ${value})`,
});

Deno.test("Semaphore basics: value, locked(), acquire() resolves to true, release() (CPython test_semaphore, test_initial_value_zero)", async () => {
  const sem = new Semaphore();
  assert.equal(sem.value, 1);
  assert.equal(sem.locked(), false);
  const acquired = sem.acquire();
  assert.equal(sem.locked(), true, "a free permit is taken synchronously");
  assert.equal(sem.value, 0);
  assert.equal(await acquired, true);
  sem.release();
  assert.equal(sem.locked(), false);
  assert.equal(sem.value, 1);
  assert.equal(new Semaphore(0).locked(), true);
  assert.equal(new Semaphore(3).value, 3);
});

Deno.test("acquire() waits in line and release() hands permits over first come, first served (CPython test_acquire)", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(3);
  const log: string[] = [];
  assert.equal(await sem.acquire(), true);
  assert.equal(await sem.acquire(), true);
  assert.equal(sem.locked(), false);
  const tasks = ["c1", "c2", "c3"].map((name) => taker(sem, log, name));
  await clock.advance(1);
  assert.deepEqual(log, ["c1@0"]);
  assert.equal(sem.locked(), true);
  assert.equal(sem.value, 0);
  const t4 = taker(sem, log, "c4");
  sem.release();
  sem.release();
  assert.equal(sem.value, 0, "released permits go straight to the waiting tasks");
  await clock.advance(1);
  assert.deepEqual(log, ["c1@0", "c2@1", "c3@1"]);
  assert.equal(sem.locked(), true);
  sem.release();
  await t4;
  assert.deepEqual(log, ["c1@0", "c2@1", "c3@1", "c4@2"]);
  for (const task of tasks) assert.equal(task.done(), true);
  assert.equal(sem.value, 0);
  assert.equal(clock.pending, 0);
});

Deno.test("a new acquire() never overtakes the tasks already waiting (CPython test_acquire_fifo_order_2)", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(1);
  const result: number[] = [];
  const t1 = createTask(async () => {
    await sem.acquire();
    result.push(1);
  });
  const t2 = createTask(async () => {
    await sem.acquire();
    result.push(2);
    sem.release();
    await sem.acquire(); // joins the line behind t3
    result.push(4);
  });
  const t3 = createTask(async () => {
    await sem.acquire();
    result.push(3);
  });
  await clock.advance(0);
  assert.deepEqual(result, [1]);
  sem.release();
  sem.release();
  await Promise.all([t1, t2, t3]);
  assert.deepEqual(result, [1, 2, 3, 4]);
  assert.equal(sem.value, 0);
});

Deno.test("tasks taking a permit again wait at the end of the line, at exact times (CPython test_acquire_fifo_order)", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(1);
  const result: string[] = [];
  const tasks = ["c1", "c2", "c3"].map((tag) =>
    createTask(async (signal) => {
      for (const round of [1, 2]) {
        await sem.acquire({ signal });
        result.push(`${tag}_${round}@${loopTime()}`);
        await sleep(1, { signal });
        sem.release();
      }
    })
  );
  await clock.runAll();
  for (const task of tasks) await task;
  assert.deepEqual(result, ["c1_1@0", "c2_1@1", "c3_1@2", "c1_2@3", "c2_2@4", "c3_2@5"]);
  assert.equal(loopTime(), 6);
  assert.equal(sem.value, 1);
});

Deno.test("an aborted waiter in the middle of the line does not reorder the rest (CPython test_acquire_fifo_order_3, test_acquire_cancel_before_awoken)", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(0);
  const log: string[] = [];
  const middle = new AbortController();
  const first = taker(sem, log, "first");
  const second = taker(sem, log, "second", middle.signal);
  const third = taker(sem, log, "third");
  const fourth = taker(sem, log, "fourth");
  await clock.advance(1);
  middle.abort(new CancelledError("middle"));
  await assert.rejects(Promise.resolve(second), { name: "CancelledError", message: "middle" });
  assert.equal(sem.value, 0);
  sem.release();
  sem.release();
  await clock.advance(1);
  assert.deepEqual(log, ["first@1", "third@1"]);
  assert.equal(fourth.done(), false);
  sem.release();
  await fourth;
  assert.deepEqual(log, ["first@1", "third@1", "fourth@2"]);
  await first;
  await third;
  assert.equal(sem.value, 0);
  assert.equal(clock.pending, 0);
});

Deno.test("a waiter handed a permit but cancelled before it resumes passes it on (CPython test_acquire_hang, test_acquire_no_hang)", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(0);
  const log: string[] = [];
  const t1 = taker(sem, log, "t1");
  const t2 = taker(sem, log, "t2");
  const t3 = taker(sem, log, "t3");
  await clock.advance(1);
  sem.release(); // hands the permit to t1 …
  t1.cancel("late"); // … which is cancelled before it resumes
  await assert.rejects(Promise.resolve(t1), { name: "CancelledError", message: "late" });
  await t2;
  assert.deepEqual(log, ["t2@1"]);
  assert.equal(t3.done(), false, "one release, one permit: t3 still waits");
  assert.equal(sem.value, 0);
  t3.cancel();
  await assert.rejects(Promise.resolve(t3), CancelledError);
  sem.release();
  assert.equal(sem.value, 1, "no permit was lost or duplicated");
  assert.equal(clock.pending, 0);
});

Deno.test("acquire() with an aborted signal takes a free permit, and rejects when none is free", async () => {
  const sem = new Semaphore(1);
  const controller = new AbortController();
  controller.abort(new CancelledError("stop"));
  assert.equal(await sem.acquire({ signal: controller.signal }), true);
  assert.equal(sem.value, 0);
  await assert.rejects(sem.acquire({ signal: controller.signal }), {
    name: "CancelledError",
    message: "stop",
  });
  const other = new AbortController();
  other.abort(new Error("gone"));
  await assert.rejects(sem.hold({ signal: other.signal }), (error: unknown) => {
    assert.ok(error instanceof CancelledError);
    assert.equal(error.message, "gone");
    assert.equal((error.cause as Error).message, "gone");
    return true;
  });
  sem.release();
  assert.equal(sem.value, 1);
});

Deno.test("cancelling 10 000 waiters leaves no waiter and no timer behind, and the semaphore usable", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(1);
  await sem.acquire();
  const controllers = Array.from({ length: 10_000 }, () => new AbortController());
  const waits = controllers.map((c) =>
    sem.acquire({ signal: c.signal }).then(() => "acquired", (error) => error.name)
  );
  for (const c of controllers) c.abort();
  const results = await Promise.all(waits);
  assert.equal(results.filter((r) => r === "CancelledError").length, 10_000);
  assert.equal(clock.pending, 0);
  assert.equal(sem.value, 0);
  const { log, track } = recorder({ value: false });
  const late = track("late", sem.acquire());
  sem.release();
  await late;
  assert.deepEqual(log, ["late@0"], "the permit went to the only live waiter");
  sem.release();
  assert.equal(sem.value, 1);
});

Deno.test("hold() gives the permit back on dispose, once, even when the block throws (CPython test_context_manager)", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(2);
  {
    using _a = await sem.hold();
    using b = await sem.hold();
    assert.equal(sem.locked(), true);
    b[Symbol.dispose]();
    b[Symbol.dispose]();
    assert.equal(sem.value, 1, "disposing twice releases once");
  }
  assert.equal(sem.value, 2);
  const failing = assert.rejects(async () => {
    using _permit = await sem.hold();
    await sleep(1);
    throw new Error("inside");
  }, { name: "Error", message: "inside" });
  await clock.advance(0.5);
  assert.equal(sem.value, 1);
  await clock.advance(0.5);
  await failing;
  assert.equal(sem.value, 2);
});

Deno.test("hold() waits in line and is cancelled by its signal", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(1);
  const { log, track } = recorder({ value: false });
  const first = await sem.hold();
  const controller = new AbortController();
  track("aborted", sem.hold({ signal: controller.signal }));
  const next = sem.hold();
  track("next", next);
  await clock.advance(1);
  controller.abort();
  await clock.advance(1);
  first[Symbol.dispose]();
  (await next)[Symbol.dispose]();
  assert.deepEqual(log, ["aborted:CancelledError@1", "next@2"]);
  assert.equal(sem.value, 1);
});

Deno.test("acquire() and hold() waiting in one line resume in order, each with its own result", async () => {
  const sem = new Semaphore(0);
  const order: string[] = [];
  const a = sem.acquire().then((v) => order.push(`a:${v}`));
  const h = sem.hold().then((p) => (order.push(`h:${typeof p[Symbol.dispose]}`), p));
  const b = sem.acquire().then((v) => order.push(`b:${v}`));
  const h2 = sem.hold().then((p) => (order.push(`h2:${typeof p[Symbol.dispose]}`), p));
  for (let i = 0; i < 4; i++) sem.release();
  await Promise.all([a, b]);
  (await h)[Symbol.dispose]();
  (await h2)[Symbol.dispose]();
  assert.deepEqual(order, ["a:true", "h:function", "b:true", "h2:function"]);
  assert.equal(sem.value, 2, "the two permits of hold() came back, acquire()'s were kept");
  assert.equal(sem.locked(), false);
});

Deno.test("release() without waiters raises the count of a plain Semaphore (CPython test_release_no_waiters)", async () => {
  const sem = new Semaphore(1);
  await sem.acquire();
  sem.release();
  sem.release();
  assert.equal(sem.value, 2);
  await sem.acquire();
  await sem.acquire();
  assert.equal(sem.locked(), true);
});

Deno.test("BoundedSemaphore.release() beyond the initial value throws RangeError (CPython test_release_not_acquired)", async () => {
  using clock = VirtualClock.install();
  const sem = new BoundedSemaphore(2);
  assert.ok(sem instanceof Semaphore);
  assert.throws(() => sem.release(), TOO_MANY(2));
  await sem.acquire();
  await sem.acquire();
  const { log, track } = recorder({ value: false });
  track("waiter", sem.acquire());
  sem.release(); // hands over to the waiter: the count stays 0
  await clock.advance(1);
  assert.deepEqual(log, ["waiter@0"]);
  assert.equal(sem.value, 0);
  sem.release();
  sem.release();
  assert.equal(sem.value, 2);
  assert.throws(() => sem.release(), TOO_MANY(2));
  assert.equal(sem.value, 2);
  assert.throws(() => new BoundedSemaphore().release(), TOO_MANY(1));
  const zero = new BoundedSemaphore(0);
  assert.throws(() => zero.release(), TOO_MANY(0));
  assert.equal(zero.locked(), true);
});

Deno.test("bad input: value and signal are checked, naming them (CPython test_semaphore_value)", async () => {
  assert.throws(() => new Semaphore(-1), {
    name: "RangeError",
    message: 'Cannot create Semaphore: "value" must be an integer >= 0, received -1',
  });
  assert.throws(() => new Semaphore(1.5), {
    name: "RangeError",
    message: 'Cannot create Semaphore: "value" must be an integer >= 0, received 1.5',
  });
  assert.throws(() => new Semaphore(Infinity), {
    name: "RangeError",
    message: 'Cannot create Semaphore: "value" must be an integer >= 0, received Infinity',
  });
  assert.throws(() => new Semaphore("2" as unknown as number), {
    name: "TypeError",
    message: 'Cannot create Semaphore: "value" must be a number, received "2"',
  });
  assert.throws(() => new BoundedSemaphore(-2), {
    name: "RangeError",
    message: 'Cannot create BoundedSemaphore: "value" must be an integer >= 0, received -2',
  });
  const sem = new Semaphore(1);
  const bad = { signal: "nope" } as unknown as { signal: AbortSignal };
  const message = 'Cannot acquire: "signal" must be an AbortSignal, received "nope"';
  await assert.rejects(sem.acquire(bad), { name: "TypeError", message });
  await assert.rejects(sem.hold(bad), { name: "TypeError", message });
  assert.equal(sem.value, 1, "a rejected acquire takes no permit");
});

Deno.test("a waiter handed a permit keeps newcomers behind it until it resumes (CPython test_acquire_fifo_order_4)", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(0);
  const result: number[] = [];
  let t4: Promise<void> | undefined;
  const c1 = createTask(async () => {
    assert.equal(sem.value, 0);
    await sem.acquire();
    assert.equal(sem.value, 0, "c1, resuming, handed the two spare permits to c2 and c3");
    // Tasks start eagerly here: c4 sleeps first so that, as in asyncio, it runs after c3.
    t4 = createTask(async () => {
      await sleep(0);
      result.push(4);
    }).then();
    result.push(1);
  });
  const c2 = createTask(async () => {
    sem.release();
    sem.release();
    sem.release();
    assert.equal(sem.value, 2);
    assert.equal(sem.locked(), true, "locked: c1 was woken but has not resumed");
    await sem.acquire();
    result.push(2);
  });
  const c3 = createTask(async () => {
    await sem.acquire();
    assert.equal(sem.locked(), true);
    result.push(3);
  });
  await Promise.all([c1, c2, c3]);
  await clock.advance(0);
  await t4;
  assert.deepEqual(result, [1, 2, 3, 4]);
  assert.equal(sem.value, 0);
  assert.equal(clock.pending, 0);
});

Deno.test("acquire() right after release() woke a waiter queues behind it, even with permits counted", async () => {
  const sem = new Semaphore(0);
  const order: string[] = [];
  const first = sem.acquire().then(() => order.push("first"));
  sem.release(); // to `first`, which has not resumed
  sem.release(); // counted: value 1
  assert.equal(sem.value, 1);
  assert.equal(sem.locked(), true);
  const second = sem.acquire().then(() => order.push("second"));
  await Promise.all([first, second]);
  assert.deepEqual(order, ["first", "second"]);
  assert.equal(sem.value, 0);
  assert.equal(sem.locked(), true);
});
