// Seeded fuzz of Condition: consumers take the lock and waitFor() an item, producers add items
// and notify() as many (or notifyAll()), and consumers are aborted while they wait, while they
// take the lock back, or between being notified and resuming. Checked: a consumer holds the
// lock whenever wait() returns or throws, no item is taken twice, no wakeup is lost (no
// consumer waits while items are there), and at the end every consumer ends, the lock is
// free, no leftover timer. Seeds: FUZZ_SEEDS / FUZZ_SEED, see _fuzz.ts.
import assert from "node:assert/strict";
import { CancelledError, Condition, createTask, type Task } from "../../mod.ts";
import { fuzz, nap, type Run } from "./_fuzz.ts";

interface Consumer {
  controller: AbortController;
  state: "locking" | "waiting" | "done" | "cancelled";
}

async function scenario(run: Run): Promise<void> {
  const cond = new Condition();
  const store = { items: 0, produced: 0, consumed: 0 };
  const consumers: Consumer[] = [];
  const tasks: Task<void>[] = [];
  const consume = () => {
    const c: Consumer = { controller: new AbortController(), state: "locking" };
    consumers.push(c);
    const signal = c.controller.signal;
    tasks.push(run.watch(createTask(async () => {
      try {
        await cond.acquire({ signal });
      } catch (error) {
        assert.ok(error instanceof CancelledError, `acquire rejected with ${error}`);
        c.state = "cancelled";
        return;
      }
      try {
        c.state = "waiting";
        await cond.waitFor(() => store.items > 0, { signal });
        assert.ok(cond.locked(), "waitFor() returned without the lock");
        assert.ok(store.items > 0, "waitFor() returned on a false predicate");
        store.items--;
        store.consumed++;
        c.state = "done";
      } catch (error) {
        assert.ok(error instanceof CancelledError, `waitFor rejected with ${error}`);
        assert.ok(cond.locked(), "a cancelled wait() did not take the lock back");
        c.state = "cancelled";
      } finally {
        cond.release();
      }
    })));
  };
  const produce = (n: number, all: boolean) =>
    tasks.push(run.watch(createTask(async () => {
      await cond.acquire();
      try {
        store.items += n;
        store.produced += n;
        if (all) cond.notifyAll();
        else cond.notify(n);
      } finally {
        cond.release();
      }
      if (run.chance(0.2)) await nap(run);
    })));
  const ops = 20 + run.int(40);
  for (let i = 0; i < ops; i++) {
    const op = run.int(100);
    if (op < 40) consume();
    else if (op < 65) produce(1 + run.int(2), run.chance(0.2));
    else if (op < 90) {
      const live = consumers.filter((c) =>
        (c.state === "locking" || c.state === "waiting") && !c.controller.signal.aborted
      );
      if (live.length > 0) run.pick(live).controller.abort();
    } else if (op < 96) await run.clock.advance(run.int(3) / 10);
    if (!run.burst()) await run.step();
  }
  await run.settle();
  const waiting = consumers.filter((c) => c.state === "waiting").length;
  if (store.items > 0) {
    assert.equal(waiting, 0, `${waiting} consumers wait beside ${store.items} items`);
  }
  assert.equal(consumers.filter((c) => c.state === "locking").length, 0, "stuck on the lock");
  // Feed every waiting consumer; all end.
  if (waiting > 0) produce(waiting, false);
  await run.settle();
  for (const t of tasks) assert.equal(t.done(), true, "a task outlived the run");
  assert.equal(consumers.filter((c) => c.state === "waiting").length, 0, "consumers left waiting");
  assert.equal(store.consumed + store.items, store.produced, "items lost or taken twice");
  assert.equal(store.consumed, consumers.filter((c) => c.state === "done").length);
  assert.equal(cond.locked(), false, "the lock is still held");
  assert.equal(run.clock.pending, 0, "leftover timers");
}

fuzz("Condition", 600, scenario);
