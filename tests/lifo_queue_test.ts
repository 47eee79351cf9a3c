import assert from "node:assert/strict";
import { createTask, loopTime, sleep, VirtualClock } from "../mod.ts";
import { LifoQueue } from "../src/lifo_queue.ts";
import { Queue } from "../src/queue.ts";

Deno.test("LifoQueue returns the most recent item first (CPython LifoQueueTests.test_order)", async () => {
  const q = new LifoQueue<number>();
  assert.ok(q instanceof Queue);
  for (const i of [1, 3, 2]) await q.put(i);
  assert.deepEqual([await q.get(), await q.get(), await q.get()], [2, 3, 1]);
  assert.equal(q.empty(), true);
});

Deno.test("LifoQueue serves waiting putters first come, first served, each item on top", async () => {
  using clock = VirtualClock.install();
  const q = new LifoQueue<string>(2);
  q.putNowait("a");
  q.putNowait("b");
  const puts = [q.put("c"), q.put("d")];
  const got: string[] = [];
  while (got.length < 4) {
    got.push(q.getNowait());
    await clock.advance(0);
  }
  await Promise.all(puts);
  assert.deepEqual(got, ["b", "c", "d", "a"]);
});

Deno.test("LifoQueue hands an item to the first waiting getter, and join() waits for taskDone()", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const q = new LifoQueue<number>();
  const got: string[] = [];
  const getters = [0, 1].map((id) =>
    createTask(async () => {
      const item = await q.get();
      got.push(`g${id}:${item}@${loopTime()}`);
      await sleep(item);
      q.taskDone();
    })
  );
  await sleep(1);
  q.putNowait(3);
  q.putNowait(2);
  await q.join();
  assert.deepEqual(got, ["g0:3@1", "g1:2@1"]);
  assert.equal(loopTime(), 4);
  for (const getter of getters) await getter;
});
