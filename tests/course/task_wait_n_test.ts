import assert from "node:assert/strict";
import { CancelledError, random, taskWaitN, VirtualClock, waitN } from "../../mod.ts";
import { casesOf } from "./_fixtures.ts";

Deno.test("taskWaitN() returns exactly what CPython's task_wait_n returns for each seed", async () => {
  for (const { seed, nums: [n, maxDelay], value } of casesOf("task_wait_n")) {
    using _clock = VirtualClock.install({ autojump: true });
    random.seed(seed);
    assert.deepEqual(await taskWaitN(n!, maxDelay!), value, `seed ${seed}`);
  }
});

Deno.test("taskWaitN() and waitN() agree for the same seed", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  random.seed(11);
  const a = await waitN(50, 3);
  random.seed(11);
  assert.deepEqual(await taskWaitN(50, 3), a);
});

Deno.test("taskWaitN() rejects a bad n", async () => {
  await assert.rejects(taskWaitN(-1, 1), {
    name: "RangeError",
    message: 'Cannot wait: "n" must be an integer from 0 to 1000000, received -1',
  });
});

Deno.test("taskWaitN() refuses n above 1 000 000 at once, naming n", async () => {
  using clock = VirtualClock.install();
  for (const n of [2 ** 32, 1e7]) {
    await assert.rejects(taskWaitN(n, 0), {
      name: "RangeError",
      message: `Cannot wait: "n" must be an integer from 0 to 1000000, received ${n}`,
    });
  }
  assert.equal(clock.pending, 0);
});

Deno.test("taskWaitN(4, 5, { signal }) aborted at 1 s cancels every task, no timer left", async () => {
  using clock = VirtualClock.install();
  random.seed(7);
  const controller = new AbortController();
  const result = taskWaitN(4, 5, { signal: controller.signal });
  assert.equal(clock.pending, 4);
  await clock.advance(1);
  controller.abort(new CancelledError("stop"));
  await assert.rejects(result, { name: "CancelledError", message: "stop" });
  assert.equal(clock.pending, 0);
  assert.equal(clock.now, 1);
});
