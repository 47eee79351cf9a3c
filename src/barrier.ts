/**
 * `Barrier`: tasks wait until a given number of them have arrived, like `asyncio.Barrier`.
 *
 * @module
 */
import { cancelledError } from "./_abort.ts";
import { signalOf } from "./_options.ts";
import { checkInteger } from "./_validate.ts";
import { Waiters, type WaitHooks } from "./_waiters.ts";
import { BrokenBarrierError } from "./errors.ts";

/**
 * Options for {@linkcode Barrier.wait}.
 *
 * @category Synchronization
 */
export interface BarrierWaitOptions {
  /** Aborting it cancels the wait: it rejects with `CancelledError` and leaves the barrier. */
  signal?: AbortSignal | undefined;
}

type State = "filling" | "draining" | "resetting" | "broken";

/**
 * A barrier for a fixed number of tasks, like `asyncio.Barrier`: each task calls `wait()`,
 * and once `parties` tasks are waiting they are all released together. The barrier can
 * then be used again.
 *
 * As in asyncio, the barrier is *filling* while tasks arrive, then *draining* while the
 * released tasks leave: a task that arrives meanwhile waits for the next round. `reset()`
 * and `abort()` wake the waiting tasks with {@linkcode BrokenBarrierError}. A task whose
 * wait is cancelled while the barrier fills simply leaves it (the count goes down); the
 * barrier is not broken.
 *
 * @example Three tasks meet
 * ```ts
 * import { Barrier, createTask, loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const barrier = new Barrier(3);
 * const passed: number[] = [];
 * const tasks = [1, 2, 3].map((s) =>
 *   createTask(async (signal) => {
 *     await sleep(s, { signal });
 *     await barrier.wait({ signal });
 *     passed.push(loopTime());
 *   })
 * );
 * for (const task of tasks) await task;
 * assert.deepEqual(passed, [3, 3, 3]);
 * ```
 *
 * @category Synchronization
 */
export class Barrier {
  #parties: number;
  #state: State = "filling";
  #count = 0; // tasks inside the barrier: arrived and not yet left
  #arrived = new Waiters<void>(); // tasks waiting for the barrier to fill
  #blocked = new Waiters<void>(); // tasks waiting for the draining or resetting to end
  /** A waiter cancelled before or after the wake-up leaves the barrier. */
  #leaving: WaitHooks<void> = { onCancel: () => this.#exit(), giveBack: () => this.#exit() };

  /**
   * Creates a barrier for `parties` tasks.
   *
   * @param parties How many tasks must wait to release them: an integer >= 1.
   * @throws {TypeError} If `parties` is not a number.
   * @throws {RangeError} If `parties` is not an integer >= 1.
   */
  constructor(parties: number) {
    this.#parties = checkInteger("create Barrier", "parties", parties, 1);
  }

  /** How many tasks must wait to release them. */
  get parties(): number {
    return this.#parties;
  }

  /** How many tasks are waiting for the barrier to fill (0 while draining or broken). */
  get nWaiting(): number {
    return this.#state === "filling" ? this.#count : 0;
  }

  /** Whether the barrier was aborted (until `reset()`). */
  get broken(): boolean {
    return this.#state === "broken";
  }

  /**
   * Waits until `parties` tasks are waiting, then releases them all.
   *
   * @param options `signal`: cancels the wait when aborted. The promise then rejects with
   * `CancelledError` and the task leaves the barrier at once.
   * @returns A promise for the task's arrival index, from 0 (the first to arrive) to
   * `parties - 1` (the one that released the others). It rejects with
   * `BrokenBarrierError` if the barrier is aborted, or is reset or aborted while waiting.
   *
   * @example The last to arrive gets index parties - 1
   * ```ts
   * import { Barrier } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(2);
   * const first = barrier.wait();
   * assert.equal(barrier.nWaiting, 1);
   * assert.deepEqual(await Promise.all([first, barrier.wait()]), [0, 1]);
   * ```
   */
  async wait(options?: BarrierWaitOptions): Promise<number> {
    const signal = signalOf("wait on barrier", options);
    while (this.#state === "draining" || this.#state === "resetting") {
      await this.#blocked.wait(signal);
    }
    if (this.#state === "broken") throw new BrokenBarrierError(this.#broken());
    const index = this.#count++;
    if (index + 1 === this.#parties) {
      this.#state = "draining";
      this.#arrived.wakeAll();
      this.#exit();
      return index;
    }
    if (signal?.aborted) {
      this.#exit();
      throw cancelledError(signal);
    }
    await this.#arrived.wait(signal, this.#leaving);
    const state = this.#state as State; // it changed while we waited: do not narrow
    this.#exit();
    if (state !== "draining") throw new BrokenBarrierError(this.#broken(state));
    return index;
  }

  /**
   * Puts the barrier back to its empty state, like asyncio's `reset()`: the tasks waiting
   * in it reject with `BrokenBarrierError`, and tasks that call `wait()` meanwhile wait
   * until they have all left. Also repairs an aborted barrier.
   *
   * @example Reset a barrier
   * ```ts
   * import { Barrier } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(2);
   * const waiting = barrier.wait();
   * barrier.reset();
   * await assert.rejects(waiting, {
   *   name: "BrokenBarrierError",
   *   message: "Cannot wait: the barrier was reset",
   * });
   * assert.deepEqual(await Promise.all([barrier.wait(), barrier.wait()]), [0, 1]);
   * ```
   */
  reset(): void {
    this.#state = this.#count > 0 ? "resetting" : "filling";
    this.#wakeAll();
  }

  /**
   * Breaks the barrier, like asyncio's `abort()`: the tasks waiting in it, and every later
   * `wait()`, reject with `BrokenBarrierError` until `reset()`.
   *
   * @example Abort a barrier
   * ```ts
   * import { Barrier } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(2);
   * barrier.abort();
   * assert.equal(barrier.broken, true);
   * await assert.rejects(barrier.wait(), { name: "BrokenBarrierError" });
   * ```
   */
  abort(): void {
    this.#state = "broken";
    this.#wakeAll();
  }

  /** A task leaves the barrier; the last one out ends the draining or resetting. */
  #exit(): void {
    if (--this.#count > 0) return;
    if (this.#state === "draining" || this.#state === "resetting") this.#state = "filling";
    this.#wakeAll();
  }

  #wakeAll(): void {
    this.#arrived.wakeAll();
    this.#blocked.wakeAll();
  }

  #broken(state = this.#state): string {
    return `Cannot wait: the barrier was ${state === "broken" ? "aborted" : "reset"}`;
  }
}
