/**
 * A first-in, first-out line of waiting promises, each cancellable by an `AbortSignal`
 * with O(1) removal: the building block of locks, events, conditions, barriers and queues.
 *
 * @module
 */
import { cancelledError, onAbort } from "./_abort.ts";

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

  /** How many are waiting. */
  get size(): number {
    return this.#size;
  }

  /**
   * Joins the line. An already aborted signal rejects at once without joining.
   * `onCancel` runs when the signal removes this waiter (before the promise rejects).
   */
  wait(signal?: AbortSignal, onCancel?: () => void): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelledError(signal));
    return new Promise<T>((resolve, reject) => {
      const w: Waiter<T> = {
        resolve,
        reject,
        unsubscribe: undefined,
        prev: this.#tail,
        next: undefined,
      };
      if (this.#tail === undefined) this.#head = w;
      else this.#tail.next = w;
      this.#tail = w;
      this.#size++;
      if (signal !== undefined) {
        w.unsubscribe = onAbort(signal, () => {
          w.unsubscribe = undefined;
          this.#unlink(w);
          onCancel?.();
          reject(cancelledError(signal));
        });
      }
    });
  }

  /** Resolves the first waiter with `value`; returns whether there was one. */
  wakeOne(value: T): boolean {
    const w = this.#head;
    if (w === undefined) return false;
    this.#unlink(w);
    w.unsubscribe?.();
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

  #unlink(w: Waiter<T>): void {
    if (w.prev === undefined) this.#head = w.next;
    else w.prev.next = w.next;
    if (w.next === undefined) this.#tail = w.prev;
    else w.next.prev = w.prev;
    w.prev = w.next = undefined;
    this.#size--;
  }
}
