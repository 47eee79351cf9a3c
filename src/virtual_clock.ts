/**
 * `VirtualClock`: put the loop on virtual time, advanced by hand or jumping by itself
 * whenever the program is idle (Trio's `MockClock` with `autojump_threshold=0`).
 *
 * @module
 */
import type { ArmedTimer, Clock } from "./clock.ts";
import { systemClock } from "./clock.ts";
import { checkBoolean, checkFinite, checkSeconds } from "./_validate.ts";
import { loopState, pendingTimers, setClock } from "./loop.ts";

/**
 * Options for {@linkcode VirtualClock.install}.
 *
 * @category Time and testing
 */
export interface VirtualClockOptions {
  /** The virtual time to start at, in seconds (default 0). */
  start?: number | undefined;
  /** Jump to the next deadline whenever the program is idle (default false). */
  autojump?: boolean | undefined;
  /**
   * With `autojump`, how long the program must be idle, in real seconds, before virtual
   * time jumps (Trio's `autojump_threshold`; default 0: as soon as a real macrotask turn
   * passes with no progress). Set it above the time real I/O takes (a loopback `fetch`, a
   * real timer) for tests that mix virtual time with real I/O.
   */
  autojumpThreshold?: number | undefined;
}

interface VirtualTimer extends ArmedTimer {
  readonly fire: () => void;
}

// deno-lint-ignore no-explicit-any
const g = globalThis as any;

/** Runs `cb` after the current macrotask: after every promise job queued so far. */
function hop(cb: () => void): () => void {
  if (typeof g.setImmediate === "function") {
    const set = g.setImmediate, clear = g.clearImmediate;
    const id = set.call(globalThis, cb);
    return () => clear.call(globalThis, id);
  }
  const channel = new MessageChannel();
  let live = true;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (live) cb();
  };
  channel.port2.postMessage(null);
  return () => {
    live = false;
    channel.port1.close();
  };
}

/** Lets every promise continuation that is ready run to completion. */
function settle(): Promise<void> {
  return new Promise((resolve) => hop(resolve));
}

// One installed VirtualClock per process, however many copies of the module are loaded.
const shared = loopState as { virtual: VirtualClock | undefined };

/**
 * A virtual time source for the loop: sleeps, timeouts and every other wait of this module
 * run on it instead of real time, so tests and demos of long waits finish at once and
 * measure exact times. It replaces the loop's clock only: no global is patched.
 *
 * Install it with `using clock = VirtualClock.install()` (or call `uninstall()`); only one
 * can be installed at a time. Timers pending at install or uninstall keep the time they
 * had left. Then either call {@linkcode VirtualClock.advance} / {@linkcode
 * VirtualClock.runAll}, or pass `autojump: true` to jump to the next deadline whenever the
 * program is idle: when a real macrotask turn passes with nothing but timers to wait for.
 *
 * @example Advance time by hand
 * ```ts
 * import { sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install();
 * let woke = false;
 * sleep(10).then(() => (woke = true));
 * await clock.advance(9.5);
 * assert.equal(woke, false);
 * await clock.advance(0.5);
 * assert.equal(woke, true);
 * assert.equal(clock.now, 10);
 * ```
 *
 * @example Autojump: an hour of sleeping in a few milliseconds
 * ```ts
 * import { loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * await sleep(3600);
 * assert.equal(loopTime(), 3600);
 * ```
 *
 * @example Autojump with a threshold: real I/O is waited for, not jumped past
 * ```ts
 * import { loopTime, VirtualClock, waitFor } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * // Jump only after 0.2 s of real idleness (Trio's autojump_threshold).
 * using _clock = VirtualClock.install({ autojump: true, autojumpThreshold: 0.2 });
 * const io = new Promise((resolve) => setTimeout(() => resolve("done"), 5)); // real 5 ms
 * assert.equal(await waitFor(io, 10), "done");
 * assert.equal(loopTime(), 0);
 * ```
 *
 * @category Time and testing
 */
export class VirtualClock implements Disposable {
  #now: number;
  #autojump: boolean;
  #threshold: number;
  #armed: VirtualTimer | undefined;
  #version = 0; // changes whenever the loop arms or disarms: a sign of progress
  #idleCheck: (() => void) | undefined; // cancels the pending idle check
  #driving = 0; // advance() / runAll() calls under way: autojump waits for them
  #installed = true;
  #clock: Clock;

  private constructor(start: number, autojump: boolean, threshold: number) {
    this.#now = start;
    this.#autojump = autojump;
    this.#threshold = threshold;
    this.#clock = {
      maxDelay: Infinity,
      now: () => this.#now,
      arm: (at, _delay, fire) => {
        this.#version++;
        const timer = { at, fire };
        this.#armed = timer;
        if (this.#autojump) this.#watchIdle();
        return timer;
      },
      disarm: (timer) => {
        this.#version++;
        if (this.#armed === timer) this.#armed = undefined;
      },
      stale: () => false,
    };
  }

  /**
   * Puts the loop on a new virtual clock and returns it.
   *
   * @param options `start`: the virtual time to start at (default 0); `autojump`: jump to
   * the next deadline whenever the program is idle (default false); `autojumpThreshold`:
   * how many real seconds of idleness autojump waits for (default 0).
   * @returns The installed clock.
   * @throws {Error} If another `VirtualClock` is installed.
   *
   * @example Start at a given time
   * ```ts
   * import { loopTime, VirtualClock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * using _clock = VirtualClock.install({ start: 100 });
   * assert.equal(loopTime(), 100);
   * ```
   */
  static install(options: VirtualClockOptions = {}): VirtualClock {
    const { start = 0, autojump = false, autojumpThreshold = 0 } = options ?? {};
    checkFinite("install VirtualClock", "start", start);
    checkBoolean("install VirtualClock", "autojump", autojump);
    checkSeconds("install VirtualClock", "autojumpThreshold", autojumpThreshold);
    if (shared.virtual !== undefined) {
      throw new Error("Cannot install VirtualClock: another VirtualClock is installed");
    }
    const clock = new VirtualClock(start, autojump, autojumpThreshold);
    shared.virtual = clock;
    setClock(clock.#clock);
    return clock;
  }

  /** The virtual time, in seconds. */
  get now(): number {
    return this.#now;
  }

  /** How many timers the loop has pending. */
  get pending(): number {
    return pendingTimers();
  }

  /** Whether the clock jumps to the next deadline whenever the program is idle. */
  get autojump(): boolean {
    return this.#autojump;
  }

  /** Turns autojump on or off; turned on, it jumps as soon as the program is next idle. */
  set autojump(on: boolean) {
    this.#autojump = checkBoolean("set VirtualClock.autojump", "autojump", on);
    if (on) this.#watchIdle();
    else this.#stopWatching();
  }

  /**
   * How long, in real seconds, the program must be idle before autojump jumps (Trio's
   * `autojump_threshold`): 0 jumps as soon as a real macrotask turn passes with no progress.
   */
  get autojumpThreshold(): number {
    return this.#threshold;
  }

  /** Sets how long, in real seconds (finite, >= 0), the program must be idle before a jump. */
  set autojumpThreshold(seconds: number) {
    this.#threshold = checkSeconds(
      "set VirtualClock.autojumpThreshold",
      "autojumpThreshold",
      seconds,
    );
    this.#stopWatching();
    if (this.#autojump) this.#watchIdle();
  }

  /**
   * Moves virtual time forward by `seconds`, firing every timer due on the way in order,
   * and letting the promise continuations of each run before the next fires.
   *
   * @param seconds How far to move: a finite number >= 0.
   * @returns A promise that resolves once time is `now + seconds` and all is settled.
   *
   * @example Fire timers in order
   * ```ts
   * import { sleep, VirtualClock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * using clock = VirtualClock.install();
   * const order: number[] = [];
   * for (const s of [2, 1, 3]) sleep(s).then(() => order.push(s));
   * await clock.advance(2);
   * assert.deepEqual(order, [1, 2]);
   * ```
   */
  async advance(seconds: number): Promise<void> {
    checkSeconds("advance VirtualClock", "seconds", seconds);
    this.#checkInstalled("advance");
    const target = this.#now + seconds;
    await this.#drive(async () => {
      await settle();
      while (this.#armed !== undefined && this.#armed.at <= target) {
        this.#fireArmed();
        await settle();
      }
      if (this.#now < target) this.#now = target;
    });
  }

  /**
   * Fires every pending timer, jumping time to each deadline in turn, until none is left
   * (timers scheduled meanwhile included).
   *
   * @returns A promise that resolves when no timer is pending.
   *
   * @example Run everything
   * ```ts
   * import { sleep, VirtualClock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * using clock = VirtualClock.install();
   * const done = Promise.all([sleep(5), sleep(50)]);
   * await clock.runAll();
   * await done;
   * assert.equal(clock.now, 50);
   * assert.equal(clock.pending, 0);
   * ```
   */
  async runAll(): Promise<void> {
    this.#checkInstalled("run");
    await this.#drive(async () => {
      await settle();
      while (this.#armed !== undefined) {
        this.#fireArmed();
        await settle();
      }
    });
  }

  /** Puts the loop back on the system clock. Pending timers keep the time they had left. */
  uninstall(): void {
    if (!this.#installed) return;
    this.#installed = false;
    this.#stopWatching();
    shared.virtual = undefined;
    setClock(systemClock);
  }

  /** Same as {@linkcode VirtualClock.uninstall}, for `using`. */
  [Symbol.dispose](): void {
    this.uninstall();
  }

  #checkInstalled(what: string): void {
    if (!this.#installed) {
      throw new Error(`Cannot ${what} VirtualClock: it was uninstalled`);
    }
  }

  /** Runs `steps` with autojump held off, so that time stops where `advance` says. */
  async #drive(steps: () => Promise<void>): Promise<void> {
    this.#driving++;
    try {
      await steps();
    } finally {
      if (--this.#driving === 0 && this.#autojump) this.#watchIdle();
    }
  }

  #fireArmed(): void {
    const timer = this.#armed!;
    this.#armed = undefined;
    if (timer.at > this.#now) this.#now = timer.at;
    timer.fire();
  }

  #watchIdle(): void {
    if (this.#idleCheck !== undefined || !this.#installed) return;
    const version = this.#version;
    const jump = () => {
      this.#idleCheck = undefined;
      if (!this.#autojump || this.#driving > 0 || this.#armed === undefined) return;
      if (this.#version === version) this.#fireArmed();
      else this.#watchIdle();
    };
    if (this.#threshold === 0) {
      this.#idleCheck = hop(jump);
      return;
    }
    // Idle for `threshold` real seconds: first a macrotask turn, then a real timer (the
    // host's: a VirtualClock patches no global), both cancelled on uninstall.
    let cancel = hop(() => {
      const set = g.setTimeout, clear = g.clearTimeout;
      const ms = Math.ceil(this.#threshold * 1000);
      const id = set.call(globalThis, jump, ms);
      cancel = () => clear.call(globalThis, id);
    });
    this.#idleCheck = () => cancel();
  }

  #stopWatching(): void {
    this.#idleCheck?.();
    this.#idleCheck = undefined;
  }
}
