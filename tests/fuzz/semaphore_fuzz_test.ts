// Seeded fuzz of Lock, Semaphore and BoundedSemaphore: acquirers arrive (some with a signal
// aborted before they call), hold a permit for a random virtual time or until told to release,
// are aborted while waiting (sometimes in the window between being handed a permit and
// resuming), and extra releases come in. Checked: never more holders than permits, grants in
// arrival order (first come, first served, cancelled acquirers left out), misused releases
// refused, and at the end no lost or duplicated permit, no stuck waiter, no leftover timer.
// Seeds: FUZZ_SEEDS / FUZZ_SEED, see _fuzz.ts.
import assert from "node:assert/strict";
import {
  BoundedSemaphore,
  CancelledError,
  createTask,
  Lock,
  Semaphore,
  type Task,
} from "../../mod.ts";
import { fuzz, nap, type Run } from "./_fuzz.ts";

type Kind = "Lock" | "Semaphore" | "BoundedSemaphore";

interface Acquirer {
  id: number;
  controller: AbortController;
  state: "waiting" | "held" | "released" | "cancelled";
  manual: boolean; // released by an operation, else after a nap
  release?: () => void;
}

async function scenario(run: Run, kind: Kind): Promise<void> {
  const capacity = kind === "Lock" ? 1 : run.int(4);
  const sem = kind === "Lock"
    ? new Lock()
    : kind === "Semaphore"
    ? new Semaphore(capacity)
    : new BoundedSemaphore(capacity);
  let total = capacity; // permits in existence
  let holders = 0;
  const all: Acquirer[] = [];
  const tasks: Task<void>[] = [];
  const granted: number[] = []; // ids, in the order their holders resumed
  const spawn = () => {
    const a: Acquirer = {
      id: all.length,
      controller: new AbortController(),
      state: "waiting",
      manual: run.chance(0.5),
    };
    all.push(a);
    if (run.chance(0.05)) a.controller.abort(); // aborted before it asks
    tasks.push(run.watch(createTask(async () => {
      try {
        await sem.acquire({ signal: a.controller.signal });
      } catch (error) {
        assert.ok(error instanceof CancelledError, `acquire rejected with ${error}`);
        a.state = "cancelled";
        return;
      }
      a.state = "held";
      holders++;
      granted.push(a.id);
      assert.ok(holders <= total, `${holders} holders of ${total} permits`);
      let done!: () => void;
      const released = new Promise<void>((resolve) => (done = resolve));
      a.release = () => {
        a.state = "released";
        holders--;
        sem.release();
        done();
      };
      if (!a.manual) {
        await nap(run);
        a.release();
      }
      await released;
    })));
  };
  const ops = 20 + run.int(40);
  for (let i = 0; i < ops; i++) {
    const op = run.int(100);
    if (op < 40) spawn();
    else if (op < 58) {
      const waiting = all.filter((a) => a.state === "waiting" && !a.controller.signal.aborted);
      if (waiting.length > 0) run.pick(waiting).controller.abort();
    } else if (op < 78) {
      const held = all.filter((a) => a.state === "held" && a.manual);
      if (held.length > 0) run.pick(held).release!();
    } else if (op < 88) {
      await run.clock.advance(run.int(5) / 10);
    } else if (op < 94) {
      if (kind === "Semaphore") {
        sem.release(); // a permit more
        total++;
      } else if (kind === "Lock" && holders === 0) {
        // Free, or handed to a waiter that has not resumed: either way not held.
        assert.throws(() => sem.release(), { name: "InvalidStateError" });
      } else if (
        kind === "BoundedSemaphore" && holders === 0 && all.every((a) => a.state !== "waiting")
      ) {
        assert.throws(() => sem.release(), { name: "RangeError" });
        assert.equal(sem.value, total);
      }
    }
    if (!run.burst()) await run.step();
  }
  // Release every holder (new ones come as permits are handed on) until none is left.
  for (let round = 0; round < 1000; round++) {
    await run.settle();
    const held = all.filter((a) => a.state === "held");
    if (held.length === 0) break;
    for (const a of held) a.release!();
  }
  assert.equal(holders, 0, "holders left");
  assert.equal(sem.value, total, `lost or duplicated permits: value ${sem.value} of ${total}`);
  const stuck = all.filter((a) => a.state === "waiting");
  if (total > 0) assert.equal(stuck.length, 0, `${stuck.length} waiters stuck with free permits`);
  for (const a of stuck) a.controller.abort();
  await run.settle();
  assert.equal(all.filter((a) => a.state === "waiting").length, 0, "waiters left after abort");
  for (const t of tasks) assert.equal(t.done(), true, "a task outlived the run");
  // First come, first served: the holders resumed in arrival order.
  const served = all.filter((a) => a.state === "released").map((a) => a.id);
  assert.deepEqual(granted, served, "grants out of arrival order");
  assert.equal(run.clock.pending, 0, "leftover timers");
}

fuzz("Lock", 250, (run) => scenario(run, "Lock"));
fuzz("Semaphore", 250, (run) => scenario(run, "Semaphore"));
fuzz("BoundedSemaphore", 250, (run) => scenario(run, "BoundedSemaphore"));
