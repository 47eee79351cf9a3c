/**
 * `wait`: wait until some or all of many awaitables are done, like `asyncio.wait`.
 *
 * @module
 */
import { cancelledError, onAbort } from "./_abort.ts";
import { checkAwaitables, whenSettled } from "./_awaitables.ts";
import { hop } from "./_hop.ts";
import { CancelledError } from "./errors.ts";
import { cancelTimer, now, scheduleAt, type TimerHandle } from "./loop.ts";
import { Task } from "./task.ts";
import { signalOf } from "./_options.ts";
import { checkTimeout, describe } from "./_validate.ts";

/**
 * When {@linkcode wait} returns, as asyncio's `FIRST_COMPLETED`, … constants.
 *
 * @category Core
 */
export type ReturnWhen = "FIRST_COMPLETED" | "FIRST_EXCEPTION" | "ALL_COMPLETED";

/**
 * Options for {@linkcode wait}.
 *
 * @category Core
 */
export interface WaitOptions {
  /**
   * `"ALL_COMPLETED"` (default): when all are done; `"FIRST_COMPLETED"`: when any is done;
   * `"FIRST_EXCEPTION"`: when any fails (a cancellation does not count), else when all are
   * done.
   */
  returnWhen?: ReturnWhen | undefined;
  /** Seconds after which `wait` returns whatever is done (`null` or absent: no limit). */
  timeout?: number | null | undefined;
  /** Aborting it rejects the wait with `CancelledError`; the awaitables are not cancelled. */
  signal?: AbortSignal | undefined;
}

/**
 * The outcome of {@linkcode wait}: the original awaitables, split by whether they are done.
 *
 * @category Core
 */
export interface WaitResult<T> {
  /** The awaitables that are done (fulfilled, rejected or cancelled), in input order. */
  done: Set<T>;
  /** The awaitables still pending, in input order. */
  pending: Set<T>;
}

const RETURN_WHEN: readonly unknown[] = ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"];

/**
 * Waits until the awaitables of `aws` are done as `returnWhen` asks, or until `timeout`
 * seconds have passed, then resolves with `{ done, pending }`: the original awaitables split
 * in two sets, like `asyncio.wait`. It cancels nothing and never rejects because of the
 * awaitables (nor on timeout): await those in `done` to get their values or errors, and
 * pass `pending` to another `wait` to go on.
 *
 * `done` holds every awaitable seen settled by the time `wait` resolves: those completing
 * in the same instant as the one that triggered it (or as the timeout) are included, and a
 * {@linkcode Task} counts as soon as `task.done()` is true. `wait` resolves once the promise
 * jobs of that instant have run, so a Task whose sleep ends with the timeout is in `done`
 * however many awaits it still runs.
 *
 * A failure that happens while the wait is on counts as handled: it is in `done`, for the
 * caller to inspect. A Task in `pending` that fails after the wait returned, and that nobody
 * awaits, is reported as an unhandled rejection, never silently lost. Aborting
 * `signal` rejects the wait with `CancelledError` at once and removes its timer. Bad input
 * is reported as a rejected promise: `TypeError` if `aws` is not an iterable of promises or
 * Tasks or `signal` not an `AbortSignal`; `RangeError` if `aws` is empty (asyncio's
 * `ValueError`) or `returnWhen` is not one of the three values; `TypeError`/`RangeError`
 * for a `timeout` that is not a finite number >= 0 or `null`.
 *
 * @typeParam T The type of the awaitables.
 * @param aws The promises or Tasks (any non-empty iterable, e.g. the `pending` of a
 * previous `wait`).
 * @param options `returnWhen` (default `"ALL_COMPLETED"`), `timeout` (seconds), `signal`.
 * @returns A promise of `{ done, pending }`.
 *
 * @example Handle tasks as they complete
 * ```ts
 * import { createTask, loopTime, sleep, VirtualClock, wait } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const after = (s: number) => createTask(async (signal) => (await sleep(s, { signal }), s));
 * let pending = new Set([after(2), after(1)]);
 * const seen: number[] = [];
 * while (pending.size > 0) {
 *   const result = await wait(pending, { returnWhen: "FIRST_COMPLETED" });
 *   for (const task of result.done) seen.push(await task, loopTime());
 *   pending = result.pending;
 * }
 * assert.deepEqual(seen, [1, 1, 2, 2]);
 * ```
 *
 * @example Give up waiting after a timeout
 * ```ts
 * import { createTask, sleep, VirtualClock, wait } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install({ autojump: true });
 * const fast = createTask((signal) => sleep(1, { signal }));
 * const slow = createTask((signal) => sleep(10, { signal }));
 * const { done, pending } = await wait([fast, slow], { timeout: 5 });
 * assert.deepEqual([...done], [fast]);
 * assert.deepEqual([...pending], [slow]);
 * slow.cancel(); // wait cancels nothing
 * await clock.advance(0);
 * assert.equal(clock.pending, 0);
 * ```
 *
 * @category Core
 */
export function wait<T extends PromiseLike<unknown>>(
  aws: Iterable<T>,
  options: WaitOptions = {},
): Promise<WaitResult<T>> {
  options ??= {}; // JavaScript callers may pass null
  const what = "wait";
  let todo: T[], timeout: number | undefined, signal: AbortSignal | undefined;
  const returnWhen = options.returnWhen ?? "ALL_COMPLETED";
  try {
    todo = checkAwaitables(what, aws);
    if (todo.length === 0) {
      throw new RangeError(
        `Cannot wait: "aws" must hold at least one promise or Task, received an empty ${
          Array.isArray(aws) ? "array" : "iterable"
        }`,
      );
    }
    if (!RETURN_WHEN.includes(returnWhen)) {
      throw new RangeError(
        `Cannot wait: "returnWhen" must be "FIRST_COMPLETED", "FIRST_EXCEPTION" or "ALL_COMPLETED", received ${
          describe(returnWhen)
        }`,
      );
    }
    timeout = checkTimeout(what, "timeout", options.timeout);
    signal = signalOf(what, options);
  } catch (error) {
    return Promise.reject(error);
  }
  if (signal?.aborted) return Promise.reject(cancelledError(signal));
  return new Promise((resolve, reject) => {
    const settled = new Set<T>();
    let triggered = false;
    let returned = false; // failures seen before this are the caller's, in `done`
    let timer: TimerHandle | undefined;
    let unsubscribe: (() => void) | undefined;
    const stop = () => {
      triggered = true;
      if (timer !== undefined) cancelTimer(timer);
      unsubscribe?.();
    };
    const split = (): WaitResult<T> => {
      const result: WaitResult<T> = { done: new Set(), pending: new Set() };
      for (const aw of todo) {
        const done = settled.has(aw) || (aw instanceof Task && aw.done());
        (done ? result.done : result.pending).add(aw);
      }
      return result;
    };
    const finish = () => {
      returned = true;
      resolve(split());
    };
    const trigger = (timedOut = false) => {
      if (triggered) return;
      stop();
      // On timeout, after the promise jobs of this instant: a Task whose timer fired with
      // the timeout finishes first, however many awaits it has left, as asyncio runs that
      // Task's step before the wait resumes. On a completion (itself a promise job), one
      // more promise job lets the completions of this same instant in.
      if (timedOut) hop(finish);
      else Promise.resolve().then(finish);
    };
    const onSettled = (aw: T, failed: boolean, error?: unknown) => {
      settled.add(aw);
      if (
        settled.size === todo.length || returnWhen === "FIRST_COMPLETED" ||
        (returnWhen === "FIRST_EXCEPTION" && failed && !(error instanceof CancelledError))
      ) trigger();
    };
    for (const aw of todo) {
      whenSettled(aw, () => onSettled(aw, false), (error) => onSettled(aw, true, error), {
        observe: () => !returned,
      });
    }
    if (timeout !== undefined) {
      timer = scheduleAt(now() + timeout, () => {
        timer = undefined;
        trigger(true);
      });
    }
    if (signal !== undefined) {
      unsubscribe = onAbort(signal, () => {
        stop();
        reject(cancelledError(signal));
      });
    }
  });
}
