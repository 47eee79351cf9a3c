/**
 * A first-in, first-out line of waiting promises, each cancellable by an `AbortSignal`
 * with O(1) removal: the building block of locks, events, conditions, barriers and queues.
 *
 * It is also the one place that owns asyncio's "woken, then cancelled" rule. Waking a
 * waiter hands it something (a permit, an item, a notification) but the waiter only
 * resumes a promise job later. If its signal aborts in between, asyncio's waiter sees
 * the cancellation, not the wake-up: so here its promise rejects with `CancelledError`
 * and `giveBack` returns what it was handed, for the primitive to pass on. Until it
 * resumes, a woken waiter counts in {@linkcode Waiters.woken}, which primitives use to
 * keep newcomers behind it (asyncio keeps the future in its deque until it resumes).
 *
 * @module
 */
import { cancelledError, subscribe, type Subscription, unsubscribe } from "./_abort.ts";

/** What a primitive does when one of its waiters is cancelled. */
export interface WaitHooks<T, R = T> {
  /** Runs when the signal removes the waiter from the line, before the promise rejects. */
  onCancel?: () => void;
  /**
   * Runs when the waiter was woken with `value` but its signal aborted before it resumed:
   * give `value` back (to the next waiter or to the store). The promise then rejects.
   */
  giveBack?: (value: T) => void;
  /**
   * Runs when a woken waiter resumes, not cancelled: the promise resolves with what it
   * returns (without it, with `value`).
   */
  onResume?: (value: T) => R;
}

const ignore = () => {};

/**
 * A waiter: its place in the line, its promise's functions, and what it was woken with. It
 * is its own subscription to its signal's abort (`cb`: the line's cancel function).
 */
interface Waiter<T> extends Subscription {
  resolve: (waiter: Waiter<T>) => void;
  reject: (error: unknown) => void;
  prev: Waiter<T> | undefined;
  next: Waiter<T> | undefined;
  signal: AbortSignal | undefined;
  value: T | undefined;
}

/** What a line does for the waits of one hooks object: made once, shared by every wait. */
interface Handlers<T> {
  /** The `then` step of a woken waiter: resumes it, or rejects it if its signal aborted. */
  resume: (waiter: Waiter<T>) => unknown;
  /** The abort of a waiter's signal before its wake-up: it leaves the line and rejects. */
  cancel: (waiter: Waiter<T>) => void;
}

/**
 * Waiters in arrival order. `wait()` joins the end; `wakeOne()` resolves the first. A
 * waiter whose signal aborts leaves the line at once (the others keep their places) and
 * its promise rejects with `CancelledError`.
 *
 * @internal
 */
export class Waiters<T = void> {
  #head: Waiter<T> | undefined;
  #tail: Waiter<T> | undefined;
  #size = 0;
  #woken = 0;
  #cachedHooks: WaitHooks<T, unknown> | undefined; // the hooks of #cached
  #cached: Handlers<T> | undefined;

  /** How many are waiting (not counting the woken ones). */
  get size(): number {
    return this.#size;
  }

  /** How many were woken and have not resumed yet. */
  get woken(): number {
    return this.#woken;
  }

  /**
   * Joins the line. An already aborted signal rejects at once without joining. See
   * {@linkcode WaitHooks} for what runs when the signal aborts before or after a wake-up.
   */
  wait<R = T>(signal?: AbortSignal, hooks?: WaitHooks<T, R>): Promise<R> {
    if (signal?.aborted) return Promise.reject(cancelledError(signal));
    const handlers = this.#handlers(hooks);
    const w: Waiter<T> = {
      cb: undefined,
      from: undefined,
      resolve: ignore,
      reject: ignore,
      prev: this.#tail,
      next: undefined,
      signal,
      value: undefined,
    };
    if (this.#tail === undefined) this.#head = w;
    else this.#tail.next = w;
    this.#tail = w;
    this.#size++;
    const waiting = new Promise<Waiter<T>>((resolve, reject) => {
      w.resolve = resolve;
      w.reject = reject;
    });
    if (signal !== undefined) {
      w.cb = handlers.cancel;
      subscribe(signal, w);
    }
    return waiting.then(handlers.resume) as Promise<R>; // resumes one job after the wake-up
  }

  /** Resolves the first waiter with `value`; returns whether there was one. */
  wakeOne(value: T): boolean {
    const w = this.#head;
    if (w === undefined) return false;
    this.#unlink(w);
    if (w.signal !== undefined) unsubscribe(w.signal, w);
    this.#woken++;
    w.value = value;
    w.resolve(w);
    return true;
  }

  /** Resolves every waiter with `value`, in order; returns how many. */
  wakeAll(value: T): number {
    let n = 0;
    while (this.wakeOne(value)) n++;
    return n;
  }

  /** Rejects every waiter with `error`, in order; returns how many. */
  rejectAll(error: unknown): number {
    let n = 0;
    for (let w = this.#head; w !== undefined; w = this.#head) {
      this.#unlink(w);
      if (w.signal !== undefined) unsubscribe(w.signal, w);
      w.reject(error);
      n++;
    }
    return n;
  }

  /**
   * The handlers of the waits with `hooks`: made on first use and kept for the next waits
   * with the same hooks (a primitive passes the same object every time), so that a wait
   * makes no closure of its own.
   */
  #handlers(hooks: WaitHooks<T, unknown> | undefined): Handlers<T> {
    let handlers = this.#cached;
    if (handlers === undefined || this.#cachedHooks !== hooks) {
      const onResume = hooks?.onResume;
      handlers = this.#cached = {
        resume: (w) => {
          this.#woken--;
          const value = w.value as T;
          w.value = undefined;
          if (w.signal?.aborted) {
            hooks?.giveBack?.(value);
            throw cancelledError(w.signal);
          }
          return onResume === undefined ? value : onResume(value);
        },
        cancel: (w) => {
          this.#unlink(w);
          hooks?.onCancel?.();
          w.reject(cancelledError(w.signal!));
        },
      };
      this.#cachedHooks = hooks;
    }
    return handlers;
  }

  #unlink(w: Waiter<T>): void {
    if (w.prev === undefined) this.#head = w.next;
    else w.prev.next = w.next;
    if (w.next === undefined) this.#tail = w.prev;
    else w.next.prev = w.prev;
    w.prev = w.next = undefined;
    this.#size--;
  }
}
