/**
 * `sleep`: wait a number of seconds on the loop, like `asyncio.sleep`.
 *
 * @module
 */
import { cancelledError, isOwned, onAbort, onOwnedAbort } from "./_abort.ts";
import { signalOf } from "./_options.ts";
import { checkSeconds } from "./_validate.ts";
import { cancelTimer, now, schedule, scheduleAt, type TimerHandle, timersEnded } from "./loop.ts";

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
 * The sleeps of one signal, to cancel when it aborts. A sleep on one of the module's own
 * signals (a Task's, a timeout's: the common case) is a plain timer entry whose callback is
 * its promise's `resolve`, as `sleepResult`'s: the line only keeps it (in `one`, or in
 * `more` while several pend), and entries that have fired (`index` -1) are dropped lazily,
 * so a sleep costs no wake-up hook and no unlinking. A caller's signal needs a count
 * instead, to drop its one abort subscription when its last sleep ends.
 */
interface Line {
  readonly signal: AbortSignal;
  one: TimerHandle | undefined;
  more: TimerHandle[] | undefined;
  /** `more` is compacted when it reaches this length: twice what was pending last time. */
  compactAt: number;
  /** {@linkcode timersEnded} when `more` was last compacted: unchanged, none has ended. */
  endedAt: number;
  /** A caller's signal: its subscription and its pending sleeps; `undefined` for our own. */
  caller: { unsubscribe: () => void; pending: number } | undefined;
}

/** The entry of a sleep on a caller's signal: it counts itself out of the line when due. */
interface CountedSleep extends TimerHandle {
  readonly value: CountedSleep;
  readonly resolve: (value: unknown) => void;
  readonly result: unknown;
  readonly line: Line;
}

const MIN_COMPACT = 8;

/** The lines of the signals that sleeps have waited on. */
const lines = new WeakMap<AbortSignal, Line>();

const pending = (entry: TimerHandle | undefined) => entry !== undefined && entry.index !== -1;

/** The function that resolves `entry`'s sleep: its callback, or a counted sleep's own. */
const resolverOf = (entry: TimerHandle) =>
  entry.callback === wakeCounted ? (entry as CountedSleep).resolve : entry.callback;

/** Rejects every pending sleep of `signal`'s line and removes their timers. */
function cancelLine(signal: AbortSignal): void {
  const line = lines.get(signal);
  if (line === undefined) return;
  dropLine(line);
  line.caller?.unsubscribe();
  // One rejected promise for the whole line, handled here: each sleep's own promise, which
  // resolves with it, carries the rejection to its caller.
  const rejected = Promise.reject(cancelledError(signal));
  rejected.catch(() => {});
  const cancel = (entry: TimerHandle | undefined) => {
    if (pending(entry) && cancelTimer(entry!)) resolverOf(entry!)(rejected);
  };
  cancel(line.one);
  if (line.more !== undefined) { for (const entry of line.more) cancel(entry); }
  line.one = line.more = undefined;
}

// The module's own signals (a Task's, a timeout's) call cancelLine when they abort: their
// lines need no subscription, and stay while empty (a task sleeps again and again).
onOwnedAbort(cancelLine, (signal) => {
  const line = lines.get(signal);
  return line !== undefined && (pending(line.one) || line.more?.some(pending) === true);
});

/** The line found last: a task's many sleeps look up the same one (it holds one line). */
let last: Line | undefined;

function dropLine(line: Line): void {
  lines.delete(line.signal);
  if (last === line) last = undefined;
}

function lineOf(signal: AbortSignal): Line {
  if (last !== undefined && last.signal === signal) return last;
  let line = lines.get(signal);
  if (line === undefined) {
    line = {
      signal,
      one: undefined,
      more: undefined,
      compactAt: MIN_COMPACT,
      endedAt: -1,
      caller: undefined,
    };
    lines.set(signal, line);
    // A signal of the caller's: one subscription while sleeps wait on it, none after.
    if (!isOwned(signal)) {
      line.caller = { unsubscribe: onAbort(signal, () => cancelLine(signal)), pending: 0 };
    }
  }
  return last = line;
}

/** Keeps `entry` in `line`: in `one` if that has fired, else in `more`, compacted as it grows. */
function keep(line: Line, entry: TimerHandle): void {
  if (!pending(line.one)) {
    line.one = entry;
    return;
  }
  const more = line.more;
  if (more === undefined) line.more = [entry];
  else {
    if (more.length >= line.compactAt) compact(line, more);
    more.push(entry);
  }
}

/** Drops the ended entries of `more`, in place: none if no timer has ended since last time. */
function compact(line: Line, more: TimerHandle[]): void {
  const ended = timersEnded();
  if (ended !== line.endedAt) {
    line.endedAt = ended;
    let kept = 0;
    for (const entry of more) if (entry.index !== -1) more[kept++] = entry;
    more.length = kept;
  }
  line.compactAt = Math.max(MIN_COMPACT, 2 * more.length);
}

function wakeCounted(s: CountedSleep): void {
  const line = s.line;
  if (--line.caller!.pending === 0 && lines.get(line.signal) === line) { // its last sleep
    dropLine(line);
    line.caller!.unsubscribe();
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
  const line = lineOf(signal);
  return new Promise<T>((resolve) => {
    const deadline = now() + seconds;
    const caller = line.caller;
    if (caller === undefined) {
      keep(line, scheduleAt(deadline, resolve, result));
      return;
    }
    const s = {
      deadline,
      seq: 0,
      index: -1,
      callback: wakeCounted as (value: unknown) => void,
      value: undefined as unknown as CountedSleep,
      resolve: resolve as (value: unknown) => void,
      result,
      line,
    };
    s.value = s;
    caller.pending++;
    keep(line, schedule(s));
  });
}

/**
 * For tests: how many sleeps `signal`'s line keeps, ended ones not yet dropped included
 * (0 without a line).
 *
 * @internal
 */
export function lineSizeForTesting(signal: AbortSignal): number {
  const line = lines.get(signal);
  return line === undefined ? 0 : (line.one === undefined ? 0 : 1) + (line.more?.length ?? 0);
}
