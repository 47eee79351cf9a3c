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
import { cancelledError, onAbort } from "./_abort.ts";

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

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  unsubscribe: (() => void) | undefined;
  prev: Waiter<T> | undefined;
  next: Waiter<T> | undefined;
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
  #resumeHooks: WaitHooks<T, unknown> | undefined; // the hooks of #resume
  #resume: ((value: T) => unknown) | undefined;

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
    // Nothing can cancel it: its resumption is one function made once, not a closure a wait.
    if (signal === undefined) return this.#join().then(this.#resumer(hooks));
    if (signal.aborted) return Promise.reject(cancelledError(signal));
    const waiting = this.#join();
    const w = this.#tail!;
    w.unsubscribe = onAbort(signal, () => {
      w.unsubscribe = undefined;
      this.#unlink(w);
      hooks?.onCancel?.();
      w.reject(cancelledError(signal));
    });
    return waiting.then((value) => { // resumes: one promise job after the wake-up
      this.#woken--;
      if (signal.aborted) {
        hooks?.giveBack?.(value);
        throw cancelledError(signal);
      }
      const onResume = hooks?.onResume;
      return onResume === undefined ? value as unknown as R : onResume(value);
    });
  }

  /** Resolves the first waiter with `value`; returns whether there was one. */
  wakeOne(value: T): boolean {
    const w = this.#head;
    if (w === undefined) return false;
    this.#unlink(w);
    w.unsubscribe?.();
    this.#woken++;
    w.resolve(value);
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
      w.unsubscribe?.();
      w.reject(error);
      n++;
    }
    return n;
  }

  /** A new waiter at the end of the line (`#tail`); returns its promise. */
  #join(): Promise<T> {
    const w: Waiter<T> = {
      resolve: ignore,
      reject: ignore,
      unsubscribe: undefined,
      prev: this.#tail,
      next: undefined,
    };
    if (this.#tail === undefined) this.#head = w;
    else this.#tail.next = w;
    this.#tail = w;
    this.#size++;
    return new Promise<T>((resolve, reject) => {
      w.resolve = resolve;
      w.reject = reject;
    });
  }

  /**
   * The resumption of a wait nothing cancels, with `hooks`: made on first use and kept for
   * the next waits with the same hooks (a primitive passes the same object every time).
   */
  #resumer<R>(hooks: WaitHooks<T, R> | undefined): (value: T) => R {
    if (this.#resume === undefined || this.#resumeHooks !== hooks) {
      const onResume = hooks?.onResume;
      this.#resumeHooks = hooks;
      this.#resume = (value) => {
        this.#woken--;
        return onResume === undefined ? value : onResume(value);
      };
    }
    return this.#resume as (value: T) => R;
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
