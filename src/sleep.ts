/**
 * `sleep`: wait a number of seconds on the loop, like `asyncio.sleep`.
 *
 * @module
 */
import { cancelledError, isOwned, onAbort, onOwnedAbort } from "./_abort.ts";
import { signalOf } from "./_options.ts";
import { checkSeconds } from "./_validate.ts";
import { cancelTimer, now, schedule, scheduleAt, type TimerHandle } from "./loop.ts";

/**
 * Options for {@linkcode sleep}.
 *
 * @category Core
 */
export interface SleepOptions {
  /** Aborting it cancels the sleep: it rejects with `CancelledError` and leaves no timer. */
  signal?: AbortSignal | undefined;
}

/**
 * Waits `seconds` seconds, like `asyncio.sleep`. Sleeps end in order of their deadlines,
 * and sleeps with equal deadlines end in the order they were started, so
 * `sleep(0)` yields to every timer already due, first in, first out.
 *
 * Bad input is reported as a rejected promise (never a synchronous throw), and nothing
 * is scheduled: `TypeError` for a non-number, `RangeError` for `NaN`, a negative or an
 * infinite number of seconds, `TypeError` for a `signal` that is not an `AbortSignal`.
 *
 * @param seconds How long to wait: a finite number >= 0.
 * @param options `signal`: cancels the sleep when aborted. The promise then rejects with
 * `CancelledError` (the abort reason itself if it is one, otherwise a new one with the
 * reason as `cause`) and the timer is removed at once. An already aborted signal rejects
 * at once.
 * @returns A promise that resolves after `seconds` seconds of loop time.
 *
 * @example Sleep on virtual time
 * ```ts
 * import { loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * await sleep(3600);
 * assert.equal(loopTime(), 3600);
 * ```
 *
 * @example Sleeps end in order of their deadlines
 * ```ts
 * import { sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const order: number[] = [];
 * await Promise.all([3, 1, 2].map((s) => sleep(s).then(() => order.push(s))));
 * assert.deepEqual(order, [1, 2, 3]);
 * ```
 *
 * @category Core
 */
export function sleep(seconds: number, options?: SleepOptions): Promise<void> {
  let signal: AbortSignal | undefined;
  try {
    checkSeconds("sleep", "seconds", seconds);
    signal = signalOf("sleep", options);
  } catch (error) {
    return Promise.reject(error);
  }
  if (signal === undefined) return sleepResult(seconds, undefined);
  return sleepOn(seconds, signal, undefined);
}

/**
 * Resolves with `result` after `seconds` (already checked) of loop time, like Python's
 * `asyncio.sleep(seconds, result)`: the timer holds `resolve` and `result` themselves, so
 * the sleep costs one promise and one timer entry, no closure and no async frame.
 *
 * @internal
 */
export function sleepResult<T>(seconds: number, result: T): Promise<T> {
  return new Promise<T>((resolve) => {
    scheduleAt(now() + seconds, resolve, result);
  });
}

/**
 * A sleep that a signal cancels: its own timer entry (one object, no closure), linked in a
 * doubly linked line per signal (a task's many sleeps add up: no hashing, O(1) in and out).
 */
interface Sleeper extends TimerHandle {
  value: Sleeper; // the entry itself: the loop calls `wake(entry)`
  // Not `reject` too: a cancelled sleep resolves with a rejected promise, so that a pending
  // sleep keeps one of its promise's two functions (about 56 bytes less a sleep).
  resolve: (value: unknown) => void;
  result: unknown;
  prev: Sleeper;
  next: Sleeper;
}

/** The line of a signal: the ring's sentinel, with its abort subscription if it has one. */
interface Line extends Sleeper {
  signal: AbortSignal;
  unsubscribe: (() => void) | undefined;
}

/** The sleeps of each signal, as a ring around a sentinel. */
const lines = new WeakMap<AbortSignal, Line>();

/** Rejects every sleep of `signal`'s line and removes their timers. */
function cancelLine(signal: AbortSignal): void {
  const head = lines.get(signal);
  if (head === undefined) return;
  lines.delete(signal);
  const rejected = Promise.reject(cancelledError(signal)); // one for the whole line
  rejected.catch(() => {}); // the sleeps' own promises carry the rejection to their callers
  for (let s = head.next; s !== head; s = s.next) {
    cancelTimer(s);
    s.resolve(rejected);
  }
  head.prev = head.next = head;
}

// The module's own signals (a Task's, a timeout's) call cancelLine when they abort: their
// lines need no subscription, and stay while empty (a task sleeps again and again).
onOwnedAbort(cancelLine, (signal) => {
  const head = lines.get(signal);
  return head !== undefined && head.next !== head;
});

function lineOf(signal: AbortSignal): Line {
  let line = lines.get(signal);
  if (line === undefined) {
    line = { signal, unsubscribe: undefined } as Line;
    line.prev = line.next = line;
    lines.set(signal, line);
    // A signal of the caller's: one subscription while sleeps wait on it, none after.
    if (!isOwned(signal)) line.unsubscribe = onAbort(signal, () => cancelLine(signal));
  }
  return line;
}

function wake(s: Sleeper): void {
  const { prev, next } = s;
  prev.next = next;
  next.prev = prev;
  if (prev === next && (prev as Line).unsubscribe !== undefined) { // a caller's line, empty
    const head = prev as Line;
    lines.delete(head.signal);
    head.unsubscribe!();
  }
  s.resolve(s.result);
}

/**
 * {@linkcode sleepResult} that `signal` cancels: it rejects with `CancelledError` at once
 * if `signal` is aborted, and removes its timer when `signal` aborts.
 *
 * @internal
 */
export function sleepOn<T>(seconds: number, signal: AbortSignal, result: T): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelledError(signal));
  const head = lineOf(signal);
  return new Promise<T>((resolve) => {
    const s = {
      deadline: now() + seconds,
      seq: 0,
      index: -1,
      callback: wake as (value: unknown) => void,
      value: undefined as unknown as Sleeper,
      resolve: resolve as (value: unknown) => void,
      result,
      prev: head.prev,
      next: head,
    };
    s.value = s;
    head.prev.next = s;
    head.prev = s;
    schedule(s);
  });
}
