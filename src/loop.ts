/**
 * The loop: every pending timer of the module in one queue ordered by `(deadline, seq)`,
 * and exactly one native timer armed, for the earliest deadline.
 *
 * Rules (see DESIGN.md): equal deadlines run first in, first out; timers scheduled in the
 * same synchronous turn share one "now"; globals are read at call time; when a native timer
 * armed for time T fires, loop time is at least T, where T counts the delay *as armed*
 * (whole ms), so that loop time keeps step with a fake that advanced by exactly that; delays
 * past 2^31 - 1 ms are re-armed.
 *
 * One loop per process: the queue, the clock, the offset, the cached "now", the armed timer
 * and the installed `VirtualClock` live in one slot on `globalThis` (`src/_shared.ts`, slot
 * `"loop@2"`), so every copy of the module (the ESM and CommonJS builds, two installs, a
 * bundle) schedules on the same loop. A copy that changes this layout must rename the slot.
 *
 * Re-entrancy: a host call made while arming may run promise jobs synchronously (Deno's
 * first `setImmediate` under `deno test`), and those may schedule or cancel timers. They
 * only ask `arm()` for another pass, so exactly one native timer stays armed, for the
 * earliest deadline, and the clock and the loop agree on it.
 *
 * Under fake timers a timer is re-armed once per synchronous turn (a fake restored and
 * installed again may keep its functions but drop its timers); see `clock.ts` for how the
 * system clock follows fakes and survives their removal.
 *
 * @module
 */
import { type ArmedTimer, type Clock, systemClock } from "./clock.ts";
import type { HeapEntry } from "./_heap.ts";
import { TimerQueue } from "./_timer_queue.ts";
import { shared } from "./_shared.ts";

/** A scheduled callback; keep it to cancel it with {@linkcode cancelTimer}. */
export interface TimerHandle extends HeapEntry {
  /** Called once, with `value`, when the loop reaches `deadline`, unless cancelled first. */
  readonly callback: (value: unknown) => void;
  /** What `callback` is called with: a sleep's resolve value, with no closure of its own. */
  readonly value: unknown;
}

/**
 * The loop's process-wide state, shared by every copy of the module (ESM and CommonJS
 * builds, two installs): one queue, one clock, one armed timer. The slot's name carries
 * the layout version; change it with the layout.
 */
interface LoopState {
  clock: Clock;
  offset: number; // loop time = clock reading + offset
  last: number; // the latest loop time handed out: loop time never goes back
  cachedNow: number | undefined;
  turn: number; // counts synchronous turns (each drop of the cached now)
  seq: number;
  armed: ArmedTimer | undefined;
  armedTurn: number;
  arming: boolean; // inside clock.arm(): a re-entrant schedule only asks for a re-arm
  rearm: boolean;
  readonly queue: TimerQueue<TimerHandle>;
  /** The installed VirtualClock, if any (owned by virtual_clock.ts). */
  virtual: unknown;
}

// loop@2: timer entries carry the value their callback is called with (loop@1's fire
// called callbacks with none), and the queue's heap removes lazily.
const s: LoopState = shared<LoopState>("loop@2", () => ({
  clock: systemClock,
  offset: 0,
  last: -Infinity,
  cachedNow: undefined,
  turn: 0,
  seq: 0,
  armed: undefined,
  armedTurn: -1,
  arming: false,
  rearm: false,
  queue: new TimerQueue<TimerHandle>(),
  virtual: undefined,
}));
const queue = s.queue;

/**
 * The loop's shared state, for `VirtualClock` (one installed clock per process).
 *
 * @internal
 */
export const loopState: { virtual: unknown } = s;

function dropCachedNow(): void {
  s.cachedNow = undefined;
  s.turn++;
}

function readTime(): number {
  const t = s.clock.now() + s.offset;
  if (t < s.last) {
    s.offset += s.last - t; // the clock went back (a fake was removed): carry on from `last`
    return s.last;
  }
  return (s.last = t);
}

/**
 * Loop time in seconds: monotonic, shared by every timer scheduled in one synchronous turn.
 *
 * @internal
 */
export function now(): number {
  let t = s.cachedNow;
  if (t === undefined) {
    t = s.cachedNow = readTime();
    // A promise job, not queueMicrotask: fake-timer libraries can replace queueMicrotask.
    Promise.resolve().then(dropCachedNow);
  }
  return t;
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
 *
 * @category Core
 */
export function loopTime(): number {
  return now();
}

/**
 * Calls `callback(value)` once the loop time reaches `deadline` (seconds); FIFO among
 * equals. Passing a promise's `resolve` and its value needs no closure.
 *
 * @internal
 */
export function scheduleAt<T = undefined>(
  deadline: number,
  callback: (value: T) => void,
  value?: T,
): TimerHandle {
  return schedule({
    deadline,
    seq: 0,
    index: -1,
    callback: callback as (value: unknown) => void,
    value,
  });
}

/**
 * Schedules `entry` itself, a record of the caller's that is a {@linkcode TimerHandle}
 * (`deadline`, `callback`, `value` set; `seq` and `index` are the loop's): a wait that needs
 * more fields than a timer keeps them in one object, not two. Returns `entry`.
 *
 * @internal
 */
export function schedule<E extends TimerHandle>(entry: E): E {
  entry.seq = s.seq++;
  queue.push(entry);
  const armed = s.armed;
  if (
    armed === undefined || entry.deadline < armed.at || s.clock.stale(armed) ||
    // Under a fake, re-arm once a turn: a fake restored and installed again (std's FakeTime
    // keeps its functions) has dropped the timer even though the functions look the same.
    (armed.foreign === true && s.armedTurn !== s.turn)
  ) arm();
  return entry;
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
  if (queue.size === 0) {
    if (s.arming) s.rearm = true;
    else disarm();
  }
  return true;
}

/**
 * How many timers have ended, fired or cancelled, since the loop began (scheduled minus
 * pending): while it stays the same, every timer scheduled meanwhile is still pending.
 *
 * @internal
 */
export function timersEnded(): number {
  return s.seq - queue.size;
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
  const armed = s.armed;
  if (armed !== undefined) {
    s.armed = undefined;
    s.clock.disarm(armed);
  }
}

function arm(): void {
  // Re-entrancy: a host call made while arming (Deno's first setImmediate in `deno test`
  // runs pending promise jobs synchronously) may schedule timers. It only asks for another
  // pass here, so that exactly one timer stays armed, for the earliest deadline.
  if (s.arming) {
    s.rearm = true;
    return;
  }
  s.arming = true;
  try {
    do {
      s.rearm = false;
      disarm();
      const top = queue.peek();
      if (top === undefined) return;
      const t = now();
      const clock = s.clock;
      const chunked = top.deadline - t > clock.maxDelay;
      const delay = chunked ? clock.maxDelay : Math.max(top.deadline - t, 0);
      const at = chunked ? t + delay : Math.max(top.deadline, t);
      let timer: ArmedTimer | undefined = undefined;
      const onFire = (lost?: boolean) => {
        if (timer !== undefined && timer === s.armed) fire(timer, lost === true);
      };
      timer = clock.arm(at, delay, onFire);
      if (s.rearm) {
        s.armed = timer; // disarmed by the next pass
        continue;
      }
      s.armed = timer;
      s.armedTurn = s.turn;
    } while (s.rearm);
  } finally {
    s.arming = false;
  }
}

function fire(timer: ArmedTimer, lost: boolean): void {
  s.armed = undefined;
  s.cachedNow = undefined;
  let t = readTime();
  // Trust the timer (not when it was lost with a removed fake): it was armed for `at`, the
  // delay as armed, so it is at least `at` now.
  if (!lost && t < timer.at) {
    s.offset += timer.at - t;
    t = s.last = timer.at;
  }
  s.cachedNow = t;
  Promise.resolve().then(dropCachedNow);
  try {
    for (let due = queue.popDue(t); due !== undefined; due = queue.popDue(t)) {
      due.callback(due.value);
    }
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
  s.clock = next;
  s.offset = 0;
  s.last = -Infinity;
  s.cachedNow = undefined;
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
