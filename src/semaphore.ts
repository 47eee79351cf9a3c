/**
 * `Semaphore` and `BoundedSemaphore`: a counter of permits that tasks take and give back,
 * like `asyncio.Semaphore` and `asyncio.BoundedSemaphore`.
 *
 * @module
 */
import { cancelledError } from "./_abort.ts";
import { signalOf } from "./_options.ts";
import { checkInteger } from "./_validate.ts";
import { Waiters, type WaitHooks } from "./_waiters.ts";

let handingOver: (sem: Semaphore) => boolean;

/**
 * Options for {@linkcode Semaphore.acquire} and {@linkcode Semaphore.hold}.
 *
 * @category Synchronization
 */
export interface AcquireOptions {
  /**
   * Aborting it cancels the wait: the promise rejects with `CancelledError` and the waiter
   * leaves the line at once (the others keep their places).
   */
  signal?: AbortSignal | undefined;
}

/** A permit of {@linkcode Semaphore.hold}: disposing of it releases the semaphore, once. */
class Permit implements Disposable {
  #semaphore: { release(): void } | undefined;
  constructor(semaphore: { release(): void }) {
    this.#semaphore = semaphore;
  }
  [Symbol.dispose](): void {
    const semaphore = this.#semaphore;
    this.#semaphore = undefined;
    semaphore?.release();
  }
}

/**
 * A semaphore, like `asyncio.Semaphore`: it holds `value` permits; `acquire()` takes one,
 * waiting while there is none, and `release()` gives one back. Use it to bound how many
 * tasks do something at the same time.
 *
 * **Fair.** Waiting tasks get permits strictly first come, first served: `release()` hands
 * its permit straight to the task that has waited longest, and a new `acquire()` never
 * overtakes the tasks already waiting. A waiter whose signal aborts leaves the line at
 * once; the others keep their places. A waiter handed a permit whose signal aborts before
 * it resumes passes the permit on and rejects, as in asyncio.
 *
 * `release()` may be called more times than `acquire()`, which raises the count; use
 * {@linkcode BoundedSemaphore} to catch that mistake.
 *
 * @example At most two tasks at a time
 * ```ts
 * import { createTask, loopTime, Semaphore, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const sem = new Semaphore(2);
 * const log: string[] = [];
 * const tasks = ["a", "b", "c"].map((name) =>
 *   createTask(async (signal) => {
 *     using _permit = await sem.hold({ signal });
 *     log.push(`${name}@${loopTime()}`);
 *     await sleep(1, { signal });
 *   })
 * );
 * for (const task of tasks) await task;
 * assert.deepEqual(log, ["a@0", "b@0", "c@1"]);
 * assert.equal(sem.value, 2);
 * ```
 *
 * @category Synchronization
 */
export class Semaphore {
  #value: number;
  #waiters = new Waiters<true>();
  /** What a cancelled or resumed waiter does: made once, not once per wait. */
  #hooks: WaitHooks<true> = {
    onCancel: () => this.#wakeWhileFree(),
    giveBack: () => { // handed a permit, but cancelled before resuming: pass it on
      this.#value++;
      this.#wakeWhileFree();
    },
    onResume: () => { // as asyncio: permits released meanwhile go on
      this.#wakeWhileFree();
      return true;
    },
  };
  /** The same for `hold()`, whose waiters resume with a permit: no second promise. */
  #holdHooks: WaitHooks<true, Disposable> = {
    ...this.#hooks,
    onResume: () => {
      this.#wakeWhileFree();
      return new Permit(this);
    },
  };

  /**
   * Creates a semaphore with `value` permits.
   *
   * @param value How many permits there are at first: an integer >= 0 (default 1).
   * @throws {TypeError} If `value` is not a number.
   * @throws {RangeError} If `value` is not an integer >= 0.
   */
  constructor(value = 1) {
    this.#value = checkInteger(`create ${new.target.name}`, "value", value, 0);
  }

  /**
   * The count of permits, like asyncio's `_value`: 0 while tasks hold them all. It can be
   * above 0 while tasks wait, for permits released after a waiter was woken and before it
   * resumed: those go to the next waiters when it resumes, as in asyncio.
   */
  get value(): number {
    return this.#value;
  }

  /**
   * Whether `acquire()` would have to wait, like asyncio's `locked()`: no permit is free,
   * or tasks wait in line, or a task was handed a permit and has not resumed yet (new
   * `acquire()` calls queue behind it).
   *
   * @returns `true` if `acquire()` would wait.
   *
   * @example A semaphore of one permit
   * ```ts
   * import { Semaphore } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const sem = new Semaphore(1);
   * assert.equal(sem.locked(), false);
   * await sem.acquire();
   * assert.equal(sem.locked(), true);
   * sem.release();
   * assert.equal(sem.locked(), false);
   * ```
   */
  locked(): boolean {
    return this.#busy();
  }

  /**
   * Takes a permit, waiting in line while there is none. A free permit is taken at once
   * (synchronously: `locked()` tells right after the call). Pair it with `release()` in a
   * `try`/`finally`, or use {@linkcode Semaphore.hold} with `using`.
   *
   * Bad input is reported as a rejected promise: `TypeError` if `signal` is not an
   * `AbortSignal`.
   *
   * @param options `signal`: cancels the wait when aborted; the promise then rejects with
   * `CancelledError` and the waiter leaves the line at once. A free permit is taken even
   * when the signal is already aborted, as in asyncio (taking it does not wait, so there is
   * nothing to cancel); with none free, an aborted signal rejects at once.
   * @returns A promise that resolves to `true` once the permit is held, as in asyncio.
   *
   * @example Give up waiting
   * ```ts
   * import { Semaphore } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const sem = new Semaphore(0);
   * const controller = new AbortController();
   * const waiting = sem.acquire({ signal: controller.signal });
   * controller.abort();
   * await assert.rejects(waiting, { name: "CancelledError" });
   * assert.equal(sem.value, 0);
   * ```
   */
  acquire(options?: AcquireOptions): Promise<true> {
    return this.#take(options, this.#hooks);
  }

  /**
   * Takes a permit, at once or in line; `hooks.onResume` makes what the promise gives (with
   * nobody in line, its wake-up of the next waiters finds none).
   */
  #take<R>(options: AcquireOptions | undefined, hooks: WaitHooks<true, R>) {
    let signal: AbortSignal | undefined;
    try {
      signal = signalOf("acquire", options);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!this.#busy()) {
      this.#value--;
      return Promise.resolve(hooks.onResume!(true));
    }
    if (signal?.aborted) return Promise.reject(cancelledError(signal));
    return this.#waiters.wait(signal, hooks);
  }

  /**
   * Gives a permit back: to the task that has waited longest and was not woken yet, if
   * any, else to the count.
   *
   * @example Release wakes the first waiter
   * ```ts
   * import { Semaphore } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const sem = new Semaphore(0);
   * const waiting = sem.acquire();
   * sem.release();
   * assert.equal(await waiting, true);
   * assert.equal(sem.value, 0);
   * ```
   */
  release(): void {
    this.#value++;
    this.#wakeNext();
  }

  /**
   * Takes a permit like {@linkcode Semaphore.acquire} and returns a `Disposable` that gives
   * it back, for `using _permit = await sem.hold()` (asyncio's `async with sem:`). The
   * permit is given back once, however many times it is disposed.
   *
   * @param options `signal`: cancels the wait when aborted, as for `acquire()`.
   * @returns A promise of the held permit; disposing it calls `release()`.
   *
   * @example Hold a permit for the rest of a block
   * ```ts
   * import { Semaphore } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const sem = new Semaphore(1);
   * {
   *   using _permit = await sem.hold();
   *   assert.equal(sem.locked(), true);
   * }
   * assert.equal(sem.locked(), false);
   * ```
   */
  hold(options?: AcquireOptions): Promise<Disposable> {
    return this.#take(options, this.#holdHooks);
  }

  /**
   * Whether `acquire()` must wait: no permit, or tasks in line, or tasks handed a permit
   * that have not resumed yet (asyncio keeps them in its line until they do).
   */
  #busy(): boolean {
    return this.#value === 0 || this.#waiters.size > 0 || this.#waiters.woken > 0;
  }

  /** Hands a permit to the first waiter, if any. */
  #wakeNext(): boolean {
    if (!this.#waiters.wakeOne(true)) return false;
    this.#value--;
    return true;
  }

  #wakeWhileFree(): void {
    while (this.#value > 0 && this.#wakeNext());
  }

  static {
    handingOver = (sem) => sem.#waiters.woken > 0;
  }
}

/**
 * Whether `sem` has handed permits to waiters that have not resumed yet (for `Lock`).
 *
 * @internal
 */
export function isHandingOver(sem: Semaphore): boolean {
  return handingOver(sem);
}

/**
 * A semaphore that refuses to be released more times than it was acquired, like
 * `asyncio.BoundedSemaphore`: `release()` throws a `RangeError` if it would raise the
 * count above the initial value.
 *
 * @example Catch a release too many
 * ```ts
 * import { BoundedSemaphore } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const sem = new BoundedSemaphore(2);
 * await sem.acquire();
 * sem.release();
 * assert.throws(() => sem.release(), {
 *   name: "RangeError",
 *   message: "Cannot release: release() was called more times than acquire() (initial value 2)",
 * });
 * assert.equal(sem.value, 2);
 * ```
 *
 * @category Synchronization
 */
export class BoundedSemaphore extends Semaphore {
  #bound: number;

  /**
   * Creates a bounded semaphore with `value` permits, which is also the most it can hold.
   *
   * @param value How many permits there are: an integer >= 0 (default 1).
   * @throws {TypeError} If `value` is not a number.
   * @throws {RangeError} If `value` is not an integer >= 0.
   */
  constructor(value = 1) {
    super(value);
    this.#bound = value;
  }

  /**
   * Gives a permit back, like {@linkcode Semaphore.release}.
   *
   * @throws {RangeError} If every permit is already free.
   */
  override release(): void {
    if (this.value >= this.#bound) {
      throw new RangeError(
        `Cannot release: release() was called more times than acquire() (initial value ${this.#bound})`,
      );
    }
    super.release();
  }
}
