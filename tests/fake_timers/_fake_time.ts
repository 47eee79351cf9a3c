/**
 * A test-only stand-in for Deno std's `FakeTime` (`@std/testing/time`), which cannot be
 * imported here (JSR is out of reach). It copies the behaviours of std's `testing/time.ts`
 * that matter to the loop:
 *
 * - it replaces `globalThis.setTimeout/clearTimeout/setInterval/clearInterval/Date` (and
 *   `AbortSignal.timeout`), leaving `performance.now`, `setImmediate` and `queueMicrotask`
 *   real;
 * - delays are floored to whole ms (`Math.max(0, Math.floor(delay))`);
 * - `tick(ms)` runs, synchronously and in deadline order, every timer due within the window
 *   (timers scheduled during the tick included), with `now` set to each timer's due time;
 * - `tickAsync(ms)` first waits a real `setTimeout(0)` through `restoreFor` (the real globals
 *   are put back for the length of that await), then ticks;
 * - `restore()` puts the real globals back; its pending timers are never run (a new fake
 *   starts with none), and its `clear*`/`set*` throw `TimeError` once restored.
 */

/** std's error class for misuse of fake time. */
export class TimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TimeError";
  }
}

interface Timer {
  id: number;
  callback: () => void;
  delay: number;
  due: number;
  repeat: boolean;
}

// deno-lint-ignore no-explicit-any
const g = globalThis as any;
const real = {
  Date: g.Date,
  setTimeout: g.setTimeout,
  clearTimeout: g.clearTimeout,
  setInterval: g.setInterval,
  clearInterval: g.clearInterval,
  AbortSignalTimeout: AbortSignal.timeout,
};

let time: FakeTime | undefined;
let now = 0;
let nextId = 1;
let timers = new Map<number, Timer>();

const FakeDate = new Proxy(real.Date, {
  construct(_target, args) {
    if (args.length === 0) args.push(now);
    return new real.Date(...args);
  },
  apply() {
    return new real.Date(now).toString();
  },
  get(target, prop, receiver) {
    if (prop === "now") return fakeNow;
    return Reflect.get(target, prop, receiver);
  },
});

function fakeNow(): number {
  return time === undefined ? real.Date.now() : now;
}

function setTimer(callback: () => void, delay: number, repeat: boolean): number {
  const id = nextId++;
  delay = Math.max(repeat ? 1 : 0, Math.floor(delay));
  timers.set(id, { id, callback, delay, due: now + delay, repeat });
  return id;
}

function fakeSetTimeout(callback: () => void, delay = 0): number {
  if (!time) throw new TimeError("Cannot set timeout: time is not faked");
  return setTimer(callback, delay, false);
}

function fakeClearTimeout(id?: unknown): void {
  if (!time) throw new TimeError("Cannot clear timeout: time is not faked");
  if (typeof id === "number") timers.delete(id);
}

function fakeSetInterval(callback: () => void, delay = 0): number {
  if (!time) throw new TimeError("Cannot set interval: time is not faked");
  return setTimer(callback, delay, true);
}

function fakeClearInterval(id?: unknown): void {
  if (!time) throw new TimeError("Cannot clear interval: time is not faked");
  if (typeof id === "number") timers.delete(id);
}

function fakeAbortSignalTimeout(delay: number): AbortSignal {
  const aborter = new AbortController();
  fakeSetTimeout(() => aborter.abort(new DOMException("Signal timed out.", "TimeoutError")), delay);
  return aborter.signal;
}

function overrideGlobals(): void {
  g.Date = FakeDate;
  g.setTimeout = fakeSetTimeout;
  g.clearTimeout = fakeClearTimeout;
  g.setInterval = fakeSetInterval;
  g.clearInterval = fakeClearInterval;
  AbortSignal.timeout = fakeAbortSignalTimeout;
}

function restoreGlobals(): void {
  g.Date = real.Date;
  g.setTimeout = real.setTimeout;
  g.clearTimeout = real.clearTimeout;
  g.setInterval = real.setInterval;
  g.clearInterval = real.clearInterval;
  AbortSignal.timeout = real.AbortSignalTimeout;
}

/** The timer due first (lowest due, then lowest id, as std's per-due FIFO lists). */
function nextTimer(): Timer | undefined {
  let best: Timer | undefined;
  for (const t of timers.values()) {
    if (best === undefined || t.due < best.due || (t.due === best.due && t.id < best.id)) {
      best = t;
    }
  }
  return best;
}

/** Fake time in the manner of std's `FakeTime`; see the module doc. */
export class FakeTime implements Disposable {
  constructor(start?: number) {
    if (time) throw new TimeError("Cannot construct FakeTime: time is already faked");
    now = start ?? real.Date.now();
    timers = new Map();
    overrideGlobals();
    time = this;
  }

  /** Puts the real globals back while `callback` runs (and until its promise settles). */
  static restoreFor<T>(callback: () => Promise<T> | T): Promise<T> {
    if (!time) return Promise.reject(new TimeError("Cannot restore time: time is not faked"));
    restoreGlobals();
    try {
      const result = callback();
      if (result instanceof Promise) return result.finally(() => overrideGlobals());
      overrideGlobals();
      return Promise.resolve(result);
    } catch (e) {
      overrideGlobals();
      return Promise.reject(e);
    }
  }

  /** Fake epoch ms. */
  get now(): number {
    return now;
  }

  set now(value: number) {
    if (value < now) throw new RangeError(`Cannot set current time in the past`);
    for (let t = nextTimer(); t !== undefined && t.due <= value; t = nextTimer()) {
      now = t.due;
      if (t.repeat) t.due += t.delay;
      else timers.delete(t.id);
      t.callback();
    }
    now = value;
  }

  /** How many fake timers are pending (for assertions). */
  get pending(): number {
    return timers.size;
  }

  /** Resolves after `ms` of real time, through `restoreFor` as std does. */
  async delay(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      FakeTime.restoreFor(() => setTimeout(resolve, ms));
    });
  }

  /** Runs the ready promise jobs (a real `setTimeout(0)`). */
  async runMicrotasks(): Promise<void> {
    await this.delay(0);
  }

  /** Moves fake time on by `ms`, running every timer due on the way, synchronously. */
  tick(ms = 0): void {
    this.now += ms;
  }

  /** Runs the ready promise jobs, then ticks. */
  async tickAsync(ms = 0): Promise<void> {
    await this.runMicrotasks();
    this.now += ms;
  }

  /** Puts the real globals back; pending fake timers never run. */
  restore(): void {
    if (!time) throw new TimeError("Cannot restore time: time is already restored");
    time = undefined;
    restoreGlobals();
  }

  [Symbol.dispose](): void {
    this.restore();
  }
}
