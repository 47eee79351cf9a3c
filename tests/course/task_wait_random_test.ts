import assert from "node:assert/strict";
import { CancelledError, random, Task, taskWaitRandom, VirtualClock } from "../../mod.ts";
import { casesOf } from "./_fixtures.ts";

Deno.test("taskWaitRandom() returns a Task at once that resolves to CPython's delay", async () => {
  for (const { seed, nums: [maxDelay], value } of casesOf("task_wait_random")) {
    using _clock = VirtualClock.install({ autojump: true });
    random.seed(seed);
    const task = taskWaitRandom(maxDelay!);
    assert.ok(task instanceof Task);
    assert.equal(task.done(), false);
    assert.equal(await task, value);
  }
});

Deno.test("taskWaitRandom(3).cancel() settles the task as cancelled with no timer left", async () => {
  using clock = VirtualClock.install();
  const task = taskWaitRandom(3);
  assert.equal(clock.pending, 1);
  assert.equal(task.cancel(), true);
  assert.equal(clock.pending, 0);
  await assert.rejects(Promise.resolve(task), { name: "CancelledError" });
  assert.equal(task.cancelled(), true);
});

Deno.test("taskWaitRandom() throws at once for a bad maxDelay", () => {
  assert.throws(() => taskWaitRandom(-2), {
    name: "RangeError",
    message: 'Cannot wait: "maxDelay" must be a finite number >= 0, received -2',
  });
});

Deno.test("taskWaitRandom(3, { signal }) ends cancelled when the signal aborts, no timer left", async () => {
  using clock = VirtualClock.install();
  const controller = new AbortController();
  const task = taskWaitRandom(3, { signal: controller.signal });
  assert.equal(clock.pending, 1);
  controller.abort(new CancelledError("stop"));
  assert.equal(clock.pending, 0);
  await assert.rejects(Promise.resolve(task), { name: "CancelledError", message: "stop" });
  assert.equal(task.cancelled(), true);
});
