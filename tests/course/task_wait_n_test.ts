import assert from "node:assert/strict";
import { random, taskWaitN, VirtualClock, waitN } from "../../mod.ts";
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
    message: 'Cannot wait: "n" must be an integer >= 0, received -1',
  });
});
