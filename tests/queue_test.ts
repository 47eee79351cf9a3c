import assert from "node:assert/strict";
import { CancelledError, createTask, loopTime, sleep, VirtualClock } from "../mod.ts";
import { QueueEmpty, QueueFull, QueueShutDown } from "../src/errors.ts";
import { LifoQueue } from "../src/lifo_queue.ts";
import { PriorityQueue } from "../src/priority_queue.ts";
import { Queue } from "../src/queue.ts";
import { recorder } from "./_helpers.ts";

const FULL = (maxsize: number) => ({
  name: "QueueFull",
  message: `Cannot put: the queue is full (maxsize ${maxsize})`,
});
const EMPTY = { name: "QueueEmpty", message: "Cannot get: the queue is empty" };
const PUT_SHUT = { name: "QueueShutDown", message: "Cannot put: the queue is shut down" };
const GET_SHUT = { name: "QueueShutDown", message: "Cannot get: the queue is shut down and empty" };
const TOO_MANY = {
  name: "RangeError",
  message: "Cannot mark task done: taskDone() was called more times than items were put",
};

/** Records how each promise settles, in the order they settle. */
Deno.test("Queue basics: empty(), full(), qsize(), maxsize and FIFO order", () => {
  const q = new Queue<number>();
  assert.equal(q.maxsize, 0);
  assert.equal(q.empty(), true);
  assert.equal(q.full(), false);
  for (const i of [1, 3, 2]) q.putNowait(i);
  assert.equal(q.qsize(), 3);
  assert.equal(q.empty(), false);
  assert.equal(q.full(), false, "maxsize 0 is never full");
  assert.deepEqual([q.getNowait(), q.getNowait(), q.getNowait()], [1, 3, 2]);
  assert.equal(q.empty(), true);

  const bounded = new Queue<number>(1);
  assert.equal(bounded.maxsize, 1);
  bounded.putNowait(1);
  assert.equal(bounded.full(), true);
});

Deno.test("putNowait() on a full queue throws QueueFull, getNowait() on an empty one QueueEmpty", () => {
  const q = new Queue<number>(2);
  q.putNowait(1);
  q.putNowait(2);
  assert.throws(() => q.putNowait(3), FULL(2));
  assert.throws(() => q.putNowait(3), QueueFull);
  assert.equal(q.qsize(), 2);
  q.getNowait();
  q.getNowait();
  assert.throws(() => q.getNowait(), EMPTY);
  assert.throws(() => q.getNowait(), QueueEmpty);
  for (const E of [QueueFull, QueueEmpty, QueueShutDown]) {
    const error = new E();
    assert.ok(error instanceof Error);
    assert.equal(error.name, E.name);
  }
  assert.equal(new QueueFull().message, "Queue is full");
  assert.equal(new QueueEmpty().message, "Queue is empty");
  assert.equal(new QueueShutDown().message, "Queue is shut down");
});

Deno.test("put() waits while the queue is full (CPython test_maxsize)", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<number>(2);
  const put: number[] = [];
  const putter = createTask(async () => {
    for (let i = 0; i < 3; i++) {
      await q.put(i);
      put.push(i);
    }
    return true;
  });
  await clock.advance(0.01);
  assert.deepEqual(put, [0, 1], "blocked after two items");
  assert.equal(q.getNowait(), 0);
  await clock.advance(0.01);
  assert.deepEqual(put, [0, 1, 2]);
  assert.equal(q.getNowait(), 1);
  assert.equal(q.getNowait(), 2);
  assert.equal(await putter, true);
  assert.equal(loopTime(), 0.02);
});

Deno.test("get() waits for an item and gets it at the exact time it is put", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<string>();
  let gotAt = NaN;
  const getter = createTask(async (signal) => {
    const item = await q.get({ signal });
    gotAt = loopTime();
    return item;
  });
  createTask(async () => {
    await sleep(1.5);
    q.putNowait("x");
  });
  await clock.advance(1.4);
  assert.ok(Number.isNaN(gotAt));
  await clock.advance(0.1);
  assert.equal(await getter, "x");
  assert.equal(gotAt, 1.5);
  assert.equal(q.qsize(), 0);
});

Deno.test("get() resolves at once when an item is there, put() when there is room", async () => {
  const q = new Queue<number>(1);
  await q.put(1);
  assert.equal(await q.get(), 1);
});

Deno.test("waiting getters are served first come, first served; an aborted one leaves no gap", async () => {
  using _clock = VirtualClock.install();
  const q = new Queue<string>();
  const { log, track } = recorder({ time: false });
  const controllers = Array.from({ length: 5 }, () => new AbortController());
  const gets = controllers.map((c, i) => track(`g${i}`, q.get({ signal: c.signal })));
  controllers[2]!.abort();
  for (const item of ["a", "b", "c", "d"]) q.putNowait(item);
  assert.equal(q.qsize(), 0, "every item went straight to a waiting getter");
  await Promise.all(gets);
  assert.deepEqual(log, ["g2:CancelledError", "g0:a", "g1:b", "g3:c", "g4:d"]);
  q.putNowait("e");
  assert.equal(q.qsize(), 1, "no getter is left waiting");
});

Deno.test("an item put while getters wait cannot be taken by getNowait() (no barging)", async () => {
  const q = new Queue<string>();
  const first = q.get();
  q.putNowait("a");
  assert.throws(() => q.getNowait(), EMPTY);
  assert.equal(await first, "a");
});

Deno.test("a getter handed an item but cancelled before it resumes leaves it at the front (CPython test_get_cancel_drop_one_pending_reader)", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<number>();
  let reader = createTask((signal) => q.get({ signal }));
  await clock.advance(0);
  q.putNowait(1);
  q.putNowait(2);
  reader.cancel("late");
  await assert.rejects(Promise.resolve(reader), { name: "CancelledError", message: "late" });
  assert.equal(q.qsize(), 2, "the item came back");
  reader = createTask((signal) => q.get({ signal })); // try again, as CPython's test does
  assert.equal(await reader, 1, "if we get 2, 1 got dropped");
  assert.equal(q.getNowait(), 2);
  assert.equal(q.qsize(), 0);
});

Deno.test("a getter handed an item but cancelled before it resumes passes it to the next getter (CPython test_get_cancel_drop_many_pending_readers)", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<number>();
  const reader = () => createTask((signal) => q.get({ signal }));
  const [reader1, reader2, reader3] = [reader(), reader(), reader()];
  await clock.advance(0);
  q.putNowait(1);
  q.putNowait(2);
  reader1.cancel();
  await assert.rejects(Promise.resolve(reader1), CancelledError);
  assert.equal(await reader3, 1, "reader1's item went to the next getter in line");
  assert.equal(await reader2, 2);
  assert.equal(q.qsize(), 0);
  assert.equal(clock.pending, 0);
});

Deno.test("get() with an aborted signal rejects at once and leaves no waiter", async () => {
  const q = new Queue<number>();
  const controller = new AbortController();
  controller.abort(new CancelledError("gone"));
  await assert.rejects(q.get({ signal: controller.signal }), {
    name: "CancelledError",
    message: "gone",
  });
  q.putNowait(1);
  assert.equal(q.qsize(), 1);
  assert.equal(await q.get({ signal: controller.signal }), 1, "an item there is returned");
});

Deno.test("cancelling 10 000 waiting getters leaves no timer, no waiter, and a working queue", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<number>();
  const tasks = Array.from({ length: 10_000 }, () => createTask((signal) => q.get({ signal })));
  const shared = new AbortController();
  const others = Array.from(
    { length: 10_000 },
    () => q.get({ signal: shared.signal }).catch((error) => error),
  );
  for (const task of tasks) task.cancel();
  shared.abort();
  const errors = await Promise.all(others);
  assert.equal(errors.filter((error) => error instanceof CancelledError).length, 10_000);
  await Promise.allSettled(tasks);
  assert.equal(tasks.filter((task) => task.cancelled()).length, 10_000);
  assert.equal(clock.pending, 0);
  assert.equal(loopTime(), 0);
  q.putNowait(7);
  assert.equal(q.qsize(), 1, "the item was not given to a cancelled getter");
  assert.equal(await q.get(), 7);
  const waiting = q.get();
  q.putNowait(8);
  assert.equal(await waiting, 8);
});

Deno.test("waiting putters are served first come, first served; an aborted one leaves no gap (CPython test_put_cancelled_race)", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<string>(1);
  const { log, track } = recorder({ time: false });
  const controllers = Array.from({ length: 4 }, () => new AbortController());
  const puts = ["a", "b", "X", "c"].map((item, i) =>
    track(`p${i}`, q.put(item, { signal: controllers[i]!.signal }))
  );
  await clock.advance(0);
  assert.deepEqual(log, ["p0"]);
  controllers[2]!.abort();
  await clock.advance(0);
  assert.deepEqual(log, ["p0", "p2:CancelledError"]);
  assert.throws(() => q.putNowait("Z"), FULL(1), "putNowait cannot jump the line");
  const got: string[] = [];
  for (let i = 0; i < 3; i++) {
    got.push(q.getNowait());
    await clock.advance(0);
  }
  await Promise.all(puts);
  assert.deepEqual(got, ["a", "b", "c"]);
  assert.deepEqual(log, ["p0", "p2:CancelledError", "p1", "p3"]);
  assert.equal(q.qsize(), 0);
});

Deno.test("a slot freed for a waiting putter is kept for it until it puts", async () => {
  const q = new Queue<string>(1);
  q.putNowait("a");
  let put = false;
  const putting = q.put("b").then(() => (put = true));
  assert.equal(q.getNowait(), "a");
  assert.equal(q.qsize(), 0);
  assert.equal(q.full(), true, "the free slot belongs to the woken putter");
  assert.throws(() => q.putNowait("c"), FULL(1));
  await putting;
  assert.equal(put, true);
  assert.equal(q.qsize(), 1);
  assert.equal(q.getNowait(), "b");
  assert.equal(q.full(), false);
});

Deno.test("a putter woken but cancelled before it resumes does not put, and can try again (CPython test_put_cancel_drop)", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<number>(1);
  q.putNowait(1);
  let writer = createTask((signal) => q.put(2, { signal }));
  await clock.advance(0);
  assert.equal(q.getNowait(), 1);
  writer.cancel();
  await assert.rejects(Promise.resolve(writer), CancelledError);
  assert.equal(q.qsize(), 0, "the cancelled putter did not put");
  assert.equal(q.full(), false, "and gave its slot back");
  writer = createTask((signal) => q.put(2, { signal })); // try again
  await writer;
  assert.equal(q.getNowait(), 2);
  assert.equal(q.qsize(), 0);
});

Deno.test("a putter woken but cancelled before it resumes rejects with CancelledError (CPython test_cancelled_put_silence_value_error_exception)", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<number>(1);
  q.putNowait(1);
  const putTask = createTask((signal) => q.put(1, { signal }));
  await clock.advance(0);
  q.getNowait(); // wakes putTask …
  putTask.cancel(); // … cancelled before it resumes
  await assert.rejects(Promise.resolve(putTask), CancelledError);
  assert.equal(q.qsize(), 0);
});

Deno.test("a putter woken but cancelled before it resumes passes its slot to the next putter", async () => {
  const q = new Queue<string>(1);
  q.putNowait("a");
  const first = new AbortController();
  const { log, track } = recorder({ time: false });
  const p1 = track("p1", q.put("b", { signal: first.signal }));
  const p2 = track("p2", q.put("c"));
  assert.equal(q.getNowait(), "a"); // wakes p1 …
  first.abort(); // … cancelled before it resumes
  await Promise.all([p1, p2]);
  assert.deepEqual(log, ["p1:CancelledError", "p2"]);
  assert.equal(q.getNowait(), "c");
  assert.equal(q.qsize(), 0);
});

Deno.test("put() with an aborted signal on a full queue rejects and does not take a freed slot", async () => {
  const q = new Queue<number>(1);
  q.putNowait(1);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(q.put(2, { signal: controller.signal }), CancelledError);
  q.getNowait();
  assert.equal(q.full(), false);
  q.putNowait(3);
  assert.equal(q.getNowait(), 3);
});

Deno.test("getters that empty the queue by qsize() do not strand putters (CPython test_why_are_putters_waiting)", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const q = new Queue<number>(2);
  const taken: number[] = [];
  const getter = createTask(async () => {
    await sleep(0);
    for (let n = q.qsize(); n > 0; n--) taken.push(q.getNowait());
  });
  const putters = [0, 1, 2, 3].map((i) => createTask(() => q.put(i)));
  await getter;
  for (const putter of putters) await putter;
  assert.deepEqual(taken, [0, 1]);
  assert.deepEqual([q.getNowait(), q.getNowait()], [2, 3]);
});

Deno.test("producers and consumers with join() finish at the exact virtual time", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const q = new Queue<number>(3);
  const log: string[] = [];
  const consumers = [1, 2].map((id) =>
    createTask(async (signal) => {
      while (true) {
        const item = await q.get({ signal });
        await sleep(item, { signal });
        log.push(`c${id}:${item}@${loopTime()}`);
        q.taskDone();
      }
    })
  );
  const producer = createTask(async () => {
    for (const item of [3, 1, 2, 1, 1]) await q.put(item);
    log.push(`produced@${loopTime()}`);
  });
  await producer;
  await q.join();
  log.push(`joined@${loopTime()}`);
  for (const consumer of consumers) consumer.cancel();
  for (const consumer of consumers) await assert.rejects(Promise.resolve(consumer), CancelledError);
  assert.deepEqual(log, [
    "produced@0",
    "c2:1@1",
    "c1:3@3",
    "c2:2@3",
    "c1:1@4",
    "c2:1@4",
    "joined@4",
  ]);
});

Deno.test("taskDone() more times than items were put throws RangeError (CPython test_task_done_underflow)", () => {
  const q = new Queue<number>();
  assert.throws(() => q.taskDone(), TOO_MANY);
  q.putNowait(1);
  q.getNowait();
  q.taskDone();
  assert.throws(() => q.taskDone(), TOO_MANY);
});

Deno.test("join() resolves at once on a fresh queue and waits for every taskDone()", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<number>();
  await q.join();
  await q.join();
  q.putNowait(1);
  q.putNowait(2);
  let joined = false;
  const joining = q.join().then(() => (joined = true));
  q.getNowait();
  q.getNowait();
  q.taskDone();
  await clock.advance(0);
  assert.equal(joined, false);
  q.taskDone();
  await joining;
  assert.equal(joined, true);
});

Deno.test("join() is cancelled by its signal and leaves the others waiting", async () => {
  using clock = VirtualClock.install();
  const q = new Queue<number>();
  q.putNowait(1);
  const controller = new AbortController();
  const { log, track } = recorder({ time: false });
  const joins = [
    track("j0", q.join()),
    track("j1", q.join({ signal: controller.signal })),
    track("j2", q.join()),
  ];
  controller.abort();
  await clock.advance(0);
  assert.deepEqual(log, ["j1:CancelledError"]);
  q.getNowait();
  q.taskDone();
  await Promise.all(joins);
  assert.deepEqual(log, ["j1:CancelledError", "j0", "j2"]);
});

Deno.test("a bad signal makes put(), get() and join() reject with TypeError", async () => {
  const q = new Queue<number>();
  const signal = "stop" as unknown as AbortSignal;
  for (
    const [promise, what] of [
      [q.put(1, { signal }), "put"],
      [q.get({ signal }), "get"],
      [q.join({ signal }), "join queue"],
    ] as const
  ) {
    await assert.rejects(promise, {
      name: "TypeError",
      message: `Cannot ${what}: "signal" must be an AbortSignal, received "stop"`,
    });
  }
  assert.equal(q.qsize(), 0);
});

for (
  const [value, error] of [
    [-1, {
      name: "RangeError",
      message: 'Cannot create queue: "maxsize" must be an integer >= 0, received -1',
    }],
    [1.5, {
      name: "RangeError",
      message: 'Cannot create queue: "maxsize" must be an integer >= 0, received 1.5',
    }],
    [NaN, {
      name: "RangeError",
      message: 'Cannot create queue: "maxsize" must be an integer >= 0, received NaN',
    }],
    [Infinity, {
      name: "RangeError",
      message: 'Cannot create queue: "maxsize" must be an integer >= 0, received Infinity',
    }],
    ["2", {
      name: "TypeError",
      message: 'Cannot create queue: "maxsize" must be a number, received "2"',
    }],
    [null, {
      name: "TypeError",
      message: 'Cannot create queue: "maxsize" must be a number, received null',
    }],
  ] as const
) {
  Deno.test(`new Queue(${String(value)}) throws ${error.name}`, () => {
    assert.throws(() => new Queue(value as number), error);
    assert.throws(() => new LifoQueue(value as number), error);
    assert.throws(() => new PriorityQueue(value as number), error);
  });
}

// Shutdown, for each kind of queue (CPython _QueueShutdownTestMixin).

const kinds = [
  ["Queue", (maxsize?: number) => new Queue<unknown>(maxsize), (s: string) => s],
  ["LifoQueue", (maxsize?: number) => new LifoQueue<unknown>(maxsize), (s: string) => s],
  [
    "PriorityQueue",
    (maxsize?: number) => new PriorityQueue<string>(maxsize) as Queue<unknown>,
    (s: string) => [0, s],
  ],
] as const;

for (const [kind, make, item] of kinds) {
  Deno.test(`${kind}.shutdown() of an empty queue wakes getters with QueueShutDown`, async () => {
    using clock = VirtualClock.install();
    const q = make();
    const { log, track } = recorder({ time: false });
    const gets = [track("g0", q.get()), track("g1", q.get())];
    await clock.advance(0);
    q.shutdown();
    assert.equal(q.qsize(), 0);
    await q.join();
    await Promise.all(gets);
    assert.deepEqual(log, ["g0:QueueShutDown", "g1:QueueShutDown"]);
    await assert.rejects(q.get(), GET_SHUT);
    await assert.rejects(q.put(item("data")), PUT_SHUT);
    assert.throws(() => q.putNowait(item("data")), PUT_SHUT);
    assert.throws(() => q.getNowait(), GET_SHUT);
  });

  Deno.test(`${kind}.shutdown() of a non-empty queue wakes putters, gets drain the rest`, async () => {
    using clock = VirtualClock.install();
    const q = make(1);
    q.putNowait(item("data"));
    const { log, track } = recorder({ time: false });
    const joining = track("join", q.join());
    const putting = track("put", q.put(item("data2")));
    await clock.advance(0);
    assert.deepEqual(log, []);
    q.shutdown();
    assert.equal(q.qsize(), 1);
    await putting;
    assert.deepEqual(log, ["put:QueueShutDown"]);
    assert.deepEqual(await q.get(), item("data"));
    await clock.advance(0);
    assert.deepEqual(log, ["put:QueueShutDown"], "join waits for taskDone");
    await assert.rejects(q.put(item("data")), PUT_SHUT);
    assert.throws(() => q.putNowait(item("data")), PUT_SHUT);
    await assert.rejects(q.get(), GET_SHUT);
    assert.throws(() => q.getNowait(), GET_SHUT);
    q.taskDone();
    await joining;
    assert.deepEqual(log, ["put:QueueShutDown", "join"]);
    assert.throws(() => q.taskDone(), TOO_MANY);
  });

  Deno.test(`${kind}.shutdown(true) drops the items, counting them done for join()`, async () => {
    using clock = VirtualClock.install();
    const q = make();
    q.putNowait(item("data"));
    const { log, track } = recorder({ time: false });
    const joining = track("join", q.join());
    q.shutdown(true);
    assert.equal(q.qsize(), 0);
    await joining;
    assert.deepEqual(log, ["join"]);
    await assert.rejects(q.put(item("data")), PUT_SHUT);
    assert.throws(() => q.putNowait(item("data")), PUT_SHUT);
    await assert.rejects(q.get(), GET_SHUT);
    assert.throws(() => q.getNowait(), GET_SHUT);
    assert.throws(() => q.taskDone(), TOO_MANY);
    assert.equal(clock.pending, 0);
  });

  Deno.test(`${kind}.shutdown(true) with an item got but not done: join() waits for it`, async () => {
    using clock = VirtualClock.install();
    const q = make();
    q.putNowait(item("data"));
    q.putNowait(item("data"));
    const { log, track } = recorder({ time: false });
    const joining = track("join", q.join());
    assert.deepEqual(await q.get(), item("data"));
    q.shutdown(true);
    assert.equal(q.qsize(), 0);
    await clock.advance(0);
    assert.deepEqual(log, []);
    assert.throws(() => q.getNowait(), GET_SHUT);
    q.taskDone();
    assert.throws(() => q.taskDone(), TOO_MANY);
    await joining;
    assert.deepEqual(log, ["join"]);
  });
}

Deno.test("shutdown(true) wakes waiting putters and getters, first come first served", async () => {
  using clock = VirtualClock.install();
  for (const maxsize of [0, 1]) {
    const q = new Queue<number>(maxsize);
    if (maxsize === 1) q.putNowait(0);
    const { log, track } = recorder({ time: false });
    const waits = [1, 2].map((i) => track(`w${i}`, maxsize === 1 ? q.put(i) : q.get()));
    await clock.advance(0);
    q.shutdown(true);
    await Promise.all(waits);
    assert.deepEqual(log, ["w1:QueueShutDown", "w2:QueueShutDown"]);
    assert.equal(q.qsize(), 0);
  }
});

Deno.test("a putter woken by a get but shut down before it puts rejects with QueueShutDown", async () => {
  const q = new Queue<string>(1);
  q.putNowait("a");
  const putting = q.put("b");
  assert.equal(q.getNowait(), "a");
  q.shutdown();
  await assert.rejects(putting, PUT_SHUT);
  assert.equal(q.qsize(), 0);
  assert.throws(() => q.getNowait(), GET_SHUT);
});

Deno.test("shutdown() twice, then shutdown(true), is allowed", () => {
  const q = new Queue<number>();
  q.putNowait(1);
  q.shutdown();
  q.shutdown();
  assert.equal(q.qsize(), 1);
  q.shutdown(true);
  assert.equal(q.qsize(), 0);
});

const ONE_SLOT: [string, () => Queue<[number, string]>][] = [
  ["Queue", () => new Queue(1)],
  ["LifoQueue", () => new LifoQueue(1)],
  ["PriorityQueue", () => new PriorityQueue<string>(1)],
];
for (const [kind, make] of ONE_SLOT) {
  Deno.test(`${kind}(1): an item handed to a getter frees its slot for the next putter (no deadlock)`, async () => {
    using clock = VirtualClock.install();
    const item = (s: string): [number, string] => [s.charCodeAt(0), s];
    const mk = make();
    const { log, track } = recorder({ time: false, value: false });
    mk.putNowait(item("a"));
    const p0 = track("p0", mk.put(item("b")));
    assert.deepEqual(mk.getNowait(), item("a"));
    const c0 = mk.get();
    const p1 = track("p1", mk.put(item("c")));
    assert.equal(mk.full(), true);
    assert.deepEqual(await c0, item("b"));
    await Promise.all([p0, p1]);
    assert.deepEqual(log, ["p0", "p1"], "p1 was woken once c0 took b");
    assert.equal(mk.qsize(), 1);
    assert.equal(mk.full(), true);
    assert.deepEqual(await mk.get(), item("c"));
    assert.equal(mk.qsize(), 0);
    assert.equal(mk.full(), false);
    assert.equal(clock.pending, 0);
  });
}

Deno.test("an item handed to a getter keeps its slot until the getter resumes, as in asyncio", async () => {
  const q = new Queue<string>(1);
  const getting = q.get();
  q.putNowait("a"); // to the getter, which has not resumed
  assert.equal(q.qsize(), 0);
  assert.equal(q.full(), true, "asyncio still holds the item until the getter runs");
  assert.throws(() => q.putNowait("b"), FULL(1));
  assert.equal(await getting, "a");
  assert.equal(q.full(), false);
  q.putNowait("b");
  assert.equal(q.getNowait(), "b");
});

Deno.test("LifoQueue: an item given back by a cancelled getter goes under the later ones", async () => {
  const q = new LifoQueue<number>();
  const controller = new AbortController();
  const getting = q.get({ signal: controller.signal });
  q.putNowait(1); // to the getter …
  q.putNowait(2);
  q.putNowait(3);
  controller.abort(); // … cancelled before it resumes: 1 goes back, under 2 and 3
  await assert.rejects(getting, CancelledError);
  assert.deepEqual([q.getNowait(), q.getNowait(), q.getNowait()], [3, 2, 1]);
});

Deno.test("PriorityQueue: an item given back by a cancelled getter keeps its priority", async () => {
  const q = new PriorityQueue<string>();
  const controller = new AbortController();
  const getting = q.get({ signal: controller.signal });
  q.putNowait([2, "b"]); // to the getter …
  q.putNowait([3, "c"]);
  q.putNowait([1, "a"]);
  controller.abort();
  await assert.rejects(getting, CancelledError);
  assert.deepEqual([q.getNowait(), q.getNowait(), q.getNowait()], [[1, "a"], [2, "b"], [3, "c"]]);
});

Deno.test("an item given back after shutdown(true) is dropped and counted done for join()", async () => {
  const q = new Queue<number>();
  const controller = new AbortController();
  const getting = q.get({ signal: controller.signal });
  q.putNowait(1);
  q.shutdown(true);
  controller.abort();
  await assert.rejects(getting, CancelledError);
  assert.equal(q.qsize(), 0);
  await q.join();
  assert.throws(() => q.getNowait(), GET_SHUT);
});

Deno.test("shutdown(immediate) takes a boolean only", () => {
  const q = new Queue<number>();
  q.putNowait(1);
  for (const [value, shown] of [[1, "1"], ["yes", '"yes"'], [null, "null"]] as const) {
    assert.throws(() => q.shutdown(value as unknown as boolean), {
      name: "TypeError",
      message: `Cannot shut down queue: "immediate" must be a boolean, received ${shown}`,
    });
  }
  assert.equal(q.qsize(), 1, "a refused shutdown changed nothing");
  assert.equal(q.putNowait(2), undefined);
});
