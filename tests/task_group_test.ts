import assert from "node:assert/strict";
import {
  CancelledError,
  loopTime,
  sleep,
  type Task,
  type TaskFunction,
  uncancellable,
  VirtualClock,
} from "../mod.ts";
import { TaskGroupError } from "../src/errors.ts";
import { TaskGroup } from "../src/task_group.ts";

/**
 * A task function that sleeps `seconds`, then returns its name or throws `error`; it logs
 * `name@time` when it ends and `name:ErrorName@time` when its sleep is cancelled.
 */
function child(log: string[], name: string, seconds: number, error?: Error): TaskFunction<string> {
  return async (signal) => {
    try {
      await sleep(seconds, { signal });
    } catch (e) {
      log.push(`${name}:${(e as Error).name}@${loopTime()}`);
      throw e;
    }
    log.push(`${name}@${loopTime()}`);
    if (error !== undefined) throw error;
    return name;
  };
}

/** The error `promise` rejects with (failing if it resolves); observed at once. */
function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then((value) => assert.fail(`resolved with ${value}`), (error) => error);
}

/** Asserts `error` is a TaskGroupError holding exactly `errors`, with the matching message. */
function assertGroupError(error: unknown, errors: unknown[]): void {
  assert.ok(error instanceof TaskGroupError, `expected a TaskGroupError, got ${error}`);
  const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
  assert.equal(error.name, "TaskGroupError");
  assert.equal(error.message, `Unhandled errors in a TaskGroup (${count})`);
  assert.equal(error.errors.length, errors.length);
  errors.forEach((e, i) => assert.equal(error.errors[i], e, `errors[${i}]`));
}

Deno.test("run() waits for every task and returns what the body returned (CPython test_taskgroup_01, 02)", async () => {
  using clock = VirtualClock.install();
  const log: string[] = [];
  const running = TaskGroup.run(async (tg) => {
    const t1 = tg.createTask(child(log, "t1", 1));
    await sleep(1.5);
    const t2 = tg.createTask(child(log, "t2", 2));
    log.push(`body@${loopTime()}`);
    return [t1, t2];
  });
  await clock.runAll();
  const [t1, t2] = (await running)!;
  assert.ok(t1 && t2);
  assert.deepEqual(log, ["t1@1", "body@1.5", "t2@3.5"]);
  assert.equal(t1.result(), "t1");
  assert.equal(t2.result(), "t2");
  assert.equal(loopTime(), 3.5);
});

Deno.test("await using waits for every task at the end of the block (CPython test_taskgroup_01)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  let tasks: Task<string>[] = [];
  {
    await using tg = new TaskGroup();
    tasks = [tg.createTask(child(log, "a", 2)), tg.createTask(child(log, "b", 1))];
    log.push(`body@${loopTime()}`);
  }
  assert.deepEqual(log, ["body@0", "b@1", "a@2"]);
  assert.deepEqual(tasks.map((t) => t.result()), ["a", "b"]);
  assert.equal(clock.pending, 0);
});

Deno.test("a task cancelled by hand does not cancel the group (CPython test_taskgroup_03)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const [t1, t2] = (await TaskGroup.run(async (tg) => {
    const t1 = tg.createTask(child(log, "t1", 10));
    await sleep(1);
    t1.cancel();
    return [t1, tg.createTask(child(log, "t2", 2))];
  }))!;
  assert.equal(t1.cancelled(), true);
  assert.equal(t2.result(), "t2");
  assert.deepEqual(log, ["t1:CancelledError@1", "t2@3"]);
  assert.equal(clock.pending, 0);
});

Deno.test("the second of three tasks fails at t=1: the others are cancelled at exactly t=1 and run() throws just that error (CPython test_taskgroup_04)", async () => {
  using clock = VirtualClock.install();
  const log: string[] = [];
  const boom = new Error("boom");
  let tasks: Task<string>[] = [];
  let after = false;
  const failed = rejection(
    TaskGroup.run((tg) => {
      tasks = [
        tg.createTask(child(log, "first", 5)),
        tg.createTask(child(log, "second", 1, boom)),
        tg.createTask(child(log, "third", 10)),
      ];
    }).then(() => (after = true)),
  );
  await clock.advance(1);
  assertGroupError(await failed, [boom]);
  assert.equal(after, false);
  assert.deepEqual(log, ["second@1", "first:CancelledError@1", "third:CancelledError@1"]);
  assert.deepEqual(tasks.map((t) => t.cancelled()), [true, false, true]);
  assert.equal(tasks[1]!.exception(), boom);
  assert.equal(loopTime(), 1);
  assert.equal(clock.pending, 0);
});

Deno.test("await using throws the TaskGroupError of a failed task at the end of the block", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const boom = new Error("boom");
  const error = await rejection((async () => {
    await using tg = new TaskGroup();
    tg.createTask(child(log, "slow", 5));
    tg.createTask(child(log, "failing", 1, boom));
  })());
  assertGroupError(error, [boom]);
  assert.deepEqual(log, ["failing@1", "slow:CancelledError@1"]);
  assert.equal(loopTime(), 1);
  assert.equal(clock.pending, 0);
});

Deno.test("two failures are both collected, in the order they happened, cancellations left out (CPython test_cancel_children_on_child_error, test_taskgroup_19)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const [a, b, c] = [new Error("a"), new Error("b"), new Error("c")];
  const error = await rejection(TaskGroup.run((tg) => {
    tg.createTask(child(log, "x", 1, a));
    tg.createTask(child(log, "y", 1, b)); // fails in the same turn
    tg.createTask(child(log, "z", 5));
  }));
  assertGroupError(error, [a, b]);
  assert.deepEqual(log, ["x@1", "y@1", "z:CancelledError@1"]);

  const late = await rejection(TaskGroup.run((tg) => {
    tg.createTask(child(log, "first", 1, a));
    tg.createTask(async (signal) => {
      await sleep(5, { signal }).catch(() => {});
      throw c; // fails while being cancelled
    });
  }));
  assertGroupError(late, [a, c]);
  assert.equal(loopTime(), 2);
  assert.equal(clock.pending, 0);
});

Deno.test("a failing task cancels the body's waits on tg.signal; the body's CancelledError is not one of the errors", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const boom = new Error("boom");
  const error = await rejection(TaskGroup.run(async (tg) => {
    tg.createTask(child(log, "failing", 1, boom));
    try {
      await sleep(10, { signal: tg.signal });
    } catch (e) {
      log.push(`body:${(e as Error).name}@${loopTime()}`);
      throw e;
    }
  }));
  assertGroupError(error, [boom]);
  assert.deepEqual(log, ["failing@1", "body:CancelledError@1"]);
  assert.equal(clock.pending, 0);
});

Deno.test("a failing body cancels the tasks and joins the errors, last (CPython test_taskgroup_09, 10)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const oops = new Error("oops");
  let tasks: Task<string>[] = [];
  const error = await rejection(TaskGroup.run(async (tg) => {
    tasks = [tg.createTask(child(log, "t1", 1)), tg.createTask(child(log, "t2", 2))];
    await sleep(0.5);
    throw oops;
  }));
  assertGroupError(error, [oops]);
  assert.deepEqual(log, ["t1:CancelledError@0.5", "t2:CancelledError@0.5"]);
  assert.deepEqual(tasks.map((t) => t.cancelled()), [true, true]);

  const sync = await rejection(TaskGroup.run((tg) => {
    tasks = [tg.createTask(child(log, "t3", 1))];
    throw oops;
  }));
  assertGroupError(sync, [oops]);
  assert.equal(tasks[0]!.cancelled(), true);
  assert.equal(loopTime(), 0.5);

  const boom = new Error("boom");
  const both = await rejection(TaskGroup.run(async (tg) => {
    tg.createTask(child(log, "t4", 1, boom));
    tg.createTask(async () => {
      await uncancellable(() => sleep(2)); // nothing cancels it: the group waits for it
      log.push(`deaf@${loopTime()}`);
    });
    await uncancellable(() => sleep(1.5)); // the body's error comes after t4's
    throw oops;
  }));
  assertGroupError(both, [boom, oops]);
  assert.deepEqual(log.slice(-2), ["t4@1.5", "deaf@2.5"]);
  assert.equal(clock.pending, 0);
});

Deno.test("tg.cancel() from a task cancels the others and the body's waits; the group ends without error (asyncio 3.15)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const result = await TaskGroup.run(async (tg) => {
    tg.createTask(child(log, "service", 60));
    tg.createTask(async (signal) => {
      await sleep(2, { signal });
      tg.cancel("found it");
      log.push(`cancel@${loopTime()}`);
    });
    try {
      await sleep(10, { signal: tg.signal });
    } catch (e) {
      log.push(`body:${(e as Error).name}:${(e as Error).message}@${loopTime()}`);
      throw e;
    }
    return "unreachable";
  });
  assert.equal(result, undefined);
  assert.deepEqual(log, [
    "cancel@2",
    "service:CancelledError@2",
    "body:CancelledError:found it@2",
  ]);
  assert.equal(clock.pending, 0);
});

Deno.test("tg.cancel() from the body: the body's result is returned; cancel() is idempotent and a no-op after exit", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  let group: TaskGroup | undefined;
  let task: Task<string> | undefined;
  const result = await TaskGroup.run(async (tg) => {
    group = tg;
    task = tg.createTask(child(log, "child", 5));
    await sleep(1);
    tg.cancel("stop");
    tg.cancel("again");
    assert.equal(tg.signal.aborted, true);
    assert.throws(() => tg.createTask(() => 1), {
      name: "InvalidStateError",
      message: "Cannot create task: the TaskGroup is shutting down",
    });
    return "stopped";
  });
  assert.equal(result, "stopped");
  assert.deepEqual(log, ["child:CancelledError@1"]);
  assert.equal(task!.cancelled(), true);
  await assert.rejects(Promise.resolve(task!), { name: "CancelledError", message: "stop" });
  group!.cancel();
  assert.equal((group!.signal.reason as Error).message, "stop");
  assert.equal(clock.pending, 0);
});

Deno.test("tg.cancel() with await using, and failures during cancel() are still thrown", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  {
    await using tg = new TaskGroup();
    tg.createTask(child(log, "a", 5));
    tg.createTask(async (signal) => {
      await sleep(1, { signal });
      tg.cancel();
    });
  }
  assert.deepEqual(log, ["a:CancelledError@1"]);
  const cleanup = new Error("cleanup failed");
  const error = await rejection(TaskGroup.run((tg) => {
    tg.createTask(async (signal) => {
      await sleep(5, { signal }).catch(() => {});
      throw cleanup;
    });
    tg.cancel();
  }));
  assertGroupError(error, [cleanup]);
  assert.equal(loopTime(), 1);
  assert.equal(clock.pending, 0);
});

Deno.test("a task that calls tg.cancel() as it starts is cancelled too (gh-155418)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let task: Task<void> | undefined;
  await TaskGroup.run((tg) => {
    task = tg.createTask((signal) => {
      tg.cancel();
      return sleep(5, { signal });
    });
  });
  assert.equal(task!.cancelled(), true);
  assert.equal(loopTime(), 0);
  assert.equal(clock.pending, 0);
});

Deno.test("a task failing as it starts does not stop the body's next createTask(); the group cancels it a moment later (gh-128550)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const boom = new Error("boom");
  let second: Task<string> | undefined;
  const error = await rejection(TaskGroup.run((tg) => {
    tg.createTask(() => {
      throw boom;
    });
    second = tg.createTask(child(log, "second", 5));
  }));
  assertGroupError(error, [boom]);
  assert.equal(second!.cancelled(), true);
  assert.deepEqual(log, ["second:CancelledError@0"]);
  assert.equal(clock.pending, 0);
});

Deno.test("the signal option cancels the group: run() rejects with its CancelledError once the tasks are done (CPython test_cancellation, test_taskgroup_07)", async () => {
  using clock = VirtualClock.install();
  const log: string[] = [];
  const controller = new AbortController();
  const error = rejection(TaskGroup.run(async (tg) => {
    for (const name of ["a", "b", "c", "d", "e"]) tg.createTask(child(log, name, 5));
    try {
      await sleep(10, { signal: tg.signal });
    } catch (e) {
      log.push(`body:${(e as Error).name}@${loopTime()}`);
      throw e;
    }
  }, { signal: controller.signal }));
  await clock.advance(0.1);
  controller.abort(new CancelledError("test"));
  assert.deepEqual(await error, new CancelledError("test"));
  assert.deepEqual(log, [
    ..."abcde".split("").map((n) => `${n}:CancelledError@0.1`),
    "body:CancelledError@0.1",
  ]);

  const quiet = new AbortController();
  const plain = rejection(TaskGroup.run((tg) => {
    tg.createTask(child(log, "f", 5)); // the body returns at once
  }, { signal: quiet.signal }));
  await clock.advance(1);
  quiet.abort("shutdown");
  const cancelled = await plain;
  assert.ok(cancelled instanceof CancelledError);
  assert.equal(cancelled.message, "shutdown");
  assert.equal(cancelled.cause, "shutdown");
  assert.equal(clock.pending, 0);
});

Deno.test("a body that turns the group's cancellation into its own error reports it (CPython test_taskgroup_18)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const controller = new AbortController();
  const mine = new Error("mine");
  const running = rejection(TaskGroup.run(async (tg) => {
    await sleep(10, { signal: tg.signal }).catch(() => {
      throw mine;
    });
  }, { signal: controller.signal }));
  await sleep(0.1);
  controller.abort();
  assertGroupError(await running, [mine]);
  assert.equal(clock.pending, 0);
});

Deno.test("an already aborted signal: run() rejects without calling the body; a new group starts shut down", async () => {
  const reason = new CancelledError("early");
  let called = false;
  await assert.rejects(
    TaskGroup.run(() => (called = true), { signal: AbortSignal.abort(reason) }),
    (error) => error === reason,
  );
  assert.equal(called, false);
  await using tg = new TaskGroup({ signal: AbortSignal.abort(reason) });
  assert.equal(tg.signal.aborted, true);
  assert.equal(tg.signal.reason, reason);
  assert.throws(() => tg.createTask(() => 1), {
    name: "InvalidStateError",
    message: "Cannot create task: the TaskGroup is shutting down",
  });
});

Deno.test("the outer group's failure cancels a nested group (CPython test_taskgroup_13)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const first = new Error("1");
  const error = await rejection(TaskGroup.run(async (outer) => {
    outer.createTask(child(log, "outer", 1, first));
    await TaskGroup.run((inner) => {
      inner.createTask(child(log, "inner", 10, new Error("10")));
    }, { signal: outer.signal });
  }));
  assertGroupError(error, [first]);
  assert.deepEqual(log, ["outer@1", "inner:CancelledError@1"]);
  assert.equal(clock.pending, 0);
});

Deno.test("a nested group's TaskGroupError fails the outer group, which cancels its tasks (CPython test_taskgroup_14)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const first = new Error("1");
  const error = await rejection(TaskGroup.run(async (outer) => {
    outer.createTask(child(log, "outer", 10, new Error("10")));
    await TaskGroup.run((inner) => {
      inner.createTask(child(log, "inner", 1, first));
    }, { signal: outer.signal });
  }));
  assert.ok(error instanceof TaskGroupError);
  assert.equal(error.errors.length, 1);
  assertGroupError(error.errors[0], [first]);
  assert.deepEqual(log, ["inner@1", "outer:CancelledError@1"]);
  assert.equal(clock.pending, 0);
});

Deno.test("nested await using groups end inner first", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  {
    await using outer = new TaskGroup();
    outer.createTask(child(log, "outer", 1));
    {
      await using inner = new TaskGroup({ signal: outer.signal });
      inner.createTask(child(log, "inner", 2));
    }
    log.push(`inner done@${loopTime()}`);
  }
  assert.deepEqual(log, ["outer@1", "inner@2", "inner done@2"]);
  assert.equal(clock.pending, 0);
});

Deno.test("no task outlives the group: cancelled tasks finish their cleanup first (CPython test_taskgroup_15)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const boom = new Error("boom");
  const error = await rejection(TaskGroup.run((tg) => {
    tg.createTask(child(log, "crash", 0.3, boom));
    tg.createTask(async (signal) => {
      try {
        await sleep(10, { signal });
      } finally {
        await uncancellable(() => sleep(0.5)); // cleanup, which nothing cancels
        log.push(`cleaned@${loopTime()}`);
      }
    });
  }));
  assertGroupError(error, [boom]);
  assert.deepEqual(log, ["crash@0.3", "cleaned@0.8"]);
  assert.equal(loopTime(), 0.8);
  assert.equal(clock.pending, 0);
});

Deno.test("tasks may add tasks until the group is finished (CPython test_taskgroup_24)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  await TaskGroup.run((tg) => {
    tg.createTask(async (signal) => {
      await sleep(0.1, { signal });
      tg.createTask(child(log, "c1", 0.1));
      tg.createTask(child(log, "c2", 0.2));
    });
  });
  assert.deepEqual(log, ["c1@0.2", "c2@0.30000000000000004"]);
  assert.equal(clock.pending, 0);
});

Deno.test("a group of multiplying tasks ends with the failure that stops them (CPython test_taskgroup_25)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let hydras = 0;
  const boom = new Error("hercules");
  const error = await rejection(TaskGroup.run((tg) => {
    const hydra = async (signal: AbortSignal): Promise<void> => {
      hydras++;
      await sleep(1, { signal });
      tg.createTask(hydra);
      tg.createTask(hydra);
    };
    tg.createTask(hydra);
    tg.createTask(async (signal) => {
      while (hydras < 10) await sleep(1.5, { signal });
      throw boom;
    });
  }));
  assertGroupError(error, [boom]);
  assert.equal(
    hydras,
    31,
    "1 + 2 + 4 + 8 + 16: hercules checks at 1.5, 3 (before the hydras of 3) and 4.5",
  );
  assert.equal(loopTime(), 4.5);
  assert.equal(clock.pending, 0);
});

Deno.test("createTask() on a finished group throws InvalidStateError; a group exits once", async () => {
  let group: TaskGroup | undefined;
  const result = await TaskGroup.run((tg) => {
    group = tg;
    return 7;
  });
  assert.equal(result, 7);
  assert.throws(() => group!.createTask(() => 1), {
    name: "InvalidStateError",
    message: "Cannot create task: the TaskGroup is finished",
  });
  await assert.rejects(group![Symbol.asyncDispose](), {
    name: "InvalidStateError",
    message: "Cannot exit TaskGroup: it was already exited",
  });
  group!.cancel();
  assert.equal(group!.signal.aborted, false, "cancel() after exit does nothing");
});

Deno.test("createTask() passes the name on, and each task gets its own signal (CPython test_taskgroup_task_name)", async () => {
  await using tg = new TaskGroup();
  let received: AbortSignal | undefined;
  const task = tg.createTask((signal) => {
    received = signal;
  }, { name: "yolo" });
  assert.equal(task.name, "yolo");
  assert.equal(received, task.signal);
  assert.notEqual(received, tg.signal);
});

Deno.test("await using: a throwing body does not cancel the tasks, and with failed tasks too gives a SuppressedError", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const log: string[] = [];
  const oops = new Error("oops");
  const error = await rejection((async () => {
    await using tg = new TaskGroup();
    tg.createTask(child(log, "child", 1));
    throw oops;
  })());
  assert.equal(error, oops);
  assert.deepEqual(log, ["child@1"], "the task ran to its end");

  const boom = new Error("boom");
  const suppressed = await rejection((async () => {
    await using tg = new TaskGroup();
    tg.createTask(child(log, "failing", 1, boom));
    await sleep(5, { signal: tg.signal });
  })()) as { name: string; error: unknown; suppressed: unknown };
  assert.equal(suppressed.name, "SuppressedError");
  assertGroupError(suppressed.error, [boom]);
  assert.ok(suppressed.suppressed instanceof CancelledError);
  assert.equal(loopTime(), 2);
  assert.equal(clock.pending, 0);
});

Deno.test("failed tasks are observed by the group: no unhandled rejection when nobody awaits them", async () => {
  using clock = VirtualClock.install();
  const [a, b, c] = [new Error("a"), new Error("b"), new Error("c")];
  const error = rejection(TaskGroup.run((tg) => {
    for (const e of [a, b, c]) tg.createTask(child([], e.message, 1, e));
  }));
  await clock.advance(1);
  assertGroupError(await error, [a, b, c]);
  await clock.advance(0); // a macrotask turn: an unobserved rejection would fail the test
  assert.equal(clock.pending, 0);
});

Deno.test("await using with the signal option: the tasks are cancelled, the block ends without an error of its own", async () => {
  using clock = VirtualClock.install();
  const log: string[] = [];
  const controller = new AbortController();
  const block = (async () => {
    await using tg = new TaskGroup({ signal: controller.signal });
    tg.createTask(child(log, "a", 5));
    tg.createTask(child(log, "b", 5));
  })();
  await clock.advance(1);
  controller.abort(new CancelledError("outer"));
  await block;
  assert.deepEqual(log, ["a:CancelledError@1", "b:CancelledError@1"]);
  assert.equal(clock.pending, 0);
});

Deno.test("bad input: fn and signal are checked, naming them", async () => {
  await assert.rejects(TaskGroup.run(42 as unknown as () => void), {
    name: "TypeError",
    message: 'Cannot run TaskGroup: "fn" must be a function, received 42',
  });
  await assert.rejects(TaskGroup.run(() => {}, { signal: "x" as unknown as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot run TaskGroup: "signal" must be an AbortSignal, received "x"',
  });
  assert.throws(() => new TaskGroup({ signal: {} as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot create TaskGroup: "signal" must be an AbortSignal, received an object',
  });
  await TaskGroup.run((tg) => {
    assert.throws(() => tg.createTask(null as unknown as () => void), {
      name: "TypeError",
      message: 'Cannot create task: "fn" must be a function, received null',
    });
    assert.equal(tg.signal.aborted, false, "a refused task does not shut the group down");
  });
});

Deno.test("TaskGroupError is an AggregateError with a counted message", () => {
  const error = new TaskGroupError([new Error("a"), new Error("b")]);
  assert.ok(error instanceof AggregateError);
  assert.equal(error.name, "TaskGroupError");
  assert.equal(error.message, "Unhandled errors in a TaskGroup (2 errors)");
  assert.equal(new TaskGroupError([], "custom").message, "custom");
  assert.deepEqual(new TaskGroupError(new Set([1])).errors, [1]);
});
