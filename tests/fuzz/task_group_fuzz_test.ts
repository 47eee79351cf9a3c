// Seeded fuzz of TaskGroup: a body starts tasks that sleep, then return, fail, start more
// tasks or cancel the group; the body may fail too; the group's signal may abort at a random
// time. Checked: run() settles only once every task of the group is done; it rejects with a
// TaskGroupError holding exactly the errors thrown (each once), else with the signal's
// CancelledError if it aborted, else resolves; the group refuses new tasks once shutting down;
// no timer is left. Seeds: FUZZ_SEEDS / FUZZ_SEED, see _fuzz.ts.
import assert from "node:assert/strict";
import { CancelledError, sleep, type Task, TaskGroup, TaskGroupError } from "../../mod.ts";
import { fuzz, type Run } from "./_fuzz.ts";

async function scenario(run: Run): Promise<void> {
  const thrown: Error[] = [];
  const tasks: Pick<Task<unknown>, "done">[] = [];
  const outer = new AbortController();
  const abortAt = run.chance(0.3) ? run.int(20) / 10 : undefined;
  const pause = () => (run.chance(0.2) ? 0 : (1 + run.int(10)) / 10);
  const start = (tg: TaskGroup, depth: number) => {
    try {
      tasks.push(tg.createTask(async (signal) => {
        await sleep(pause(), { signal });
        const r = run.int(10);
        if (r < 2) {
          const error = new Error(`task ${tasks.length} at depth ${depth}`);
          thrown.push(error);
          throw error;
        }
        if (r < 5 && depth < 3) { for (let i = 1 + run.int(2); i > 0; i--) start(tg, depth + 1); }
        else if (r === 5 && run.chance(0.3)) tg.cancel();
        return r;
      }));
    } catch (error) {
      assert.equal((error as Error).name, "InvalidStateError", `createTask threw ${error}`);
      assert.ok(tg.signal.aborted, "refused a task while not shutting down");
    }
  };
  let groupSignal: AbortSignal | undefined;
  let bodyReturned = false;
  const running = TaskGroup.run(async (tg) => {
    groupSignal = tg.signal;
    for (let i = 1 + run.int(3); i > 0; i--) start(tg, 0);
    if (run.chance(0.5)) await sleep(pause(), { signal: tg.signal });
    if (run.chance(0.15)) {
      const error = new Error("body");
      thrown.push(error);
      throw error;
    }
    bodyReturned = true;
    return "body";
  }, { signal: outer.signal });
  let outcome: { value: unknown } | { error: unknown } | undefined;
  running.then((value) => (outcome = { value }), (error) => (outcome = { error }));
  if (abortAt !== undefined) {
    sleep(abortAt).then(() => outer.abort(new CancelledError("outer")));
  }
  await run.settle();
  assert.ok(outcome !== undefined, "run() never settled");
  for (const t of tasks) assert.equal(t.done(), true, "a task outlived its group");
  if (thrown.length > 0) {
    assert.ok("error" in outcome, "run() resolved despite errors");
    const error = outcome.error;
    assert.ok(error instanceof TaskGroupError, `rejected with ${error}`);
    assert.equal(error.errors.length, thrown.length, "errors lost or repeated");
    assert.deepEqual(new Set(error.errors), new Set(thrown));
  } else if (
    abortAt !== undefined && outer.signal.aborted && groupSignal?.reason === outer.signal.reason
  ) {
    assert.ok("error" in outcome, "run() resolved though its signal aborted it");
    assert.equal((outcome.error as Error).message, "outer");
  } else if ("error" in outcome) {
    // Only the outer signal may cancel run() without errors.
    assert.ok(outcome.error instanceof CancelledError, `rejected with ${outcome.error}`);
    assert.ok(outer.signal.aborted, "cancelled without its signal aborting");
  } else {
    // The body's value, or undefined when tg.cancel() cancelled the body's own wait.
    assert.equal(outcome.value, bodyReturned ? "body" : undefined);
  }
  assert.equal(run.clock.pending, 0, "leftover timers");
}

fuzz("TaskGroup", 2000, scenario);
