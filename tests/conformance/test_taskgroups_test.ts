// Ports of CPython 3.13 Lib/test/test_asyncio/test_taskgroups.py, with explicit signals: a
// task gets its signal as argument and passes it on (`createTask((signal) => …)`), and the
// body of a group waits on `tg.signal`, which is aborted when the group shuts down (asyncio
// cancels the body's task instead). `async with TaskGroup() as g:` inside a task is
// `TaskGroup.run((g) => …, { signal })`; the ExceptionGroup is a `TaskGroupError` (an
// `AggregateError`: its `errors`). The signal-free (ambient) form comes with ambient
// cancellation. What has no JavaScript meaning is listed in SKIPPED.md.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  Event,
  loopTime,
  sleep,
  type Task,
  TaskGroup,
  TaskGroupError,
  VirtualClock,
} from "../../mod.ts";

class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}
class MyExc extends Error {
  override name = "MyExc";
}
class ValueError extends Error {
  override name = "ValueError";
}
class RuntimeError extends Error {
  override name = "RuntimeError";
}

/** `1 / 0`. */
function divide(): never {
  throw new ZeroDivisionError("division by zero");
}

/** get_error_types(eg): the names of the errors a TaskGroupError holds, in order. */
function errorTypes(error: unknown): string[] {
  assert.ok(error instanceof TaskGroupError, `expected a TaskGroupError, got ${error}`);
  return error.errors.map((e) => (e as Error).name);
}

/** The error `promise` rejects with (failing if it resolves); observed at once. */
function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    (value) => assert.fail(`resolved with ${value}`),
    (error) => error,
  );
}

Deno.test("TestTaskGroup.test_taskgroup_01", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let t1!: Task<number>, t2!: Task<number>;
  await TaskGroup.run((g) => {
    t1 = g.createTask(async (signal) => (await sleep(0.1, { signal }), 42));
    t2 = g.createTask(async (signal) => (await sleep(0.2, { signal }), 11));
  });
  assert.equal(t1.result(), 42);
  assert.equal(t2.result(), 11);
  assert.equal(loopTime(), 0.2);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_02", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let t1!: Task<number>, t2!: Task<number>;
  await TaskGroup.run(async (g) => {
    t1 = g.createTask(async (signal) => (await sleep(0.1, { signal }), 42));
    await sleep(0.15, { signal: g.signal });
    t2 = g.createTask(async (signal) => (await sleep(0.2, { signal }), 11));
  });
  assert.equal(t1.result(), 42);
  assert.equal(t2.result(), 11);
  assert.equal(loopTime(), 0.35);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_03", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let t1!: Task<number>, t2!: Task<number>;
  await TaskGroup.run(async (g) => {
    t1 = g.createTask(async (signal) => (await sleep(1, { signal }), 42));
    await sleep(0.15, { signal: g.signal });
    t1.cancel(); // cancel t1 by hand: everything else goes on
    t2 = g.createTask(async (signal) => (await sleep(0.2, { signal }), 11));
  });
  assert.equal(t1.cancelled(), true);
  assert.equal(t2.result(), 11);
  assert.equal(loopTime(), 0.35);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_04", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let NUM = 0;
  let t2Cancel = false;
  let t2!: Task<void>;
  const runner = createTask(async (signal) => {
    await TaskGroup.run((g) => {
      g.createTask(async (signal) => {
        await sleep(0.1, { signal });
        divide();
      });
      t2 = g.createTask(async (signal) => {
        try {
          await sleep(1, { signal });
        } catch (error) {
          t2Cancel = true;
          throw error;
        }
        NUM += 1;
      });
    }, { signal });
    NUM += 10;
  });
  assert.deepEqual(errorTypes(await rejection(runner)), ["ZeroDivisionError"]);
  assert.equal(NUM, 0);
  assert.equal(t2Cancel, true);
  assert.equal(t2.cancelled(), true);
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_cancel_children_on_child_error", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let NUM = 0;
  let t2Cancel = false;
  let runnerCancel = false;
  const foo1 = async (signal: AbortSignal) => {
    await sleep(0.1, { signal });
    divide();
  };
  const runner = createTask(async (signal) => {
    await TaskGroup.run(async (g) => {
      g.createTask(foo1);
      g.createTask(foo1);
      g.createTask(foo1);
      g.createTask(async (signal) => {
        try {
          await sleep(5, { signal });
        } catch (error) {
          t2Cancel = true;
          throw error;
        }
        NUM += 1;
      });
      try {
        await sleep(10, { signal: g.signal });
      } catch (error) {
        runnerCancel = true;
        throw error;
      }
    }, { signal });
    NUM += 10;
  });
  // CPython may see fewer errors on a busy host; the three foo1 all end in the same timer
  // batch here, before the group's cancellation: all three are collected.
  assert.deepEqual(errorTypes(await rejection(runner)), [
    "ZeroDivisionError",
    "ZeroDivisionError",
    "ZeroDivisionError",
  ]);
  assert.equal(NUM, 0);
  assert.equal(t2Cancel, true);
  assert.equal(runnerCancel, true);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_cancellation", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let NUM = 0;
  const r = createTask((signal) =>
    TaskGroup.run((g) => {
      for (let i = 0; i < 5; i++) {
        g.createTask(async (signal) => {
          try {
            await sleep(5, { signal });
          } catch (error) {
            NUM += 1;
            throw error;
          }
        });
      }
    }, { signal })
  );
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const error = await rejection(r);
  assert.ok(error instanceof CancelledError);
  assert.equal(NUM, 5);
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_07", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let NUM = 0;
  const r = createTask((signal) =>
    TaskGroup.run(async (g) => {
      for (let i = 0; i < 5; i++) {
        g.createTask(async (signal) => {
          try {
            await sleep(5, { signal });
          } catch (error) {
            NUM += 1;
            throw error;
          }
        });
      }
      try {
        await sleep(10, { signal: g.signal });
      } catch (error) {
        NUM += 10;
        throw error;
      }
    }, { signal })
  );
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  assert.ok(await rejection(r) instanceof CancelledError);
  assert.equal(NUM, 15);
  assert.equal(clock.pending, 0);
});

/** foo of test_taskgroup_08, 11, 12: sleeps 10 s, and throws ZeroDivisionError however it ends. */
async function sleepThenDivide(signal: AbortSignal): Promise<void> {
  try {
    await sleep(10, { signal });
  } finally {
    divide();
  }
}

Deno.test("TestTaskGroup.test_taskgroup_08", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const r = createTask((signal) =>
    TaskGroup.run(async (g) => {
      for (let i = 0; i < 5; i++) g.createTask(sleepThenDivide);
      await sleep(10, { signal: g.signal });
    }, { signal })
  );
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  assert.deepEqual(errorTypes(await rejection(r)), Array(5).fill("ZeroDivisionError"));
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});

for (const [name, pause] of [["test_taskgroup_09", true], ["test_taskgroup_10", false]] as const) {
  Deno.test(`TestTaskGroup.${name}`, async () => {
    using clock = VirtualClock.install({ autojump: true });
    let t1!: Task<number>, t2!: Task<number>;
    const error = await rejection(TaskGroup.run(async (g) => {
      t1 = g.createTask(async (signal) => (await sleep(1, { signal }), 42));
      t2 = g.createTask(async (signal) => (await sleep(2, { signal }), 11));
      if (pause) await sleep(0.1, { signal: g.signal });
      divide();
    }));
    assert.deepEqual(errorTypes(error), ["ZeroDivisionError"]);
    assert.equal(t1.cancelled(), true);
    assert.equal(t2.cancelled(), true);
    assert.equal(loopTime(), pause ? 0.1 : 0);
    assert.equal(clock.pending, 0);
  });
}

for (
  const [name, sibling] of [["test_taskgroup_11", false], ["test_taskgroup_12", true]] as const
) {
  Deno.test(`TestTaskGroup.${name}`, async () => {
    using clock = VirtualClock.install({ autojump: true });
    const r = createTask((signal) =>
      TaskGroup.run(async (g1) => {
        if (sibling) g1.createTask((signal) => sleep(10, { signal }));
        await TaskGroup.run(async (g2) => {
          for (let i = 0; i < 5; i++) g2.createTask(sleepThenDivide);
          await sleep(10, { signal: g2.signal });
        }, { signal: g1.signal });
      }, { signal })
    );
    await sleep(0.1);
    assert.equal(r.done(), false);
    r.cancel();
    const error = await rejection(r);
    assert.deepEqual(errorTypes(error), ["TaskGroupError"]);
    assert.deepEqual(
      errorTypes((error as TaskGroupError).errors[0]),
      Array(5).fill("ZeroDivisionError"),
    );
    assert.equal(clock.pending, 0);
  });
}

/** crash_after(t) of test_taskgroup_13, 14. */
const crashAfter = (t: number) => async (signal: AbortSignal) => {
  await sleep(t, { signal });
  throw new ValueError(String(t));
};

Deno.test("TestTaskGroup.test_taskgroup_13", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const r = createTask((signal) =>
    TaskGroup.run(async (g1) => {
      g1.createTask(crashAfter(0.1));
      await TaskGroup.run((g2) => void g2.createTask(crashAfter(10)), { signal: g1.signal });
    }, { signal })
  );
  const error = await rejection(r);
  assert.deepEqual(errorTypes(error), ["ValueError"]);
  assert.equal(((error as TaskGroupError).errors[0] as Error).message, "0.1");
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_14", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const r = createTask((signal) =>
    TaskGroup.run(async (g1) => {
      g1.createTask(crashAfter(10));
      await TaskGroup.run((g2) => void g2.createTask(crashAfter(0.1)), { signal: g1.signal });
    }, { signal })
  );
  const error = await rejection(r);
  assert.deepEqual(errorTypes(error), ["TaskGroupError"]);
  assert.deepEqual(errorTypes((error as TaskGroupError).errors[0]), ["ValueError"]);
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});

Deno.test({
  name: "TestTaskGroup.test_taskgroup_15",
  // divergence: asyncio cancels only the body when the parent task is cancelled; the children
  // are cancelled when the body leaves `async with` (__aexit__). Here the group follows its
  // `signal` option and cancels its tasks at once: crash_soon is cancelled at 0.1 instead of
  // failing at 0.3 while the body cleans up, and run() rejects with CancelledError, not a
  // TaskGroupError of ZeroDivisionError. (Same cause: test_taskgroup_16, test_error_and_cancel.)
  ignore: true,
  fn: async () => {
    using clock = VirtualClock.install({ autojump: true });
    const r = createTask((signal) =>
      TaskGroup.run(async (g1) => {
        g1.createTask(async (signal) => {
          await sleep(0.3, { signal });
          divide();
        });
        try {
          await sleep(10, { signal: g1.signal });
        } catch (error) {
          await sleep(0.5); // the cleanup; the signal stays aborted, so it cannot take it
          throw error;
        }
      }, { signal })
    );
    await sleep(0.1);
    assert.equal(r.done(), false);
    r.cancel();
    assert.deepEqual(errorTypes(await rejection(r)), ["ZeroDivisionError"]);
    assert.equal(loopTime(), 0.3);
    assert.equal(clock.pending, 0);
  },
});

Deno.test("TestTaskGroup.test_taskgroup_17", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let NUM = 0;
  const r = createTask((signal) =>
    TaskGroup.run(async (g) => {
      try {
        await sleep(10, { signal: g.signal });
      } catch (error) {
        NUM += 10;
        throw error;
      }
    }, { signal })
  );
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  assert.ok(await rejection(r) instanceof CancelledError);
  assert.equal(NUM, 10);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_18", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let NUM = 0;
  const r = createTask((signal) =>
    TaskGroup.run(async (g) => {
      try {
        await sleep(10, { signal: g.signal });
      } catch {
        NUM += 10;
        throw new MyExc(); // not a good idea, but supported
      }
    }, { signal })
  );
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  assert.deepEqual(errorTypes(await rejection(r)), ["MyExc"]);
  assert.equal(NUM, 10);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_19", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const r = createTask((signal) =>
    TaskGroup.run(async (g) => {
      g.createTask(async (signal) => {
        await sleep(0.1, { signal });
        divide();
      });
      try { // nested()
        await sleep(10, { signal: g.signal });
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new MyExc();
      }
    }, { signal })
  );
  // The task's error first, the body's last.
  assert.deepEqual(errorTypes(await rejection(r)), ["ZeroDivisionError", "MyExc"]);
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_22", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const r = createTask((signal) =>
    TaskGroup.run((g) => {
      g.createTask(async (signal) => (await sleep(1, { signal }), 42));
      g.createTask(async (signal) => (await sleep(2, { signal }), 11));
    }, { signal })
  );
  await sleep(0.05);
  r.cancel();
  assert.ok(await rejection(r) instanceof CancelledError);
  assert.equal(loopTime(), 0.05);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_23", async () => {
  // CPython reads len(g._tasks); the jobs count themselves here.
  using clock = VirtualClock.install({ autojump: true });
  let running = 0;
  const seen: number[] = [];
  await TaskGroup.run(async (g) => {
    for (let count = 0; count < 10; count++) {
      await sleep(0.1, { signal: g.signal });
      g.createTask(async (signal) => {
        running++;
        try {
          await sleep(0.3, { signal });
        } finally {
          running--;
        }
      });
      if (count === 5) seen.push(running);
    }
    await sleep(1.35, { signal: g.signal });
    seen.push(running);
  });
  assert.ok(seen[0]! < 5);
  // Four, not three: 0.1 added six times is 0.6, a hair below the end of the job started at
  // 0.1 + 0.1 + 0.1 = 0.30000000000000004.
  assert.deepEqual(seen, [4, 0]);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_24", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const ended: number[] = [];
  const coro1 = (delay: number) => async (signal: AbortSignal) => {
    await sleep(delay, { signal });
    ended.push(loopTime());
  };
  await TaskGroup.run((g) => {
    g.createTask(async (signal) => { // root(g)
      await sleep(0.1, { signal });
      g.createTask(coro1(0.1));
      g.createTask(coro1(0.2));
    });
  });
  assert.deepEqual(ended, [0.2, 0.1 + 0.2]);
  assert.equal(loopTime(), 0.1 + 0.2);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_25", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let nhydras = 0;
  const error = await rejection(TaskGroup.run((g) => {
    const hydra = async (signal: AbortSignal) => {
      nhydras++;
      await sleep(0.01, { signal });
      g.createTask(hydra);
      g.createTask(hydra);
    };
    g.createTask(hydra);
    g.createTask(async (signal) => { // hercules
      while (nhydras < 10) await sleep(0.015, { signal });
      divide();
    });
  }));
  assert.deepEqual(errorTypes(error), ["ZeroDivisionError"]);
  assert.ok(nhydras >= 10);
  // Hercules checks at 0.015 (3 hydras), 0.03 (7: its timer was set at 0.015, before the
  // hydras' timers for 0.03 were, and equal deadlines run first in, first out) and 0.045 (31).
  assert.equal(nhydras, 31);
  assert.equal(loopTime(), 0.045);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_task_name", async () => {
  using clock = VirtualClock.install({ autojump: true });
  await TaskGroup.run((g) => {
    const t = g.createTask((signal) => sleep(0, { signal }), { name: "yolo" });
    assert.equal(t.getName(), "yolo");
  });
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_no_create_task_after_failure", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let refused: unknown;
  const coro1 = async (signal: AbortSignal) => {
    await sleep(0.001, { signal });
    divide();
  };
  const error = await rejection(TaskGroup.run((g) => {
    g.createTask(coro1);
    g.createTask(async (signal) => { // coro2(g)
      try {
        await sleep(1, { signal });
      } catch {
        try {
          g.createTask(coro1);
        } catch (e) {
          refused = e;
        }
      }
    });
  }));
  assert.deepEqual(errorTypes(error), ["ZeroDivisionError"]);
  assert.equal((refused as Error).name, "InvalidStateError");
  assert.equal((refused as Error).message, "Cannot create task: the TaskGroup is shutting down");
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_context_manager_exit_raises", async () => {
  // database()'s `finally: raise CustomException` is the body's finally here; task.cancelling()
  // has no JavaScript meaning.
  using clock = VirtualClock.install({ autojump: true });
  class CustomException extends Error {
    override name = "CustomException";
  }
  const error = await rejection(
    createTask((signal) =>
      TaskGroup.run(async (tg) => {
        try {
          tg.createTask(() => {
            throw new CustomException("task");
          });
          await sleep(1, { signal: tg.signal });
        } finally {
          // deno-lint-ignore no-unsafe-finally
          throw new CustomException("body");
        }
      }, { signal })
    ),
  );
  assert.deepEqual(errorTypes(error), ["CustomException", "CustomException"]);
  assert.deepEqual((error as TaskGroupError).errors.map((e) => (e as Error).message), [
    "task",
    "body",
  ]);
  assert.equal(loopTime(), 0);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_taskgroup_double_enter", async () => {
  // A group starts when it is made; leaving it twice is the JavaScript mistake.
  const tg = new TaskGroup();
  await tg[Symbol.asyncDispose]();
  await assert.rejects(tg[Symbol.asyncDispose](), {
    name: "InvalidStateError",
    message: "Cannot exit TaskGroup: it was already exited",
  });
});

for (const name of ["test_taskgroup_finished", "test_coro_closed_when_tg_closed"]) {
  Deno.test(`TestTaskGroup.${name}`, async () => {
    const tg = new TaskGroup();
    {
      await using _g = tg;
    }
    let called = false; // the coroutine is "closed": the function never runs
    assert.throws(() => tg.createTask(() => (called = true)), {
      name: "InvalidStateError",
      message: "Cannot create task: the TaskGroup is finished",
    });
    assert.equal(called, false);
  });
}

Deno.test("TestTaskGroup.test_nested_groups_both_cancelled", async () => {
  // task.cancelling() has no JavaScript meaning: the outer group's signal tells instead.
  using clock = VirtualClock.install({ autojump: true });
  const raiseAfter = (t: number, E: new () => Error) => async (signal: AbortSignal) => {
    await sleep(t, { signal });
    throw new E();
  };
  let innerError: unknown;
  let outerAborting: boolean | undefined;
  const error = await rejection(TaskGroup.run(async (outerTg) => {
    try {
      await TaskGroup.run((innerTg) => {
        innerTg.createTask(raiseAfter(0, RuntimeError));
        outerTg.createTask(raiseAfter(0, ValueError));
      }, { signal: outerTg.signal });
    } catch (e) {
      innerError = e;
    }
    outerAborting = outerTg.signal.aborted;
  }));
  assert.deepEqual(errorTypes(innerError), ["RuntimeError"]);
  assert.equal(outerAborting, true);
  assert.deepEqual(errorTypes(error), ["ValueError"]);
  assert.equal(clock.pending, 0);
});

Deno.test("TestTaskGroup.test_error_and_cancel", async () => {
  // The outer signal cancels the group's tasks at once here (see test_taskgroup_15), so
  // raise_error is cancelled before it raises and the group rejects with CancelledError, not
  // RuntimeError; the end is CPython's: the task is cancelled and never reaches a fail().
  using clock = VirtualClock.install({ autojump: true });
  const event = new Event();
  const reached: string[] = [];
  const t = createTask(async (signal) => { // inner()
    try {
      await TaskGroup.run(async (tg) => {
        tg.createTask(async (signal) => {
          event.set();
          await sleep(0, { signal });
          throw new RuntimeError();
        });
        await sleep(1, { signal: tg.signal });
        reached.push("sleep in group");
      }, { signal });
    } catch (error) {
      if ((error as Error).name !== "TaskGroupError") throw error;
    }
    await sleep(1, { signal });
    reached.push("sleep after group");
  });
  await event.wait();
  t.cancel();
  await assert.rejects(Promise.resolve(t), { name: "CancelledError" });
  assert.equal(t.cancelled(), true);
  assert.deepEqual(reached, []);
  assert.equal(clock.pending, 0);
});
