/**
 * The loop: every pending timer of the module in one queue ordered by `(deadline, seq)`,
 * and exactly one native timer armed, for the earliest deadline.
 *
 * Rules (see DESIGN.md): equal deadlines run first in, first out; timers scheduled in the
 * same synchronous turn share one "now"; globals are read at call time; when a native timer
 * armed for time T fires, loop time is at least T; delays past 2^31 - 1 ms are re-armed.
 *
 * @module
 */
import { type ArmedTimer, type Clock, systemClock } from "./clock.ts";
import type { HeapEntry } from "./_heap.ts";
import { TimerQueue } from "./_timer_queue.ts";

/** A scheduled callback; keep it to cancel it with {@linkcode cancelTimer}. */
export interface TimerHandle extends HeapEntry {
  /** Called once when the loop reaches `deadline`, unless cancelled first. */
  readonly callback: () => void;
}

let clock: Clock = systemClock;
let offset = 0; // loop time = clock reading + offset
let last = -Infinity; // the latest loop time handed out: loop time never goes back
let cachedNow: number | undefined;
let seq = 0;
let armed: ArmedTimer | undefined;
const queue = new TimerQueue<TimerHandle>();

function dropCachedNow(): void {
  cachedNow = undefined;
}

function readTime(): number {
  const t = clock.now() + offset;
  if (t < last) {
    offset += last - t; // the clock went back (a fake was removed): carry on from `last`
    return last;
  }
  return (last = t);
}

/**
 * Loop time in seconds: monotonic, shared by every timer scheduled in one synchronous turn.
 *
 * @internal
 */
export function now(): number {
  if (cachedNow === undefined) {
    cachedNow = readTime();
    // A promise job, not queueMicrotask: fake-timer libraries can replace queueMicrotask.
    Promise.resolve().then(dropCachedNow);
  }
  return cachedNow;
}

/**
 * Returns the loop's time in seconds, like asyncio's `loop.time()`.
 *
 * It never goes back while the clock under the loop stays the same, and every timer
 * scheduled during one synchronous run of code is measured from the same reading. Under
 * {@linkcode VirtualClock} it is the virtual time: installing or uninstalling one starts
 * loop time afresh from the new clock (pending timers keep the time they had left).
 *
 * @returns The loop time, in seconds.
 *
 * @example Measure a sleep on virtual time
 * ```ts
 * import { loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const start = loopTime();
 * await sleep(2.5);
 * assert.equal(loopTime() - start, 2.5);
 * ```
 */
export function loopTime(): number {
  return now();
}

/**
 * Calls `callback` once the loop time reaches `deadline` (seconds); FIFO among equals.
 *
 * @internal
 */
export function scheduleAt(deadline: number, callback: () => void): TimerHandle {
  const handle: TimerHandle = { deadline, seq: seq++, index: -1, callback };
  queue.push(handle);
  if (armed === undefined || deadline < armed.at || clock.stale(armed)) arm();
  return handle;
}

/**
 * Cancels a timer from {@linkcode scheduleAt}; returns whether it was still pending.
 *
 * @internal
 */
export function cancelTimer(handle: TimerHandle): boolean {
  if (!queue.remove(handle)) return false;
  // A native timer armed for a later-removed entry may fire early and find nothing due;
  // it only has to go when nothing is left, so that no timer outlives the work.
  if (queue.size === 0) disarm();
  return true;
}

/**
 * How many timers are pending.
 *
 * @internal
 */
export function pendingTimers(): number {
  return queue.size;
}

function disarm(): void {
  if (armed !== undefined) {
    clock.disarm(armed);
    armed = undefined;
  }
}

function arm(): void {
  disarm();
  const top = queue.peek();
  if (top === undefined) return;
  const t = now();
  const chunked = top.deadline - t > clock.maxDelay;
  const delay = chunked ? clock.maxDelay : Math.max(top.deadline - t, 0);
  const at = chunked ? t + delay : Math.max(top.deadline, t);
  armed = clock.arm(at, delay, fire);
}

function fire(): void {
  const at = armed?.at ?? -Infinity;
  armed = undefined;
  cachedNow = undefined;
  let t = readTime();
  if (t < at) {
    offset += at - t; // trust the timer: it was armed for `at`, so it is `at` now
    t = last = at;
  }
  cachedNow = t;
  Promise.resolve().then(dropCachedNow);
  try {
    for (let due = queue.popDue(t); due !== undefined; due = queue.popDue(t)) due.callback();
  } finally {
    arm();
  }
}

/**
 * Puts the loop on another clock (or back on the system clock), keeping what every
 * pending timer has left to wait. Loop time then starts at the new clock's reading.
 *
 * @internal
 */
export function setClock(next: Clock): void {
  const before = queue.size > 0 ? now() : 0;
  disarm();
  clock = next;
  offset = 0;
  last = -Infinity;
  cachedNow = undefined;
  if (queue.size > 0) {
    const shift = now() - before;
    const entries: TimerHandle[] = [];
    for (let e = queue.popDue(Infinity); e !== undefined; e = queue.popDue(Infinity)) {
      entries.push(e);
    }
    for (const e of entries) {
      e.deadline += shift;
      queue.push(e);
    }
    arm();
  }
}
