import assert from "node:assert/strict";
import { CancelledError, createTask, loopTime, sleep, VirtualClock } from "../mod.ts";
import { asCompleted } from "../src/as_completed.ts";
import { gather } from "../src/gather.ts";
import { after, track } from "./_helpers.ts";

Deno.test("gather() of tasks ending at 3, 1, 2 s resolves at t=3 in input order; asCompleted() yields 1, 2, 3", async () => {
  using clock = VirtualClock.install();
  const tasks = [after(3), after(1), after(2)];
  const gathered = track(gather(tasks));
  const yielded: [number, number][] = [];
  const iterating = (async () => {
    for await (const t of asCompleted(tasks)) yielded.push([await t, loopTime()]);
  })();
  await clock.advance(2.5);
  assert.deepEqual(gathered, {});
  assert.deepEqual(yielded, [[1, 1], [2, 2]]);
  await clock.advance(0.5);
  assert.deepEqual(gathered, { at: 3, value: [3, 1, 2] });
  await iterating;
  assert.deepEqual(yielded, [[1, 1], [2, 2], [3, 3]]);
  assert.equal(clock.pending, 0);
});

Deno.test("gather() types its results position by position and takes plain values", async () => {
  const results: [number, string, boolean, null] = await gather([
    Promise.resolve(1),
    createTask(() => "task"),
    true,
    null,
  ]);
  assert.deepEqual(results, [1, "task", true, null]);
  assert.deepEqual(await gather([]), []);
  assert.deepEqual(await gather([1, 2]), [1, 2]);
});

Deno.test("gather() gives the result of an awaitable listed twice at both positions", async () => {
  using clock = VirtualClock.install();
  const t = after(1, "x");
  const gathered = track(gather([t, after(2, "y"), t]));
  await clock.advance(2);
  assert.deepEqual(gathered, { at: 2, value: ["x", "y", "x"] });
});

Deno.test("gather() rejects with the first error at once; the others keep running", async () => {
  using clock = VirtualClock.install();
  const first = new Error("first");
  const tasks = [after(2, "slow"), after(1, first, true), after(3, new Error("later"), true)];
  const gathered = track(gather(tasks));
  await clock.advance(1);
  assert.deepEqual(gathered, { at: 1, error: first });
  assert.deepEqual(tasks.map((t) => t.done()), [false, true, false]);
  await clock.advance(1);
  assert.equal(tasks[0]!.result(), "slow", "not cancelled by the failure");
  await clock.advance(1);
  // The task failing at 3, after the gather failed, is observed: no unhandled rejection.
  assert.equal((tasks[2]!.exception() as Error).message, "later");
  assert.equal(clock.pending, 0);
});

Deno.test("gather() observes plain promises that reject after it failed", async () => {
  using clock = VirtualClock.install();
  const late = sleep(2).then(() => Promise.reject(new Error("late")));
  await assert.rejects(gather([Promise.reject(new Error("early")), late]), {
    name: "Error",
    message: "early",
  });
  await clock.advance(2);
  // Deno fails the test if `late` is left unhandled.
});

Deno.test("gather() rejects with the CancelledError of a cancelled child task", async () => {
  using clock = VirtualClock.install();
  const tasks = [after(1), after(2)];
  const gathered = track(gather(tasks));
  await clock.advance(0.5);
  tasks[1]!.cancel("child stopped");
  await clock.advance(0);
  assert.equal(gathered.at, 0.5);
  assert.ok(gathered.error instanceof CancelledError);
  assert.equal((gathered.error as Error).message, "child stopped");
  assert.equal(tasks[0]!.cancelled(), false, "the other child goes on");
  await clock.advance(0.5);
  assert.equal(tasks[0]!.result(), 1);
});

Deno.test("gather() with returnExceptions puts errors and cancellations in the results", async () => {
  using clock = VirtualClock.install();
  const boom = new RangeError("boom");
  const tasks = [after(3, "a"), after(1, boom, true), after(2, "c")];
  const gathered = track(
    gather([...tasks, Promise.reject("plain"), 4], { returnExceptions: true }),
  );
  await clock.advance(1.5);
  tasks[2]!.cancel("no c");
  await clock.advance(1);
  assert.deepEqual(gathered, {});
  await clock.advance(0.5);
  assert.equal(gathered.at, 3);
  const results = gathered.value as unknown[];
  assert.equal(results.length, 5);
  assert.equal(results[0], "a");
  assert.equal(results[1], boom);
  assert.ok(results[2] instanceof CancelledError);
  assert.equal((results[2] as Error).message, "no c");
  assert.equal(results[3], "plain");
  assert.equal(results[4], 4);
});

Deno.test("gather() with returnExceptions is typed value | Error per position", async () => {
  const results: [number | Error, string | Error] = await gather(
    [Promise.resolve(1), Promise.reject(new Error("x"))] as [Promise<number>, Promise<string>],
    { returnExceptions: true },
  );
  assert.equal(results[0], 1);
  assert.equal((results[1] as Error).message, "x");
});

Deno.test("gather() aborted by its signal rejects at once and cancels its task children", async () => {
  using clock = VirtualClock.install();
  const tasks = [after(1), after(5), after(3)];
  const plain = sleep(4).then(() => "plain");
  const controller = new AbortController();
  const gathered = track(gather([...tasks, plain], { signal: controller.signal }));
  await clock.advance(2);
  controller.abort(new CancelledError("stop all"));
  await clock.advance(0);
  assert.equal(gathered.at, 2);
  assert.ok(gathered.error instanceof CancelledError);
  assert.equal((gathered.error as Error).message, "stop all");
  assert.deepEqual(tasks.map((t) => [t.done(), t.cancelled()]), [
    [true, false],
    [true, true],
    [true, true],
  ]);
  assert.throws(() => tasks[1]!.result(), { name: "CancelledError", message: "stop all" });
  assert.equal(clock.pending, 1, "the plain promise cannot be cancelled");
  await clock.advance(2);
  assert.equal(await plain, "plain");
  assert.equal(clock.pending, 0);
});

Deno.test("gather() with an already aborted signal rejects and cancels its tasks", async () => {
  using clock = VirtualClock.install();
  const task = after(1);
  await assert.rejects(gather([task], { signal: AbortSignal.abort("gone") }), {
    name: "CancelledError",
    message: "gone",
  });
  await clock.advance(0);
  assert.equal(task.cancelled(), true);
  assert.equal(clock.pending, 0);
});

Deno.test("gather() ignores its signal once it has settled", async () => {
  using clock = VirtualClock.install();
  const controller = new AbortController();
  const slow = after(2);
  const gathered = track(
    gather([after(1, new Error("fail"), true), slow], { signal: controller.signal }),
  );
  await clock.advance(1);
  assert.equal((gathered.error as Error).message, "fail");
  controller.abort();
  await clock.advance(0);
  assert.equal(slow.cancelled(), false);
  await clock.advance(1);
  assert.equal(slow.result(), 2);
});

Deno.test("gather() rejects bad input with TypeError naming the argument", async () => {
  await assert.rejects(gather("ab" as unknown as []), {
    name: "TypeError",
    message: 'Cannot gather: "aws" must be an array, received "ab"',
  });
  await assert.rejects(gather([1, () => 2]), {
    name: "TypeError",
    message:
      'Cannot gather: "aws[1]" must be a promise, a Task or a value other than a function, received a function',
  });
  await assert.rejects(gather([1], { signal: "s" as unknown as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot gather: "signal" must be an AbortSignal, received "s"',
  });
});

Deno.test("gather() takes a boolean returnExceptions only, rejecting anything else with TypeError", async () => {
  for (const [value, shown] of [[1, "1"], ["yes", '"yes"'], [null, "null"], [{}, "an object"]]) {
    let touched = false;
    const aw = { then: (resolve: (v: number) => void) => (touched = true, resolve(1)) };
    await assert.rejects(
      gather([aw], { returnExceptions: value as unknown as boolean }),
      {
        name: "TypeError",
        message: `Cannot gather: "returnExceptions" must be a boolean, received ${shown}`,
      },
    );
    assert.equal(touched, false, "nothing was awaited");
  }
  assert.deepEqual(await gather([Promise.resolve(1)], { returnExceptions: false }), [1]);
  assert.deepEqual(await gather([Promise.resolve(1)], { returnExceptions: undefined }), [1]);
});
