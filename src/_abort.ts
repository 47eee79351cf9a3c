/**
 * Many waits on one `AbortSignal`: one listener per signal feeds a list of callbacks, so
 * that adding and removing a wait costs O(1) whatever the number of waits.
 *
 * @module
 */
import { CancelledError } from "./errors.ts";

/**
 * A wait's subscription to a signal's abort: `cb`, called with the subscription itself, until
 * it is called or unsubscribed (then `undefined`); `from`, the signal's list it is in. A wait
 * may be its own subscription (a waiter in a line), so that one function serves them all.
 *
 * @internal
 */
export interface Subscription {
  // deno-lint-ignore no-explicit-any -- called with the subscription, whatever its type
  cb: ((subscription: any) => void) | undefined;
  from: object | undefined;
}

/**
 * The subscriptions of one signal, in order. Removing one only clears it (no hashing, no
 * search); the cleared ones are dropped when the list has doubled since it was last trimmed.
 */
interface Subscribers {
  list: Subscription[];
  live: number;
  trimAt: number;
}

const MIN_TRIM = 8;
const waiters = new WeakMap<AbortSignal, Subscribers>();

function notify(this: AbortSignal): void {
  const subscribers = waiters.get(this);
  waiters.delete(this);
  if (subscribers === undefined) return;
  for (const subscription of subscribers.list) {
    const cb = subscription.cb;
    if (cb === undefined) continue; // unsubscribed, maybe by an earlier callback
    subscription.cb = undefined;
    cb(subscription);
  }
}

/** Signals that only this module aborts, through {@linkcode abortOwned}. */
const owned = new WeakSet<AbortSignal>();

/**
 * An `AbortController` for the module's own scopes (a Task's, a timeout's, a group's): its
 * waits subscribe without an `EventTarget` listener (about 600 bytes each), since the
 * module aborts it itself with {@linkcode abortOwned}, which then calls them.
 *
 * @internal
 */
export function ownedController(): AbortController {
  const controller = new AbortController();
  owned.add(controller.signal);
  return controller;
}

/**
 * Aborts an {@linkcode ownedController} with `reason`: its listeners run (those of the
 * caller's code, given `currentSignal()`), then the module's waits. A no-op once aborted.
 *
 * @internal
 */
export function abortOwned(controller: AbortController, reason: unknown): void {
  const signal = controller.signal;
  if (signal.aborted) return;
  controller.abort(reason);
  notify.call(signal);
  for (const { hook } of structures) hook(signal);
}

/** The module's structures that learn of owned aborts without subscribing (the sleeps). */
const structures: {
  hook: (signal: AbortSignal) => void;
  follows: (signal: AbortSignal) => boolean;
}[] = [];

/**
 * Whether a wait still follows `signal`: one subscribed with {@linkcode onAbort}, or one of
 * a structure registered with {@linkcode onOwnedAbort} (its `follows` says).
 *
 * @internal
 */
export function isFollowed(signal: AbortSignal): boolean {
  return (waiters.get(signal)?.live ?? 0) > 0 || structures.some(({ follows }) => follows(signal));
}

/**
 * Whether `signal` is an {@linkcode ownedController}'s: then the module's structures
 * registered with {@linkcode onOwnedAbort} learn of its abort with no subscription at all.
 *
 * @internal
 */
export function isOwned(signal: AbortSignal): boolean {
  return owned.has(signal);
}

/**
 * Calls `hook(signal)` after every abort of an {@linkcode ownedController}: one hook per
 * structure (the sleeps' lines), instead of one subscription per signal. `follows(signal)`
 * tells whether one of the structure's waits still follows `signal`.
 *
 * @internal
 */
export function onOwnedAbort(
  hook: (signal: AbortSignal) => void,
  follows: (signal: AbortSignal) => boolean,
): void {
  structures.push({ hook, follows });
}

/**
 * Calls `cb` once when `signal` aborts; returns the function that unsubscribes it.
 *
 * @internal
 */
export function onAbort(signal: AbortSignal, cb: () => void): () => void {
  const subscription: Subscription = { cb, from: undefined };
  subscribe(signal, subscription);
  return () => unsubscribe(signal, subscription);
}

/**
 * Calls `subscription.cb(subscription)` once when `signal` aborts, until
 * {@linkcode unsubscribe}: {@linkcode onAbort} without a function to unsubscribe.
 *
 * @internal
 */
export function subscribe(signal: AbortSignal, subscription: Subscription): void {
  let subscribers = waiters.get(signal);
  if (subscribers === undefined) {
    subscribers = { list: [], live: 0, trimAt: MIN_TRIM };
    waiters.set(signal, subscribers);
    if (!owned.has(signal)) signal.addEventListener("abort", notify, { once: true });
  }
  let list = subscribers.list;
  if (list.length >= subscribers.trimAt) {
    list = subscribers.list = list.filter((s) => s.cb !== undefined);
    subscribers.trimAt = Math.max(MIN_TRIM, 2 * list.length);
  }
  list.push(subscription);
  subscribers.live++;
  subscription.from = subscribers;
}

/**
 * Ends a {@linkcode subscribe}d subscription to `signal`: a no-op once called or ended. The
 * signal's last one removes its listener.
 *
 * @internal
 */
export function unsubscribe(signal: AbortSignal, subscription: Subscription): void {
  if (subscription.cb === undefined) return; // called already, or unsubscribed
  subscription.cb = undefined;
  const from = subscription.from as Subscribers;
  if (--from.live > 0 || waiters.get(signal) !== from) return;
  waiters.delete(signal);
  if (!owned.has(signal)) signal.removeEventListener("abort", notify);
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
