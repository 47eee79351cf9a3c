// Seeded fuzz of Queue, LifoQueue and PriorityQueue: puts and gets that wait (each with its own
// signal, some aborted while waiting or between being woken and resuming), putNowait and
// getNowait, taskDone, and one shutdown (immediate or not) now and then, on queues of maxsize
// 0 to 3. Checked at the end: every item put is got exactly once, still queued, or dropped by
// shutdown(immediate); no item of a cancelled put is ever got; no getter waits while items are
// queued and no putter waits while there is room (the deadlock of issue 13, item 1); join()
// ends once every item is done; no leftover timer. Seeds: FUZZ_SEEDS / FUZZ_SEED, see _fuzz.ts.
import assert from "node:assert/strict";
import {
  CancelledError,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
} from "../../mod.ts";
import { fuzz, type Run } from "./_fuzz.ts";

type Kind = "Queue" | "LifoQueue" | "PriorityQueue";

interface Waiter {
  controller: AbortController;
  state: "waiting" | "done" | "cancelled" | "shut";
}

async function scenario(run: Run, kind: Kind): Promise<void> {
  const maxsize = run.int(4);
  const q: Queue<unknown> = kind === "Queue"
    ? new Queue(maxsize)
    : kind === "LifoQueue"
    ? new LifoQueue(maxsize)
    : new PriorityQueue(maxsize) as Queue<unknown>;
  const wrap = (id: number): unknown => kind === "PriorityQueue" ? [run.int(3), id] : id;
  const unwrap = (item: unknown): number =>
    kind === "PriorityQueue" ? (item as [number, number])[1] : item as number;
  let nextId = 0;
  const put = new Set<number>(); // ids in the queue's keeping: put, or putNowait, succeeded
  const cancelledPuts = new Set<number>();
  const got: number[] = [];
  const undone: number[] = []; // got, taskDone() not called yet
  let dropped = 0; // queued when shutdown(immediate) came
  let inTransit = 0; // and getters that might have been handed an item by then
  let shut = false;
  const putters: Waiter[] = [];
  const getters: Waiter[] = [];
  const failures: unknown[] = [];

  const isShutDown = (error: unknown) => error instanceof QueueShutDown;
  const startPut = () => {
    const id = nextId++;
    const w: Waiter = { controller: new AbortController(), state: "waiting" };
    putters.push(w);
    run.trace(`put ${id}`);
    q.put(wrap(id), { signal: w.controller.signal }).then(() => {
      run.trace(`put ${id} done`);
      w.state = "done";
      put.add(id);
    }, (error) => {
      run.trace(`put ${id} rejected ${error.name}`);
      if (error instanceof CancelledError) w.state = "cancelled";
      else if (isShutDown(error)) w.state = "shut";
      else failures.push(error);
      cancelledPuts.add(id);
    });
  };
  const startGet = () => {
    const w: Waiter = { controller: new AbortController(), state: "waiting" };
    getters.push(w);
    run.trace(`get`);
    q.get({ signal: w.controller.signal }).then((item) => {
      run.trace(`got ${unwrap(item)}`);
      w.state = "done";
      got.push(unwrap(item));
      undone.push(unwrap(item));
    }, (error) => {
      if (error instanceof CancelledError) w.state = "cancelled";
      else if (isShutDown(error)) w.state = "shut";
      else failures.push(error);
    });
  };
  const ops = 20 + run.int(50);
  for (let i = 0; i < ops; i++) {
    const op = run.int(100);
    run.trace(`op ${op} qsize=${q.qsize()} full=${q.full()}`);
    if (op < 28) startPut();
    else if (op < 36) {
      const id = nextId++;
      try {
        q.putNowait(wrap(id));
        put.add(id);
      } catch (error) {
        assert.ok(error instanceof QueueFull || isShutDown(error), `putNowait threw ${error}`);
      }
    } else if (op < 60) startGet();
    else if (op < 68) {
      try {
        const id = unwrap(q.getNowait());
        got.push(id);
        undone.push(id);
      } catch (error) {
        assert.ok(error instanceof QueueEmpty || isShutDown(error), `getNowait threw ${error}`);
      }
    } else if (op < 84) {
      const waiting = [...putters, ...getters].filter((w) =>
        w.state === "waiting" && !w.controller.signal.aborted
      );
      if (waiting.length > 0) run.pick(waiting).controller.abort();
    } else if (op < 92) {
      if (undone.length > 0) {
        undone.splice(run.int(undone.length), 1);
        q.taskDone();
      }
    } else if (op < 97) {
      await run.clock.advance(run.int(3) / 10);
    } else if (!shut && run.chance(0.5)) {
      shut = true;
      const immediate = run.chance(0.5);
      if (immediate) {
        dropped = q.qsize();
        inTransit = getters.filter((w) => w.state === "waiting").length;
      }
      run.trace(`shutdown immediate=${immediate} dropping ${q.qsize()}`);
      q.shutdown(immediate);
    }
    assert.ok(maxsize === 0 || q.qsize() <= maxsize, `qsize ${q.qsize()} > maxsize ${maxsize}`);
    if (!run.burst()) await run.step();
  }
  await run.settle();
  assert.deepEqual(failures, []);
  // Nobody waits for what is there.
  const waitingGetters = getters.filter((w) => w.state === "waiting").length;
  const waitingPutters = putters.filter((w) => w.state === "waiting").length;
  if (q.qsize() > 0) assert.equal(waitingGetters, 0, `getters wait beside ${q.qsize()} items`);
  if (!q.full()) {
    assert.equal(waitingPutters, 0, `putters wait with room (qsize ${q.qsize()}/${maxsize})`);
  }
  // Every item put is got once, still queued, or dropped; a cancelled put never got in.
  assert.equal(new Set(got).size, got.length, `an item was got twice: ${got}`);
  for (const id of got) assert.ok(put.has(id), `item ${id} got, but its put did not succeed`);
  for (const id of cancelledPuts) assert.ok(!got.includes(id), `cancelled put ${id} got in`);
  // shutdown(immediate) drops what is queued, and what a getter handed an item gives back
  // after it (cancelled before it resumed).
  const missing = put.size - got.length - q.qsize();
  const counts = `${put.size} put, ${got.length} got, ${q.qsize()} queued, ${missing} missing, ` +
    `${dropped} queued and ${inTransit} in transit at shutdown(immediate)`;
  assert.ok(
    missing >= dropped && missing <= dropped + inTransit,
    `items lost or duplicated: ${counts}`,
  );
  // join() ends once every item is done.
  while (undone.length > 0) {
    undone.pop();
    q.taskDone();
  }
  if (q.qsize() === 0) {
    let joined = false;
    q.join().then(() => (joined = true));
    await run.settle();
    assert.equal(joined, true, "join() waits though every item is done");
  }
  // Drain: abort whoever still waits; all end.
  for (const w of [...putters, ...getters]) w.controller.abort();
  await run.settle();
  const left = [...putters, ...getters].filter((w) => w.state === "waiting").length;
  assert.equal(left, 0, "waiters left after abort");
  assert.equal(run.clock.pending, 0, "leftover timers");
}

fuzz("Queue", 500, (run) => scenario(run, "Queue"));
fuzz("LifoQueue", 400, (run) => scenario(run, "LifoQueue"));
fuzz("PriorityQueue", 500, (run) => scenario(run, "PriorityQueue"));
