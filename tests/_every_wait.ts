import assert from "node:assert/strict";
import {
  asCompleted,
  Barrier,
  Condition,
  Event,
  gather,
  Queue,
  Semaphore,
  shield,
  sleep,
  TaskGroup,
  timeout,
  wait,
  waitFor,
} from "../mod.ts";
import { never } from "./_helpers.ts";

/**
 * Every wait of the module, by name: each call starts one that would wait for ever, with
 * `signal` (or none) passed as its explicit cancellation.
 */
export function everyWait(signal?: AbortSignal): Record<string, () => Promise<unknown>> {
  const o = { signal };
  return {
    sleep: () => sleep(60, o),
    "Semaphore.acquire": () => new Semaphore(0).acquire(o),
    "Semaphore.hold": () => new Semaphore(0).hold(o),
    "Queue.get": () => new Queue().get(o),
    "Queue.put": () => {
      const queue = new Queue<number>(1);
      queue.putNowait(1);
      return queue.put(2, o);
    },
    "Queue.join": () => {
      const queue = new Queue<number>();
      queue.putNowait(1);
      return queue.join(o);
    },
    "Event.wait": () => new Event().wait(o),
    "Condition.wait": async () => {
      const condition = new Condition();
      await condition.acquire();
      try {
        await condition.wait(o);
      } finally {
        assert.equal(condition.locked(), true); // held again, even though cancelled
        condition.release();
      }
    },
    "Barrier.wait": () => new Barrier(2).wait(o),
    gather: () => gather([never()], o),
    wait: () => wait([never()], o),
    asCompleted: async () => {
      for await (const _ of asCompleted([never()], o));
    },
    shield: () => shield(never(), o),
    waitFor: () => waitFor(never(), 100, o),
    "timeout().run": () => timeout(100, o).run(() => sleep(60, o)),
    "TaskGroup.run": () => TaskGroup.run(() => sleep(60, o), o),
  };
}
