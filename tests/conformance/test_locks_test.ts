// Ports of CPython 3.13 Lib/test/test_asyncio/test_locks.py: Lock, Event, Condition,
// Semaphore, BoundedSemaphore, Barrier. Each test is named after the one it ports; what has no
// JavaScript meaning is listed in SKIPPED.md.
//
// How asyncio reads in JavaScript here: `asyncio.create_task(coro())` is `createTask((signal) =>
// …)`, and tasks start eagerly (they run synchronously up to their first wait), as CPython's
// `asyncio.eager_task_factory` does; `await asyncio.sleep(0)` is `tick()`; `task.cancel()`
// reaches the waits through the task's signal; `loop.call_soon(f)` is a plain call once the
// task is waiting. Where eager start changes what a test sees, the JavaScript outcome is
// asserted and a comment says why (CPython run under eager_task_factory agrees).
import assert from "node:assert/strict";
import {
  Barrier,
  BoundedSemaphore,
  CancelledError,
  Condition,
  createTask,
  Event,
  gather,
  Lock,
  loopTime,
  Semaphore,
  sleep,
  type Task,
  TaskGroup,
  timeout,
  TimeoutError,
  VirtualClock,
  wait,
  waitFor,
} from "../../mod.ts";
import { deferred, tick } from "./_helpers.ts";

const LOCK_NOT_ACQUIRED = {
  name: "InvalidStateError",
  message: "Cannot release: the lock is not acquired",
};
const CANCELLED = { name: "CancelledError" };
const BROKEN = { name: "BrokenBarrierError" };

// ---------------------------------------------------------------------------------------- Lock

Deno.test("LockTests.test_acquire", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const lock = new Lock();
  const result: number[] = [];
  assert.equal(await lock.acquire(), true);
  const c = (n: number) =>
    createTask(async (signal) => {
      if (await lock.acquire({ signal })) result.push(n);
      return true;
    });
  const t1 = c(1);
  const t2 = c(2);
  await tick();
  assert.deepEqual(result, []);
  lock.release();
  await tick();
  assert.deepEqual(result, [1]);
  await tick();
  assert.deepEqual(result, [1]);
  const t3 = c(3);
  lock.release();
  await tick();
  assert.deepEqual(result, [1, 2]);
  lock.release();
  await tick();
  assert.deepEqual(result, [1, 2, 3]);
  for (const t of [t1, t2, t3]) {
    assert.equal(t.done(), true);
    assert.equal(t.result(), true);
  }
  lock.release();
  assert.equal(clock.pending, 0);
});

Deno.test("LockTests.test_acquire_cancel", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const lock = new Lock();
  assert.equal(await lock.acquire(), true);
  const task = createTask((signal) => lock.acquire({ signal }));
  task.cancel(); // loop.call_soon(task.cancel): the task already waits (eager start)
  await assert.rejects(Promise.resolve(task), CANCELLED);
  assert.equal(task.cancelled(), true);
  // No waiter is left (CPython: `not lock._waiters`): the release frees the lock.
  lock.release();
  assert.equal(lock.locked(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("LockTests.test_cancel_race", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const lock = new Lock();
  const lockit = (blocker?: Promise<void>) =>
    createTask(async (signal) => {
      await lock.acquire({ signal });
      try {
        if (blocker !== undefined) await blocker;
      } finally {
        lock.release();
      }
    });
  const fa = deferred();
  const ta = lockit(fa.promise);
  await tick();
  assert.equal(lock.locked(), true);
  const tb = lockit();
  await tick();
  const tc = lockit();
  await tick();
  // The race: A releases (once fa resolves) while B is cancelled.
  fa.resolve();
  tb.cancel();
  await tick();
  assert.equal(ta.done(), true);
  assert.equal(tb.cancelled(), true);
  await tc;
  assert.equal(tc.done(), true);
  assert.equal(lock.locked(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("LockTests.test_cancel_release_race", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const lock = new Lock();
  let lockCount = 0;
  let callCount = 0;
  const lockit = () =>
    createTask(async (signal) => {
      callCount++;
      await lock.acquire({ signal });
      lockCount++;
    });
  await lock.acquire();
  const t1 = lockit();
  const t2 = lockit();
  const t3 = lockit();
  await tick();
  // trigger(): cancel the first waiter, then release.
  t1.cancel();
  lock.release();
  await assert.rejects(Promise.resolve(t1), CANCELLED);
  await tick();
  assert.equal(lockCount, 1, "only one task took the lock");
  assert.equal(callCount, 3);
  assert.equal(t1.cancelled(), true);
  assert.equal(t2.done(), true);
  t3.cancel();
  await tick();
  assert.equal(t3.cancelled(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("LockTests.test_finished_waiter_cancelled", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const lock = new Lock();
  await lock.acquire();
  assert.equal(lock.locked(), true);
  const tb = createTask((signal) => lock.acquire({ signal }));
  await tick();
  // Eager start: tc waits in line at once (in CPython it has not run yet). B's cancel removes
  // B from the line at once, so the release hands the lock to C; CPython reaches the same end
  // (C holds the lock) one step later.
  const tc = createTask((signal) => lock.acquire({ signal }));
  tb.cancel();
  lock.release();
  await tick();
  assert.equal(lock.locked(), true);
  assert.equal(tb.cancelled(), true);
  assert.equal(await tc, true);
  lock.release();
  assert.equal(lock.locked(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("LockTests.test_release_not_acquired", () => {
  const lock = new Lock();
  assert.throws(() => lock.release(), LOCK_NOT_ACQUIRED);
});

Deno.test("LockTests.test_release_no_waiters", async () => {
  const lock = new Lock();
  await lock.acquire();
  assert.equal(lock.locked(), true);
  lock.release();
  assert.equal(lock.locked(), false);
});

Deno.test("LockTests.test_context_manager", async () => {
  const lock = new Lock();
  assert.equal(lock.locked(), false);
  {
    using _held = await lock.hold(); // async with lock:
    assert.equal(lock.locked(), true);
  }
  assert.equal(lock.locked(), false);
});

// --------------------------------------------------------------------------------------- Event

Deno.test("EventTests.test_wait", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const ev = new Event();
  assert.equal(ev.isSet(), false);
  const result: number[] = [];
  const c = (n: number) =>
    createTask(async (signal) => {
      if (await ev.wait({ signal })) result.push(n);
    });
  const t1 = c(1);
  const t2 = c(2);
  await tick();
  assert.deepEqual(result, []);
  const t3 = c(3);
  ev.set();
  await tick();
  // CPython: [3, 1, 2] (t3 has not started when set() runs, so it never waits). Tasks start
  // eagerly here: t3 waits in line behind t1 and t2, and set() wakes them in that order.
  assert.deepEqual(result, [1, 2, 3]);
  for (const t of [t1, t2, t3]) {
    assert.equal(t.done(), true);
    assert.equal(t.result(), undefined);
  }
  assert.equal(clock.pending, 0);
});

Deno.test("EventTests.test_wait_on_set", async () => {
  const ev = new Event();
  ev.set();
  assert.equal(await ev.wait(), true);
});

Deno.test("EventTests.test_wait_cancel", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const ev = new Event();
  const waiting = createTask((signal) => ev.wait({ signal }));
  waiting.cancel();
  await assert.rejects(Promise.resolve(waiting), CANCELLED);
  // No waiter is left: a later set() wakes nobody and a new wait returns at once.
  ev.set();
  assert.equal(await ev.wait(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("EventTests.test_clear", () => {
  const ev = new Event();
  assert.equal(ev.isSet(), false);
  ev.set();
  assert.equal(ev.isSet(), true);
  ev.clear();
  assert.equal(ev.isSet(), false);
});

Deno.test("EventTests.test_clear_with_waiters", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const ev = new Event();
  const result: number[] = [];
  const t = createTask(async (signal) => {
    if (await ev.wait({ signal })) result.push(1);
    return true;
  });
  await tick();
  assert.deepEqual(result, []);
  ev.set();
  ev.clear();
  assert.equal(ev.isSet(), false);
  ev.set();
  ev.set();
  await tick();
  assert.deepEqual(result, [1], "woken once");
  assert.equal(t.done(), true);
  assert.equal(t.result(), true);
  assert.equal(clock.pending, 0);
});

// ----------------------------------------------------------------------------------- Condition

/** c1, c2, c3 of ConditionTests: take the lock, wait, log `n`, release if `release`. */
function condWaiter(cond: Condition, result: number[], n: number, release: boolean) {
  return createTask(async (signal) => {
    await cond.acquire({ signal });
    if (await cond.wait({ signal })) {
      result.push(n);
      if (release) cond.release();
    }
    return true;
  });
}

Deno.test("ConditionTests.test_wait", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cond = new Condition();
  const result: number[] = [];
  const tasks = [1, 2, 3].map((n) => condWaiter(cond, result, n, false));
  await tick();
  assert.deepEqual(result, []);
  assert.equal(cond.locked(), false);

  assert.equal(await cond.acquire(), true);
  cond.notify();
  await tick();
  assert.deepEqual(result, []);
  assert.equal(cond.locked(), true);

  cond.release();
  await tick();
  assert.deepEqual(result, [1]);
  assert.equal(cond.locked(), true);

  cond.notify(2);
  await tick();
  assert.deepEqual(result, [1]);
  assert.equal(cond.locked(), true);

  cond.release();
  await tick();
  assert.deepEqual(result, [1, 2]);
  assert.equal(cond.locked(), true);

  cond.release();
  await tick();
  assert.deepEqual(result, [1, 2, 3]);
  assert.equal(cond.locked(), true);
  for (const t of tasks) assert.equal(t.result(), true);
  cond.release();
  assert.equal(clock.pending, 0);
});

Deno.test("ConditionTests.test_wait_cancel", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cond = new Condition();
  await cond.acquire();
  const waiting = createTask((signal) => cond.wait({ signal }));
  waiting.cancel();
  await assert.rejects(Promise.resolve(waiting), CANCELLED);
  assert.equal(cond.locked(), true, "wait() takes the lock back even when cancelled");
  // No waiter is left: notify() wakes nobody, and a new wait waits.
  cond.notify();
  cond.release();
  assert.equal(cond.locked(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("ConditionTests.test_wait_cancel_contested", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cond = new Condition();
  await cond.acquire();
  assert.equal(cond.locked(), true);
  const waitTask = createTask((signal) => cond.wait({ signal }));
  await tick();
  assert.equal(cond.locked(), false);
  // Notify, but contest the lock before cancelling.
  await cond.acquire();
  assert.equal(cond.locked(), true);
  cond.notify();
  await tick(); // the waiter, notified, now waits for the lock
  waitTask.cancel();
  cond.release();
  // CPython re-raises the CancelledError once the lock is back (the test allows either); the
  // signal stays aborted here, so wait() rejects with CancelledError, holding the lock.
  await assert.rejects(Promise.resolve(waitTask), CANCELLED);
  assert.equal(cond.locked(), true);
  cond.release();
  assert.equal(clock.pending, 0);
});

Deno.test("ConditionTests.test_wait_cancel_after_notify", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let waited = false;
  const cond = new Condition();
  const waiter = createTask(async (signal) => {
    await cond.acquire({ signal });
    try {
      waited = true;
      await cond.wait({ signal });
    } finally {
      cond.release();
    }
  });
  await tick(); // start waiting
  await cond.acquire();
  cond.notify();
  await tick(); // get to acquire()
  waiter.cancel();
  await tick(); // activate cancellation
  cond.release();
  await tick(); // cancellation should occur
  assert.equal(waiter.cancelled(), true);
  assert.equal(waited, true);
  assert.equal(cond.locked(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("ConditionTests.test_wait_unacquired", async () => {
  const cond = new Condition();
  await assert.rejects(cond.wait(), {
    name: "InvalidStateError",
    message: "Cannot wait: the condition's lock is not acquired",
  });
});

Deno.test("ConditionTests.test_wait_for", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cond = new Condition();
  let presult = false;
  const result: number[] = [];
  const t = createTask(async (signal) => {
    await cond.acquire({ signal });
    if (await cond.waitFor(() => presult, { signal })) {
      result.push(1);
      cond.release();
    }
    return true;
  });
  await tick();
  assert.deepEqual(result, []);
  await cond.acquire();
  cond.notify();
  cond.release();
  await tick();
  assert.deepEqual(result, [], "the predicate is still false");
  presult = true;
  await cond.acquire();
  cond.notify();
  cond.release();
  await tick();
  assert.deepEqual(result, [1]);
  assert.equal(t.done(), true);
  assert.equal(t.result(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("ConditionTests.test_wait_for_unacquired", async () => {
  const cond = new Condition();
  // The predicate can be true at once: no lock needed.
  assert.deepEqual(await cond.waitFor(() => [1, 2, 3]), [1, 2, 3]);
  await assert.rejects(cond.waitFor(() => false), {
    name: "InvalidStateError",
    message: "Cannot wait: the condition's lock is not acquired",
  });
});

Deno.test("ConditionTests.test_notify", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cond = new Condition();
  const result: number[] = [];
  const tasks = [1, 2, 3].map((n) => condWaiter(cond, result, n, true));
  await tick();
  assert.deepEqual(result, []);
  await cond.acquire();
  cond.notify(1);
  cond.release();
  await tick();
  assert.deepEqual(result, [1]);
  await cond.acquire();
  cond.notify(1);
  cond.notify(2048);
  cond.release();
  await tick();
  assert.deepEqual(result, [1, 2, 3]);
  for (const t of tasks) assert.equal(t.result(), true);
  assert.equal(cond.locked(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("ConditionTests.test_notify_all", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cond = new Condition();
  const result: number[] = [];
  const tasks = [1, 2].map((n) => condWaiter(cond, result, n, true));
  await tick();
  assert.deepEqual(result, []);
  await cond.acquire();
  cond.notifyAll();
  cond.release();
  await tick();
  assert.deepEqual(result, [1, 2]);
  for (const t of tasks) assert.equal(t.result(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("ConditionTests.test_notify_unacquired", () => {
  const cond = new Condition();
  assert.throws(() => cond.notify(), {
    name: "InvalidStateError",
    message: "Cannot notify: the condition's lock is not acquired",
  });
});

Deno.test("ConditionTests.test_notify_all_unacquired", () => {
  const cond = new Condition();
  assert.throws(() => cond.notifyAll(), {
    name: "InvalidStateError",
    message: "Cannot notify: the condition's lock is not acquired",
  });
});

Deno.test("ConditionTests.test_context_manager", async () => {
  // No `async with cond` in JavaScript (Condition has no hold()): acquire / finally release.
  const cond = new Condition();
  assert.equal(cond.locked(), false);
  await cond.acquire();
  try {
    assert.equal(cond.locked(), true);
  } finally {
    cond.release();
  }
  assert.equal(cond.locked(), false);
});

Deno.test("ConditionTests.test_explicit_lock", async () => {
  const f = async (lock?: Lock, cond?: Condition) => {
    lock ??= new Lock();
    cond ??= new Condition(lock);
    // CPython checks `cond._lock is lock`: here, taking one shows in the other.
    assert.equal(lock.locked(), false);
    assert.equal(cond.locked(), false);
    await cond.acquire();
    assert.equal(lock.locked(), true);
    assert.equal(cond.locked(), true);
    cond.release();
    assert.equal(lock.locked(), false);
    assert.equal(cond.locked(), false);
    {
      using _held = await lock.hold();
      assert.equal(lock.locked(), true);
      assert.equal(cond.locked(), true);
    }
    assert.equal(lock.locked(), false);
    assert.equal(cond.locked(), false);
  };
  await f();
  await f(new Lock());
  const lock = new Lock();
  await f(lock, new Condition(lock));
});

Deno.test("ConditionTests.test_timeout_in_block", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const condition = new Condition();
  await condition.acquire();
  try {
    await assert.rejects(waitFor((signal) => condition.wait({ signal }), 0.5), TimeoutError);
    assert.equal(loopTime(), 0.5);
    assert.equal(condition.locked(), true, "the lock is back once wait() ends");
  } finally {
    condition.release();
  }
  assert.equal(clock.pending, 0);
});

Deno.test("ConditionTests.test_cancelled_error_wakeup", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const wake = false;
  let raised: unknown;
  const cond = new Condition();
  const task = createTask(async (signal) => {
    await cond.acquire({ signal });
    try {
      await assert.rejects(
        cond.waitFor(() => wake, { signal }).catch((error) => {
          raised = error;
          throw error;
        }),
        CANCELLED,
      );
      throw raised;
    } finally {
      cond.release();
    }
  });
  await tick();
  task.cancel("foo"); // the task waits on the condition: cancel it there
  const error = await Promise.resolve(task).then(() => undefined, (e) => e);
  assert.ok(error instanceof CancelledError);
  assert.equal(error.message, "foo");
  assert.equal(error, raised, "the same CancelledError instance as the one first raised");
  assert.equal(cond.locked(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("ConditionTests.test_cancelled_error_re_aquire", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let wake = false;
  let raised: unknown;
  const cond = new Condition();
  const task = createTask(async (signal) => {
    await cond.acquire({ signal });
    try {
      await cond.waitFor(() => wake, { signal }).catch((error) => {
        raised = error;
      });
      assert.ok(raised instanceof CancelledError);
      throw raised;
    } finally {
      cond.release();
    }
  });
  await tick();
  await cond.acquire(); // the task waits on the condition
  wake = true;
  cond.notify();
  await tick();
  task.cancel("foo"); // the task now takes the lock back: cancel it there
  cond.release();
  const error = await Promise.resolve(task).then(() => undefined, (e) => e);
  assert.ok(error instanceof CancelledError);
  assert.equal(error.message, "foo");
  assert.equal(error, raised);
  assert.equal(cond.locked(), false);
  assert.equal(clock.pending, 0);
});

/** The consumer of test_cancelled_wakeup: takes `state` down by one per notification. */
function stateConsumer(condition: Condition, state: { n: number }) {
  return createTask(async (signal) => {
    await condition.acquire({ signal });
    try {
      while (true) {
        await condition.waitFor(() => state.n !== 0, { signal });
        if (state.n < 0) return;
        state.n -= 1;
      }
    } finally {
      condition.release();
    }
  });
}

for (const relock of [false, true]) {
  const name = relock ? "test_cancelled_wakeup_relock" : "test_cancelled_wakeup";
  Deno.test(`ConditionTests.${name}`, async () => {
    // A task cancelled as it is woken by notify() must not lose the wakeup: it passes it on.
    using clock = VirtualClock.install({ autojump: true });
    const condition = new Condition();
    const state = { n: 0 };
    const c = [stateConsumer(condition, state), stateConsumer(condition, state)];
    await tick();
    await condition.acquire();
    try {
      state.n += 1; // produce one item and wake one consumer
      condition.notify(1);
      if (relock) await tick(); // the consumer wakes and waits for the lock again
      c[0]!.cancel(); // cancel it while it waits to run (or for the lock)
      try {
        await timeout(0.01).run((signal) => condition.waitFor(() => state.n === 0, { signal }));
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
      }
      assert.equal(state.n, 0, "the item was consumed by the other consumer");
      assert.equal(loopTime(), 0.01);
      state.n = -1;
      condition.notifyAll();
    } finally {
      condition.release();
    }
    await c[1];
    await assert.rejects(Promise.resolve(c[0]!), CANCELLED);
    assert.equal(condition.locked(), false);
    assert.equal(clock.pending, 0);
  });
}

// ----------------------------------------------------------------------------------- Semaphore

Deno.test("SemaphoreTests.test_initial_value_zero", () => {
  const sem = new Semaphore(0);
  assert.equal(sem.locked(), true);
});

Deno.test("SemaphoreTests.test_semaphore", () => {
  const sem = new Semaphore();
  assert.equal(sem.value, 1);
  assert.equal(sem.locked(), false);
});

Deno.test("SemaphoreTests.test_semaphore_value", () => {
  assert.throws(() => new Semaphore(-1), {
    name: "RangeError",
    message: 'Cannot create Semaphore: "value" must be an integer >= 0, received -1',
  });
});

Deno.test("SemaphoreTests.test_acquire", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const sem = new Semaphore(3);
  const result: number[] = [];
  assert.equal(await sem.acquire(), true);
  assert.equal(await sem.acquire(), true);
  assert.equal(sem.locked(), false);
  const c = (n: number) =>
    createTask(async (signal) => {
      await sem.acquire({ signal });
      result.push(n);
      return true;
    });
  const t1 = c(1);
  const t2 = c(2);
  const t3 = c(3);
  await tick();
  assert.deepEqual(result, [1]);
  assert.equal(sem.locked(), true);
  assert.equal(sem.value, 0);
  const t4 = c(4);
  sem.release();
  sem.release();
  assert.equal(sem.value, 0);
  await tick();
  assert.equal(sem.value, 0);
  assert.equal(result.length, 3);
  assert.equal(sem.locked(), true);
  assert.equal(t1.result(), true);
  // CPython: two of t2, t3, t4 are done, whichever won the race. Eager start puts t4 in line
  // before the releases, behind t2 and t3: exactly those two are done.
  assert.deepEqual(result, [1, 2, 3]);
  assert.deepEqual([t2.done(), t3.done(), t4.done()], [true, true, false]);
  sem.release();
  assert.deepEqual(await gather([t2, t3, t4]), [true, true, true]);
  assert.equal(clock.pending, 0);
});

Deno.test("SemaphoreTests.test_acquire_cancel", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const sem = new Semaphore();
  await sem.acquire();
  const acquiring = createTask((signal) => sem.acquire({ signal }));
  acquiring.cancel();
  await assert.rejects(Promise.resolve(acquiring), CANCELLED);
  // No waiter is left: a release goes back to the count.
  sem.release();
  assert.equal(sem.value, 1);
  assert.equal(clock.pending, 0);
});

Deno.test("SemaphoreTests.test_acquire_cancel_before_awoken", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const sem = new Semaphore(0);
  const [t1, t2, t3, t4] = [0, 1, 2, 3].map(() => createTask((signal) => sem.acquire({ signal })));
  await tick();
  t1!.cancel();
  t2!.cancel();
  sem.release();
  await tick();
  await tick();
  assert.equal(t3!.done(), true);
  assert.equal(t4!.done(), false);
  t3!.cancel();
  t4!.cancel();
  await tick();
  assert.equal(t4!.cancelled(), true);
  assert.equal(t3!.result(), true, "t3 was done before its cancel");
  for (const t of [t1, t2]) assert.equal(t!.cancelled(), true);
  assert.equal(sem.value, 0, "t3 holds the one permit");
  assert.equal(clock.pending, 0);
});

Deno.test("SemaphoreTests.test_acquire_hang", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const sem = new Semaphore(0);
  const t1 = createTask((signal) => sem.acquire({ signal }));
  const t2 = createTask((signal) => sem.acquire({ signal }));
  await tick();
  t1.cancel();
  sem.release();
  await tick();
  await tick();
  assert.equal(sem.locked(), true);
  assert.equal(t2.done(), true);
  assert.equal(t1.cancelled(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("SemaphoreTests.test_acquire_no_hang", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const sem = new Semaphore(1);
  // deno-lint-ignore prefer-const
  let t2: Task<void>;
  const t1 = createTask(async (signal) => {
    {
      using _held = await sem.hold({ signal });
      await sleep(0, { signal });
    }
    t2.cancel(); // t2 was just handed the permit and has not resumed
  });
  t2 = createTask<void>(async (signal) => {
    using _held = await sem.hold({ signal });
    assert.fail("t2 must not get the permit");
  });
  const [r1, r2] = await gather([t1, t2], { returnExceptions: true });
  assert.equal(r1, undefined);
  assert.ok(r2 instanceof CancelledError);
  assert.equal(await waitFor(sem.acquire(), 1), true, "the permit was given back");
  assert.equal(loopTime(), 0);
  assert.equal(clock.pending, 0);
});

Deno.test("SemaphoreTests.test_release_not_acquired", () => {
  const sem = new BoundedSemaphore();
  assert.throws(() => sem.release(), {
    name: "RangeError",
    message: "Cannot release: release() was called more times than acquire() (initial value 1)",
  });
});

Deno.test("SemaphoreTests.test_release_no_waiters", async () => {
  const sem = new Semaphore();
  await sem.acquire();
  assert.equal(sem.locked(), true);
  sem.release();
  assert.equal(sem.locked(), false);
});

Deno.test("SemaphoreTests.test_acquire_fifo_order", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const sem = new Semaphore(1);
  const result: string[] = [];
  const coro = (tag: string) => async (signal: AbortSignal) => {
    await sem.acquire({ signal });
    result.push(`${tag}_1@${loopTime()}`);
    await sleep(0.01, { signal });
    sem.release();
    await sem.acquire({ signal });
    result.push(`${tag}_2@${loopTime()}`);
    await sleep(0.01, { signal });
    sem.release();
  };
  await TaskGroup.run((tg) => {
    tg.createTask(coro("c1"));
    tg.createTask(coro("c2"));
    tg.createTask(coro("c3"));
  });
  assert.deepEqual(result, [
    "c1_1@0",
    "c2_1@0.01",
    "c3_1@0.02",
    "c1_2@0.03",
    "c2_2@0.04",
    "c3_2@0.05",
  ]);
  assert.equal(clock.pending, 0);
});

Deno.test("SemaphoreTests.test_acquire_fifo_order_2", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const sem = new Semaphore(1);
  const result: number[] = [];
  const t1 = createTask(async (signal) => {
    await sem.acquire({ signal });
    result.push(1);
    return true;
  });
  const t2 = createTask(async (signal) => {
    await sem.acquire({ signal });
    result.push(2);
    sem.release();
    await sem.acquire({ signal });
    result.push(4);
    return true;
  });
  const t3 = createTask(async (signal) => {
    await sem.acquire({ signal });
    result.push(3);
    return true;
  });
  await tick();
  sem.release();
  sem.release();
  await gather([t1, t2, t3]);
  assert.deepEqual(result, [1, 2, 3, 4]);
  assert.equal(clock.pending, 0);
});

Deno.test("SemaphoreTests.test_acquire_fifo_order_3", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const sem = new Semaphore(0);
  const result: number[] = [];
  const c = (n: number) =>
    createTask(async (signal) => {
      await sem.acquire({ signal });
      result.push(n);
      return true;
    });
  const tasks = [c(1), c(2), c(3)];
  await tick();
  tasks[0]!.cancel();
  await tick();
  sem.release();
  sem.release();
  await gather(tasks, { returnExceptions: true });
  assert.deepEqual(result, [2, 3]);
  assert.equal(tasks[0]!.cancelled(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("SemaphoreTests.test_acquire_fifo_order_4", async () => {
  // A permit handed to a waiter that has not resumed yet still counts as taken: locked() stays
  // true and new acquire() calls queue behind it (issue 13, item 3).
  using clock = VirtualClock.install({ autojump: true });
  const sem = new Semaphore(0);
  const result: number[] = [];
  const seen: string[] = [];
  let t4: Task<boolean> | undefined;
  const t1 = createTask(async (signal) => {
    assert.equal(sem.value, 0);
    await sem.acquire({ signal });
    seen.push(`c1 value=${sem.value}`); // all three waiters were woken by now
    t4 = createTask(() => {
      result.push(4);
      return true;
    });
    result.push(1);
    return true;
  });
  const t2 = createTask(async (signal) => {
    sem.release(); // to c1, which has not resumed
    sem.release();
    sem.release();
    seen.push(`c2 value=${sem.value} locked=${sem.locked()}`);
    await sem.acquire({ signal });
    result.push(2);
    return true;
  });
  const t3 = createTask(async (signal) => {
    await sem.acquire({ signal });
    seen.push(`c3 locked=${sem.locked()}`);
    result.push(3);
    return true;
  });
  await tick();
  await tick();
  await gather([t1, t2, t3, t4!]);
  assert.deepEqual(seen, ["c2 value=2 locked=true", "c1 value=0", "c3 locked=true"]);
  // CPython: [1, 2, 3, 4]: c4 runs at c1's next await. Tasks start eagerly here, so c4 (which
  // never waits) runs inside createTask(), before c1 logs; CPython under eager_task_factory
  // gives the same [4, 1, 2, 3].
  assert.deepEqual(result, [4, 1, 2, 3]);
  assert.equal(clock.pending, 0);
});

// ------------------------------------------------------------------------------------- Barrier

const N = 5;

/** BarrierTests.make_tasks / gather_tasks: `n` tasks of `fn`, gathered. */
function makeTasks<T>(n: number, fn: (signal: AbortSignal) => Promise<T>): Task<T>[] {
  return Array.from({ length: n }, () => createTask(fn));
}

Deno.test("BarrierTests.test_barrier_parties", () => {
  for (const parties of [0, -4]) {
    assert.throws(() => new Barrier(parties), {
      name: "RangeError",
      message: `Cannot create Barrier: "parties" must be an integer >= 1, received ${parties}`,
    });
  }
  assert.ok(new Barrier(N) instanceof Barrier);
});

Deno.test("BarrierTests.test_context_manager", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(3);
  const results: number[] = [];
  await gather(makeTasks(3, async (signal) => void results.push(await barrier.wait({ signal }))));
  assert.deepEqual([...results].sort(), [0, 1, 2]);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_filling_one_task", async () => {
  const barrier = new Barrier(1);
  assert.equal(await barrier.wait(), 0);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

Deno.test("BarrierTests.test_filling_one_task_twice", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(1);
  const t1 = createTask((signal) => barrier.wait({ signal }));
  await tick();
  assert.equal(barrier.nWaiting, 0);
  const t2 = createTask((signal) => barrier.wait({ signal }));
  await tick();
  assert.equal(t1.result(), 0);
  assert.equal(t2.result(), 0);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_filling_task_by_task", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(3);
  const t1 = createTask((signal) => barrier.wait({ signal }));
  await tick();
  assert.equal(barrier.nWaiting, 1);
  const t2 = createTask((signal) => barrier.wait({ signal }));
  await tick();
  assert.equal(barrier.nWaiting, 2);
  const t3 = createTask((signal) => barrier.wait({ signal }));
  await tick();
  await wait([t1, t2, t3]);
  assert.deepEqual([t1.result(), t2.result(), t3.result()], [0, 1, 2]);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_filling_tasks_wait_twice", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(N);
  const results: boolean[] = [];
  await gather(makeTasks(N, async (signal) => {
    await barrier.wait({ signal });
    results.push(true);
    await barrier.wait({ signal });
    results.push(false);
  }));
  // Every task passes the first round before any passes the second.
  assert.deepEqual(results, [...Array(N).fill(true), ...Array(N).fill(false)]);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_filling_tasks_check_return_value", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(N);
  const results1: boolean[] = [];
  const results2: boolean[] = [];
  const res = await gather(makeTasks(N, async (signal) => {
    await barrier.wait({ signal });
    results1.push(true);
    const i = await barrier.wait({ signal });
    results2.push(true);
    return i;
  }));
  assert.equal(results1.length, N);
  assert.equal(results2.length, N);
  assert.deepEqual([...res].sort(), [0, 1, 2, 3, 4]);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_blocking_tasks_while_draining", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const rewait = 2;
  const barrier = new Barrier(N);
  const barrierNoWaiting = new Barrier(N - rewait);
  let rewaitN = rewait;
  const passed: string[] = [];
  await gather(makeTasks(N, async (signal) => {
    await barrier.wait({ signal });
    if (rewaitN > 0) {
      rewaitN--;
      passed.push(`rewait:${await barrier.wait({ signal })}`);
    } else {
      passed.push(`nowaiting:${await barrierNoWaiting.wait({ signal })}`);
      passed.push(`last:${await barrier.wait({ signal })}`);
    }
  }));
  // Success means barrierNoWaiting was waited for exactly N - rewait times.
  assert.deepEqual(passed.filter((p) => p.startsWith("nowaiting")).length, N - rewait);
  assert.equal(passed.length, N + N - rewait);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_filling_tasks_cancel_one", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(3);
  const results: boolean[] = [];
  const coro = () =>
    createTask(async (signal) => {
      await barrier.wait({ signal });
      results.push(true);
    });
  const t1 = coro();
  await tick();
  assert.equal(barrier.nWaiting, 1);
  const t2 = coro();
  await tick();
  assert.equal(barrier.nWaiting, 2);
  t1.cancel();
  await tick();
  assert.equal(barrier.nWaiting, 1);
  await assert.rejects(Promise.resolve(t1), CANCELLED);
  assert.equal(t1.cancelled(), true);
  const t3 = coro();
  await tick();
  assert.equal(barrier.nWaiting, 2);
  const t4 = coro();
  await gather([t2, t3, t4]);
  assert.deepEqual(results, [true, true, true]);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_reset_barrier", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(1);
  barrier.reset();
  await tick();
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_reset_barrier_while_tasks_waiting", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(N);
  const results: boolean[] = [];
  const tasks = makeTasks(N - 1, async (signal) => {
    try {
      await barrier.wait({ signal });
    } catch (error) {
      assert.equal((error as Error).name, "BrokenBarrierError");
      results.push(true);
    }
  });
  await tick();
  barrier.reset();
  await gather(tasks);
  assert.deepEqual(results, Array(N - 1).fill(true));
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  // Not resetting any more: a full round passes.
  assert.deepEqual(await gather(makeTasks(N, (signal) => barrier.wait({ signal }))), [
    0,
    1,
    2,
    3,
    4,
  ]);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_reset_barrier_while_tasks_waiting_and_waiting_again", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(N);
  const results1: boolean[] = [];
  const results2: boolean[] = [];
  const tasks = makeTasks(N - 1, async (signal) => {
    try {
      await barrier.wait({ signal });
    } catch (error) {
      assert.equal((error as Error).name, "BrokenBarrierError");
      results1.push(true);
    } finally {
      await barrier.wait({ signal });
      results2.push(true);
    }
  });
  barrier.reset(); // N - 1 waiting tasks reject with BrokenBarrierError
  await tick();
  // Complete the waiting tasks in their `finally`.
  const last = createTask(async (signal) => {
    await barrier.wait({ signal });
    results2.push(true);
  });
  await gather(tasks);
  await last;
  assert.equal(barrier.broken, false);
  assert.deepEqual(results1, Array(N - 1).fill(true));
  assert.deepEqual(results2, Array(N).fill(true));
  assert.equal(barrier.nWaiting, 0);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_abort_barrier", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(1);
  barrier.abort();
  await tick();
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, true);
  await assert.rejects(barrier.wait(), BROKEN);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_abort_barrier_when_tasks_half_draining_half_blocking", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(N);
  const results1: boolean[] = [];
  const results2: boolean[] = [];
  const blockingTasks = Math.floor(N / 2);
  let count = 0;
  await gather(makeTasks(N, async (signal) => {
    try {
      await barrier.wait({ signal });
    } catch (error) {
      assert.equal((error as Error).name, "BrokenBarrierError");
      results1.push(true); // tasks waiting to drain
      return;
    }
    count++;
    if (count > blockingTasks) {
      barrier.abort(); // BrokenBarrierError for every task
    } else {
      try {
        await barrier.wait({ signal });
      } catch (error) {
        assert.equal((error as Error).name, "BrokenBarrierError");
        results2.push(true); // blocked tasks, already drained
      }
    }
  }));
  assert.equal(barrier.broken, true);
  // CPython: results1 == [True] * (N // 2), results2 == [True] * (N - N // 2 - 1). The waits of
  // a round here all resume before any task's code after them runs, so no task is still
  // "waiting to drain" when the third aborts: the first two, blocked in their second wait,
  // are the ones that see BrokenBarrierError.
  assert.deepEqual(results1, []);
  assert.deepEqual(results2, Array(blockingTasks).fill(true));
  assert.equal(barrier.nWaiting, 0);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_abort_barrier_when_exception", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(N);
  const results1: boolean[] = [];
  const results2: boolean[] = [];
  await gather(makeTasks(N, async (signal) => {
    try {
      const i = await barrier.wait({ signal });
      if (i === Math.floor(N / 2)) throw new RangeError("boom");
      await barrier.wait({ signal });
      results1.push(true);
    } catch (error) {
      if ((error as Error).name === "BrokenBarrierError") results2.push(true);
      else barrier.abort();
    }
  }));
  assert.equal(barrier.broken, true);
  assert.deepEqual(results1, []);
  assert.deepEqual(results2, Array(N - 1).fill(true));
  assert.equal(barrier.nWaiting, 0);
  assert.equal(clock.pending, 0);
});

Deno.test("BarrierTests.test_abort_barrier_when_exception_then_resetting", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const barrier1 = new Barrier(N);
  const barrier2 = new Barrier(N);
  const results1: boolean[] = [];
  const results2: boolean[] = [];
  const results3: boolean[] = [];
  await gather(makeTasks(N, async (signal) => {
    try {
      const i = await barrier1.wait({ signal });
      if (i === Math.floor(N / 2)) throw new RangeError("boom");
      await barrier1.wait({ signal });
      results1.push(true);
    } catch (error) {
      if ((error as Error).name === "BrokenBarrierError") results2.push(true);
      else barrier1.abort();
    }
    // Synchronize and reset the barrier: everyone has left it when it is reset, and no one
    // enters it before.
    const i = await barrier2.wait({ signal });
    if (i === Math.floor(N / 2)) barrier1.reset();
    await barrier2.wait({ signal });
    await barrier1.wait({ signal });
    results3.push(true);
  }));
  assert.equal(barrier1.broken, false);
  assert.deepEqual(results1, []);
  assert.deepEqual(results2, Array(N - 1).fill(true));
  assert.deepEqual(results3, Array(N).fill(true));
  assert.equal(barrier1.nWaiting, 0);
  assert.equal(clock.pending, 0);
});
