/**
 * Many waits on one `AbortSignal`: one listener per signal feeds a set of callbacks, so
 * that adding and removing a wait costs O(1) whatever the number of waits.
 *
 * @module
 */
import { CancelledError } from "./errors.ts";

const waiters = new WeakMap<AbortSignal, Set<() => void>>();

function notify(this: AbortSignal): void {
  const set = waiters.get(this);
  waiters.delete(this);
  if (set !== undefined) { for (const cb of set) cb(); }
}

/**
 * Calls `cb` once when `signal` aborts; returns the function that unsubscribes it.
 *
 * @internal
 */
export function onAbort(signal: AbortSignal, cb: () => void): () => void {
  let set = waiters.get(signal);
  if (set === undefined) {
    set = new Set();
    waiters.set(signal, set);
    signal.addEventListener("abort", notify, { once: true });
  }
  set.add(cb);
  return () => {
    const current = waiters.get(signal);
    if (current === undefined || !current.delete(cb) || current.size > 0) return;
    waiters.delete(signal);
    signal.removeEventListener("abort", notify);
  };
}

const converted = new WeakMap<AbortSignal, CancelledError>();

/**
 * The `CancelledError` a wait rejects with when `signal` aborts: the reason itself if it
 * is one, else one (made once per signal, shared by its waits) carrying the reason as
 * `cause`.
 *
 * @internal
 */
export function cancelledError(signal: AbortSignal): CancelledError {
  const reason = signal.reason;
  if (reason instanceof CancelledError) return reason;
  let error = converted.get(signal);
  if (error === undefined) {
    const text = reason instanceof Error ? reason.message : String(reason);
    error = new CancelledError(text, { cause: reason });
    converted.set(signal, error);
  }
  return error;
}
