import assert from "node:assert/strict";
import { CancelledError, createTask, loopTime, VirtualClock } from "../mod.ts";
import { Condition } from "../src/condition.ts";
import { Lock } from "../src/lock.ts";

const NOT_HELD = (what: string) => ({
  name: "InvalidStateError",
  message: `Cannot ${what}: the condition's lock is not acquired`,
});

/** Starts a task that takes the lock, waits once, logs, and releases the lock. */
function waiter(condition: Condition, log: string[], name: string, signal?: AbortSignal) {
  return createTask(async (taskSignal) => {
    const s = signal ?? taskSignal;
    await condition.acquire({ signal: s });
    try {
      await condition.wait({ signal: s });
      assert.equal(condition.locked(), true);
      log.push(`${name}@${loopTime()}`);
    } catch (error) {
      assert.equal(condition.locked(), true, "the lock is held again after a cancelled wait");
      log.push(`${name}:${(error as Error).name}@${loopTime()}`);
      throw error;
    } finally {
      condition.release();
    }
  }, { name });
}

/** Takes the lock, runs `fn`, releases the lock. */
async function locked(condition: Condition, fn: () => void): Promise<void> {
  await condition.acquire();
  try {
    fn();
  } finally {
    condition.release();
  }
}

Deno.test("notify(n) wakes the n tasks that waited longest, at the exact time (CPython test_wait)", async () => {
  using clock = VirtualClock.install();
  const condition = new Condition();
  const log: string[] = [];
  const tasks = ["t1", "t2", "t3"].map((name) => waiter(condition, log, name));
  await clock.advance(1);
  assert.equal(condition.locked(), false);
  await locked(condition, () => condition.notify());
  await clock.advance(1);
  assert.deepEqual(log, ["t1@1"]);
  await locked(condition, () => condition.notify(2));
  for (const task of tasks) await task;
  assert.deepEqual(log, ["t1@1", "t2@2", "t3@2"]);
  assert.equal(condition.locked(), false);
});

Deno.test("notifyAll() wakes every waiting task in order (CPython test_notify_all)", async () => {
  using clock = VirtualClock.install();
  const condition = new Condition();
  const log: string[] = [];
  const tasks = ["a", "b", "c"].map((name) => waiter(condition, log, name));
  await clock.advance(1);
  await locked(condition, () => condition.notifyAll());
  for (const task of tasks) await task;
  assert.deepEqual(log, ["a@1", "b@1", "c@1"]);
  await locked(condition, () => condition.notifyAll()); // nobody waits: a no-op
});

Deno.test("notify() wakes woken tasks only once they can take the lock back", async () => {
  using clock = VirtualClock.install();
  const condition = new Condition();
  const log: string[] = [];
  const task = waiter(condition, log, "w");
  await clock.advance(1);
  await condition.acquire();
  condition.notify();
  await clock.advance(2);
  assert.deepEqual(log, [], "notified, but the lock is still held");
  condition.release();
  await task;
  assert.deepEqual(log, ["w@3"]);
});

Deno.test("an aborted waiter in the middle of the line does not reorder the rest", async () => {
  using clock = VirtualClock.install();
  const condition = new Condition();
  const log: string[] = [];
  const controllers = Array.from({ length: 5 }, () => new AbortController());
  const tasks = controllers.map((c, i) => waiter(condition, log, `w${i}`, c.signal));
  await clock.advance(1);
  controllers[2]!.abort();
  await clock.advance(1);
  await locked(condition, () => condition.notify(2));
  await clock.advance(1);
  await locked(condition, () => condition.notify(2));
  await Promise.allSettled(tasks);
  assert.deepEqual(log, ["w2:CancelledError@1", "w0@2", "w1@2", "w3@3", "w4@3"]);
});

Deno.test("a cancelled wait() takes the lock back before it rejects (CPython test_wait_cancel_contested)", async () => {
  using clock = VirtualClock.install();
  const condition = new Condition();
  const log: string[] = [];
  const task = waiter(condition, log, "w");
  await clock.advance(1);
  await condition.acquire();
  task.cancel("stop");
  await clock.advance(2);
  assert.deepEqual(log, [], "still waiting for the lock");
  condition.release();
  await assert.rejects(Promise.resolve(task), { name: "CancelledError", message: "stop" });
  assert.deepEqual(log, ["w:CancelledError@3"]);
  assert.equal(condition.locked(), false);
});

Deno.test("a task cancelled after it was notified passes the notification on (CPython test_cancelled_wakeup)", async () => {
  using clock = VirtualClock.install();
  const condition = new Condition();
  const log: string[] = [];
  const [a, b, c] = ["a", "b", "c"].map((name) => waiter(condition, log, name));
  assert.ok(a && b && c);
  await clock.advance(1);
  await condition.acquire();
  condition.notify();
  a.cancel();
  condition.release();
  await assert.rejects(Promise.resolve(a), CancelledError);
  await b;
  assert.deepEqual(log, ["a:CancelledError@1", "b@1"]);
  assert.equal(c.done(), false, "only one notification was passed on");
  await locked(condition, () => condition.notify());
  await c;
  assert.deepEqual(log, ["a:CancelledError@1", "b@1", "c@1"]);
});

Deno.test("wait() with an aborted signal releases, takes the lock back and rejects", async () => {
  const condition = new Condition();
  const controller = new AbortController();
  controller.abort(new CancelledError("late"));
  await condition.acquire();
  await assert.rejects(condition.wait({ signal: controller.signal }), {
    name: "CancelledError",
    message: "late",
  });
  assert.equal(condition.locked(), true);
  condition.release();
});

Deno.test("waitFor() checks the predicate after each notification and returns its value (CPython test_wait_for)", async () => {
  using clock = VirtualClock.install();
  const condition = new Condition();
  let presult = 0;
  let calls = 0;
  const predicate = () => {
    calls++;
    return presult >= 2 ? `result ${presult}` : "";
  };
  let result = "";
  const task = createTask(async () => {
    await condition.acquire();
    try {
      result = await condition.waitFor(predicate);
      assert.equal(loopTime(), 2);
    } finally {
      condition.release();
    }
  });
  await clock.advance(1);
  presult = 1;
  await locked(condition, () => condition.notify());
  await clock.advance(1);
  assert.equal(calls, 2);
  assert.equal(result, "");
  presult = 2;
  await locked(condition, () => condition.notify());
  await task;
  assert.equal(result, "result 2");
  assert.equal(calls, 3);
});

Deno.test("waitFor() returns at once, without the lock, if the predicate holds", async () => {
  const condition = new Condition();
  assert.equal(await condition.waitFor(() => 42), 42);
});

Deno.test("waitFor() is cancelled by its signal, with the lock taken back", async () => {
  using clock = VirtualClock.install();
  const condition = new Condition();
  const controller = new AbortController();
  await condition.acquire();
  const waiting = condition.waitFor(() => false, { signal: controller.signal });
  await clock.advance(1);
  controller.abort();
  await assert.rejects(waiting, CancelledError);
  assert.equal(condition.locked(), true);
  condition.release();
});

Deno.test("wait(), notify() and notifyAll() without the lock throw InvalidStateError (CPython test_wait_unacquired, test_notify_unacquired)", async () => {
  const condition = new Condition();
  await assert.rejects(condition.wait(), NOT_HELD("wait"));
  assert.throws(() => condition.notify(), NOT_HELD("notify"));
  assert.throws(() => condition.notifyAll(), NOT_HELD("notify"));
  await assert.rejects(condition.waitFor(() => false), NOT_HELD("wait"));
});

Deno.test("conditions can share a lock (CPython test_explicit_lock)", async () => {
  const lock = new Lock();
  const first = new Condition(lock), second = new Condition(lock);
  await first.acquire();
  assert.equal(lock.locked(), true);
  assert.equal(second.locked(), true);
  second.notify();
  second.release();
  assert.equal(first.locked(), false);
});

Deno.test("cancelling 10 000 waiters leaves no timer and no waiter behind", async () => {
  using clock = VirtualClock.install();
  const condition = new Condition();
  const controller = new AbortController();
  const waits = [];
  for (let i = 0; i < 10_000; i++) {
    await condition.acquire();
    waits.push(
      condition.wait({ signal: controller.signal }).then(
        () => "notified",
        (error) => (condition.release(), error.name),
      ),
    );
  }
  controller.abort();
  const results = await Promise.all(waits);
  assert.equal(results.filter((r) => r === "CancelledError").length, 10_000);
  assert.equal(condition.locked(), false);
  assert.equal(clock.pending, 0);
  const log: string[] = [];
  const task = waiter(condition, log, "late");
  await clock.advance(1);
  await locked(condition, () => condition.notify());
  await task;
  assert.deepEqual(log, ["late@1"]);
});

Deno.test("bad arguments throw TypeError or RangeError naming them", async () => {
  assert.throws(() => new Condition({} as Lock), {
    name: "TypeError",
    message:
      'Cannot create Condition: "lock" must have acquire(), release() and locked(), received an object',
  });
  assert.throws(() => new Condition(null as unknown as Lock), {
    name: "TypeError",
    message:
      'Cannot create Condition: "lock" must have acquire(), release() and locked(), received null',
  });
  const condition = new Condition();
  await condition.acquire();
  assert.throws(() => condition.notify(-1), {
    name: "RangeError",
    message: 'Cannot notify: "n" must be an integer >= 0, received -1',
  });
  assert.throws(() => condition.notify("2" as unknown as number), {
    name: "TypeError",
    message: 'Cannot notify: "n" must be a number, received "2"',
  });
  await assert.rejects(condition.wait({ signal: {} as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot wait on condition: "signal" must be an AbortSignal, received an object',
  });
  await assert.rejects(condition.waitFor(true as unknown as () => boolean), {
    name: "TypeError",
    message: 'Cannot wait on condition: "predicate" must be a function, received true',
  });
  assert.equal(condition.locked(), true, "bad input changed nothing");
  condition.release();
});
