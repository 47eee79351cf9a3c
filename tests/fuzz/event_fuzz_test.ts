// Seeded fuzz of Event: waits (each with its own signal, some aborted), set() and clear() in
// random order. Checked: a wait on a set event returns at once, no wait is left pending after
// set() (none lost, none woken twice), woken waits resolve to true in the order they started,
// and at the end every wait ends and no timer is left. Seeds: FUZZ_SEEDS / FUZZ_SEED, see
// _fuzz.ts.
import assert from "node:assert/strict";
import { CancelledError, Event } from "../../mod.ts";
import { fuzz, type Run } from "./_fuzz.ts";

interface Waiter {
  id: number;
  controller: AbortController;
  state: "waiting" | "done" | "cancelled";
  batch?: number; // the set() that wakes it
}

async function scenario(run: Run): Promise<void> {
  const ev = new Event();
  const waiters: Waiter[] = [];
  const woken: number[] = [];
  const failures: unknown[] = [];
  const start = () => {
    const w: Waiter = { id: waiters.length, controller: new AbortController(), state: "waiting" };
    waiters.push(w);
    const wasSet = ev.isSet();
    const waiting = ev.wait({ signal: w.controller.signal });
    let settled = false;
    waiting.then((value) => {
      settled = true;
      if (value !== true) failures.push(new Error(`wait() resolved to ${value}`));
      if (w.state !== "waiting") failures.push(new Error(`waiter ${w.id} settled twice`));
      w.state = "done";
      woken.push(w.id);
    }, (error) => {
      settled = true;
      if (!(error instanceof CancelledError)) failures.push(error);
      w.state = "cancelled";
    });
    if (wasSet) {
      // Returns at once: resolved before anything else can run.
      Promise.resolve().then(() => {
        if (!settled) failures.push(new Error(`wait ${w.id} on a set event did not return`));
      });
    }
  };
  let batches = 0;
  const set = () => {
    if (!ev.isSet()) {
      const batch = batches++;
      for (const w of waiters) {
        if (w.state === "waiting" && w.batch === undefined && !w.controller.signal.aborted) {
          w.batch = batch;
        }
      }
    }
    ev.set();
  };
  const ops = 20 + run.int(50);
  for (let i = 0; i < ops; i++) {
    const op = run.int(100);
    if (op < 40) start();
    else if (op < 55) set();
    else if (op < 70) ev.clear();
    else if (op < 92) {
      const live = waiters.filter((w) => w.state === "waiting" && !w.controller.signal.aborted);
      if (live.length > 0) run.pick(live).controller.abort();
    } else await run.clock.advance(run.int(3) / 10);
    if (!run.burst()) await run.step();
  }
  await run.settle();
  assert.deepEqual(failures, []);
  const waiting = waiters.filter((w) => w.state === "waiting").length;
  if (ev.isSet()) assert.equal(waiting, 0, `${waiting} waits pending on a set event`);
  set();
  await run.settle();
  assert.deepEqual(failures, []);
  assert.equal(waiters.filter((w) => w.state === "waiting").length, 0, "waits left pending");
  // Each set() wakes its waiters in the order they started (a wait on a set event returns at
  // once, so it may come before them).
  for (let b = 0; b < batches; b++) {
    const batch = woken.filter((id) => waiters[id]!.batch === b);
    assert.deepEqual(batch, [...batch].sort((x, y) => x - y), `set() #${b} woke out of order`);
  }
  assert.equal(run.clock.pending, 0, "leftover timers");
}

fuzz("Event", 800, scenario);
