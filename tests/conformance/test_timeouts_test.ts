// Ports of CPython 3.13 Lib/test/test_asyncio/test_timeouts.py, with explicit signals:
// `async with asyncio.timeout(d) as cm: body` is `const cm = timeout(d); await cm.run((signal)
// => body)`, and the body passes the signal to its waits. A cancel of the enclosing task is an
// abort of the timeout's `signal` option. JavaScript errors have `cause` but no `__context__`:
// the chains are checked through `cause`, and where a `finally` replaces an error JavaScript
// keeps only the last. The signal-free (ambient) form comes with ambient cancellation. What
// has no JavaScript meaning is listed in SKIPPED.md.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  loopTime,
  sleep,
  TaskGroup,
  TaskGroupError,
  timeout,
  timeoutAt,
  TimeoutError,
  uncancellable,
  VirtualClock,
} from "../../mod.ts";

class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}
class KeyError extends Error {
  override name = "KeyError";
}
class ValueError extends Error {
  override name = "ValueError";
}

/** The error `promise` rejects with (failing if it resolves); observed at once. */
function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    (value) => assert.fail(`resolved with ${value}`),
    (error) => error,
  );
}

Deno.test("TimeoutTests.test_timeout_basic", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  await assert.rejects(cm.run((signal) => sleep(10, { signal })), {
    name: "TimeoutError",
    message: "Timed out after 0.01 s",
  });
  assert.equal(cm.expired(), true);
  assert.equal(loopTime(), 0.01);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_at_basic", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const deadline = loopTime() + 0.01;
  const cm = timeoutAt(deadline);
  await assert.rejects(cm.run((signal) => sleep(10, { signal })), {
    name: "TimeoutError",
    message: "Timed out at loop time 0.01",
  });
  assert.equal(cm.expired(), true);
  assert.equal(cm.when(), deadline);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_nested_timeouts", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let cancelled = false;
  const deadline = loopTime() + 0.01;
  const cm1 = timeoutAt(deadline);
  let cm2!: ReturnType<typeof timeoutAt>;
  await assert.rejects(
    cm1.run(async (signal) => {
      cm2 = timeoutAt(deadline, { signal });
      try {
        await cm2.run((signal) => sleep(10, { signal }));
      } catch (error) {
        // Only the outermost timeout raises TimeoutError.
        assert.ok(error instanceof CancelledError);
        cancelled = true;
        throw error;
      }
    }),
    TimeoutError,
  );
  assert.equal(cancelled, true);
  assert.equal(cm1.expired(), true);
  assert.equal(cm2.expired(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_waiter_cancelled", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let cancelled = false;
  await assert.rejects(
    timeout(0.01).run(async (signal) => {
      try {
        await sleep(10, { signal });
      } catch (error) {
        cancelled = error instanceof CancelledError;
        throw error;
      }
    }),
    TimeoutError,
  );
  assert.equal(cancelled, true);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_not_called", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(10);
  await cm.run((signal) => sleep(0.01, { signal }));
  const t1 = loopTime();
  assert.equal(cm.expired(), false);
  assert.ok(cm.when()! > t1);
  assert.equal(cm.when(), 10);
  assert.equal(clock.pending, 0, "the timeout's timer is gone");
});

for (
  const [name, make] of [["test_timeout_disabled", timeout], [
    "test_timeout_at_disabled",
    timeoutAt,
  ]] as const
) {
  Deno.test(`TimeoutTests.${name}`, async () => {
    using clock = VirtualClock.install({ autojump: true });
    const cm = make(null);
    await cm.run((signal) => sleep(0.01, { signal }));
    assert.equal(cm.expired(), false);
    assert.equal(cm.when(), null);
    assert.equal(loopTime(), 0.01);
    assert.equal(clock.pending, 0);
  });
}

for (const [name, s] of [["test_timeout_zero", 10], ["test_timeout_zero_sleep_zero", 0]] as const) {
  Deno.test(`TimeoutTests.${name}`, async () => {
    using clock = VirtualClock.install({ autojump: true, start: 5 });
    const t0 = loopTime();
    const cm = timeout(0);
    await assert.rejects(cm.run((signal) => sleep(s, { signal })), TimeoutError);
    const t1 = loopTime();
    assert.equal(cm.expired(), true);
    assert.ok(t0 <= cm.when()! && cm.when()! <= t1);
    assert.equal(cm.when(), 5);
    assert.equal(clock.pending, 0);
  });
}

Deno.test("TimeoutTests.test_timeout_in_the_past_sleep_zero", async () => {
  // timeout(-11) is a RangeError here (a delay is >= 0); a deadline in the past is timeoutAt's.
  using clock = VirtualClock.install({ autojump: true, start: 5 });
  assert.throws(() => timeout(-11), {
    name: "RangeError",
    message: 'Cannot set timeout: "delay" must be a finite number >= 0 or null, received -11',
  });
  const t0 = loopTime();
  const cm = timeoutAt(t0 - 11);
  await assert.rejects(cm.run((signal) => sleep(0, { signal })), TimeoutError);
  assert.equal(cm.expired(), true);
  assert.equal(cm.when(), -6);
  assert.equal(loopTime(), 5);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_foreign_exception_passed", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  const keyError = new KeyError();
  await assert.rejects(
    cm.run(() => {
      throw keyError;
    }),
    (error) => error === keyError,
  );
  assert.equal(cm.expired(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_exception_context", async () => {
  // The TimeoutError is caused by the CancelledError; the ZeroDivisionError that CPython keeps
  // as that CancelledError's __context__ is lost in JavaScript (the finally replaced it).
  using clock = VirtualClock.install({ autojump: true });
  const e = await rejection(
    timeout(0.01).run(async (signal) => {
      try {
        throw new ZeroDivisionError();
      } finally {
        await sleep(1, { signal });
      }
    }),
  );
  assert.ok(e instanceof TimeoutError);
  const e2 = e.cause;
  assert.ok(e2 instanceof CancelledError);
  assert.equal(e2.cause, undefined);
  assert.equal(loopTime(), 0.01);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_foreign_exception_on_timeout", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  const e = await rejection(cm.run(async (signal) => { // crash()
    try {
      await sleep(1, { signal });
    } finally {
      // deno-lint-ignore no-unsafe-finally
      throw new ZeroDivisionError();
    }
  }));
  // CPython: ZeroDivisionError whose __context__ is the TimeoutError. Without __context__, the
  // ZeroDivisionError is all there is; it is not turned into a TimeoutError.
  assert.ok(e instanceof ZeroDivisionError);
  assert.equal(e.cause, undefined);
  assert.equal(cm.expired(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_foreign_exception_on_timeout_2", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const e = await rejection(
    timeout(0.01).run(async (signal) => {
      try {
        try {
          throw new ValueError();
        } finally {
          await sleep(1, { signal });
        }
      } finally {
        try {
          // deno-lint-ignore no-unsafe-finally
          throw new KeyError();
        } finally {
          // deno-lint-ignore no-unsafe-finally
          throw new ZeroDivisionError();
        }
      }
    }),
  );
  assert.ok(e instanceof ZeroDivisionError); // the chain behind it is __context__ only
  assert.equal(loopTime(), 0.01);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_foreign_cancel_doesnt_timeout_if_not_expired", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const task = new AbortController(); // the enclosing task
  const cm = timeout(10, { signal: task.signal });
  await assert.rejects(
    cm.run((signal) => {
      task.abort(new CancelledError("by the task")); // current_task().cancel()
      return sleep(10, { signal });
    }),
    { name: "CancelledError", message: "by the task" },
  );
  assert.equal(cm.expired(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_outer_task_is_not_cancelled", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const task = createTask(async (signal) => {
    await assert.rejects(
      timeout(0.001, { signal }).run((signal) => sleep(10, { signal })),
      TimeoutError,
    );
  });
  await task;
  assert.equal(task.cancelled(), false);
  assert.equal(task.done(), true);
  assert.equal(task.signal.aborted, false);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_reschedule", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const deadline1 = loopTime() + 10;
  const deadline2 = deadline1 + 20;
  let cm!: ReturnType<typeof timeoutAt>;
  const task = createTask((signal) => {
    cm = timeoutAt(deadline1, { signal });
    return cm.run((signal) => sleep(50, { signal }));
  });
  assert.equal(cm.when(), deadline1);
  cm.reschedule(deadline2);
  assert.equal(cm.when(), deadline2);
  cm.reschedule(null);
  assert.equal(cm.when(), null);
  await sleep(40);
  assert.equal(task.done(), false, "no deadline any more");
  task.cancel();
  await assert.rejects(Promise.resolve(task), { name: "CancelledError" });
  assert.equal(cm.expired(), false);
  assert.equal(loopTime(), 40);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_repr_active", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(10);
  await cm.run(() => assert.equal(String(cm), "Timeout<active when=10>"));
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_repr_expired", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  await assert.rejects(cm.run((signal) => sleep(10, { signal })), TimeoutError);
  assert.equal(String(cm), "Timeout<expired>");
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_repr_finished", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(10);
  await cm.run((signal) => sleep(0, { signal }));
  assert.equal(String(cm), "Timeout<finished>");
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_repr_disabled", async () => {
  const cm = timeout(null);
  await cm.run(() => assert.equal(String(cm), "Timeout<active when=null>"));
});

Deno.test("TimeoutTests.test_nested_timeout_in_finally", async () => {
  // The signal stays aborted in the finally, and the ambient scope with it: the clean-up runs
  // uncancellable (CPython's inner timeout runs after the cancellation was handled).
  using clock = VirtualClock.install({ autojump: true });
  let e2: unknown;
  const e1 = await rejection(
    timeout(0.01).run(async (signal) => {
      try {
        await sleep(1, { signal });
      } finally {
        e2 = await uncancellable(() =>
          rejection(timeout(0.01).run((signal) => sleep(10, { signal })))
        );
      }
    }),
  );
  assert.ok(e1 instanceof TimeoutError);
  const e12 = e1.cause;
  assert.ok(e12 instanceof CancelledError);
  assert.equal(e12.cause, undefined);
  assert.ok(e2 instanceof TimeoutError);
  const e22 = e2.cause;
  assert.ok(e22 instanceof CancelledError);
  assert.notEqual(e22, e12, "two timeouts, two cancellations");
  assert.equal(loopTime(), 0.02);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_after_cancellation", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const task = createTask(async (signal) => {
    // Eager start: `task` is assigned once createTask() returns, at the first wait.
    await sleep(0, { signal });
    try {
      task.cancel(); // current_task().cancel()
      await sleep(1, { signal }); // work which will be cancelled
    } catch (error) {
      assert.ok(error instanceof CancelledError);
    } finally {
      // The cleanup's own timeout works, where nothing else cancels it …
      await uncancellable(() =>
        assert.rejects(timeout(0).run((s) => sleep(1, { signal: s })), TimeoutError)
      );
      // … but one that follows the task's signal is cancelled at once: a signal stays aborted
      // (asyncio's uncancel() has no JavaScript counterpart).
      await assert.rejects(
        timeout(0, { signal }).run((s) => sleep(1, { signal: s })),
        { name: "CancelledError" },
      );
    }
    return "cleaned up";
  });
  assert.equal(await task, "cleaned up");
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_cancel_in_timeout_after_cancellation", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const task = createTask(async (signal) => {
    await sleep(0, { signal }); // eager start: `task` is assigned at the first wait
    try {
      task.cancel();
      await sleep(1, { signal });
    } catch (error) {
      assert.ok(error instanceof CancelledError);
    } finally {
      const again = new AbortController(); // a second cancel, for the cleanup's scope
      await assert.rejects(
        timeout(1, { signal: again.signal }).run((s) => {
          again.abort();
          return sleep(2, { signal: s });
        }),
        { name: "CancelledError" },
      );
    }
  });
  await task;
  assert.equal(loopTime(), 0);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_already_entered", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  await cm.run(async () => {
    await assert.rejects(cm.run(() => {}), {
      name: "InvalidStateError",
      message: "Cannot run timeout: it has already been entered",
    });
  });
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_double_enter", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  await cm.run(() => {});
  await assert.rejects(cm.run(() => {}), {
    name: "InvalidStateError",
    message: "Cannot run timeout: it has already finished",
  });
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_finished", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  await cm.run(() => {});
  assert.throws(() => cm.reschedule(0.02), {
    name: "InvalidStateError",
    message: "Cannot reschedule timeout: it has already finished",
  });
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_expired", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  await assert.rejects(cm.run((signal) => sleep(1, { signal })), TimeoutError);
  assert.throws(() => cm.reschedule(0.02), {
    name: "InvalidStateError",
    message: "Cannot reschedule timeout: it has already expired",
  });
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_expiring", async () => {
  // CPython's "expiring" (fired, body not yet left) is "expired" here: there is no third state.
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  await cm.run(async (signal) => {
    await assert.rejects(sleep(1, { signal }), { name: "CancelledError" });
    assert.throws(() => cm.reschedule(0.02), {
      name: "InvalidStateError",
      message: "Cannot reschedule timeout: it has already expired",
    });
  });
  assert.equal(cm.expired(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_not_entered", async () => {
  // A Timeout is active from the moment it is made (no `async with` to enter): reschedule()
  // before run() moves the deadline the run will meet.
  using clock = VirtualClock.install({ autojump: true });
  const cm = timeout(0.01);
  cm.reschedule(0.02);
  assert.equal(cm.when(), 0.02);
  await assert.rejects(cm.run((signal) => sleep(1, { signal })), {
    name: "TimeoutError",
    message: "Timed out at loop time 0.02",
  });
  assert.equal(loopTime(), 0.02);
  assert.equal(clock.pending, 0);
});

Deno.test("TimeoutTests.test_timeout_taskgroup", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const eg = await rejection(
    timeout(0.01).run((signal) =>
      TaskGroup.run(async (tg) => {
        tg.createTask(async (signal) => {
          try {
            await sleep(2, { signal }); // interrupted after 0.01 s
          } finally {
            // deno-lint-ignore no-unsafe-finally
            throw new ZeroDivisionError(); // crash in cleanup
          }
        });
        try {
          throw new ValueError();
        } finally {
          await sleep(1, { signal: tg.signal });
        }
      }, { signal })
    ),
  );
  // The group's error, not a TimeoutError: the timeout only converts a CancelledError.
  assert.ok(eg instanceof TaskGroupError);
  assert.equal(eg.errors.length, 1);
  assert.ok(eg.errors[0] instanceof ZeroDivisionError);
  assert.equal(loopTime(), 0.01);
  assert.equal(clock.pending, 0);
});
