/**
 * `Condition`: wait until notified, holding a lock around the check, like
 * `asyncio.Condition`.
 *
 * @module
 */
import { cancelledError } from "./_abort.ts";
import { signalOf } from "./_options.ts";
import { runUncancellable } from "./_scope.ts";
import { checkInteger, describe } from "./_validate.ts";
import { Waiters } from "./_waiters.ts";
import { InvalidStateError } from "./errors.ts";
import { Lock } from "./lock.ts";

/**
 * What a {@linkcode Condition} needs of its lock; {@linkcode Lock} is one.
 *
 * @category Synchronization
 */
export interface ConditionLock {
  /** Waits until the lock is free and takes it; aborting `signal` cancels the wait. */
  acquire(options?: { signal?: AbortSignal | undefined }): Promise<unknown>;
  /** Frees the lock. */
  release(): void;
  /** Whether the lock is taken. */
  locked(): boolean;
}

/**
 * Options for {@linkcode Condition.wait} and {@linkcode Condition.waitFor}.
 *
 * @category Synchronization
 */
export interface ConditionWaitOptions {
  /**
   * Aborting it cancels the wait: the task leaves the line at once, takes the lock back,
   * then the promise rejects with `CancelledError`.
   */
  signal?: AbortSignal | undefined;
}

/**
 * A condition variable, like `asyncio.Condition`: tasks holding its lock `wait()` for a
 * change, which another task holding the lock announces with `notify()` or `notifyAll()`.
 * `wait()` frees the lock while it waits and takes it back before it returns, even when it
 * is cancelled, so the caller can always `release()` after it (use `try`/`finally`).
 *
 * Woken tasks take the lock back in the order they were notified, and notified tasks are
 * the ones that have waited longest.
 *
 * @example A consumer waits for an item
 * ```ts
 * import { Condition, createTask, loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const condition = new Condition();
 * const items: string[] = [];
 * const consumer = createTask(async (signal) => {
 *   await condition.acquire({ signal });
 *   try {
 *     await condition.waitFor(() => items.length > 0, { signal });
 *     return `${items.shift()} at ${loopTime()}`;
 *   } finally {
 *     condition.release();
 *   }
 * });
 * await sleep(2);
 * await condition.acquire();
 * items.push("bread");
 * condition.notify();
 * condition.release();
 * assert.equal(await consumer, "bread at 2");
 * ```
 *
 * @category Synchronization
 */
export class Condition {
  #lock: ConditionLock;
  #waiters = new Waiters<void>();

  /**
   * Creates a condition variable.
   *
   * @param lock The lock to use (default: a new {@linkcode Lock}); conditions can share
   * one.
   * @throws {TypeError} If `lock` lacks `acquire`, `release` or `locked`.
   */
  constructor(lock?: ConditionLock) {
    if (
      lock !== undefined && (typeof lock?.acquire !== "function" ||
        typeof lock.release !== "function" || typeof lock.locked !== "function")
    ) {
      throw new TypeError(
        `Cannot create Condition: "lock" must have acquire(), release() and locked(), received ${
          describe(lock)
        }`,
      );
    }
    this.#lock = lock ?? new Lock();
  }

  /**
   * Takes the lock, waiting while another task holds it.
   *
   * @param options `signal`: cancels the wait when aborted (it rejects with
   * `CancelledError`).
   * @returns A promise that resolves to `true` once the lock is held, as in asyncio.
   */
  async acquire(options?: ConditionWaitOptions): Promise<true> {
    await this.#lock.acquire(options);
    return true;
  }

  /** Frees the lock. */
  release(): void {
    this.#lock.release();
  }

  /**
   * Whether the lock is held.
   *
   * @returns `true` if some task holds the lock.
   */
  locked(): boolean {
    return this.#lock.locked();
  }

  /**
   * Frees the lock, waits until notified, then takes the lock back, like asyncio's
   * `Condition.wait()`. The lock must be held.
   *
   * If the wait is cancelled, the task still takes the lock back before the promise
   * rejects with `CancelledError`; a task cancelled after it was notified passes the
   * notification on to the next waiting task, so that none is lost.
   *
   * @param options `signal`: cancels the wait when aborted.
   * @returns A promise that resolves to `true` once notified and holding the lock again.
   * @throws {InvalidStateError} (as a rejection) If the lock is not held.
   *
   * @example Wait for a notification
   * ```ts
   * import { Condition } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * await condition.acquire();
   * const waiting = condition.wait();
   * assert.equal(condition.locked(), false);
   * await condition.acquire();
   * condition.notify();
   * condition.release();
   * assert.equal(await waiting, true);
   * assert.equal(condition.locked(), true);
   * condition.release();
   * ```
   */
  async wait(options?: ConditionWaitOptions): Promise<true> {
    const signal = signalOf("wait on condition", options);
    this.#checkLocked("wait");
    this.#lock.release();
    let handedBack = false; // notified, then cancelled before resuming
    const notified = await this.#waiters.wait(signal, { giveBack: () => (handedBack = true) })
      .then(() => true, () => false);
    // Even when cancelled, and whatever the scope: the caller must hold the lock again.
    await runUncancellable(() => this.#lock.acquire());
    if (signal?.aborted) {
      // As asyncio, once the lock is held again: pass on a notification we may have had.
      if (notified || handedBack) this.#notify(1);
      throw cancelledError(signal);
    }
    return true;
  }

  /**
   * Waits until `predicate()` returns a truthy value, like asyncio's `wait_for()`: checks
   * it, and while it is falsy waits for a notification and checks again. The lock must be
   * held (whenever it has to wait).
   *
   * @typeParam T What the predicate returns.
   * @param predicate The check, called with the lock held.
   * @param options `signal`: cancels the wait when aborted.
   * @returns A promise for the last (truthy) result of `predicate`.
   *
   * @example Wait for a counter
   * ```ts
   * import { Condition, createTask } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * let count = 0;
   * const watcher = createTask(async () => {
   *   await condition.acquire();
   *   try {
   *     return await condition.waitFor(() => count >= 3 && count);
   *   } finally {
   *     condition.release();
   *   }
   * });
   * for (let i = 0; i < 3; i++) {
   *   await condition.acquire();
   *   count++;
   *   condition.notifyAll();
   *   condition.release();
   * }
   * assert.equal(await watcher, 3);
   * ```
   */
  async waitFor<T>(predicate: () => T, options?: ConditionWaitOptions): Promise<T> {
    if (typeof predicate !== "function") {
      throw new TypeError(
        `Cannot wait on condition: "predicate" must be a function, received ${describe(predicate)}`,
      );
    }
    let result = predicate();
    while (!result) {
      await this.wait(options);
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiting tasks, those that have waited longest. The lock must be held;
   * the woken tasks take it back once it is released.
   *
   * @param n How many tasks to wake: an integer >= 0 (default 1).
   * @throws {InvalidStateError} If the lock is not held.
   * @throws {TypeError} If `n` is not a number.
   * @throws {RangeError} If `n` is not an integer >= 0.
   */
  notify(n = 1): void {
    checkInteger("notify", "n", n, 0);
    this.#checkLocked("notify");
    this.#notify(n);
  }

  /**
   * Wakes every waiting task. The lock must be held.
   *
   * @throws {InvalidStateError} If the lock is not held.
   */
  notifyAll(): void {
    this.#checkLocked("notify");
    this.#notify(this.#waiters.size);
  }

  #notify(n: number): void {
    for (let i = 0; i < n && this.#waiters.wakeOne(); i++);
  }

  #checkLocked(what: string): void {
    if (!this.#lock.locked()) {
      throw new InvalidStateError(`Cannot ${what}: the condition's lock is not acquired`);
    }
  }
}
