/**
 * The time source under the loop, and the one native timer it arms.
 *
 * The loop asks its clock for readings and arms at most one timer at a time on it. The
 * system clock reads `performance.now()` (or `Date.now()`) and arms `setTimeout` (or
 * `setImmediate` for "now"), looking every global up at call time so that fake timers
 * installed later take over. {@linkcode VirtualClock} is the other implementation.
 *
 * ## Following fake timers
 *
 * Fake-timer libraries replace `setTimeout` and usually `Date`; some (sinon's defaults)
 * replace `performance.now` too, others (Deno std's `FakeTime`, `node:test`'s
 * `mock.timers`) leave it real. The system clock follows whichever clock drives the timers:
 *
 * - Its reading advances with `performance.now()` while `Date.now()` keeps step with it,
 *   and with `Date.now()` while the two part (a faked `Date` that stands still or jumps
 *   while real time runs): real CPU time then never leaks into loop time, and a fake's
 *   `tick` moves loop time by exactly what it ticked.
 * - When `Date` or `performance.now` is replaced or put back, the reading carries on from
 *   where it was (pending timers keep the time they had left); if `setTimeout` then looks
 *   fake (sinon's `clock` property, std's `fakeSetTimeout`, `node:test`'s bound mock), it
 *   follows `Date.now()` until the two have kept step for 40 ms of real time.
 * - A timer armed on a fake carries `at` = the time it was armed + its delay *as armed*
 *   (whole ms), which the loop trusts when it fires.
 * - Errors thrown by a removed fake's functions (std's `TimeError`) never escape.
 * - While the loop's timer sits on a fake, one unref'd real timer checks, from 1 ms up to
 *   once a second, whether the fake is still installed; when it is gone, the loop re-arms
 *   on the current timers, so leftover sleeps resume on real time. Nothing of this runs
 *   while no fake is installed.
 * - When the timers change from a fake to others, one timer stays on the fake as well, for
 *   the same deadline, until the loop fires or the fake is seen gone: std's `tickAsync` and
 *   `delay` put the real globals back for the length of an `await` (`restoreFor`).
 *
 * The state lives in one process-wide slot, shared by every copy of the module.
 *
 * @module
 */
import { shared } from "./_shared.ts";

/** A native timer armed on a {@linkcode Clock}; opaque to the loop. */
export interface ArmedTimer {
  /** Loop time, in seconds, the timer was armed for (and that the loop trusts at firing). */
  readonly at: number;
  /** Whether it sits on timer functions that look replaced (a fake). */
  readonly foreign?: boolean;
}

/** What the loop needs from a time source: readings and one timer at a time. */
export interface Clock {
  /** Reads the clock, in seconds. Need not be monotonic: the loop makes its time so. */
  now(): number;
  /** The longest delay one timer can be armed for, in seconds; longer waits re-arm. */
  readonly maxDelay: number;
  /**
   * Arms a timer that calls `fire` once, `delay` seconds from now; `at` is the loop time
   * this corresponds to (a virtual clock fires at exactly that time). `fire(true)` means
   * the timer did not fire: its timer functions are gone and the loop should re-arm.
   */
  arm(at: number, delay: number, fire: (lost?: boolean) => void): ArmedTimer;
  /** Cancels a timer armed by `arm` that has not fired. */
  disarm(timer: ArmedTimer): void;
  /** Whether a timer armed earlier no longer belongs to the current timer globals. */
  stale(timer: ArmedTimer): boolean;
}

type SetFn = (this: unknown, cb: () => void, ms?: number) => unknown;
type ClearFn = (this: unknown, id: unknown) => void;

interface Pair {
  readonly set: SetFn;
  readonly clear: ClearFn;
}

interface SystemTimer extends ArmedTimer, Pair {
  readonly id: unknown;
  readonly ms: number;
  /** `globalThis.Date` when armed: a fake installs a new one per session (node:test). */
  readonly date: unknown;
  /** Whether its fake was seen gone since it was armed. */
  away: boolean;
  fire: (lost?: boolean) => void;
  spare?: { pair: Pair; id: unknown; missed: number } | undefined;
}

/** The system clock's process-wide state (layout version in the slot name). */
interface ClockState {
  // The reading: base + the advance of the followed clock since the anchor.
  base: number; // seconds
  perfAt: number; // ms, at the last reading
  dateAt: number; // ms, at the last reading
  perfSince: number; // ms: where the comparison of Date and performance.now started
  dateSince: number; // ms
  baseSince: number; // the reading there
  followDate: boolean;
  dateRef: unknown;
  perfRef: unknown;
  // The timer functions that look real, for the watchdog.
  home: Pair | undefined;
  // The fake the timers last moved away from, kept armed beside the current timers.
  spare: Pair | undefined;
  current: SystemTimer | undefined;
  watchdog: { id: unknown; clear: ClearFn } | undefined;
  watchDelay: number;
  watched: SetFn | undefined; // the fake the watchdog looks after
}

// deno-lint-ignore no-explicit-any
const g = globalThis as any;

/** Whether a timer function looks like a fake (sinon, Jest, Vitest, std, node:test). */
function looksFake(fn: unknown): boolean {
  if (typeof fn !== "function") return true;
  // deno-lint-ignore no-explicit-any
  const f = fn as any;
  return typeof f.clock === "object" || /fake|mock|#/i.test(f.name);
}

const state: ClockState = shared<ClockState>("clock@1", () => ({
  base: 0,
  perfAt: 0,
  dateAt: 0,
  perfSince: 0,
  dateSince: 0,
  baseSince: 0,
  followDate: false,
  dateRef: undefined,
  perfRef: undefined,
  home: looksFake(g.setTimeout) ? undefined : { set: g.setTimeout, clear: g.clearTimeout },
  spare: undefined,
  current: undefined,
  watchdog: undefined,
  watchDelay: 1,
  watched: undefined,
}));

/** The longest delay a native timer accepts: 2^31 - 1 ms, in seconds. */
export const MAX_TIMER_DELAY = 2147483.647;

/** Real Date and performance.now agree to within Date's 1 ms step plus clock slew. */
const AGREE_MS = 2;
/** How long Date and performance.now are compared at most while following the latter. */
const WINDOW_MS = 1000;
/** How long Date must keep step with performance.now before the latter is followed. */
const EVIDENCE_MS = 40;
/** How long (real ms) a fake stays away before the timer kept on it goes. */
const SPARE_MS = 20;
/** The longest interval of the watchdog that looks for a removed fake. */
const WATCH_MAX_MS = 1000;

function read(): number {
  const perf = g.performance;
  const perfNow = perf?.now;
  const date = g.Date;
  const d: number = date.now();
  const p: number = typeof perfNow === "function" ? perfNow.call(perf) : d;
  const s = state;
  if (date !== s.dateRef || perfNow !== s.perfRef) {
    // A fake came or went (or this is the first reading): carry on from the last reading.
    // Under timers that look fake, follow Date until it keeps step with performance.now;
    // under real ones, performance.now (real Date moves in whole ms: following it would
    // end real timers up to 1 ms early).
    s.dateRef = date;
    s.perfRef = perfNow;
    if (s.current?.foreign) s.current.away = true;
    s.perfAt = s.perfSince = p;
    s.dateAt = s.dateSince = d;
    s.baseSince = s.base;
    s.followDate = looksFake(g.setTimeout) || typeof date?.clock === "object";
    return s.base;
  }
  let t = s.base + (s.followDate ? d - s.dateAt : p - s.perfAt) / 1000;
  const dp = p - s.perfSince, dd = d - s.dateSince;
  const apart = dd - dp > AGREE_MS || dp - dd > AGREE_MS;
  if (apart || dp >= (s.followDate ? EVIDENCE_MS : WINDOW_MS)) {
    // Date parted from performance.now: a fake drives Date (and with it the timers), so
    // the stretch since the comparison began counts as Date says. Or they kept step over a
    // real stretch: performance.now, the finer clock, will do.
    if (apart && !s.followDate) t = s.baseSince + dd / 1000;
    s.followDate = apart;
    s.perfSince = p;
    s.dateSince = d;
    s.baseSince = t;
  }
  s.base = t;
  s.perfAt = p;
  s.dateAt = d;
  return t;
}

function safeClear(pair: Pair, id: unknown): void {
  try {
    pair.clear.call(globalThis, id);
  } catch {
    // A removed fake's clearTimeout may throw (std's TimeError): its timer is gone anyway.
  }
}

function unref(id: unknown): void {
  try {
    // deno-lint-ignore no-explicit-any
    const t = id as any;
    if (typeof t?.unref === "function") t.unref();
    else if (typeof g.Deno?.unrefTimer === "function") g.Deno.unrefTimer(id);
  } catch {
    // Best effort only.
  }
}

/** Keeps one unref'd real timer checking whether the fake under the loop's timer is gone. */
function watch(): void {
  const s = state;
  const home = s.home;
  if (s.watchdog !== undefined || home === undefined) return;
  const ms = s.watchDelay;
  let id: unknown;
  try {
    id = home.set.call(globalThis, check, ms);
  } catch {
    s.home = undefined;
    return;
  }
  unref(id);
  s.watchdog = { id, clear: home.clear };
}

function check(): void {
  const s = state;
  s.watchdog = undefined;
  const waited = s.watchDelay;
  s.watchDelay = Math.min(s.watchDelay * 2, WATCH_MAX_MS);
  const t = s.current;
  if (t === undefined) return;
  const spare = t.spare;
  if (spare !== undefined) {
    spare.missed = g.setTimeout === spare.pair.set ? 0 : spare.missed + waited;
    if (spare.missed >= SPARE_MS) {
      t.spare = undefined; // the fake did not come back (its timer is never cleared: below)
      s.spare = undefined;
    }
  }
  if (t.foreign && g.setTimeout !== t.set) {
    // The fake was removed (or put the real timers back for a moment): the loop re-arms on
    // the current timers, and on the fake too while it may come back.
    s.spare = { set: t.set, clear: t.clear };
    s.current = undefined;
    t.away = true;
    const lost = t.fire;
    t.fire = () => {}; // if the fake comes back and fires it, nothing happens
    lost(true);
    return;
  }
  if (t.foreign || t.spare !== undefined) watch();
}

/** The clock of the host: `performance.now()` and `setTimeout`, read at call time. */
export const systemClock: Clock = {
  maxDelay: MAX_TIMER_DELAY,
  now(): number {
    return read();
  },
  arm(at: number, delay: number, fire: (lost?: boolean) => void): SystemTimer {
    const s = state;
    // A timer for "now" takes the quick macrotask hop: setTimeout(0) costs 1-2 ms a turn.
    const immediate = delay <= 0 && typeof g.setImmediate === "function";
    const pair: Pair = immediate
      ? { set: g.setImmediate, clear: g.clearImmediate }
      : { set: g.setTimeout, clear: g.clearTimeout };
    // Hosts drop the fraction of a millisecond (Deno, Node, sinon): round up, or the timer
    // fires early and trusting it would push loop time ahead of the real clock. The 1e-6
    // absorbs float noise such as 0.05 s * 1000 = 50.00000000000001 ms.
    const ms = immediate ? 0 : Math.max(0, Math.ceil(delay * 1000 - 1e-6));
    const foreign = looksFake(pair.set);
    if (!foreign && !immediate) s.home = { set: pair.set, clear: pair.clear };
    const ref: { timer?: SystemTimer } = {};
    const onFire = () => {
      const t = ref.timer;
      if (t === undefined) return;
      if (s.current === t) s.current = undefined;
      const spare = t.spare;
      if (spare !== undefined) {
        // One of the two fired; the other goes if its timers are in place.
        if (g.setTimeout === spare.pair.set) safeClear(spare.pair, spare.id);
        if (!t.foreign || g.setTimeout === t.set) safeClear(t, t.id);
        t.spare = undefined;
      }
      t.fire();
    };
    const id = pair.set.call(globalThis, onFire, immediate ? undefined : ms);
    // The time the host or fake will have advanced when it fires: the delay as armed.
    const armedAt = delay > 0 ? Math.max(at, at - delay + ms / 1000) : at;
    const timer: SystemTimer = {
      at: armedAt,
      foreign,
      set: pair.set,
      clear: pair.clear,
      id,
      ms,
      date: g.Date,
      away: false,
      fire,
    };
    ref.timer = timer;
    // Keep one timer on the fake the timers moved away from, for when it comes back.
    const spare = s.spare;
    if (spare !== undefined && spare.set !== pair.set && !immediate) {
      try {
        const spareId = spare.set.call(globalThis, onFire, ms);
        timer.spare = { pair: spare, id: spareId, missed: 0 };
      } catch {
        s.spare = undefined; // a removed fake (std's TimeError)
      }
    }
    s.current = timer;
    // The watchdog stops by itself at its next check once nothing is left to watch: no
    // real timer calls per arm or fire under a fake.
    if (foreign && pair.set !== s.watched) {
      // A fake newly under the loop: look for its removal soon, then less and less often.
      s.watched = pair.set;
      const w = s.watchdog;
      s.watchdog = undefined;
      if (w !== undefined) safeClear(w as unknown as Pair, w.id);
      s.watchDelay = 1;
    } else if (!foreign) s.watched = undefined;
    if (foreign || timer.spare !== undefined) watch();
    return timer;
  },
  disarm(timer: ArmedTimer): void {
    const s = state;
    const t = timer as SystemTimer;
    // Moving away from a fake (or a fake putting the real timers back for a moment):
    // remember it, so the next timer is armed on it too.
    if (t.foreign && g.setTimeout !== t.set) s.spare = { set: t.set, clear: t.clear };
    else if (t.spare === undefined && !t.foreign) s.spare = undefined;
    // A fake's timer is cleared only while that fake is in place, in the session it was
    // armed in: clearing a timer of a removed (or removed and installed again) fake can hit
    // another timer that got its id, or corrupt its queue (node:test). Left alone, it is
    // dropped by the fake or fires into nothing.
    if (!t.foreign || (g.setTimeout === t.set && g.Date === t.date && !t.away)) {
      safeClear(t, t.id);
    }
    const spare = t.spare;
    if (spare !== undefined) {
      if (g.setTimeout === spare.pair.set && g.Date === t.date) safeClear(spare.pair, spare.id);
      t.spare = undefined;
    }
    // A disarmed timer must never call the loop.
    t.fire = () => {};
    if (s.current === t) s.current = undefined;
  },
  stale(timer: ArmedTimer): boolean {
    const t = timer as SystemTimer;
    return t.set !== g.setTimeout && t.set !== g.setImmediate;
  },
};
