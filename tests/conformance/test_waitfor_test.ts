// Ports of CPython 3.13 Lib/test/test_asyncio/test_waitfor.py, with explicit signals:
// `asyncio.wait_for(coro(), t)` is `waitFor((signal) => …, t)` (a function runs as a new Task
// that is cancelled on timeout), a Task is passed as is (and cancelled on timeout), and a plain
// promise is waited for without being cancelled (JavaScript cannot cancel it). A cancel of the
// enclosing task is an abort of `waitFor`'s `signal` option. JavaScript errors have `cause` but
// no `__context__`: the chained CancelledError is the TimeoutError's `cause`. What has no
// JavaScript meaning is listed in SKIPPED.md.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  Event,
  loopTime,
  shield,
  sleep,
  TimeoutError,
  uncancellable,
  VirtualClock,
  wait,
  waitFor,
} from "../../mod.ts";
import { deferred, tick } from "./_helpers.ts";

/** A very small timeout: it passes "timeout > 0" but barely counts. */
const EPSILON = 0.0001;

/**
 * SlowTask: runs for TASK_TIMEOUT seconds, ignoring cancel requests. The signal stays aborted
 * once cancelled, so after a cancel it sleeps deaf to it (a sleep on the aborted signal would
 * reject at once, for ever).
 */
class SlowTask {
  static TASK_TIMEOUT = 0.2;
  exited = false;

  run = async (signal: AbortSignal): Promise<void> => {
    const exitat = loopTime() + SlowTask.TASK_TIMEOUT;
    while (true) {
      const tosleep = exitat - loopTime();
      if (tosleep <= 0) break;
      try {
        // Once cancelled, asyncio's sleeps work again; here the signal stays aborted and the
        // ambient scope with it, so the rest of the sleep is uncancellable.
        await (signal.aborted ? uncancellable(() => sleep(tosleep)) : sleep(tosleep, { signal }));
      } catch (error) {
        assert.ok(error instanceof CancelledError);
      }
    }
    this.exited = true;
  };
}

Deno.test("AsyncioWaitForTest.test_asyncio_wait_for_cancelled", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const t = new SlowTask();
  const waitfortask = createTask((signal) => waitFor(t.run, SlowTask.TASK_TIMEOUT * 2, { signal }));
  await tick();
  waitfortask.cancel();
  await wait([waitfortask]);
  assert.equal(t.exited, true, "waitFor waited for the task to end");
  // The cancel went to the inner task, which ignored it and returned: so does waitFor, and the
  // outer task is not cancelled (CPython 3.13 alike: w.cancelled() is False).
  assert.equal(waitfortask.cancelled(), false);
  assert.equal(waitfortask.result(), undefined);
  assert.equal(loopTime(), 0.2);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_asyncio_wait_for_timeout", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const t = new SlowTask();
  // CPython's test allows a TimeoutError; 3.13 (and this module) returns the task's value
  // instead: the task swallowed the cancel and returned normally.
  assert.equal(await waitFor(t.run, SlowTask.TASK_TIMEOUT / 2), undefined);
  assert.equal(t.exited, true);
  assert.equal(loopTime(), 0.2);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const fut = Promise.resolve("done");
  assert.equal(await waitFor(fut, 0), "done");
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started", async () => {
  // CPython: TimeoutError, foo never started. Tasks start eagerly here: foo runs to its end
  // inside waitFor(), before the zero timeout fires, so its result is returned (CPython under
  // eager_task_factory does the same: "TimeoutError not raised").
  using clock = VirtualClock.install({ autojump: true });
  let fooStarted = false;
  const result = await waitFor(() => {
    fooStarted = true;
    return "foo";
  }, 0);
  assert.equal(result, "foo");
  assert.equal(fooStarted, true);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0", async () => {
  using clock = VirtualClock.install({ autojump: true });
  // A negative timeout is a RangeError here (CPython treats it as 0).
  await assert.rejects(waitFor(Promise.resolve(1), -1), {
    name: "RangeError",
    message: 'Cannot wait for: "seconds" must be a finite number >= 0 or null, received -1',
  });
  let fooRunning: boolean | undefined;
  const started = deferred();
  const fut = createTask(async (signal) => {
    fooRunning = true;
    started.resolve();
    try {
      await sleep(10, { signal });
    } finally {
      fooRunning = false;
    }
    return "done";
  });
  await started.promise;
  await assert.rejects(waitFor(fut, 0), TimeoutError);
  assert.equal(fut.done(), true);
  assert.equal(fut.cancelled(), true, "cancelled by the timeout");
  assert.equal(fooRunning, false);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let fooRunning: boolean | undefined;
  const fut = createTask(async (signal) => {
    fooRunning = true;
    try {
      await sleep(300, { signal });
    } finally {
      fooRunning = false;
    }
    return "done";
  });
  await assert.rejects(waitFor(fut, 0.1), {
    name: "TimeoutError",
    message: "Timed out after 0.1 s",
  });
  assert.equal(fut.done(), true);
  assert.equal(fut.cancelled(), true);
  assert.equal(fooRunning, false);
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for_blocking", async () => {
  assert.equal(await waitFor(() => Promise.resolve("done"), null), "done");
});

Deno.test("AsyncioWaitForTest.test_wait_for_race_condition", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const fut = deferred<string>();
  const task = waitFor(fut.promise, 0.2);
  fut.resolve("ok"); // loop.call_soon(fut.set_result, "ok")
  assert.equal(await task, "ok");
  assert.equal(loopTime(), 0);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for_cancellation_race_condition", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const result = await waitFor(async (signal) => {
    await assert.rejects(sleep(1, { signal }), { name: "CancelledError" });
    return 1;
  }, 0.01);
  assert.equal(result, 1, "a task that swallows the cancel returns its value");
  assert.equal(loopTime(), 0.01);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for_waits_for_task_cancellation", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let taskDone = false;
  const innerTask = createTask(async (signal) => {
    try {
      await sleep(10, { signal });
    } catch (error) {
      await uncancellable(() => sleep(EPSILON)); // the signal stays aborted
      throw error;
    } finally {
      taskDone = true;
    }
  });
  const error = await waitFor(innerTask, EPSILON).then(() => undefined, (e) => e);
  assert.ok(error instanceof TimeoutError);
  assert.equal(taskDone, true, "waitFor waited for the cancelled task to end");
  assert.ok(error.cause instanceof CancelledError, "CPython: __context__");
  assert.equal(loopTime(), 2 * EPSILON);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for_waits_for_task_cancellation_w_timeout_0", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let taskDone = false;
  const foo = async () => {
    const innerTask = createTask(async (signal) => {
      try {
        await sleep(10, { signal });
      } catch (error) {
        await uncancellable(() => sleep(EPSILON));
        throw error;
      } finally {
        taskDone = true;
      }
    });
    await sleep(EPSILON);
    await waitFor(innerTask, 0);
  };
  const error = await foo().then(() => undefined, (e) => e);
  assert.ok(error instanceof TimeoutError);
  assert.equal(taskDone, true);
  assert.ok(error.cause instanceof CancelledError);
  assert.equal(loopTime(), 2 * EPSILON);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for_reraises_exception_during_cancellation", async () => {
  using clock = VirtualClock.install({ autojump: true });
  class FooException extends Error {
    override name = "FooException";
  }
  const innerTask = createTask(async (signal) => {
    try {
      await sleep(0.2, { signal });
    } finally {
      // deno-lint-ignore no-unsafe-finally
      throw new FooException();
    }
  });
  await assert.rejects(waitFor(innerTask, EPSILON), FooException);
  assert.equal(loopTime(), EPSILON);
  assert.equal(clock.pending, 0);
});

for (
  const [name, seconds] of [["test_cancel_blocking_wait_for", null], [
    "test_cancel_wait_for",
    60,
  ]] as const
) {
  Deno.test(`AsyncioWaitForTest.${name}`, async () => {
    // blocking_coroutine awaits a future that is never set; a JavaScript promise that nothing
    // settles cannot be cancelled, so the block is a wait that the signal can cancel.
    using clock = VirtualClock.install({ autojump: true });
    const task = createTask((signal) => new Event().wait({ signal }));
    const waiting = createTask((signal) => waitFor(task, seconds, { signal }));
    waiting.cancel(); // loop.call_soon(wait.cancel)
    await assert.rejects(Promise.resolve(waiting), { name: "CancelledError" });
    // Python issue #23219: cancelling the wait also cancels the task.
    assert.equal(task.cancelled(), true);
    assert.equal(clock.pending, 0);
  });
}

Deno.test("AsyncioWaitForTest.test_wait_for_cancel_suppressed", async () => {
  // GH-86296: a task that suppresses the cancel and returns a value: waitFor returns it.
  using clock = VirtualClock.install({ autojump: true });
  const res = await waitFor(async (signal) => {
    try {
      await sleep(10, { signal });
    } catch {
      return 42;
    }
  }, 0.1);
  assert.equal(res, 42);
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});

Deno.test("AsyncioWaitForTest.test_wait_for_issue86296", async () => {
  // GH-86296: the task is cancelled and does not run to its end.
  using clock = VirtualClock.install({ autojump: true });
  const innerTask = createTask(() => "done");
  let reachedEnd = false;
  const task = createTask(async (signal) => {
    await waitFor(innerTask, 100, { signal });
    await sleep(1, { signal });
    reachedEnd = true;
  });
  assert.equal(task.done(), false);
  await tick();
  task.cancel();
  await assert.rejects(Promise.resolve(task), { name: "CancelledError" });
  assert.equal(innerTask.done(), true);
  assert.equal(await innerTask, "done");
  assert.equal(reachedEnd, false);
  assert.equal(clock.pending, 0);
});

// -------------------------------------------------------------------------- WaitForShieldTests

Deno.test("WaitForShieldTests.test_zero_timeout", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const task = createTask(async (signal) => {
    await sleep(0.01, { signal });
    return "done";
  });
  const shieldedTask = shield(task);
  await assert.rejects(waitFor(shieldedTask, 0), TimeoutError);
  // The task runs on in the background. (CPython also checks shielded_task.cancelled(): the
  // shield here is a promise, which has no cancelled state.)
  assert.equal(task.done(), false);
  assert.equal(task.cancelled(), false);
  await sleep(0.1);
  assert.equal(task.done(), true);
  assert.equal(task.result(), "done");
  assert.equal(clock.pending, 0);
});

Deno.test("WaitForShieldTests.test_none_timeout", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const task = createTask(async (signal) => {
    await sleep(0.1, { signal });
    return "done";
  });
  await waitFor(shield(task), null);
  assert.equal(task.done(), true);
  assert.equal(await task, "done");
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});

Deno.test("WaitForShieldTests.test_shielded_timeout", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const task = createTask(async (signal) => {
    await sleep(0.1, { signal });
    return "done";
  });
  await assert.rejects(waitFor(shield(task), 0.01), TimeoutError);
  assert.equal(task.done(), false);
  assert.equal(task.cancelled(), false);
  assert.equal(await task, "done");
  assert.equal(loopTime(), 0.1);
  assert.equal(clock.pending, 0);
});
