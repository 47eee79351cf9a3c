import assert from "node:assert/strict";
import { CancelledError, createTask, loopTime, sleep, VirtualClock } from "../mod.ts";
import { Barrier } from "../src/barrier.ts";
import { BrokenBarrierError } from "../src/errors.ts";
import { recorder } from "./_helpers.ts";

const RESET = { name: "BrokenBarrierError", message: "Cannot wait: the barrier was reset" };
const ABORTED = { name: "BrokenBarrierError", message: "Cannot wait: the barrier was aborted" };

/** Records how each promise settles, in the order they settle, with the loop time. */
for (
  const [value, error] of [
    [0, {
      name: "RangeError",
      message: 'Cannot create Barrier: "parties" must be an integer >= 1, received 0',
    }],
    [-10, {
      name: "RangeError",
      message: 'Cannot create Barrier: "parties" must be an integer >= 1, received -10',
    }],
    [1.5, {
      name: "RangeError",
      message: 'Cannot create Barrier: "parties" must be an integer >= 1, received 1.5',
    }],
    ["3", {
      name: "TypeError",
      message: 'Cannot create Barrier: "parties" must be a number, received "3"',
    }],
  ] as const
) {
  Deno.test(`new Barrier(${JSON.stringify(value)}) throws ${error.name} (CPython test_barrier_parties)`, () => {
    assert.throws(() => new Barrier(value as number), error);
  });
}

Deno.test("Barrier(1) releases each wait() at once with index 0 (CPython test_filling_one_task_twice)", async () => {
  const barrier = new Barrier(1);
  assert.equal(barrier.parties, 1);
  assert.equal(await barrier.wait(), 0);
  assert.equal(await barrier.wait(), 0);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

Deno.test("wait() releases every task when the last arrives, with arrival indexes (CPython test_filling_task_by_task)", async () => {
  using clock = VirtualClock.install();
  const barrier = new Barrier(3);
  const log: string[] = [];
  const tasks = [1, 2, 3].map((s) =>
    createTask(async () => {
      await sleep(s);
      const index = await barrier.wait();
      log.push(`t${s}:${index}@${loopTime()}`);
    })
  );
  await clock.advance(1);
  assert.equal(barrier.nWaiting, 1);
  await clock.advance(1);
  assert.equal(barrier.nWaiting, 2);
  assert.deepEqual(log, []);
  await clock.advance(1);
  for (const task of tasks) await task;
  // The releasing task goes on first, then the released ones in arrival order, as in asyncio.
  assert.deepEqual(log, ["t3:2@3", "t1:0@3", "t2:1@3"]);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
});

Deno.test("a barrier can be used again and again (CPython test_filling_tasks_wait_twice)", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const barrier = new Barrier(2);
  const log: string[] = [];
  const tasks = [1, 2].map((id) =>
    createTask(async (signal) => {
      for (let round = 0; round < 3; round++) {
        await sleep(id, { signal });
        const index = await barrier.wait({ signal });
        log.push(`r${round}:t${id}:${index}@${loopTime()}`);
      }
    })
  );
  for (const task of tasks) await task;
  assert.deepEqual(log, [
    "r0:t2:1@2",
    "r0:t1:0@2",
    "r1:t2:1@4",
    "r1:t1:0@4",
    "r2:t2:1@6",
    "r2:t1:0@6",
  ]);
});

Deno.test("tasks arriving while the barrier drains wait for the next round (CPython test_blocking_tasks_while_draining)", async () => {
  using clock = VirtualClock.install();
  const barrier = new Barrier(2);
  const { log, track } = recorder();
  const waits = ["A", "B", "C"].map((name) => track(name, barrier.wait()));
  assert.equal(barrier.nWaiting, 0, "draining: nobody is filling");
  await clock.advance(1);
  assert.deepEqual(log, ["B:1@0", "A:0@0"]);
  assert.equal(barrier.nWaiting, 1, "C waits in the next round");
  waits.push(track("D", barrier.wait()));
  await Promise.all(waits);
  assert.deepEqual(log, ["B:1@0", "A:0@0", "D:1@1", "C:0@1"]);
});

Deno.test("cancelling a task while the barrier fills lowers the count and does not break it (CPython test_filling_tasks_cancel_one)", async () => {
  using clock = VirtualClock.install();
  const barrier = new Barrier(3);
  const log: string[] = [];
  const start = (name: string) =>
    createTask(async (signal) => {
      try {
        log.push(`${name}:${await barrier.wait({ signal })}@${loopTime()}`);
      } catch (error) {
        log.push(`${name}:${(error as Error).name}@${loopTime()}`);
        throw error;
      }
    });
  const a = start("A"), b = start("B");
  await clock.advance(1);
  assert.equal(barrier.nWaiting, 2);
  a.cancel();
  assert.equal(barrier.nWaiting, 1, "the count drops at once");
  await assert.rejects(Promise.resolve(a), CancelledError);
  assert.equal(a.cancelled(), true);
  assert.equal(barrier.broken, false);
  const c = start("C");
  assert.equal(barrier.nWaiting, 2);
  await clock.advance(1);
  const d = start("D");
  for (const task of [b, c, d]) await task;
  // As in asyncio, C takes the index A gave back, which B still holds.
  assert.deepEqual(log, ["A:CancelledError@1", "D:2@2", "B:1@2", "C:1@2"]);
  assert.equal(barrier.nWaiting, 0);
});

Deno.test("an aborted waiter in the middle of the barrier does not reorder the others", async () => {
  using clock = VirtualClock.install();
  const barrier = new Barrier(4);
  const { log, track } = recorder();
  const controllers = Array.from({ length: 5 }, () => new AbortController());
  const waits = controllers.slice(0, 3).map((c, i) =>
    track(`w${i}`, barrier.wait({ signal: c.signal }))
  );
  controllers[1]!.abort();
  await clock.advance(1);
  for (const i of [3, 4]) {
    waits.push(track(`w${i}`, barrier.wait({ signal: controllers[i]!.signal })));
  }
  await Promise.all(waits);
  assert.deepEqual(log, ["w1:CancelledError@0", "w4:3@1", "w0:0@1", "w2:2@1", "w3:2@1"]);
});

Deno.test("cancelling a task blocked by draining leaves the round untouched", async () => {
  using clock = VirtualClock.install();
  const barrier = new Barrier(2);
  const { log, track } = recorder();
  const controller = new AbortController();
  const waits = [track("A", barrier.wait()), track("B", barrier.wait())];
  waits.push(track("C", barrier.wait({ signal: controller.signal })));
  controller.abort();
  await clock.advance(1);
  waits.push(track("D", barrier.wait()), track("E", barrier.wait()));
  await Promise.all(waits);
  assert.deepEqual(log, ["B:1@0", "A:0@0", "C:CancelledError@0", "E:1@1", "D:0@1"]);
});

Deno.test("wait() with an aborted signal rejects unless it is the last party (as asyncio never suspends then)", async () => {
  const barrier = new Barrier(2);
  const controller = new AbortController();
  controller.abort(new CancelledError("late"));
  await assert.rejects(barrier.wait({ signal: controller.signal }), {
    name: "CancelledError",
    message: "late",
  });
  assert.equal(barrier.nWaiting, 0);
  const first = barrier.wait();
  assert.equal(await barrier.wait({ signal: controller.signal }), 1);
  assert.equal(await first, 0);
});

Deno.test("reset() rejects the waiting tasks; newcomers wait until they have left (CPython test_reset_barrier_while_tasks_waiting)", async () => {
  using clock = VirtualClock.install();
  const barrier = new Barrier(3);
  const { log, track } = recorder();
  const a = barrier.wait(), b = barrier.wait();
  const waits = [track("A", a), track("B", b)];
  await clock.advance(1);
  barrier.reset();
  assert.equal(barrier.nWaiting, 0, "resetting");
  waits.push(track("C", barrier.wait()));
  await assert.rejects(a, RESET);
  await assert.rejects(b, RESET);
  await clock.advance(1);
  assert.equal(barrier.nWaiting, 1, "C is in the new round");
  waits.push(track("D", barrier.wait()), track("E", barrier.wait()));
  await Promise.all(waits);
  assert.deepEqual(log, [
    "A:BrokenBarrierError@1",
    "B:BrokenBarrierError@1",
    "E:2@2",
    "C:0@2",
    "D:1@2",
  ]);
  assert.equal(barrier.broken, false);
});

Deno.test("reset() while the barrier drains rejects the released tasks that have not run yet (CPython test_reset_barrier_while_tasks_draining)", async () => {
  const barrier = new Barrier(2);
  const a = barrier.wait();
  const b = barrier.wait();
  barrier.reset();
  await assert.rejects(a, RESET);
  assert.equal(await b, 1, "the releasing task had already passed");
  assert.deepEqual(await Promise.all([barrier.wait(), barrier.wait()]), [0, 1]);
});

Deno.test("reset() of an idle barrier changes nothing", async () => {
  const barrier = new Barrier(2);
  barrier.reset();
  assert.equal(barrier.nWaiting, 0);
  assert.deepEqual(await Promise.all([barrier.wait(), barrier.wait()]), [0, 1]);
});

Deno.test("abort() rejects the waiting tasks and every later wait() until reset() (CPython test_abort_barrier)", async () => {
  using clock = VirtualClock.install();
  const barrier = new Barrier(3);
  const { log, track } = recorder();
  const a = barrier.wait(), b = barrier.wait();
  const waits = [track("A", a), track("B", b)];
  await clock.advance(1);
  barrier.abort();
  assert.equal(barrier.broken, true);
  assert.equal(barrier.nWaiting, 0);
  await Promise.all(waits);
  assert.deepEqual(log, ["A:BrokenBarrierError@1", "B:BrokenBarrierError@1"]);
  await assert.rejects(a, ABORTED);
  await assert.rejects(barrier.wait(), ABORTED);
  await assert.rejects(barrier.wait(), BrokenBarrierError);
  barrier.reset();
  assert.equal(barrier.broken, false);
  const all = [barrier.wait(), barrier.wait(), barrier.wait()];
  assert.deepEqual(await Promise.all(all), [0, 1, 2]);
});

Deno.test("abort() while the barrier drains rejects the released tasks that have not run yet, and the blocked ones", async () => {
  const barrier = new Barrier(2);
  const a = barrier.wait();
  const b = barrier.wait();
  const c = barrier.wait();
  barrier.abort();
  await assert.rejects(a, ABORTED);
  assert.equal(await b, 1, "the releasing task had already passed");
  await assert.rejects(c, ABORTED);
  assert.equal(barrier.broken, true);
});

Deno.test("cancelling 1 000 waiting tasks leaves no timer and an empty, working barrier", async () => {
  using clock = VirtualClock.install();
  const barrier = new Barrier(1_001);
  const controller = new AbortController();
  const waits = Array.from(
    { length: 1_000 },
    () => barrier.wait({ signal: controller.signal }).catch((e) => e),
  );
  assert.equal(barrier.nWaiting, 1_000);
  controller.abort();
  assert.equal(barrier.nWaiting, 0);
  const errors = await Promise.all(waits);
  assert.equal(errors.filter((e) => e instanceof CancelledError).length, 1_000);
  assert.equal(clock.pending, 0);
  const all = Array.from({ length: 1_001 }, () => barrier.wait());
  assert.deepEqual(await Promise.all(all), Array.from({ length: 1_001 }, (_, i) => i));
});

Deno.test("wait() rejects a signal that is not an AbortSignal with TypeError", async () => {
  const barrier = new Barrier(1);
  await assert.rejects(barrier.wait({ signal: 1 as unknown as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot wait on barrier: "signal" must be an AbortSignal, received 1',
  });
  assert.equal(new BrokenBarrierError().message, "Barrier is broken");
  assert.ok(new BrokenBarrierError() instanceof Error);
});

Deno.test("a waiter released by the last arrival but cancelled before it resumes rejects, and the barrier stays whole", async () => {
  const barrier = new Barrier(2);
  const controller = new AbortController();
  const first = barrier.wait({ signal: controller.signal });
  const last = barrier.wait(); // fills the barrier: `first` is woken …
  controller.abort(); // … and cancelled before it resumes
  assert.equal(await last, 1);
  await assert.rejects(first, CancelledError);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  assert.deepEqual(await Promise.all([barrier.wait(), barrier.wait()]), [0, 1], "usable again");
});
