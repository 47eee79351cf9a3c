import assert from "node:assert/strict";
import { createTask, loopTime, sleep, VirtualClock } from "../mod.ts";
import { PriorityQueue } from "../src/priority_queue.ts";
import { Queue } from "../src/queue.ts";
import { isStableAscending, lcg } from "./_helpers.ts";

Deno.test("PriorityQueue returns the lowest priority first (CPython PriorityQueueTests.test_order)", async () => {
  const q = new PriorityQueue<string>();
  assert.ok(q instanceof Queue);
  for (const i of [1, 3, 2]) await q.put([i, `v${i}`]);
  const got = [await q.get(), await q.get(), await q.get()];
  assert.deepEqual(got, [[1, "v1"], [2, "v2"], [3, "v3"]]);
});

Deno.test("PriorityQueue returns equal priorities first in, first out", () => {
  const next = lcg(42);
  const keys = Array.from({ length: 500 }, () => next(5));
  const q = new PriorityQueue<number>();
  keys.forEach((key, i) => q.putNowait([key, i]));
  const order: number[] = [];
  while (!q.empty()) order.push(q.getNowait()[1]);
  assert.equal(order.length, 500);
  assert.ok(isStableAscending(order, keys));
  assert.deepEqual(order.slice(0, 3), keys.flatMap((k, i) => k === 0 ? [i] : []).slice(0, 3));
});

Deno.test("PriorityQueue never compares values, and orders -Infinity, fractions and Infinity", () => {
  const q = new PriorityQueue<{ name: string }>();
  const a = { name: "a" }, b = { name: "b" };
  q.putNowait([Infinity, b]);
  q.putNowait([0.5, a]);
  q.putNowait([0.5, b]);
  q.putNowait([-Infinity, a]);
  q.putNowait([-0.25, b]);
  const out = [];
  while (!q.empty()) {
    const [priority, value] = q.getNowait();
    out.push(`${priority}:${value.name}`);
  }
  assert.deepEqual(out, ["-Infinity:a", "-0.25:b", "0.5:a", "0.5:b", "Infinity:b"]);
});

Deno.test("PriorityQueue: a slow consumer takes waiting work by priority at exact times", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const q = new PriorityQueue<string>();
  const log: string[] = [];
  const consumer = createTask(async (signal) => {
    while (true) {
      const [priority, job] = await q.get({ signal });
      log.push(`${job}(${priority})@${loopTime()}`);
      await sleep(1, { signal });
      q.taskDone();
    }
  });
  q.putNowait([5, "first"]);
  await sleep(0.5);
  for (const [priority, job] of [[3, "c"], [1, "a"], [2, "b"], [1, "a2"]] as const) {
    q.putNowait([priority, job]);
  }
  await q.join();
  assert.deepEqual(log, ["first(5)@0", "a(1)@1", "a2(1)@2", "b(2)@3", "c(3)@4"]);
  assert.equal(loopTime(), 5);
  consumer.cancel();
  await assert.rejects(Promise.resolve(consumer), { name: "CancelledError" });
});

const bad: [unknown, string, string][] = [
  ["x", "TypeError", '"item" must be a [priority, value] pair, received "x"'],
  [1, "TypeError", '"item" must be a [priority, value] pair, received 1'],
  [[1], "TypeError", '"item" must be a [priority, value] pair, received an array of length 1'],
  [
    [1, 2, 3],
    "TypeError",
    '"item" must be a [priority, value] pair, received an array of length 3',
  ],
  [["1", "v"], "TypeError", '"item[0]" (the priority) must be a number, received "1"'],
  [[null, "v"], "TypeError", '"item[0]" (the priority) must be a number, received null'],
  [[NaN, "v"], "RangeError", '"item[0]" (the priority) must not be NaN, received NaN'],
];

for (const [item, name, rule] of bad) {
  Deno.test(`PriorityQueue rejects the item ${JSON.stringify(item)} with ${name}`, async () => {
    const q = new PriorityQueue<string>(1);
    const pair = item as [number, string];
    const error = { name, message: `Cannot put: ${rule}` };
    assert.throws(() => q.putNowait(pair), error);
    await assert.rejects(q.put(pair), error);
    q.putNowait([0, "ok"]);
    await assert.rejects(q.put(pair), error, "a full queue rejects at once too");
    assert.deepEqual(q.getNowait(), [0, "ok"]);
    assert.equal(q.full(), false, "the bad put left no waiting putter behind");
  });
}
