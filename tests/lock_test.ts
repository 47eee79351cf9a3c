import assert from "node:assert/strict";
import { CancelledError, createTask, loopTime, sleep, VirtualClock } from "../mod.ts";
import { Lock } from "../src/lock.ts";
import { Semaphore } from "../src/semaphore.ts";

const NOT_ACQUIRED = {
  name: "InvalidStateError",
  message: "Cannot release: the lock is not acquired",
};

/** Starts a task that takes the lock, logs, holds it `hold` seconds and releases it. */
function worker(lock: Lock, log: string[], name: string, hold: number, signal?: AbortSignal) {
  return createTask(async (taskSignal) => {
    const s = signal ?? taskSignal;
    try {
      using _held = await lock.hold({ signal: s });
      log.push(`${name}@${loopTime()}`);
      await sleep(hold, { signal: s });
    } catch (error) {
      log.push(`${name}:${(error as Error).name}@${loopTime()}`);
      throw error;
    }
  }, { name });
}

Deno.test("Lock basics: acquire() resolves to true, locked(), release() (CPython test_lock)", async () => {
  const lock = new Lock();
  assert.equal(lock.locked(), false);
  const acquired = lock.acquire();
  assert.equal(lock.locked(), true, "a free lock is taken synchronously");
  assert.equal(await acquired, true);
  lock.release();
  assert.equal(lock.locked(), false);
  assert.ok(lock instanceof Semaphore, "a Lock is a Semaphore of one permit");
  assert.equal(lock.value, 1);
});

Deno.test("waiting tasks get the lock first come, first served, at exact times (CPython test_acquire)", async () => {
  using clock = VirtualClock.install();
  const lock = new Lock();
  const log: string[] = [];
  const tasks = [["t1", 3], ["t2", 1], ["t3", 2]].map(([name, hold]) =>
    worker(lock, log, name as string, hold as number)
  );
  await clock.runAll();
  for (const task of tasks) await task;
  assert.deepEqual(log, ["t1@0", "t2@3", "t3@4"]);
  assert.equal(loopTime(), 6);
  assert.equal(lock.locked(), false);
});

Deno.test("a new acquire() never overtakes a task the lock was handed to (no barging)", async () => {
  using clock = VirtualClock.install();
  const lock = new Lock();
  const log: string[] = [];
  await lock.acquire();
  const again = createTask(async () => {
    await lock.acquire();
    log.push("again");
  });
  const waiter = createTask(async () => {
    await lock.acquire();
    log.push("waiter");
    lock.release();
  });
  lock.release(); // to `again`, which then holds it …
  await again;
  lock.release(); // … then to `waiter`, whatever acquire() comes next
  const late = lock.acquire();
  await waiter;
  await late;
  assert.deepEqual(log, ["again", "waiter"]);
  assert.equal(lock.locked(), true);
  lock.release();
  assert.equal(clock.pending, 0);
});

Deno.test("release() of a free lock throws InvalidStateError (CPython test_release_not_acquired)", async () => {
  const lock = new Lock();
  assert.throws(() => lock.release(), NOT_ACQUIRED);
  await lock.acquire();
  lock.release();
  assert.throws(() => lock.release(), NOT_ACQUIRED);
  assert.equal(lock.locked(), false);
  assert.equal(lock.value, 1, "a failed release does not raise the count");
});

Deno.test("a cancelled waiter leaves the line at once (CPython test_acquire_cancel)", async () => {
  using clock = VirtualClock.install();
  const lock = new Lock();
  await lock.acquire();
  const task = createTask((signal) => lock.acquire({ signal }));
  await clock.advance(1);
  task.cancel("enough");
  await assert.rejects(Promise.resolve(task), { name: "CancelledError", message: "enough" });
  lock.release();
  assert.equal(lock.locked(), false, "nobody was left waiting to take it");
  assert.equal(clock.pending, 0);
});

Deno.test("an aborted waiter in the middle of the line does not reorder the rest (CPython test_cancel_race)", async () => {
  using clock = VirtualClock.install();
  const lock = new Lock();
  const log: string[] = [];
  const middle = new AbortController();
  const tasks = [
    worker(lock, log, "a", 1),
    worker(lock, log, "b", 1),
    worker(lock, log, "c", 1, middle.signal),
    worker(lock, log, "d", 1),
    worker(lock, log, "e", 1),
  ];
  await clock.advance(0.5);
  middle.abort(new CancelledError("middle"));
  await assert.rejects(Promise.resolve(tasks[2]), { name: "CancelledError", message: "middle" });
  await clock.runAll();
  for (const task of [tasks[0], tasks[1], tasks[3], tasks[4]]) await task;
  assert.deepEqual(log, ["a@0", "c:CancelledError@0.5", "b@1", "d@2", "e@3"]);
  assert.equal(lock.locked(), false);
});

Deno.test("a waiter woken then cancelled before it resumes passes the lock on (CPython test_cancel_release_race, test_finished_waiter_cancelled)", async () => {
  using clock = VirtualClock.install();
  const lock = new Lock();
  let count = 0;
  const lockit = () =>
    createTask(async (signal) => {
      await lock.acquire({ signal });
      count++;
    });
  await lock.acquire();
  const [t1, t2, t3] = [lockit(), lockit(), lockit()];
  await clock.advance(1);
  lock.release(); // hands the lock to t1 …
  t1.cancel(); // … cancelled before it resumes
  await assert.rejects(Promise.resolve(t1), CancelledError);
  await t2;
  assert.equal(count, 1, "only one task took the lock");
  assert.equal(t1.cancelled(), true);
  assert.equal(t3.done(), false);
  t3.cancel();
  await assert.rejects(Promise.resolve(t3), CancelledError);
  assert.equal(lock.locked(), true, "t2 holds it");
  lock.release();
  assert.equal(lock.locked(), false);
});

Deno.test("cancelling 10 000 waiters leaves no waiter and no timer behind, and the lock usable", async () => {
  using clock = VirtualClock.install();
  const lock = new Lock();
  await lock.acquire();
  const controllers = Array.from({ length: 10_000 }, () => new AbortController());
  const waits = controllers.map((c) =>
    lock.acquire({ signal: c.signal }).then(() => "acquired", (error) => error.name)
  );
  for (const c of controllers) c.abort();
  const results = await Promise.all(waits);
  assert.equal(results.filter((r) => r === "CancelledError").length, 10_000);
  assert.equal(clock.pending, 0);
  lock.release();
  assert.equal(lock.locked(), false, "no cancelled waiter was handed the lock");
  const log: string[] = [];
  const task = worker(lock, log, "late", 1);
  await clock.runAll();
  await task;
  assert.deepEqual(log, ["late@0"]);
  assert.equal(lock.locked(), false);
});

Deno.test("hold() releases at the end of the block, even when it throws (CPython test_context_manager)", async () => {
  using clock = VirtualClock.install();
  const lock = new Lock();
  {
    using _held = await lock.hold();
    assert.equal(lock.locked(), true);
  }
  assert.equal(lock.locked(), false);
  const failing = assert.rejects(async () => {
    using _held = await lock.hold();
    await sleep(1);
    throw new Error("inside");
  }, { name: "Error", message: "inside" });
  await clock.advance(0.5);
  assert.equal(lock.locked(), true);
  await clock.advance(0.5);
  await failing;
  assert.equal(lock.locked(), false);
  const held = await lock.hold();
  held[Symbol.dispose]();
  held[Symbol.dispose]();
  assert.equal(lock.locked(), false, "disposing twice does not throw");
});

Deno.test("acquire() and hold() with a bad signal reject and leave the lock free", async () => {
  const lock = new Lock();
  const bad = { signal: 42 } as unknown as { signal: AbortSignal };
  const message = 'Cannot acquire: "signal" must be an AbortSignal, received 42';
  await assert.rejects(lock.acquire(bad), { name: "TypeError", message });
  await assert.rejects(lock.hold(bad), { name: "TypeError", message });
  assert.equal(lock.locked(), false);
});

Deno.test("acquire() with an aborted signal takes a free lock, as asyncio does, else rejects", async () => {
  const lock = new Lock();
  const signal = AbortSignal.abort();
  assert.equal(await lock.acquire({ signal }), true);
  assert.equal(lock.locked(), true);
  await assert.rejects(lock.acquire({ signal }), CancelledError);
  lock.release();
  assert.equal(lock.locked(), false);
});

Deno.test("release() while the lock is handed to a waiter throws and lets no third task in (CPython test_release_not_acquired, Lock._wake_up_first)", async () => {
  using clock = VirtualClock.install();
  const lock = new Lock();
  const log: string[] = [];
  await lock.acquire();
  const second = createTask(async () => {
    await lock.acquire();
    log.push("second has it");
    await sleep(1);
    log.push("second releases");
    lock.release();
  });
  const third = createTask(async () => {
    await lock.acquire();
    log.push("third has it");
    lock.release();
  });
  lock.release(); // handed to `second`, which has not resumed yet
  assert.throws(() => lock.release(), NOT_ACQUIRED);
  assert.equal(lock.locked(), false, "nobody holds it while it is handed over (asyncio)");
  const late = lock.acquire().then(() => log.push("late has it"));
  await clock.advance(0);
  assert.deepEqual(log, ["second has it"]);
  assert.equal(lock.locked(), true);
  await clock.advance(1);
  await Promise.all([second, third]);
  await late;
  assert.deepEqual(log, ["second has it", "second releases", "third has it", "late has it"]);
  assert.equal(lock.locked(), true, "late holds it");
  lock.release();
  assert.equal(lock.locked(), false);
  assert.equal(clock.pending, 0);
});
