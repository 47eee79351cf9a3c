import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  gather,
  InvalidStateError,
  TaskGroup,
  TaskGroupError,
  timeout,
  TimeoutError,
  VirtualClock,
  WorkerPool,
} from "../mod.ts";
import { liveWorkers } from "../src/_worker_host.ts";
import { ambientEnabled } from "../src/_scope.ts";
import type * as Jobs from "./workers/jobs.ts";

// The fixtures are .ts here and .js in the npm build's copy of the tests (under Node).
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const JOBS = new URL(`./workers/jobs.${ext}`, import.meta.url);
const BROKEN = new URL(`./workers/broken.${ext}`, import.meta.url);
const isNode = typeof globalThis.Worker !== "function";
/** Bun: a Web Worker with `process.exit` and no `self.close`, whose end fires "close". */
const isBun = "Bun" in globalThis;

function pool(workers = 2): WorkerPool<typeof Jobs> {
  return new WorkerPool<typeof Jobs>(JOBS, { workers });
}

/** Settles `p` into a label: its value, or the error's name and message. */
function outcome(p: Promise<unknown>): Promise<string> {
  return p.then(
    (value) => `ok:${JSON.stringify(value)}`,
    (error) => `${error.name}:${error.message}`,
  );
}

Deno.test("WorkerPool.run() calls the export in a worker and resolves with its result", async () => {
  await using p = pool();
  assert.equal(p.size, 2);
  assert.equal(await p.run("add", [2, 3]), 5);
  assert.equal(await p.run("later", ["async"]), "async");
  assert.deepEqual(
    await gather([p.run("add", [1, 1]), p.run("add", [2, 2]), p.run("add", [3, 3])]),
    [2, 4, 6],
  );
});

Deno.test("WorkerPool starts workers when jobs need them and reuses idle ones", async () => {
  await using p = pool(2);
  assert.equal(liveWorkers(), 0);
  assert.equal(await p.run("whoAmI"), "worker 1");
  assert.equal(await p.run("whoAmI"), "worker 1");
  assert.equal(liveWorkers(), 1);
  assert.deepEqual(
    (await gather([p.run("whoAmI"), p.run("whoAmI"), p.run("whoAmI")])).sort(),
    ["worker 1", "worker 1", "worker 2"],
  );
  assert.equal(liveWorkers(), 2);
  await p.close();
  assert.equal(liveWorkers(), 0);
});

Deno.test("WorkerPool queues jobs beyond its size first in, first out", async () => {
  await using p = pool(1);
  const order: string[] = [];
  const jobs = ["a", "b", "c", "d"].map((v) => p.run("later", [v]).then((r) => order.push(r)));
  await Promise.all(jobs);
  assert.deepEqual(order, ["a", "b", "c", "d"]);
  assert.equal(liveWorkers(), 1);
});

Deno.test("WorkerPool.run() rejects with the worker's error: class name, message, stack, cause, data", async () => {
  await using p = pool(1);
  await assert.rejects(p.run("failParse", ["x+"]), (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.constructor, Error); // the class itself cannot cross
    assert.equal(error.name, "ParseError");
    assert.equal(error.message, 'Cannot parse "x+"');
    assert.match(error.stack!, /^ParseError: Cannot parse "x\+"\n/);
    assert.match(error.stack!, new RegExp(`at failParse \\(.*workers/jobs\\.${ext}:\\d+:\\d+\\)`));
    assert.ok(error.cause instanceof RangeError);
    assert.equal(error.cause.message, "position 3");
    assert.equal((error as Error & { code: string }).code, "E_PARSE");
    return true;
  });
  await assert.rejects(p.run("failRange", [-1]), (error) => {
    assert.ok(error instanceof RangeError);
    assert.equal(error.message, "n must be >= 0, received -1");
    return true;
  });
  await assert.rejects(p.run("throwString"), (error) => error === "a string");
  await assert.rejects(p.run("unclonable"), { name: "DataCloneError" });
  assert.equal(await p.run("add", [1, 2]), 3); // the same worker goes on
  assert.equal(await p.run("whoAmI"), "worker 1");
});

Deno.test("WorkerPool.run() rejects a name that is not an exported function with a TypeError", async () => {
  await using p = pool(1);
  const exported = "add, crashLater, exitWorker, failParse, failRange, forever, later, spin, " +
    "throwString, unclonable, whoAmI";
  const names = p as unknown as WorkerPool;
  await assert.rejects(names.run("nope"), {
    name: "TypeError",
    message: `Cannot run: "name" must name a function the module exports, received "nope" ` +
      `(no such export); ${JOBS.href} exports ${exported}`,
  });
  await assert.rejects(names.run("answer"), {
    name: "TypeError",
    message: `Cannot run: "name" must name a function the module exports, received "answer" ` +
      `(a number); ${JOBS.href} exports ${exported}`,
  });
  assert.equal(await p.run("add", [1, 2]), 3);
});

Deno.test("WorkerPool rejects bad input with TypeError and RangeError, starting no worker", async () => {
  const what = "Cannot create a WorkerPool";
  const urlRule = `"module" must be a URL or an absolute URL string ` +
    `(new URL("./jobs.ts", import.meta.url))`;
  // deno-lint-ignore no-explicit-any
  const Pool = WorkerPool as any;
  assert.throws(() => new Pool("not a url"), {
    name: "TypeError",
    message: `${what}: ${urlRule}, received "not a url"`,
  });
  assert.throws(() => new Pool("./jobs.ts"), {
    name: "TypeError",
    message: `${what}: ${urlRule}, received "./jobs.ts"`,
  });
  assert.throws(() => new Pool(42), {
    name: "TypeError",
    message: `${what}: ${urlRule}, received 42`,
  });
  for (
    const [workers, name, rule] of [
      [0, "RangeError", "an integer >= 1, received 0"],
      [1.5, "RangeError", "an integer >= 1, received 1.5"],
      [NaN, "RangeError", "an integer >= 1, received NaN"],
      ["2", "TypeError", 'a number, received "2"'],
    ]
  ) {
    assert.throws(() => new Pool(JOBS, { workers }), {
      name,
      message: `${what}: "workers" must be ${rule}`,
    });
  }
  const p = pool(1);
  const untyped = p as unknown as { run(...args: unknown[]): Promise<unknown> };
  await assert.rejects(untyped.run(1), {
    name: "TypeError",
    message: 'Cannot run: "name" must be a string, received 1',
  });
  await assert.rejects(untyped.run("add", "1, 2"), {
    name: "TypeError",
    message: 'Cannot run: "args" must be an array, received "1, 2"',
  });
  await assert.rejects(untyped.run("add", [1, 2], { signal: "stop" }), {
    name: "TypeError",
    message: 'Cannot run: "signal" must be an AbortSignal, received "stop"',
  });
  await assert.rejects(p.close({ force: 1 as unknown as boolean }), {
    name: "TypeError",
    message: 'Cannot close a WorkerPool: "force" must be a boolean, received 1',
  });
  assert.equal(liveWorkers(), 0);
  await p.close();
});

Deno.test("WorkerPool default size is the host's core count", async () => {
  await using p = new WorkerPool(JOBS);
  const cores = globalThis.navigator?.hardwareConcurrency ??
    (await import("node:os")).availableParallelism();
  assert.equal(p.size, cores);
});

Deno.test("cancelling a running job terminates its worker, replaces it, rejects with CancelledError", async () => {
  await using p = pool(1);
  const controller = new AbortController();
  const running = p.run("forever", [], { signal: controller.signal });
  const queued = p.run("whoAmI");
  assert.equal(liveWorkers(), 1);
  controller.abort(new CancelledError("enough"));
  await assert.rejects(running, { name: "CancelledError", message: "enough" });
  assert.equal(await queued, "worker 2"); // worker 1 was terminated, its job never ran
  assert.equal(liveWorkers(), 1);
  const reason = new Error("stop");
  const other = new AbortController();
  const again = p.run("forever", [], { signal: other.signal });
  other.abort(reason);
  await assert.rejects(again, (error) => {
    assert.ok(error instanceof CancelledError);
    assert.equal(error.message, "stop");
    assert.equal(error.cause, reason);
    return true;
  });
  assert.equal(await p.run("whoAmI"), "worker 3");
});

Deno.test("cancelling a queued job removes it from the line; the others keep their places", async () => {
  await using p = pool(1);
  const first = new AbortController();
  const running = p.run("forever", [], { signal: first.signal });
  const second = new AbortController();
  const jobs = [
    outcome(p.run("later", ["a"])),
    outcome(p.run("later", ["b"], { signal: second.signal })),
    outcome(p.run("later", ["c"])),
  ];
  second.abort(new CancelledError("not b"));
  first.abort();
  await assert.rejects(running, CancelledError);
  assert.deepEqual(await Promise.all(jobs), [
    'ok:"a"',
    "CancelledError:not b",
    'ok:"c"',
  ]);
  assert.equal(await p.run("whoAmI"), "worker 2");
});

Deno.test("an already aborted signal rejects at once and starts no worker", async () => {
  await using p = pool(1);
  const reason = new CancelledError("before");
  await assert.rejects(p.run("add", [1, 2], { signal: AbortSignal.abort(reason) }), (e) => {
    assert.equal(e, reason);
    return true;
  });
  assert.equal(liveWorkers(), 0);
});

Deno.test("a worker that exits rejects its job with a clear error; the pool goes on", async () => {
  await using p = pool(1);
  const message = isNode || isBun
    ? 'Cannot run "exitWorker": the worker stopped: it exited with code 3'
    : 'Cannot run "exitWorker": the worker exited (it called close())';
  const waiting = p.run("add", [1, 2]);
  await assert.rejects(p.run("exitWorker"), { name: "Error", message });
  assert.equal(await waiting, 3);
  assert.equal(await p.run("whoAmI"), "worker 2");
  assert.equal(liveWorkers(), 1);
});

Deno.test("an error escaping a job crashes its worker: the job rejects with it as cause", async () => {
  await using p = pool(1);
  await assert.rejects(p.run("crashLater"), (error) => {
    assert.ok(error instanceof Error);
    assert.equal(
      error.message,
      'Cannot run "crashLater": the worker crashed: TypeError: escaped from a timer',
    );
    assert.ok(error.cause instanceof TypeError);
    assert.match(error.cause.stack!, /workers\/jobs\.[jt]s:\d+:\d+/);
    return true;
  });
  assert.equal(await p.run("whoAmI"), "worker 2");
});

Deno.test("a module that fails to load rejects each job with a clear error; the pool stays usable", async () => {
  await using p = new WorkerPool(BROKEN, { workers: 1 });
  for (const n of [1, 2]) {
    await assert.rejects(p.run("never"), (error) => {
      assert.ok(error instanceof Error);
      assert.equal(
        error.message,
        `Cannot run "never": the worker could not load ${BROKEN.href}: Error: broken at load`,
      );
      assert.ok(error.cause instanceof Error);
      assert.match(error.cause.stack!, /broken\.[jt]s:\d+:\d+/);
      assert.equal(liveWorkers(), 0, `job ${n}: the broken worker is stopped`);
      return true;
    });
  }
});

Deno.test("close() rejects queued jobs, waits for running ones, then stops every worker", async () => {
  const p = pool(1);
  const running = outcome(p.run("later", ["running"]));
  const queued = outcome(p.run("later", ["queued"]));
  await p.close();
  assert.equal(liveWorkers(), 0);
  assert.deepEqual(await Promise.all([running, queued]), [
    'ok:"running"',
    "CancelledError:The WorkerPool was closed",
  ]);
  await assert.rejects(p.run("add", [1, 2]), {
    name: "InvalidStateError",
    message: "Cannot run: the WorkerPool is closed",
  });
  await p.close(); // again: harmless
});

Deno.test("close({ force: true }) terminates running jobs with CancelledError", async () => {
  const p = pool(2);
  const jobs = [outcome(p.run("forever")), outcome(p.run("forever")), outcome(p.run("forever"))];
  const closing = p.close(); // would wait forever for the running jobs...
  await p.close({ force: true }); // ...until force hurries it
  await closing;
  assert.equal(liveWorkers(), 0);
  assert.deepEqual(await Promise.all(jobs), [
    "CancelledError:The WorkerPool was closed with force",
    "CancelledError:The WorkerPool was closed with force",
    "CancelledError:The WorkerPool was closed",
  ]);
  await assert.rejects(p.run("add", [1, 2]), InvalidStateError);
});

Deno.test("await using closes the pool at the end of the block", async () => {
  {
    await using p = pool(2);
    assert.deepEqual(await gather([p.run("add", [1, 2]), p.run("add", [3, 4])]), [3, 7]);
    assert.equal(liveWorkers(), 2);
  }
  assert.equal(liveWorkers(), 0);
});

Deno.test("run() in a TaskGroup: a failing sibling cancels the job and stops its worker", async () => {
  await using p = pool(2);
  const failure = TaskGroup.run((tg) => {
    tg.createTask((signal) => p.run("forever", [], { signal }));
    tg.createTask(() => p.run("failRange", [-2]));
  });
  await assert.rejects(failure, (error) => {
    assert.ok(error instanceof TaskGroupError);
    assert.equal(error.errors.length, 1);
    assert.equal((error.errors[0] as Error).message, "n must be >= 0, received -2");
    return true;
  });
  assert.equal(liveWorkers(), 1); // the forever job's worker was terminated
  assert.equal(await p.run("whoAmI"), "worker 2");
});

Deno.test("run() under timeout(): the deadline terminates the job and raises TimeoutError", async () => {
  using clock = VirtualClock.install({ autojump: true });
  await using p = pool(1);
  await assert.rejects(
    timeout(5).run((signal) => p.run("forever", [], { signal })),
    TimeoutError,
  );
  assert.equal(clock.now, 5);
  assert.equal(clock.pending, 0);
  assert.equal(liveWorkers(), 0);
});

Deno.test("run() in gather(): cancelling the gather cancels its jobs", async () => {
  await using p = pool(2);
  const controller = new AbortController();
  const { signal } = controller;
  const jobs = [p.run("forever", [], { signal }), p.run("forever", [], { signal })];
  const gathering = gather(jobs, { signal });
  controller.abort(new CancelledError("stop all"));
  await assert.rejects(gathering, CancelledError);
  assert.deepEqual(await Promise.all(jobs.map(outcome)), [
    "CancelledError:stop all",
    "CancelledError:stop all",
  ]);
  assert.equal(liveWorkers(), 0);
  assert.equal(await p.run("add", [2, 2]), 4);
});

Deno.test({
  name: "run() without a signal is cancelled with its task, a timeout, a failing sibling (ambient)",
  ignore: !ambientEnabled(),
  fn: async () => {
    await using p = pool(2);
    const task = createTask(() => p.run("forever"));
    await new Promise((resolve) => setTimeout(resolve, 0)); // the job reaches its worker
    task.cancel("stop");
    await assert.rejects(Promise.resolve(task), { name: "CancelledError", message: "stop" });
    const failure = TaskGroup.run((tg) => {
      tg.createTask(() => p.run("forever"));
      tg.createTask(() => p.run("failRange", [-2]));
    });
    await assert.rejects(failure, TaskGroupError);
    {
      using clock = VirtualClock.install({ autojump: true });
      await assert.rejects(timeout(5).run(() => p.run("forever")), TimeoutError);
      assert.equal(clock.pending, 0);
    }
    assert.equal(liveWorkers(), 0); // each forever job's worker was terminated
    assert.equal(await p.run("add", [1, 2]), 3);
  },
});
