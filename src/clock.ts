/**
 * The time source under the loop, and the one native timer it arms.
 *
 * The loop asks its clock for readings and arms at most one timer at a time on it. The
 * system clock reads `performance.now()` (or `Date.now()`) and arms `setTimeout` (or
 * `setImmediate` for "now"), looking every global up at call time so that fake timers
 * installed later take over. {@linkcode VirtualClock} is the other implementation.
 *
 * @module
 */

/** A native timer armed on a {@linkcode Clock}; opaque to the loop. */
export interface ArmedTimer {
  /** Loop time, in seconds, the timer was armed for. */
  readonly at: number;
}

/** What the loop needs from a time source: readings and one timer at a time. */
export interface Clock {
  /** Reads the clock, in seconds. Need not be monotonic: the loop makes its time so. */
  now(): number;
  /** The longest delay one timer can be armed for, in seconds; longer waits re-arm. */
  readonly maxDelay: number;
  /**
   * Arms a timer that calls `fire` once, `delay` seconds from now; `at` is the loop time
   * this corresponds to (a virtual clock fires at exactly that time).
   */
  arm(at: number, delay: number, fire: () => void): ArmedTimer;
  /** Cancels a timer armed by `arm` that has not fired. */
  disarm(timer: ArmedTimer): void;
  /** Whether a timer armed earlier no longer belongs to the current timer globals. */
  stale(timer: ArmedTimer): boolean;
}

type SetFn = (this: unknown, cb: () => void, ms?: number) => unknown;
type ClearFn = (this: unknown, id: unknown) => void;

interface SystemTimer extends ArmedTimer {
  readonly set: SetFn;
  readonly clear: ClearFn;
  readonly id: unknown;
}

// deno-lint-ignore no-explicit-any
const g = globalThis as any;

/** The longest delay a native timer accepts: 2^31 - 1 ms, in seconds. */
export const MAX_TIMER_DELAY = 2147483.647;

/** The clock of the host: `performance.now()` and `setTimeout`, read at call time. */
export const systemClock: Clock = {
  maxDelay: MAX_TIMER_DELAY,
  now(): number {
    const perf = g.performance;
    return (typeof perf?.now === "function" ? perf.now() : Date.now()) / 1000;
  },
  arm(at: number, delay: number, fire: () => void): SystemTimer {
    // A timer for "now" takes the quick macrotask hop: setTimeout(0) costs 1-2 ms a turn.
    const immediate = delay <= 0 && typeof g.setImmediate === "function";
    const set: SetFn = immediate ? g.setImmediate : g.setTimeout;
    const clear: ClearFn = immediate ? g.clearImmediate : g.clearTimeout;
    // Hosts drop the fraction of a millisecond (Deno, Node, sinon): round up, or the timer
    // fires early and trusting it would push loop time ahead of the real clock. The 1e-6
    // absorbs float noise such as 0.05 s * 1000 = 50.00000000000001 ms.
    const ms = Math.max(0, Math.ceil(delay * 1000 - 1e-6));
    const id = set.call(globalThis, fire, immediate ? undefined : ms);
    return { at, set, clear, id };
  },
  disarm(timer: ArmedTimer): void {
    const t = timer as SystemTimer;
    t.clear.call(globalThis, t.id);
  },
  stale(timer: ArmedTimer): boolean {
    const t = timer as SystemTimer;
    return t.set !== g.setTimeout && t.set !== g.setImmediate;
  },
};
