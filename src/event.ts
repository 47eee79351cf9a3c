/**
 * `Event`: a flag that tasks wait for, like `asyncio.Event`.
 *
 * @module
 */
import { signalOf } from "./_options.ts";
import { Waiters } from "./_waiters.ts";

/**
 * Options for {@linkcode Event.wait}.
 *
 * @category Synchronization
 */
export interface EventWaitOptions {
  /** Aborting it cancels the wait: it rejects with `CancelledError` and leaves the line. */
  signal?: AbortSignal | undefined;
}

/**
 * A flag that tasks can wait for, like `asyncio.Event`: `set()` wakes every waiting task,
 * in the order they started waiting, and later waits return at once until `clear()`.
 *
 * @example Wait for a signal from another task
 * ```ts
 * import { createTask, Event, loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const ready = new Event();
 * createTask(async () => {
 *   await sleep(5);
 *   ready.set();
 * });
 * assert.equal(await ready.wait(), true);
 * assert.equal(loopTime(), 5);
 * assert.equal(ready.isSet(), true);
 * ```
 *
 * @category Synchronization
 */
export class Event {
  #value = false;
  #waiters = new Waiters<true>();

  /**
   * Whether the flag is set.
   *
   * @returns `true` between `set()` and `clear()`.
   */
  isSet(): boolean {
    return this.#value;
  }

  /** Sets the flag and wakes every waiting task, first come first served. */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    this.#waiters.wakeAll(true);
  }

  /** Clears the flag: later waits block until the next `set()`. */
  clear(): void {
    this.#value = false;
  }

  /**
   * Waits until the flag is set; returns at once if it is.
   *
   * @param options `signal`: cancels the wait when aborted. The promise then rejects with
   * `CancelledError` and the waiter leaves the line at once (the others keep their places).
   * @returns A promise that resolves to `true`, as in asyncio.
   *
   * @example Cancel a wait
   * ```ts
   * import { Event } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const event = new Event();
   * const controller = new AbortController();
   * const waiting = event.wait({ signal: controller.signal });
   * controller.abort();
   * await assert.rejects(waiting, { name: "CancelledError" });
   * ```
   */
  wait(options?: EventWaitOptions): Promise<true> {
    let signal: AbortSignal | undefined;
    try {
      signal = signalOf("wait for event", options);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#value) return Promise.resolve(true);
    return this.#waiters.wait(signal);
  }
}
