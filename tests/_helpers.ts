import { createTask, loopTime, sleep, type Task } from "../mod.ts";

/** Shared test helpers (not part of the module). */

/** A small deterministic generator of integers in [0, n), so tests need no seeded random. */
export function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Whether `order` lists indexes sorted by `(keys[i], i)`: ascending, ties first in first out. */
export function isStableAscending(order: number[], keys: number[]): boolean {
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1]!, b = order[i]!;
    const ka = keys[a], kb = keys[b];
    if (ka === undefined || kb === undefined) return false; // not an index of keys
    if (ka > kb || (ka === kb && a > b)) return false;
  }
  return true;
}

/** A task that sleeps `s` seconds, then returns `value` (default `s`) or, with `fail`, throws it. */
export function after<T = number>(s: number, value?: T, fail = false): Task<T> {
  return createTask(async (signal) => {
    await sleep(s, { signal });
    if (fail) throw value;
    return (value ?? s) as T;
  });
}

/** What {@linkcode track} records: the loop time at which a promise settled, and how. */
export interface Settled {
  at?: number;
  value?: unknown;
  error?: unknown;
}

/** Records the loop time at which `p` settles, and how. */
export function track(p: Promise<unknown>): Settled {
  const seen: Settled = {};
  p.then(
    (value) => Object.assign(seen, { at: loopTime(), value }),
    (error) => Object.assign(seen, { at: loopTime(), error }),
  );
  return seen;
}

/** A promise that never settles. */
export const never = (): Promise<never> => new Promise<never>(() => {});

/**
 * Runs `fn` and returns the reasons of the unhandled rejections reported meanwhile (Deno and
 * browsers: the `unhandledrejection` event; Node has no such event on `globalThis`).
 */
export async function unhandledDuring(fn: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => {
    seen.push(event.reason);
    event.preventDefault();
  };
  globalThis.addEventListener("unhandledrejection", onUnhandled);
  try {
    await fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    globalThis.removeEventListener("unhandledrejection", onUnhandled);
  }
  return seen;
}

/**
 * A log of how promises settle: `track(label, p)` appends `label:value@time` (`label@time`
 * for `undefined` or with `value: false`; `label:ErrorName@time` for a rejection; no
 * `@time` with `time: false`); the promise it returns settles once the entry is written.
 */
export function recorder(
  { time = true, value: showValue = true }: { time?: boolean; value?: boolean } = {},
): { log: string[]; track: (label: string, promise: Promise<unknown>) => Promise<unknown> } {
  const log: string[] = [];
  const at = () => (time ? `@${loopTime()}` : "");
  const track = (label: string, promise: Promise<unknown>) =>
    promise.then(
      (value) =>
        log.push(showValue && value !== undefined ? `${label}:${value}${at()}` : `${label}${at()}`),
      (error) => log.push(`${label}:${error.name}${at()}`),
    );
  return { log, track };
}

/**
 * Records every `addEventListener` and `removeEventListener` call on `signal` as
 * `"add TYPE"` / `"remove TYPE"`, passing each on: how many listeners the module keeps.
 */
export function listenerLog(signal: AbortSignal): string[] {
  const calls: string[] = [];
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = (type: string, ...rest: [never, never?]) => {
    calls.push(`add ${type}`);
    add(type, ...rest);
  };
  signal.removeEventListener = (type: string, ...rest: [never, never?]) => {
    calls.push(`remove ${type}`);
    remove(type, ...rest);
  };
  return calls;
}
