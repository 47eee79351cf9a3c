import assert from "node:assert/strict";
import { CancelledError, parallel } from "../../mod.ts";
import { liveWorkers } from "../../src/_worker_host.ts";

Deno.test("parallel() runs the job three ways: main thread twice, then the pool's workers", async () => {
  const result = await parallel(5, { workers: 2, limit: 100 });
  assert.deepEqual([result.jobs, result.limit, result.workers, result.count], [5, 100, 2, 25]);
  for (const way of [result.sequential, result.concurrent]) {
    assert.deepEqual(way.jobs.map((job) => job.thread), Array(5).fill("main"));
    for (let i = 1; i < 5; i++) assert.ok(way.jobs[i]!.start >= way.jobs[i - 1]!.end); // in turn
  }
  const threads = result.pool.jobs.map((job) => job.thread);
  assert.deepEqual([...new Set(threads)].sort(), ["worker 1", "worker 2"]);
  for (const way of [result.sequential, result.concurrent, result.pool]) {
    assert.equal(way.jobs.length, 5);
    for (const job of way.jobs) assert.ok(0 <= job.start && job.start <= job.end);
    assert.ok(way.jobs.every((job) => job.end <= way.seconds + 1e-3));
  }
  assert.equal(result.speedup, result.sequential.seconds / result.pool.seconds);
  assert.ok(result.startup > 0);
  assert.equal(liveWorkers(), 0); // the pool was closed
});

Deno.test("parallel() rejects bad input with TypeError and RangeError, starting no worker", async () => {
  await assert.rejects(parallel(0), {
    name: "RangeError",
    message: 'Cannot run parallel: "jobs" must be an integer >= 1, received 0',
  });
  await assert.rejects(parallel(1, { limit: -1 }), {
    name: "RangeError",
    message: 'Cannot run parallel: "limit" must be an integer >= 0, received -1',
  });
  await assert.rejects(parallel(1, { workers: 0, limit: 10 }), {
    name: "RangeError",
    message: 'Cannot create a WorkerPool: "workers" must be an integer >= 1, received 0',
  });
  await assert.rejects(parallel(1, { signal: "stop" as unknown as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot run parallel: "signal" must be an AbortSignal, received "stop"',
  });
  assert.equal(liveWorkers(), 0);
});

Deno.test("parallel() with an aborted signal rejects with CancelledError and leaves no worker", async () => {
  const reason = new CancelledError("stop");
  await assert.rejects(parallel(2, { limit: 10, signal: AbortSignal.abort(reason) }), (e) => {
    assert.equal(e, reason);
    return true;
  });
  assert.equal(liveWorkers(), 0);
});
