/**
 * `asCompleted`: iterate over awaitables in the order they complete, like
 * `asyncio.as_completed` (3.13).
 *
 * @module
 */
import { cancelledError, onAbort } from "./_abort.ts";
import { checkAwaitables, whenSettled } from "./_awaitables.ts";
import { CancelledError, TimeoutError } from "./errors.ts";
import { Task } from "./task.ts";
import { cancelTimer, now, scheduleAt, type TimerHandle } from "./loop.ts";
import { signalOf } from "./_options.ts";
import { checkTimeout } from "./_validate.ts";
import { Waiters } from "./_waiters.ts";

/**
 * Options for {@linkcode asCompleted}.
 *
 * @category Core
 */
export interface AsCompletedOptions {
  /**
   * Seconds, counted from the call, after which the iteration throws `TimeoutError`
   * (`null` or absent: no limit).
   */
  timeout?: number | null | undefined;
  /** Aborting it ends the iteration: the pending or next step throws `CancelledError`. */
  signal?: AbortSignal | undefined;
}

/**
 * Yields the awaitables of `aws` themselves (promises or Tasks, each once) in the order
 * they complete, like `asyncio.as_completed` in Python 3.13:
 * `for await (const p of asCompleted(ps)) results.push(await p)`. Awaiting a yielded
 * awaitable gives its value or throws its error; the iteration itself never throws it.
 *
 * The order is exact: awaitables are yielded in the order they settle, within one instant
 * too, first in, first out. So sleeps come in order of their deadlines, equal deadlines in
 * the order the sleeps were started (among Tasks, likewise). Each completion costs O(1): a
 * hundred thousand awaitables are no trouble.
 *
 * **Types.** TypeScript types the variable of `for await` as the *awaited* type (it assumes
 * async iterators never yield promises), so in `for await (const t of asCompleted(tasks))`
 * `t` is typed as the result while it is the Task itself at run time. `await t` is right
 * either way; to use `t` as a Task, cast it (`t as unknown as Task<number>`) or call
 * `next()` yourself, whose result is typed with the awaitable.
 *
 * **Timeout.** The clock starts at the call. When `timeout` seconds have passed, the
 * awaitables that completed before are still yielded, then the iteration throws
 * `TimeoutError` and ends; the awaitables still pending are not cancelled. No timer is
 * left behind once every awaitable completed, the timeout fired, the loop broke out early
 * (`return()`) or `signal` aborted.
 *
 * **Errors.** A failure handed out by the iteration counts as handled: await what it yields
 * to see it. A failure never handed out is reported as an unhandled rejection, never
 * silently lost: an awaitable that failed but was still waiting to be yielded when the
 * iteration stopped (`break` after another failure at the same instant, `signal`) — as
 * a new rejected promise with the same error —, and one that fails after it stopped
 * (timeout, `break`, `signal`). Cancelled Tasks are not reported. Bad input throws at the
 * call:
 * `TypeError` if `aws` is not an iterable of promises or Tasks or `signal` not an
 * `AbortSignal`, `TypeError`/`RangeError` for a `timeout` that is not a finite number >= 0
 * or `null`.
 *
 * @typeParam T The type of the awaitables.
 * @param aws The promises or Tasks (any iterable; duplicates are yielded once).
 * @param options `timeout`: seconds before the iteration throws `TimeoutError`; `signal`:
 * ends the iteration with `CancelledError`.
 * @returns An async iterable iterator over the same awaitables, in completion order.
 *
 * @example Results in completion order
 * ```ts
 * import { asCompleted, createTask, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const after = (s: number) => createTask(async (signal) => (await sleep(s, { signal }), s));
 * const tasks = [3, 1, 2].map(after);
 * const results: number[] = [];
 * for await (const task of asCompleted(tasks)) results.push(await task);
 * assert.deepEqual(results, [1, 2, 3]);
 * ```
 *
 * @example Stop waiting after a timeout
 * ```ts
 * import { asCompleted, loopTime, sleep, TimeoutError, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install({ autojump: true });
 * const controller = new AbortController();
 * const { signal } = controller;
 * const sleeps = [1, 5].map((s) => sleep(s, { signal }).then(() => s));
 * const results: number[] = [];
 * await assert.rejects(async () => {
 *   for await (const p of asCompleted(sleeps, { timeout: 2 })) results.push(await p);
 * }, TimeoutError);
 * assert.deepEqual(results, [1]);
 * assert.equal(loopTime(), 2);
 * controller.abort(); // asCompleted cancels nothing: stop the 5-second sleep ourselves
 * await Promise.allSettled(sleeps);
 * assert.equal(clock.pending, 0);
 * ```
 *
 * @category Core
 */
export function asCompleted<T extends PromiseLike<unknown>>(
  aws: Iterable<T>,
  options: AsCompletedOptions = {},
): AsyncIterableIterator<T> {
  options ??= {}; // JavaScript callers may pass null
  const what = "iterate as completed";
  const todo = checkAwaitables(what, aws);
  const timeout = checkTimeout(what, "timeout", options.timeout);
  const signal = signalOf(what, options);

  type Step = IteratorResult<T, undefined>;
  const finished: Step = { value: undefined, done: true };
  const waiters = new Waiters<Step>(); // next() calls waiting for a completion
  let ready: T[] = []; // completed, not yet yielded
  let head = 0;
  let pending = todo.length; // not completed yet (0 once stopped)
  let left = todo.length; // not yet handed out by next()
  let failure: { error: unknown } | undefined; // thrown by the next next() with nothing ready
  let timer: TimerHandle | undefined;
  let unsubscribe: (() => void) | undefined;

  const drop = () => { // the completed awaitables never handed out: report their failures
    for (let i = head; i < ready.length; i++) reportFailure(ready[i]!);
    ready = [];
    head = 0;
  };
  const stop = () => {
    pending = 0;
    if (timer !== undefined) cancelTimer(timer);
    unsubscribe?.();
  };
  const fail = (error: unknown) => {
    stop();
    if (waiters.size > 0) { // then nothing is ready
      left = 0;
      waiters.rejectAll(error);
    } else {
      failure = { error };
    }
  };
  const complete = (aw: T) => {
    if (pending === 0) { // stopped: timed out, cancelled or returned
      // A Task left unobserved is reported by the host; a promise we hold a handler on is not.
      if (!(aw instanceof Task)) reportFailure(aw);
      return;
    }
    if (--pending === 0) stop();
    if (!waiters.wakeOne({ value: aw, done: false })) ready.push(aw);
  };

  for (const aw of todo) {
    const done = () => complete(aw); // one closure for both outcomes: 1e6 awaitables add up
    whenSettled(aw, done, done, { observe: () => pending > 0 }); // until stopped
  }
  if (pending > 0 && timeout !== undefined) {
    timer = scheduleAt(now() + timeout, () => {
      timer = undefined;
      fail(
        new TimeoutError(
          `Timed out after ${timeout} s with ${pending} of ${todo.length} awaitables pending`,
        ),
      );
    });
  }
  if (signal !== undefined) {
    const cancel = () => {
      drop();
      fail(cancelledError(signal));
    };
    if (signal.aborted) cancel();
    else if (pending > 0) unsubscribe = onAbort(signal, cancel);
  }

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next(): Promise<Step> {
      if (head < ready.length) {
        const value = ready[head++] as T; // head < ready.length
        if (head === ready.length) {
          ready = [];
          head = 0;
        }
        left--;
        return Promise.resolve({ value, done: false });
      }
      if (failure !== undefined) {
        const { error } = failure;
        failure = undefined;
        left = 0;
        return Promise.reject(error);
      }
      if (left === 0) return Promise.resolve(finished);
      left--;
      return waiters.wait();
    },
    return(): Promise<Step> {
      stop();
      drop();
      left = 0;
      failure = undefined;
      waiters.wakeAll(finished);
      return Promise.resolve(finished);
    },
  };
}

/**
 * Reports the failure of a settled awaitable nobody was handed, as an unhandled rejection
 * of a new promise (not for cancellations).
 */
function reportFailure(aw: PromiseLike<unknown>): void {
  aw.then(undefined, (error: unknown) => {
    if (!(error instanceof CancelledError)) Promise.reject(error);
  });
}
