import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  InvalidStateError,
  loopTime,
  sleep,
  TimeoutError,
  uncancellable,
  VirtualClock,
} from "../mod.ts";
import { Timeout, timeout, timeoutAt } from "../src/timeout.ts";

/** Runs `p` to its end and returns [loop time, error] for a rejection. */
async function failure(p: Promise<unknown>): Promise<[number, unknown]> {
  try {
    await p;
  } catch (error) {
    return [loopTime(), error];
  }
  throw new Error("expected a rejection");
}

Deno.test("timeout().run() rejects with TimeoutError at the exact deadline, caused by the cancellation", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const t = timeout(0.01);
  assert.equal(t.when(), 0.01);
  const [at, error] = await failure(t.run((signal) => sleep(10, { signal })));
  assert.equal(at, 0.01);
  assert.ok(error instanceof TimeoutError);
  assert.equal(error.message, "Timed out after 0.01 s");
  assert.ok(error.cause instanceof CancelledError);
  assert.equal((error.cause as Error).message, "Timeout expired at loop time 0.01");
  assert.equal(t.expired(), true);
  assert.equal(t.signal.aborted, true);
  assert.equal(t.signal.reason, error.cause);
  assert.equal(String(t), "Timeout<expired>");
  assert.equal(clock.pending, 0);
});

Deno.test("timeoutAt().run() expires at its deadline and when() returns it", async () => {
  using _clock = VirtualClock.install({ autojump: true, start: 100 });
  const deadline = loopTime() + 0.01;
  const t = timeoutAt(deadline);
  const [at, error] = await failure(t.run((signal) => sleep(10, { signal })));
  assert.equal(at, deadline);
  assert.ok(error instanceof TimeoutError);
  assert.equal(error.message, `Timed out at loop time ${deadline}`);
  assert.equal(t.expired(), true);
  assert.equal(t.when(), deadline);
  using direct = new Timeout(deadline + 1);
  assert.equal(direct.when(), deadline + 1);
});

Deno.test("nested timeouts with one deadline: the inner passes the cancellation on, the outer times out", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const outer = timeoutAt(1);
  let inner: Timeout | undefined;
  let innerError: unknown;
  const [at, error] = await failure(outer.run(async (signal) => {
    inner = timeoutAt(1, { signal });
    try {
      await inner.run((s) => sleep(10, { signal: s }));
    } catch (e) {
      innerError = e;
      throw e;
    }
  }));
  assert.equal(at, 1);
  assert.ok(error instanceof TimeoutError);
  assert.ok(innerError instanceof CancelledError, "only the topmost timeout raises TimeoutError");
  assert.equal(outer.expired(), true);
  assert.equal(inner?.expired(), true);
});

Deno.test("an inner timeout shorter than the outer one times out alone", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const steps: string[] = [];
  const result = await timeout(10).run(async (signal) => {
    const [at, error] = await failure(
      timeout(1, { signal }).run((s) => sleep(5, { signal: s })),
    );
    steps.push(`${(error as Error).name} at ${at}`);
    await sleep(2, { signal });
    return "outer done";
  });
  assert.equal(result, "outer done");
  assert.deepEqual(steps, ["TimeoutError at 1"]);
  assert.equal(loopTime(), 3);
});

Deno.test("a body that catches the cancellation and rethrows it still times out", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  let cancelled = false;
  const [, error] = await failure(
    timeout(0.01).run(async (signal) => {
      try {
        await sleep(10, { signal });
      } catch (e) {
        cancelled = e instanceof CancelledError;
        throw e;
      }
    }),
  );
  assert.ok(error instanceof TimeoutError);
  assert.equal(cancelled, true);
});

Deno.test("a body that catches the cancellation and returns resolves run() with its value", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const t = timeout(1);
  const value = await t.run(async (signal) => {
    try {
      await sleep(10, { signal });
      return "slept";
    } catch {
      return "gave up";
    }
  });
  assert.equal(value, "gave up");
  assert.equal(t.expired(), true);
});

Deno.test("a timeout that does not expire clears its timer when the body ends", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const t = timeout(10);
  assert.equal(String(t), "Timeout<active when=10>");
  assert.equal(await t.run(async (signal) => (await sleep(0.01, { signal }), 42)), 42);
  assert.equal(loopTime(), 0.01);
  assert.equal(t.expired(), false);
  assert.equal(t.when(), 10);
  assert.equal(t.signal.aborted, false);
  assert.equal(String(t), "Timeout<finished>");
  assert.equal(clock.pending, 0);
});

Deno.test("timeout(null), timeout() and timeoutAt(null) set no deadline", async () => {
  using clock = VirtualClock.install({ autojump: true });
  for (const t of [timeout(null), timeout(), timeoutAt(null)]) {
    assert.equal(clock.pending, 0);
    assert.equal(t.when(), null);
    assert.equal(String(t), "Timeout<active when=null>");
    await t.run((signal) => sleep(0.01, { signal }));
    assert.equal(t.expired(), false);
  }
});

Deno.test("timeout(0) expires before a sleep(0) started after it", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  for (const s of [10, 0]) {
    const t = timeout(0);
    const [at, error] = await failure(t.run((signal) => sleep(s, { signal })));
    assert.equal(at, 0);
    assert.ok(error instanceof TimeoutError);
    assert.equal(t.expired(), true);
    assert.equal(t.when(), 0);
  }
});

Deno.test("timeout(0) lets a body that never waits on the loop finish", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const t = timeout(0);
  assert.equal(await t.run(async () => await Promise.resolve("quick")), "quick");
  assert.equal(t.expired(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("timeoutAt() a deadline in the past expires as soon as the loop runs its timers", async () => {
  using _clock = VirtualClock.install({ autojump: true, start: 20 });
  const t = timeoutAt(9);
  const [at, error] = await failure(t.run((signal) => sleep(0, { signal })));
  assert.equal(at, 20);
  assert.ok(error instanceof TimeoutError);
  assert.equal(t.expired(), true);
});

Deno.test("run() lets other errors pass through, even those thrown after the deadline", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const t = timeout(0.01);
  await assert.rejects(
    t.run(() => {
      throw new RangeError("foreign");
    }),
    { name: "RangeError", message: "foreign" },
  );
  assert.equal(t.expired(), false);
  const [at, error] = await failure(
    timeout(0.01).run(async (signal) => {
      try {
        await sleep(1, { signal });
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new TypeError("in finally");
      }
    }),
  );
  assert.equal(at, 0.01);
  assert.ok(error instanceof TypeError);
});

Deno.test("a cancellation by the outer signal passes through run() unchanged", async () => {
  using clock = VirtualClock.install();
  const task = createTask((signal) =>
    timeout(10, { signal }).run((inner) => sleep(10, { signal: inner }))
  );
  await clock.advance(1);
  task.cancel("outer cancel");
  const [at, error] = await failure(Promise.resolve(task));
  assert.equal(at, 1);
  assert.ok(error instanceof CancelledError);
  assert.equal((error as Error).message, "outer cancel");
  assert.equal(task.cancelled(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("an outer cancellation after the deadline also passes through", async () => {
  using clock = VirtualClock.install();
  const outer = new AbortController();
  const t = timeout(1, { signal: outer.signal });
  const running = t.run(async (signal) => {
    await sleep(5, { signal }).catch(() => {});
    await uncancellable(() => sleep(1)); // cleanup, during which the outer signal aborts
    throw signal.reason;
  });
  running.catch(() => {}); // checked below
  await clock.advance(1.5);
  assert.equal(t.expired(), true);
  outer.abort();
  await clock.advance(0.5);
  await assert.rejects(running, { name: "CancelledError" });
});

Deno.test("timeout() with an already aborted outer signal is aborted at once", async () => {
  using clock = VirtualClock.install();
  const t = timeout(5, { signal: AbortSignal.abort(new CancelledError("early")) });
  assert.equal(t.signal.aborted, true);
  await assert.rejects(t.run((signal) => sleep(1, { signal })), {
    name: "CancelledError",
    message: "early",
  });
  assert.equal(t.expired(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("a task running a timeout that expires is not itself cancelled", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const task = createTask(async (signal) => {
    await assert.rejects(
      timeout(0.001, { signal }).run((s) => sleep(10, { signal: s })),
      TimeoutError,
    );
    return "carried on";
  });
  assert.equal(await task, "carried on");
  assert.equal(task.cancelled(), false);
});

Deno.test("reschedule() moves the deadline, to later, to none, or to earlier", async () => {
  using clock = VirtualClock.install();
  const t = timeoutAt(10);
  const running = t.run((signal) => sleep(50, { signal }));
  running.catch(() => {});
  assert.equal(t.when(), 10);
  t.reschedule(30);
  assert.equal(t.when(), 30);
  t.reschedule(null);
  assert.equal(t.when(), null);
  assert.equal(clock.pending, 1, "only the sleep: no deadline timer");
  await clock.advance(20);
  assert.equal(t.expired(), false);
  t.reschedule(22.5);
  await clock.advance(2);
  assert.equal(t.expired(), false);
  await clock.advance(0.5);
  assert.equal(t.expired(), true);
  const [at, error] = await failure(running);
  assert.equal(at, 22.5);
  assert.equal((error as Error).message, "Timed out at loop time 22.5");
  assert.equal(clock.pending, 0);
});

Deno.test("reschedule() to a time already passed expires at once, and a task cancel is not a timeout", async () => {
  using clock = VirtualClock.install({ start: 5 });
  const t = timeout(10);
  const running = t.run((signal) => sleep(50, { signal }));
  running.catch(() => {});
  t.reschedule(1);
  await clock.advance(0);
  assert.equal(t.expired(), true);
  await assert.rejects(running, { name: "TimeoutError", message: "Timed out at loop time 1" });

  const task = createTask((signal) =>
    timeoutAt(10, { signal }).run((inner) => sleep(50, { signal: inner }))
  );
  task.cancel();
  await assert.rejects(Promise.resolve(task), CancelledError);
  assert.equal(clock.pending, 0);
});

Deno.test("reschedule() and run() throw InvalidStateError once the timeout expired or finished", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const finished = timeout(0.01);
  await finished.run(() => {});
  assert.throws(() => finished.reschedule(0.02), {
    name: "InvalidStateError",
    message: "Cannot reschedule timeout: it has already finished",
  });
  await assert.rejects(finished.run(() => {}), {
    name: "InvalidStateError",
    message: "Cannot run timeout: it has already finished",
  });
  const expired = timeout(0.01);
  await assert.rejects(expired.run((signal) => sleep(1, { signal })), TimeoutError);
  assert.throws(() => expired.reschedule(5), {
    name: "InvalidStateError",
    message: "Cannot reschedule timeout: it has already expired",
  });
  const running = timeout(1);
  const body = running.run((signal) => sleep(0.5, { signal }));
  await assert.rejects(running.run(() => {}), {
    name: "InvalidStateError",
    message: "Cannot run timeout: it has already been entered",
  });
  await body;
  assert.ok(new InvalidStateError("x") instanceof Error);
});

Deno.test("a timeout used through its signal is cleared by using (Symbol.dispose)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let expired: boolean;
  {
    using t = timeout(5);
    await sleep(1, { signal: t.signal });
    expired = t.expired();
    assert.equal(clock.pending, 1);
  }
  assert.equal(expired, false);
  assert.equal(clock.pending, 0);
  using t = timeout(1);
  await assert.rejects(sleep(3, { signal: t.signal }), {
    name: "CancelledError",
    message: "Timeout expired at loop time 2",
  });
  assert.equal(t.expired(), true);
  assert.equal(loopTime(), 2);
});

Deno.test("timeout(), timeoutAt(), reschedule() and run() reject bad input naming the argument", async () => {
  using clock = VirtualClock.install();
  using t = timeout(1);
  const cases: [() => unknown, string, string][] = [
    [
      () => timeout(-1),
      "RangeError",
      'Cannot set timeout: "delay" must be a finite number >= 0 or null, received -1',
    ],
    [
      () => timeout(Infinity),
      "RangeError",
      'Cannot set timeout: "delay" must be a finite number >= 0 or null, received Infinity',
    ],
    [
      () => timeout("1" as unknown as number),
      "TypeError",
      'Cannot set timeout: "delay" must be a number or null, received "1"',
    ],
    [
      () => timeoutAt(NaN),
      "RangeError",
      'Cannot set timeout: "when" must be a finite number or null, received NaN',
    ],
    [
      () => timeoutAt(true as unknown as number),
      "TypeError",
      'Cannot set timeout: "when" must be a number or null, received true',
    ],
    [
      () => timeout(1, { signal: "x" as unknown as AbortSignal }),
      "TypeError",
      'Cannot set timeout: "signal" must be an AbortSignal, received "x"',
    ],
    [
      () => t.reschedule(-Infinity),
      "RangeError",
      'Cannot reschedule timeout: "when" must be a finite number or null, received -Infinity',
    ],
  ];
  for (const [fn, name, message] of cases) assert.throws(fn, { name, message });
  await assert.rejects(t.run(5 as unknown as () => void), {
    name: "TypeError",
    message: 'Cannot run timeout: "body" must be a function, received 5',
  });
  assert.equal(clock.pending, 0, "the refused run finished t: no timer left");
});

Deno.test("timeout(5).run(null) rejects with TypeError and leaves no timer pending", async () => {
  using clock = VirtualClock.install();
  for (const body of [null, undefined, 5, "f"]) {
    const t = timeout(5);
    assert.equal(clock.pending, 1);
    await assert.rejects(t.run(body as unknown as () => void), {
      name: "TypeError",
      message: `Cannot run timeout: "body" must be a function, received ${
        typeof body === "string" ? `"${body}"` : String(body)
      }`,
    });
    assert.equal(clock.pending, 0, String(body));
    await assert.rejects(t.run(() => 1), {
      name: "InvalidStateError",
      message: "Cannot run timeout: it has already finished",
    });
  }
});
