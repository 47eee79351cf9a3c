// Seeded fuzz of Barrier: tasks wait (each with its own signal, some aborted), once or for
// several rounds, with reset() and abort() now and then, for 1 to 4 parties. Checked: every
// wait ends with an index below `parties`, BrokenBarrierError or CancelledError; once idle,
// nWaiting equals the tasks waiting in the barrier and stays below `parties` (no arrival lost
// or counted twice, no full round left unreleased), none waits in a broken barrier; and at the
// end abort() ends every wait and no timer is left. Seeds: FUZZ_SEEDS / FUZZ_SEED, see
// _fuzz.ts.
import assert from "node:assert/strict";
import { Barrier, BrokenBarrierError, CancelledError, createTask, type Task } from "../../mod.ts";
import { fuzz, type Run } from "./_fuzz.ts";

interface Party {
  controller: AbortController;
  state: "waiting" | "passed" | "done";
  rounds: number;
}

async function scenario(run: Run): Promise<void> {
  const parties = 1 + run.int(4);
  const barrier = new Barrier(parties);
  const all: Party[] = [];
  const tasks: Task<void>[] = [];
  let passes = 0;
  let broken = 0;
  const spawn = () => {
    const p: Party = {
      controller: new AbortController(),
      state: "waiting",
      rounds: 1 + run.int(3),
    };
    all.push(p);
    tasks.push(run.watch(createTask(async () => {
      for (let round = 0; round < p.rounds; round++) {
        p.state = "waiting";
        try {
          const index = await barrier.wait({ signal: p.controller.signal });
          assert.ok(Number.isInteger(index) && index >= 0 && index < parties, `index ${index}`);
          passes++;
          p.state = "passed";
        } catch (error) {
          if (error instanceof BrokenBarrierError) broken++;
          else assert.ok(error instanceof CancelledError, `wait() rejected with ${error}`);
          break;
        }
        if (run.chance(0.3)) await null;
      }
      p.state = "done";
    })));
  };
  const ops = 20 + run.int(40);
  for (let i = 0; i < ops; i++) {
    const op = run.int(100);
    if (op < 50) spawn();
    else if (op < 75) {
      const live = all.filter((p) => p.state === "waiting" && !p.controller.signal.aborted);
      if (live.length > 0) run.pick(live).controller.abort();
    } else if (op < 83) barrier.reset();
    else if (op < 87) barrier.abort();
    else if (op < 92) await run.clock.advance(run.int(3) / 10);
    if (!run.burst()) await run.step();
  }
  await run.settle();
  const waiting = all.filter((p) => p.state === "waiting").length;
  if (!barrier.broken) {
    assert.equal(barrier.nWaiting, waiting, "nWaiting differs from the tasks waiting");
    assert.ok(waiting < parties, `${waiting} tasks wait in a barrier of ${parties}`);
  } else {
    assert.equal(waiting, 0, "tasks wait in a broken barrier");
  }
  barrier.abort();
  await run.settle();
  for (const t of tasks) assert.equal(t.done(), true, "a task outlived the run");
  assert.equal(all.filter((p) => p.state === "waiting").length, 0, "waits left after abort()");
  assert.equal(barrier.nWaiting, 0);
  assert.ok(passes + broken <= all.reduce((n, p) => n + p.rounds, 0));
  assert.equal(run.clock.pending, 0, "leftover timers");
}

fuzz("Barrier", 400, scenario);
