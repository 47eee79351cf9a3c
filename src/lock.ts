/**
 * `Lock`: mutual exclusion between tasks, like `asyncio.Lock`.
 *
 * @module
 */
import { InvalidStateError } from "./errors.ts";
import { isHandingOver, Semaphore } from "./semaphore.ts";

/**
 * A lock, like `asyncio.Lock`: one task at a time holds it; the others wait in line and
 * get it strictly first come, first served (`release()` hands it straight to the task that
 * has waited longest; a new `acquire()` never overtakes them). A waiter whose signal
 * aborts leaves the line at once and the others keep their places.
 *
 * It is a {@linkcode Semaphore} of one permit that refuses to be released while free:
 * `acquire({ signal })` and `hold({ signal })` (for `using`) work the same. As in asyncio,
 * the lock has no owner: any task may release it, and while `release()` hands it to a
 * waiter that has not resumed yet, nobody holds it: `locked()` is `false`, another
 * `release()` throws, and a new `acquire()` still waits behind that waiter.
 *
 * @example Take turns on virtual time
 * ```ts
 * import { createTask, Lock, loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const lock = new Lock();
 * const log: string[] = [];
 * const tasks = ["a", "b", "c"].map((name) =>
 *   createTask(async (signal) => {
 *     using _held = await lock.hold({ signal });
 *     log.push(`${name}@${loopTime()}`);
 *     await sleep(1, { signal });
 *   })
 * );
 * for (const task of tasks) await task;
 * assert.deepEqual(log, ["a@0", "b@1", "c@2"]);
 * assert.equal(lock.locked(), false);
 * ```
 *
 * @category Synchronization
 */
export class Lock extends Semaphore {
  /** Creates a lock, free. */
  constructor() {
    super(1);
  }

  /**
   * Frees the lock: hands it to the task that has waited longest, if any. Releasing a
   * free lock is a state error, not a bad argument, hence `InvalidStateError` (asyncio
   * raises `RuntimeError('Lock is not acquired.')`).
   *
   * @throws {InvalidStateError} If the lock is not held.
   *
   * @example Release a free lock
   * ```ts
   * import { InvalidStateError, Lock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * await lock.acquire();
   * lock.release();
   * assert.throws(() => lock.release(), InvalidStateError);
   * assert.throws(() => lock.release(), { message: "Cannot release: the lock is not acquired" });
   * ```
   */
  override release(): void {
    if (!this.locked()) throw new InvalidStateError("Cannot release: the lock is not acquired");
    super.release();
  }

  /**
   * Whether a task holds the lock, like asyncio's `Lock.locked()`. While the lock is being
   * handed to a waiter that has not resumed yet, nobody holds it: `false` (but a new
   * `acquire()` waits behind that waiter all the same).
   *
   * @returns `true` if the lock is held.
   *
   * @example Held, then free
   * ```ts
   * import { Lock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * await lock.acquire();
   * assert.equal(lock.locked(), true);
   * const next = lock.acquire();
   * lock.release(); // handed to `next`, which has not resumed yet
   * assert.equal(lock.locked(), false);
   * await next;
   * assert.equal(lock.locked(), true);
   * ```
   */
  override locked(): boolean {
    return this.value === 0 && !isHandingOver(this);
  }
}
