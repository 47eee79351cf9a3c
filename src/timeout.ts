/**
 * `timeout`, `timeoutAt` and `Timeout`: a deadline for a piece of async code, like
 * `asyncio.timeout` and `asyncio.timeout_at`.
 *
 * @module
 */
import { abortOwned, cancelledError, onAbort, ownedController } from "./_abort.ts";
import { CancelledError, InvalidStateError, TimeoutError } from "./errors.ts";
import { cancelTimer, now, scheduleAt, type TimerHandle } from "./loop.ts";
import { releaseScope, signalOf } from "./_options.ts";
import { runInNestedScope } from "./_scope.ts";
import { checkFinite, checkTimeout, describe } from "./_validate.ts";

/**
 * Options for {@linkcode timeout}, {@linkcode timeoutAt} and the `Timeout` constructor.
 *
 * @category Cancellation
 */
export interface TimeoutOptions {
  /**
   * An outer cancellation (for example a Task's signal): aborting it aborts the timeout's
   * `signal` too, with the same reason, and `run` lets that cancellation pass through.
   */
  signal?: AbortSignal | undefined;
}

/** The delay given to `timeout(delay)`, for the error message, until a `reschedule`. */
const delays = new WeakMap<Timeout, number>();

function checkWhen(what: string, when: unknown): number | null {
  return checkFinite(what, "when", when, { nullable: true }) ?? null;
}

/**
 * A deadline on the loop, like the object `asyncio.timeout()` returns. It starts when it
 * is created: at the deadline its {@linkcode Timeout.signal} aborts with a
 * `CancelledError`, which cancels every wait the signal was passed to.
 *
 * Run code under it with {@linkcode Timeout.run}: `await timeout(5).run((signal) => …)`.
 * `run` gives the body the signal, waits for it, clears the timer and turns the
 * cancellation caused by the deadline into a `TimeoutError`. JavaScript cannot interrupt
 * arbitrary code: the deadline takes effect only at the waits the body passes `signal` to
 * (this module's `sleep`, locks, queues, `fetch`, …), so pass it to every one of them.
 *
 * Without `run`, use the signal directly and dispose of the timeout when done
 * (`using t = timeout(5)`), which clears its timer. {@linkcode Timeout.expired} then
 * tells whether the deadline passed.
 *
 * A timeout can be run once. It can be moved with {@linkcode Timeout.reschedule} until it
 * expires or is finished.
 *
 * @example Run a body under a deadline
 * ```ts
 * import { loopTime, sleep, timeout, TimeoutError, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install({ autojump: true });
 * const t = timeout(2);
 * await assert.rejects(t.run((signal) => sleep(10, { signal })), TimeoutError);
 * assert.equal(loopTime(), 2);
 * assert.equal(t.expired(), true);
 * assert.equal(clock.pending, 0);
 * ```
 *
 * @example Use the signal directly, with `using`
 * ```ts
 * import { sleep, timeout, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install({ autojump: true });
 * {
 *   using t = timeout(5);
 *   await sleep(1, { signal: t.signal });
 *   assert.equal(t.expired(), false);
 * } // disposed: the timer is gone
 * assert.equal(clock.pending, 0);
 * ```
 *
 * @category Cancellation
 */
export class Timeout implements Disposable {
  #when: number | null;
  #timer: TimerHandle | undefined;
  #controller = ownedController();
  #outer: AbortSignal | undefined;
  #unsubscribe: (() => void) | undefined;
  #state: "active" | "running" | "expired" | "finished" = "active";

  /**
   * Starts a timeout that expires at loop time `when`. Prefer {@linkcode timeout} and
   * {@linkcode timeoutAt}.
   *
   * @param when The deadline in loop seconds (see `loopTime()`), or `null` for none.
   * @param options `signal`: an outer cancellation to follow.
   * @throws {TypeError} If `when` is not a number or `null`, or `signal` not an
   * `AbortSignal`.
   * @throws {RangeError} If `when` is not finite.
   */
  constructor(when: number | null, options: TimeoutOptions = {}) {
    options ??= {}; // JavaScript callers may pass null
    const deadline = checkWhen("set timeout", when);
    const outer = signalOf("set timeout", options);
    if (outer !== undefined) {
      this.#outer = outer;
      const follow = () => {
        this.#unsubscribe = undefined;
        abortOwned(this.#controller, cancelledError(outer));
      };
      if (outer.aborted) follow();
      else this.#unsubscribe = onAbort(outer, follow);
    }
    this.#when = deadline;
    this.#schedule();
  }

  /**
   * The signal to pass to every wait of the body: aborted with a `CancelledError` when the
   * deadline passes, or with the outer signal's cancellation when that one aborts first.
   */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * Returns the deadline, like asyncio's `Timeout.when()`.
   *
   * @returns The deadline in loop seconds, or `null` if there is none.
   */
  when(): number | null {
    return this.#when;
  }

  /**
   * Whether the deadline passed, like asyncio's
   * `Timeout.expired()`.
   *
   * @returns `true` once the deadline has passed.
   */
  expired(): boolean {
    return this.#state === "expired";
  }

  /**
   * Moves the deadline, like asyncio's `Timeout.reschedule()`. A deadline already in the
   * past expires the timeout as soon as the loop runs its timers.
   *
   * @param when The new deadline in loop seconds, or `null` for none.
   * @throws {InvalidStateError} If the timeout already expired or finished.
   * @throws {TypeError} If `when` is not a number or `null`.
   * @throws {RangeError} If `when` is not finite.
   *
   * @example Extend a deadline
   * ```ts
   * import { loopTime, sleep, timeout, VirtualClock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * using _clock = VirtualClock.install({ autojump: true });
   * const t = timeout(1);
   * const result = await t.run(async (signal) => {
   *   await sleep(0.5, { signal });
   *   t.reschedule(loopTime() + 2); // two more seconds from now
   *   assert.equal(t.when(), 2.5);
   *   await sleep(1, { signal });
   *   return "finished in time";
   * });
   * assert.equal(result, "finished in time");
   * assert.equal(loopTime(), 1.5);
   * assert.equal(t.expired(), false);
   * ```
   */
  reschedule(when: number | null): void {
    const what = "reschedule timeout";
    if (this.#state === "expired" || this.#state === "finished") {
      throw new InvalidStateError(`Cannot ${what}: it has already ${this.#state}`);
    }
    this.#when = checkWhen(what, when);
    delays.delete(this);
    this.#clearTimer();
    this.#schedule();
  }

  /**
   * Runs `body(signal)` under the deadline, waits for it and finishes the timeout (its timer
   * is cleared). If the body fails with a `CancelledError` because the deadline passed,
   * `run` rejects with a `TimeoutError` whose `cause` is that `CancelledError`, like leaving
   * `async with asyncio.timeout(…)`. Other errors, and cancellations by the outer signal,
   * pass through unchanged; a body that catches the cancellation and returns normally
   * resolves `run` with its value.
   *
   * @typeParam T The type of the body's result.
   * @param body The code to run; it gets the signal to pass on to its waits.
   * @returns A promise of the body's result.
   * @throws {TypeError} (as a rejection) If `body` is not a function; the timeout is then
   * finished (its timer cleared), as after a run.
   * @throws {InvalidStateError} (as a rejection) If the timeout was already run or disposed.
   *
   * @example Run a fetch-like body with a deadline
   * ```ts
   * import { CancelledError, sleep, timeout, TimeoutError, VirtualClock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * using _clock = VirtualClock.install({ autojump: true });
   * const slowFetch = async (signal: AbortSignal) => (await sleep(3, { signal }), "data");
   * assert.equal(await timeout(5).run(slowFetch), "data");
   * const error = await timeout(1).run(slowFetch).catch((e) => e);
   * assert.ok(error instanceof TimeoutError);
   * assert.equal(error.message, "Timed out after 1 s");
   * assert.ok(error.cause instanceof CancelledError);
   * ```
   */
  async run<T>(body: (signal: AbortSignal) => T | PromiseLike<T>): Promise<T> {
    if (typeof body !== "function") {
      if (this.#state === "active") this[Symbol.dispose](); // no timer left pending
      throw new TypeError(
        `Cannot run timeout: "body" must be a function, received ${describe(body)}`,
      );
    }
    if (this.#state !== "active") {
      throw new InvalidStateError(
        `Cannot run timeout: it has already ${
          this.#state === "running" ? "been entered" : this.#state
        }`,
      );
    }
    this.#state = "running";
    try {
      const signal = this.signal; // the body runs in the timeout's scope
      return await runInNestedScope(signal, () => body(signal));
    } catch (error) {
      if (this.expired() && error instanceof CancelledError && !this.#outer?.aborted) {
        throw new TimeoutError(this.#message(), { cause: error });
      }
      throw error;
    } finally {
      this[Symbol.dispose]();
    }
  }

  /** Finishes the timeout: clears its timer and stops following the outer signal. */
  [Symbol.dispose](): void {
    releaseScope(this.#controller.signal);
    this.#clearTimer();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#state !== "expired") this.#state = "finished";
  }

  /** A short description, such as `Timeout<active when=5>` or `Timeout<expired>`. */
  toString(): string {
    return this.#state === "expired" || this.#state === "finished"
      ? `Timeout<${this.#state}>`
      : `Timeout<active when=${this.#when}>`;
  }

  #schedule(): void {
    const when = this.#when;
    if (when === null) return;
    this.#timer = scheduleAt(when, () => {
      this.#timer = undefined;
      this.#state = "expired";
      this.#unsubscribe?.();
      this.#unsubscribe = undefined;
      // A no-op if the outer signal aborted first: the deadline still counts as passed.
      abortOwned(this.#controller, new CancelledError(`Timeout expired at loop time ${when}`));
    });
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) cancelTimer(this.#timer);
    this.#timer = undefined;
  }

  #message(): string {
    const delay = delays.get(this);
    return delay !== undefined
      ? `Timed out after ${delay} s`
      : `Timed out at loop time ${this.#when}`;
  }
}

/**
 * Starts a {@linkcode Timeout} that expires `delay` seconds from now, like
 * `asyncio.timeout(delay)`; `null` (or nothing) means no deadline, to be set later with
 * `reschedule`. The common use is `await timeout(5).run(async (signal) => …)`: the body
 * passes `signal` to its waits, and `run` rejects with `TimeoutError` if the deadline
 * passes first.
 *
 * @param delay Seconds until the deadline: a finite number >= 0, or `null` for none.
 * @param options `signal`: an outer cancellation to follow (e.g. a Task's signal).
 * @returns The running timeout.
 * @throws {TypeError} If `delay` is not a number or `null`, or `signal` not an
 * `AbortSignal`.
 * @throws {RangeError} If `delay` is negative, `NaN` or infinite.
 *
 * @example Time out a slow operation
 * ```ts
 * import { loopTime, sleep, timeout, TimeoutError, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * await assert.rejects(
 *   timeout(1).run(async (signal) => {
 *     await sleep(60, { signal }); // pass the signal to every wait
 *   }),
 *   { name: "TimeoutError", message: "Timed out after 1 s" },
 * );
 * assert.equal(loopTime(), 1);
 * ```
 *
 * @example Inside a Task: the task's own cancellation passes through
 * ```ts
 * import { createTask, sleep, timeout, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const task = createTask((signal) =>
 *   timeout(10, { signal }).run((inner) => sleep(60, { signal: inner }))
 * );
 * task.cancel("stop");
 * await assert.rejects(task, { name: "CancelledError", message: "stop" });
 * assert.equal(task.cancelled(), true);
 * ```
 *
 * @category Cancellation
 */
export function timeout(delay?: number | null, options?: TimeoutOptions): Timeout {
  const seconds = checkTimeout("set timeout", "delay", delay);
  if (seconds === undefined) return new Timeout(null, options);
  const t = new Timeout(now() + seconds, options);
  delays.set(t, seconds);
  return t;
}

/**
 * Starts a {@linkcode Timeout} that expires at loop time `when` (see `loopTime()`), like
 * `asyncio.timeout_at(when)`; `null` means no deadline. A deadline in the past expires as
 * soon as the loop runs its timers.
 *
 * @param when The deadline in loop seconds, or `null` for none.
 * @param options `signal`: an outer cancellation to follow.
 * @returns The running timeout.
 * @throws {TypeError} If `when` is not a number or `null`, or `signal` not an `AbortSignal`.
 * @throws {RangeError} If `when` is not finite.
 *
 * @example One deadline for several steps
 * ```ts
 * import { loopTime, sleep, timeoutAt, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const deadline = loopTime() + 5;
 * const steps: number[] = [];
 * await assert.rejects(
 *   timeoutAt(deadline).run(async (signal) => {
 *     for (let i = 1; i <= 3; i++) {
 *       await sleep(2, { signal });
 *       steps.push(i);
 *     }
 *   }),
 *   { name: "TimeoutError", message: "Timed out at loop time 5" },
 * );
 * assert.deepEqual(steps, [1, 2]);
 * assert.equal(loopTime(), 5);
 * ```
 *
 * @category Cancellation
 */
export function timeoutAt(when: number | null, options?: TimeoutOptions): Timeout {
  return new Timeout(when, options);
}
