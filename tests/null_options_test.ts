// JavaScript callers may pass `null` where an options object is optional: it means "none".
import assert from "node:assert/strict";
import {
  asCompleted,
  createTask,
  gather,
  shield,
  sleep,
  TaskGroup,
  Timeout,
  VirtualClock,
  wait,
  waitFor,
} from "../mod.ts";

// deno-lint-ignore no-explicit-any
const NULL = null as any;

Deno.test("functions with an optional options object accept null as none", async () => {
  using clock = VirtualClock.install({ autojump: true });
  const task = createTask(() => 1, NULL);
  assert.equal(await task, 1);
  assert.deepEqual(await gather([sleep(1).then(() => "a")], NULL), ["a"]);
  assert.equal(await shield(Promise.resolve(2), NULL), 2);
  const { done } = await wait([task], NULL);
  assert.ok(done.has(task));
  assert.equal(await waitFor(Promise.resolve(3), 1, NULL), 3);
  const seen: unknown[] = [];
  for await (const p of asCompleted([Promise.resolve(4)], NULL)) seen.push(await p);
  assert.deepEqual(seen, [4]);
  using limit = new Timeout(null, NULL);
  assert.equal(limit.when(), null);
  await new TaskGroup(NULL)[Symbol.asyncDispose]();
  assert.equal(clock.pending, 0);
});
