import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  InvalidStateError,
  loopTime,
  sleep,
  Task,
  VirtualClock,
} from "../mod.ts";
import { unhandledDuring } from "./_helpers.ts";

Deno.test("createTask() starts the function at once and await gives its result", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const steps: string[] = [];
  const task = createTask(async (signal) => {
    steps.push("started");
    await sleep(2, { signal });
    return "done";
  });
  steps.push("returned");
  assert.deepEqual(steps, ["started", "returned"]);
  assert.equal(task.done(), false);
  assert.equal(await task, "done");
  assert.equal(loopTime(), 2);
  assert.equal(task.done(), true);
  assert.equal(task.cancelled(), false);
  assert.equal(task.result(), "done");
  assert.equal(task.exception(), null);
});

Deno.test("result() and exception() throw InvalidStateError while the task is pending", async () => {
  using clock = VirtualClock.install();
  const task = createTask((signal) => sleep(1, { signal }), { name: "sleeper" });
  const message = 'Cannot get result: task "sleeper" is still pending';
  assert.throws(() => task.result(), { name: "InvalidStateError", message });
  assert.throws(() => task.exception(), {
    name: "InvalidStateError",
    message: 'Cannot get exception: task "sleeper" is still pending',
  });
  assert.ok(new InvalidStateError("x") instanceof Error);
  await clock.runAll();
  await task;
});

Deno.test("cancel() settles a sleeping task as cancelled and leaves no timer", async () => {
  using clock = VirtualClock.install();
  const task = createTask((signal) => sleep(60, { signal }));
  await clock.advance(5);
  assert.equal(task.cancel("stop now"), true);
  assert.equal(task.signal.aborted, true);
  assert.equal(clock.pending, 0);
  const error = await Promise.resolve(task).catch((e) => e);
  assert.ok(error instanceof CancelledError);
  assert.equal(error.message, "stop now");
  assert.equal(task.cancelled(), true);
  assert.equal(task.done(), true);
  assert.throws(() => task.result(), { name: "CancelledError", message: "stop now" });
  assert.throws(() => task.exception(), { name: "CancelledError", message: "stop now" });
  assert.equal(task.cancel(), false, "a done task cannot be cancelled");
});

Deno.test("a cancelled task that nobody awaits raises no unhandled rejection", async () => {
  using clock = VirtualClock.install();
  const task = createTask((signal) => sleep(60, { signal }));
  task.cancel();
  await clock.advance(0);
  assert.equal(task.cancelled(), true);
  // Deno fails this test if any rejection is left unhandled.
});

Deno.test("a task whose function catches the cancellation completes normally", async () => {
  using clock = VirtualClock.install();
  const task = createTask(async (signal) => {
    try {
      await sleep(60, { signal });
      return "slept";
    } catch (error) {
      assert.ok(error instanceof CancelledError);
      return "cleaned up";
    }
  });
  task.cancel();
  assert.equal(await task, "cleaned up");
  assert.equal(task.cancelled(), false);
  assert.equal(clock.pending, 0);
});

Deno.test("a task that rejects with its signal's reason counts as cancelled", async () => {
  using _clock = VirtualClock.install();
  const task = createTask((signal) =>
    new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)))
  );
  task.cancel("via reason");
  await assert.rejects(Promise.resolve(task), { name: "CancelledError", message: "via reason" });
  assert.equal(task.cancelled(), true);
});

Deno.test("a failing task rejects await, and result()/exception() report the error", async () => {
  const boom = new Error("boom");
  const task = createTask(() => Promise.reject(boom));
  await assert.rejects(Promise.resolve(task), boom);
  assert.equal(task.done(), true);
  assert.equal(task.cancelled(), false);
  assert.equal(task.exception(), boom);
  assert.throws(() => task.result(), boom);
});

Deno.test("a function that throws synchronously gives a failed task, not a throw", async () => {
  const task = createTask(() => {
    throw new RangeError("bad");
  });
  assert.equal(task.done(), true);
  assert.ok(task.exception() instanceof RangeError);
  await assert.rejects(Promise.resolve(task), { name: "RangeError", message: "bad" });
});

Deno.test("a failed task nobody observes is reported as an unhandled rejection", async () => {
  const boom = new Error("nobody listens");
  const seen = await unhandledDuring(() => {
    createTask(() => Promise.reject(boom));
    return Promise.resolve();
  });
  assert.deepEqual(seen, [boom]);
});

Deno.test("calling exception() in a done callback counts as handling the error", async () => {
  const seen: unknown[] = [];
  const task = createTask(() => Promise.reject(new Error("handled")));
  task.addDoneCallback((t) => seen.push(t.exception()));
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal((seen[0] as Error).message, "handled");
});

Deno.test("done callbacks run in order once the task is done, and can be removed", async () => {
  using clock = VirtualClock.install();
  const calls: string[] = [];
  const task = createTask((signal) => sleep(1, { signal }).then(() => 7));
  const a = (t: Task<number>) => calls.push(`a:${t.result()}`);
  const b = () => calls.push("b");
  task.addDoneCallback(a);
  task.addDoneCallback(b);
  task.addDoneCallback(b);
  assert.equal(task.removeDoneCallback(b), 2);
  assert.equal(task.removeDoneCallback(b), 0);
  task.addDoneCallback(() => calls.push("c"));
  await clock.advance(1);
  assert.deepEqual(calls, ["a:7", "c"]);
  task.addDoneCallback(() => calls.push("late"));
  assert.deepEqual(calls, ["a:7", "c"], "a callback on a done task runs soon, not at once");
  await Promise.resolve();
  assert.deepEqual(calls, ["a:7", "c", "late"]);
});

Deno.test("tasks are named Task-N by default and can be renamed", () => {
  const a = createTask(() => 1);
  const b = createTask(() => 2);
  const [na, nb] = [a, b].map((t) => Number(t.getName().replace("Task-", "")));
  assert.ok(na !== undefined);
  assert.match(a.getName(), /^Task-\d+$/);
  assert.equal(nb, na + 1);
  b.setName("worker");
  assert.equal(b.name, "worker");
  assert.equal(String(b), "Task<worker pending>");
  const c = createTask(() => 3, { name: "named" });
  assert.equal(c.getName(), "named");
});

Deno.test("createTask() rejects bad arguments with TypeError", () => {
  assert.throws(() => createTask(42 as unknown as () => void), {
    name: "TypeError",
    message: 'Cannot create task: "fn" must be a function, received 42',
  });
  assert.throws(() => createTask(() => 1, { name: 5 as unknown as string }), {
    name: "TypeError",
    message: 'Cannot create task: "name" must be a string, received 5',
  });
  assert.throws(() => createTask(() => 1).addDoneCallback("x" as unknown as () => void), {
    name: "TypeError",
    message: 'Cannot add done callback: "cb" must be a function, received "x"',
  });
});

Deno.test("a cancelled task's signal stays aborted: later waits are cancelled at once", async () => {
  using clock = VirtualClock.install();
  const seen: string[] = [];
  const task = createTask(async (signal) => {
    try {
      await sleep(10, { signal });
    } catch {
      seen.push(`caught at ${loopTime()}`);
    }
    await sleep(10, { signal });
    seen.push("not reached");
  });
  await clock.advance(3);
  task.cancel();
  await assert.rejects(Promise.resolve(task), CancelledError);
  assert.deepEqual(seen, ["caught at 3"]);
  assert.equal(clock.pending, 0);
});

Deno.test("exception() returns null for a task that returned, as asyncio returns None", async () => {
  const returned = createTask(() => undefined);
  await returned;
  assert.strictEqual(returned.exception(), null);
  const failed = createTask(() => Promise.reject(new Error("x")));
  await failed.then(undefined, () => {});
  assert.equal((failed.exception() as Error).message, "x");
});

Deno.test("cancel() takes any value as the message and never throws describing it", async () => {
  using clock = VirtualClock.install();
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwing = {
    toString() {
      throw new Error("no");
    },
  };
  const cases: [unknown, string][] = [
    [Symbol("why"), "Symbol(why)"],
    [Symbol(), "Symbol()"],
    [42, "42"],
    [null, ""],
    [new Error("boom"), "Error: boom"],
    [{ toString: () => "custom" }, "custom"],
    [throwing, "an object"],
    [Object.create(null), "an object"],
    [revoked.proxy, "an object"],
  ];
  for (const [msg, message] of cases) {
    const task = createTask((signal) => sleep(1, { signal }));
    assert.equal(task.cancel(msg), true);
    await assert.rejects(Promise.resolve(task), { name: "CancelledError", message });
    assert.equal(task.cancelled(), true, message);
  }
  assert.equal(clock.pending, 0);
});

Deno.test("a Task is a native promise: await and Promise.all take it as it is, then gives plain promises", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const task = createTask(() => 7);
  assert.ok(task instanceof Promise);
  assert.equal(task.constructor, Promise);
  assert.equal(Promise.resolve(task), task); // no wrapper, no thenable job
  const derived = task.then((x) => x * 6);
  assert.equal(Object.getPrototypeOf(derived), Promise.prototype);
  assert.equal(await derived, 42);
  assert.equal(await task.finally(() => {}), 7);
  const cancelled = createTask((signal) => sleep(1, { signal }));
  cancelled.cancel("stop");
  await assert.rejects(cancelled.catch((e) => Promise.reject(e)), {
    name: "CancelledError",
    message: "stop",
  });
});

Deno.test("await of a done Task resumes as soon as await of a resolved promise: in the order awaited", async () => {
  const task = createTask(() => "task");
  await task;
  const order: string[] = [];
  const a = (async () => order.push(await task))();
  const b = (async () => order.push(await Promise.resolve("promise")))();
  const c = (async () => order.push(await task))();
  await Promise.all([a, b, c]);
  assert.deepEqual(order, ["task", "promise", "task"]);
});

Deno.test("a subclass of Task is awaited and chained like a Task: then makes plain promises", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  class Named<T> extends Task<T> {
    label(): string {
      return `named ${this.name}`;
    }
  }
  const task = new Named(async () => (await sleep(1), 5), { name: "five" });
  assert.equal(task.label(), "named five");
  const derived = task.then((x) => x + 1);
  assert.equal(Object.getPrototypeOf(derived), Promise.prototype);
  assert.equal(await derived, 6);
  assert.equal(await task, 5);
  assert.equal(loopTime(), 1);
});
