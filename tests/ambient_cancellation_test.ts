/**
 * Ambient cancellation: a Task's cancellation, a timeout, a failing TaskGroup sibling reach
 * every wait in the task's async call tree with no `signal` passed. Skipped where the host
 * has no cheap async context (the scope is then off: Node 22 without the flag, browsers);
 * `ambient_off_test.ts` covers those hosts.
 */
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  currentSignal,
  currentTask,
  loopTime,
  Queue,
  Semaphore,
  shield,
  sleep,
  type Task,
  TaskGroup,
  TaskGroupError,
  timeout,
  TimeoutError,
  uncancellable,
  VirtualClock,
  waitFor,
} from "../mod.ts";
import { ambientEnabled } from "../src/_scope.ts";
import { listenerLog, track } from "./_helpers.ts";
import { everyWait } from "./_every_wait.ts";

const ignore = !ambientEnabled();

/** A test that needs the ambient scope. */
function test(name: string, fn: () => Promise<void>): void {
  Deno.test({ name: `ambient: ${name}`, ignore, fn });
}

test("timeout(1).run() of a body that sleeps 10 s without a signal rejects TimeoutError at 1 s", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const t = timeout(1);
  const error = await t.run(async () => {
    await sleep(10);
    log.push("after the sleep");
  }).catch((e) => e);
  assert.ok(error instanceof TimeoutError, String(error));
  assert.equal(error.message, "Timed out after 1 s");
  assert.ok(error.cause instanceof CancelledError);
  assert.equal(loopTime(), 1);
  assert.equal(t.expired(), true);
  assert.deepEqual(log, []);
  assert.equal(clock.pending, 0);
});

test("waitFor(fn, 1) of a function that sleeps 10 s rejects TimeoutError at 1 s", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let task: Task<unknown> | undefined;
  const error = await waitFor(async () => {
    task = currentTask();
    await sleep(10);
    return "late";
  }, 1).catch((e) => e);
  assert.ok(error instanceof TimeoutError, String(error));
  assert.equal(loopTime(), 1);
  assert.equal(task?.cancelled(), true);
  assert.equal(clock.pending, 0);
});

test("a TaskGroup child failing at 0.1 s cancels a sibling's sleep(5) at 0.1 s", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  let sibling: Task<void> | undefined;
  const error = await TaskGroup.run((tg) => {
    sibling = tg.createTask(async () => {
      await sleep(5);
      log.push("sibling went on");
    });
    tg.createTask(async () => {
      await sleep(0.1);
      throw new Error("boom");
    });
  }).catch((e) => e);
  assert.ok(error instanceof TaskGroupError, String(error));
  assert.deepEqual(error.errors.map((e: Error) => e.message), ["boom"]);
  assert.equal(loopTime(), 0.1);
  assert.deepEqual(log, []);
  assert.equal(sibling?.cancelled(), true);
  assert.equal(clock.pending, 0);
});

test("a TaskGroup child's failure cancels the body's waits, as it cancels the parent task in asyncio", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const error = await TaskGroup.run(async (tg) => {
    tg.createTask(async () => {
      await sleep(1);
      throw new Error("child failed");
    });
    await sleep(5).catch((e) => log.push(`body: ${e.name} at ${loopTime()}`));
  }).catch((e) => e);
  assert.ok(error instanceof TaskGroupError, String(error));
  assert.deepEqual(log, ["body: CancelledError at 1"]);
  assert.equal(clock.pending, 0);
});

test("a TaskGroup child blocked on queue.get() without a signal lets the group report the failure", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const queue = new Queue<number>();
  const error = await TaskGroup.run((tg) => {
    tg.createTask(() => queue.get());
    tg.createTask(async () => {
      await sleep(0.5);
      throw new RangeError("bad item");
    });
  }).catch((e) => e);
  assert.ok(error instanceof TaskGroupError, String(error));
  assert.equal(error.errors[0].name, "RangeError");
  assert.equal(loopTime(), 0.5);
  queue.putNowait(1); // no getter left waiting: the item stays in the queue
  assert.equal(queue.qsize(), 1);
  assert.equal(clock.pending, 0);
});

test("createTask(() => shield(inner)): cancelling the outer task cancels the shield, not inner", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const inner = createTask(async () => (await sleep(2), "saved"));
  const outer = createTask(() => shield(inner));
  await sleep(1);
  outer.cancel("stop");
  await assert.rejects(Promise.resolve(outer), { name: "CancelledError", message: "stop" });
  assert.equal(loopTime(), 1);
  assert.equal(inner.done(), false);
  assert.equal(await inner, "saved");
  assert.equal(loopTime(), 2);
  assert.equal(clock.pending, 0);
});

test("shield(fn) runs fn in a scope of its own: the outer cancel stops the waiting only", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  let saving: Task<unknown> | undefined;
  const outer = createTask(async () => {
    await shield(async () => {
      saving = currentTask();
      await sleep(2);
      log.push(`saved at ${loopTime()}`);
    });
    log.push("outer went on");
  });
  await sleep(1);
  outer.cancel();
  await assert.rejects(Promise.resolve(outer), CancelledError);
  assert.notEqual(saving, outer);
  await saving;
  assert.deepEqual(log, ["saved at 2"]);
  assert.equal(clock.pending, 0);
});

test("a promise made in the outer scope before shield() saw it is cancelled with that scope", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let nap: Promise<void> | undefined;
  const outer = createTask(() => shield(nap = sleep(5)));
  outer.cancel();
  await assert.rejects(Promise.resolve(outer), CancelledError);
  await assert.rejects(nap!, CancelledError); // the sleep belonged to the task's scope
  assert.equal(clock.pending, 0);
});

for (const [name, start] of Object.entries(everyWait())) {
  test(`${name} in a helper, inside Promise.all, is cancelled with its task`, async () => {
    using clock = VirtualClock.install();
    const helper = async () => {
      await Promise.resolve(); // a plain async helper, one continuation down
      return await start();
    };
    const task = createTask(() => Promise.all([helper()]));
    await clock.advance(1);
    assert.equal(task.done(), false);
    task.cancel("cancelled by the test");
    const error = await Promise.resolve(task).catch((e) => e);
    assert.ok(error instanceof CancelledError, `${name}: ${error}`);
    assert.equal(error.message, "cancelled by the test");
    assert.equal(task.cancelled(), true);
    assert.equal(loopTime(), 1); // at once: no wait ran to its end
    await clock.advance(0);
    assert.equal(clock.pending, 0);
  });
}

test("an explicit signal and the ambient scope combine: either one cancels the wait", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const controller = new AbortController();
  const byExplicit = createTask(() => sleep(10, { signal: controller.signal }));
  const byTask = createTask(() => sleep(10, { signal: new AbortController().signal }));
  await sleep(1);
  controller.abort("explicit");
  byTask.cancel("task");
  await assert.rejects(Promise.resolve(byExplicit), {
    name: "CancelledError",
    message: "explicit",
  });
  await assert.rejects(Promise.resolve(byTask), { name: "CancelledError", message: "task" });
  assert.equal(loopTime(), 1);
  assert.equal(clock.pending, 0);
});

test("a task created inside another is independent: it is not cancelled with its creator", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let child: Task<string> | undefined;
  const parent = createTask(async () => {
    child = createTask(async () => (await sleep(3), "child done"));
    await sleep(10);
  });
  await sleep(1);
  parent.cancel();
  await assert.rejects(Promise.resolve(parent), CancelledError);
  assert.equal(await child, "child done");
  assert.equal(loopTime(), 3);
  assert.equal(clock.pending, 0);
});

test("waits outside any task or scope are cancelled only by an explicit signal", async () => {
  using clock = VirtualClock.install({ autojump: true });
  assert.equal(currentSignal(), undefined);
  assert.equal(currentTask(), undefined);
  await sleep(2);
  assert.equal(loopTime(), 2);
  assert.equal(clock.pending, 0);
});

test("currentTask() and currentSignal() follow the scopes: task, timeout, TaskGroup, none", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen: [string, boolean, boolean][] = [];
  const see = (where: string, task: object | undefined, signal: AbortSignal) =>
    seen.push([where, currentTask() === task, currentSignal() === signal]);
  const task: Task<void> = createTask(async () => {
    await Promise.resolve(); // tasks start eagerly: `task` is assigned after the first await
    see("task", task, task.signal);
    await sleep(1);
    see("task after await", task, task.signal);
    const t = timeout(5);
    await t.run(async () => {
      await sleep(1);
      see("timeout", task, t.signal);
    });
    await TaskGroup.run(async (tg) => {
      await Promise.resolve();
      see("group body", task, tg.signal);
      const child: Task<number> = tg.createTask(async () => {
        await Promise.resolve();
        return see("group child", child, child.signal);
      });
    });
    see("task again", task, task.signal);
  });
  await task;
  assert.deepEqual(seen, [
    ["task", true, true],
    ["task after await", true, true],
    ["timeout", true, true],
    ["group body", true, true],
    ["group child", true, true],
    ["task again", true, true],
  ]);
  assert.equal(currentTask(), undefined);
});

test("done callbacks run in the context they were added in", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen: [string, Task<unknown> | undefined][] = [];
  const worker = createTask(() => sleep(1), { name: "worker" });
  worker.addDoneCallback(() => seen.push(["added outside", currentTask()]));
  const watcher = createTask(async () => {
    worker.addDoneCallback(() => seen.push(["added in watcher", currentTask()]));
    await sleep(2);
  }, { name: "watcher" });
  await watcher;
  assert.deepEqual(seen.map(([where, task]) => [where, task?.name]), [
    ["added outside", undefined],
    ["added in watcher", "watcher"],
  ]);
});

test("a catch that swallows CancelledError is re-cancelled at the next wait", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const task = createTask(async () => {
    try {
      await sleep(10);
    } catch (error) {
      log.push(`swallowed ${(error as Error).name} at ${loopTime()}`);
    }
    await sleep(10);
    log.push("never here");
  });
  await sleep(1);
  task.cancel();
  await assert.rejects(Promise.resolve(task), CancelledError);
  assert.deepEqual(log, ["swallowed CancelledError at 1"]);
  assert.equal(clock.pending, 0);
});

test("uncancellable() lets a cancelled task's clean-up wait; an explicit signal still cancels", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const lock = new Semaphore(1);
  const controller = new AbortController();
  const task = createTask(async () => {
    try {
      await sleep(10);
    } finally {
      await uncancellable(async () => {
        assert.equal(currentSignal(), undefined);
        assert.equal(currentTask(), task);
        using _held = await lock.hold();
        await sleep(1);
        log.push(`cleaned at ${loopTime()}`);
        await sleep(5, { signal: controller.signal }).catch((e) => log.push(e.name));
      });
      await sleep(1).catch((e) => log.push(`after: ${e.name}`)); // the task is cancelled again
    }
  });
  await sleep(1);
  task.cancel();
  await sleep(2);
  controller.abort();
  await assert.rejects(Promise.resolve(task), CancelledError);
  assert.deepEqual(log, ["cleaned at 2", "CancelledError", "after: CancelledError"]);
  assert.equal(loopTime(), 3);
  assert.equal(lock.value, 1);
  assert.equal(clock.pending, 0);
});

test("uncancellable() refuses a non-function", () => {
  assert.throws(() => uncancellable(42 as never), {
    name: "TypeError",
    message: 'Cannot run uncancellable: "fn" must be a function, received 42',
  });
  return Promise.resolve();
});

test("an outer cancel after a timeout's deadline passes through as CancelledError", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const task = createTask(() =>
    timeout(1).run(async () => {
      try {
        await sleep(10);
      } finally {
        await uncancellable(() => sleep(1)); // the deadline passed at 1; the clean-up runs to 2
      }
    })
  );
  await sleep(1.5);
  task.cancel("outer");
  const error = await Promise.resolve(task).catch((e) => e);
  assert.ok(error instanceof CancelledError, String(error));
  assert.equal(task.cancelled(), true);
  assert.equal(loopTime(), 2);
  assert.equal(clock.pending, 0);
});

test("nested timeouts: the inner deadline cancels the inner body only", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const result = await timeout(10).run(async () => {
    await timeout(1).run(() => sleep(5)).catch((e) => log.push(`${e.name} at ${loopTime()}`));
    await sleep(2);
    return loopTime();
  });
  assert.deepEqual(log, ["TimeoutError at 1"]);
  assert.equal(result, 3);
  assert.equal(clock.pending, 0);
});

test("a cancelled task's pending waits leave no waiter behind", async () => {
  using clock = VirtualClock.install();
  const sem = new Semaphore(0);
  const queue = new Queue<number>();
  const tasks = [0, 1, 2].map(() =>
    createTask(async () => {
      await sem.acquire();
    })
  );
  const getter = createTask(() => queue.get());
  await clock.advance(0);
  tasks[1]!.cancel();
  getter.cancel();
  await Promise.allSettled([tasks[1]!, getter]);
  sem.release();
  sem.release();
  await Promise.all([tasks[0]!, tasks[2]!]);
  assert.equal(sem.value, 0);
  queue.putNowait(7);
  assert.equal(queue.qsize(), 1);
  assert.equal(track(Promise.resolve()).at, undefined);
  assert.equal(clock.pending, 0);
});

test("a long-lived signal passed to the waits of many tasks keeps nothing once they end", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const controller = new AbortController();
  const { signal } = controller;
  const calls = listenerLog(signal);
  const listeners = () =>
    calls.filter((c) => c.startsWith("add")).length -
    calls.filter((c) => c.startsWith("remove")).length;
  const sem = new Semaphore(2);
  const tasks = Array.from({ length: 50 }, (_, i) =>
    createTask(async () => {
      using _held = await sem.hold({ signal });
      await sleep(i % 3, { signal });
      await timeout(5).run(() => sleep(1, { signal }));
      return i;
    }));
  assert.equal(listeners(), 1, "one listener on the shared signal, whatever the number of waits");
  assert.equal((await Promise.all(tasks)).length, 50);
  assert.equal(listeners(), 0, "the tasks' combined signals let go of it");
  controller.abort(); // nothing is left to cancel
  assert.equal(clock.pending, 0);
});

test("an explicit signal handed on inside (TaskGroup.run, waitFor, join) still combines with the task", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const starts = {
    "TaskGroup.run": (signal: AbortSignal) => TaskGroup.run(() => sleep(60), { signal }),
    waitFor: (signal: AbortSignal) => waitFor(() => sleep(60), 100, { signal }),
    "Queue.join": (signal: AbortSignal) => {
      const queue = new Queue<number>();
      queue.putNowait(1);
      return queue.join({ signal });
    },
  };
  for (const [name, start] of Object.entries(starts)) {
    const controller = new AbortController();
    const byExplicit = createTask(() => start(controller.signal));
    const byTask = createTask(() => start(new AbortController().signal));
    await sleep(1);
    controller.abort("explicit");
    byTask.cancel("task");
    const errors = await Promise.all(
      [byExplicit, byTask].map((t) => Promise.resolve(t).catch((e) => e)),
    );
    assert.deepEqual(errors.map((e) => `${e.name}: ${e.message}`), [
      "CancelledError: explicit",
      "CancelledError: task",
    ], name);
  }
  assert.equal(loopTime(), 3);
  assert.equal(clock.pending, 0);
});
