/**
 * `Queue`: a first-in, first-out queue for producer and consumer tasks, like
 * `asyncio.Queue` (with Python 3.13's `shutdown`).
 *
 * @module
 */
import { signalOf } from "./_options.ts";
import { checkBoolean, checkInteger } from "./_validate.ts";
import { Waiters, type WaitHooks } from "./_waiters.ts";
import { QueueEmpty, QueueFull, QueueShutDown } from "./errors.ts";
import { Event } from "./event.ts";

/**
 * Options for the waits of a queue: {@linkcode Queue.put}, `get` and `join`.
 *
 * @category Queues
 */
export interface QueueWaitOptions {
  /** Aborting it cancels the wait: it rejects with `CancelledError` and leaves the line. */
  signal?: AbortSignal | undefined;
}

const noop = () => {};

/**
 * A queue for coordinating producer and consumer tasks, like `asyncio.Queue`: `put()` waits
 * while the queue is full, `get()` waits while it is empty, `join()` waits until every item
 * put has been marked done with `taskDone()`, and `shutdown()` stops it.
 *
 * Waiting getters are served strictly first come, first served, and so are waiting putters:
 * an item put while getters wait goes straight to the first of them, and a slot freed while
 * putters wait is kept for the first of them (its item comes in as soon as it runs), so no
 * `putNowait` or `getNowait` can jump the line. An item on its way to a getter still takes
 * its slot until the getter resumes (then the next putter is woken), as in asyncio, where
 * it stays in the queue until then. A wait cancelled through its `signal` leaves the line
 * at once, and an item is never lost nor delivered twice. As in asyncio, a getter handed an
 * item but cancelled before it resumes rejects with `CancelledError` and the item goes to
 * the next getter (or back to the front of the queue), and a putter woken but cancelled
 * before it resumes does not put and passes its slot on.
 *
 * @typeParam T The type of the items.
 *
 * @example Producer and consumer with join
 * ```ts
 * import { createTask, loopTime, Queue, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const queue = new Queue<number>(2);
 * const seen: number[] = [];
 * const consumer = createTask(async (signal) => {
 *   while (true) {
 *     const item = await queue.get({ signal });
 *     await sleep(1, { signal });
 *     seen.push(item);
 *     queue.taskDone();
 *   }
 * });
 * for (const item of [1, 2, 3, 4]) await queue.put(item);
 * await queue.join();
 * assert.deepEqual(seen, [1, 2, 3, 4]);
 * assert.equal(loopTime(), 4);
 * consumer.cancel();
 * ```
 *
 * @category Queues
 */
export class Queue<T> {
  #maxsize: number;
  #size = 0;
  #fifo: (T | undefined)[] = [];
  #head = 0;
  #getters = new Waiters<T>();
  #putters = new Waiters<void>();
  #reserved = 0; // slots kept for putters that were woken and have not put yet
  #inTransit = 0; // items handed to getters that have not resumed yet
  #dropped = false; // shut down with `immediate`
  #unfinished = 0;
  #finished = new Event();
  #shutdown = false;
  /** A putter's hooks (one object for all, so that a wait makes no closures of its own). */
  #putHooks: WaitHooks<void> = {
    giveBack: () => { // woken, then cancelled before resuming: pass the slot on
      this.#reserved--;
      this.#wakePutters();
    },
  };
  /** A getter's hooks. */
  #getHooks: WaitHooks<T> = {
    giveBack: (item) => {
      this.#inTransit--;
      this.#returnItem(item);
    },
    onResume: (item) => {
      this.#inTransit--; // got: its slot is free, as after a getNowait()
      this.#wakePutters();
      return item;
    },
  };

  /**
   * Creates an empty queue.
   *
   * @param maxsize How many items the queue holds before `put()` waits: an integer >= 0;
   * 0 (the default) means no limit.
   * @throws {TypeError} If `maxsize` is not a number.
   * @throws {RangeError} If `maxsize` is not an integer >= 0.
   */
  constructor(maxsize = 0) {
    this.#maxsize = checkInteger("create queue", "maxsize", maxsize, 0);
    this.#finished.set();
  }

  /** How many items the queue holds before `put()` waits; 0 means no limit. */
  get maxsize(): number {
    return this.#maxsize;
  }

  /**
   * The number of items in the queue.
   *
   * @returns How many items are waiting to be got.
   */
  qsize(): number {
    return this.#size;
  }

  /**
   * Whether the queue holds no item.
   *
   * @returns `true` if `qsize()` is 0.
   */
  empty(): boolean {
    return this.#size === 0;
  }

  /**
   * Whether the queue is full: it holds `maxsize` items, counting the slots kept for
   * putters that were woken and put as soon as they run, and the items on their way to
   * getters that have not resumed yet. Never with `maxsize` 0.
   *
   * @returns `true` if `putNowait()` would throw `QueueFull`.
   */
  full(): boolean {
    return this.#maxsize > 0 && this.#size + this.#reserved + this.#inTransit >= this.#maxsize;
  }

  /**
   * Puts an item into the queue, waiting while it is full.
   *
   * @param item The item.
   * @param options `signal`: cancels the wait when aborted. The promise then rejects with
   * `CancelledError`, the item is not put, and the putter leaves the line at once (or, if
   * it was already woken but had not resumed, passes its slot on).
   * @returns A promise that resolves once the item is in the queue (or given to a getter).
   * It rejects with `QueueShutDown` if the queue is shut down, now or while waiting.
   *
   * @example Wait for room
   * ```ts
   * import { Queue } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const queue = new Queue<string>(1);
   * await queue.put("a");
   * const putting = queue.put("b");
   * assert.equal(queue.getNowait(), "a");
   * await putting;
   * assert.equal(queue.getNowait(), "b");
   * ```
   */
  put(item: T, options?: QueueWaitOptions): Promise<void> {
    let signal: AbortSignal | undefined;
    try {
      signal = signalOf("put", options);
      this.checkItem(item, "put");
      if (!this.full()) return Promise.resolve(this.putNowait(item));
      this.#checkAlive();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#putters.wait(signal, this.#putHooks).then(() => {
      this.#reserved--;
      this.#checkAlive();
      this.#enter(item);
    });
  }

  /**
   * Puts an item into the queue if there is room, without waiting.
   *
   * @param item The item.
   * @throws {QueueShutDown} If the queue is shut down.
   * @throws {QueueFull} If the queue is full.
   *
   * @example Put without waiting
   * ```ts
   * import { Queue } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const queue = new Queue<string>();
   * queue.putNowait("a");
   * assert.equal(queue.qsize(), 1);
   * ```
   */
  putNowait(item: T): void {
    this.checkItem(item, "put");
    this.#checkAlive();
    if (this.full()) {
      throw new QueueFull(`Cannot put: the queue is full (maxsize ${this.#maxsize})`);
    }
    this.#enter(item);
  }

  /**
   * Removes and returns the next item, waiting while the queue is empty.
   *
   * @param options `signal`: cancels the wait when aborted. The promise then rejects with
   * `CancelledError`, no item is taken, and the getter leaves the line at once (or, if it
   * was already handed an item but had not resumed, passes the item on).
   * @returns A promise for the item. It rejects with `QueueShutDown` if the queue is shut
   * down and empty, now or while waiting.
   *
   * @example Wait for an item
   * ```ts
   * import { createTask, Queue, sleep, VirtualClock } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * using _clock = VirtualClock.install({ autojump: true });
   * const queue = new Queue<string>();
   * createTask(async () => {
   *   await sleep(1);
   *   queue.putNowait("hello");
   * });
   * assert.equal(await queue.get(), "hello");
   * ```
   */
  get(options?: QueueWaitOptions): Promise<T> {
    let signal: AbortSignal | undefined;
    try {
      signal = signalOf("get", options);
      if (this.#size > 0 || this.#shutdown) return Promise.resolve(this.getNowait());
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#getters.wait(signal, this.#getHooks);
  }

  /**
   * Removes and returns the next item if there is one, without waiting.
   *
   * @returns The item.
   * @throws {QueueEmpty} If the queue is empty.
   * @throws {QueueShutDown} If the queue is empty and shut down.
   *
   * @example Get without waiting
   * ```ts
   * import { Queue } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const queue = new Queue<string>();
   * queue.putNowait("a");
   * assert.equal(queue.getNowait(), "a");
   * ```
   */
  getNowait(): T {
    if (this.#size === 0) {
      throw this.#shutdown
        ? new QueueShutDown("Cannot get: the queue is shut down and empty")
        : new QueueEmpty("Cannot get: the queue is empty");
    }
    const item = this.takeItem();
    this.#size--;
    this.#wakePutters();
    return item;
  }

  /**
   * Marks one item got from the queue as processed. `join()` resolves once every item put
   * has been marked.
   *
   * @throws {RangeError} If called more times than items were put.
   *
   * @example Mark items done
   * ```ts
   * import { Queue } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const queue = new Queue<string>();
   * queue.putNowait("a");
   * queue.getNowait();
   * queue.taskDone();
   * assert.throws(() => queue.taskDone(), RangeError);
   * ```
   */
  taskDone(): void {
    if (this.#unfinished <= 0) {
      throw new RangeError(
        "Cannot mark task done: taskDone() was called more times than items were put",
      );
    }
    if (--this.#unfinished === 0) this.#finished.set();
  }

  /**
   * Waits until every item put into the queue has been got and marked done with
   * `taskDone()`; resolves at once if so.
   *
   * @param options `signal`: cancels the wait when aborted (it rejects with
   * `CancelledError`).
   * @returns A promise that resolves when no task is unfinished.
   *
   * @example Wait for the work to be done
   * ```ts
   * import { Queue } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const queue = new Queue<string>();
   * queue.putNowait("a");
   * let joined = false;
   * const joining = queue.join().then(() => (joined = true));
   * queue.getNowait();
   * queue.taskDone();
   * await joining;
   * assert.equal(joined, true);
   * ```
   */
  join(options?: QueueWaitOptions): Promise<void> {
    let signal: AbortSignal | undefined;
    try {
      signal = signalOf("join queue", options);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#finished.wait({ signal }).then(noop);
  }

  /**
   * Shuts the queue down, like Python 3.13's `Queue.shutdown`: every later put throws
   * `QueueShutDown`, and so do gets once the queue is empty. Waiting putters and getters
   * are woken with `QueueShutDown`. With `immediate`, the queue is emptied at once, each
   * removed item counting as done for `join()`, so gets throw at once and `join()` returns
   * when the items already got are marked done.
   *
   * @param immediate Drop the items left in the queue (default `false`).
   * @throws {TypeError} If `immediate` is not a boolean.
   *
   * @example Shut down at once
   * ```ts
   * import { Queue } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const queue = new Queue<string>();
   * queue.putNowait("a");
   * queue.shutdown(true);
   * assert.equal(queue.qsize(), 0);
   * await queue.join();
   * await assert.rejects(queue.get(), { name: "QueueShutDown" });
   * ```
   */
  shutdown(immediate = false): void {
    checkBoolean("shut down queue", "immediate", immediate);
    this.#shutdown = true;
    if (immediate) {
      this.#dropped = true;
      for (; this.#size > 0; this.#size--) {
        this.takeItem();
        if (this.#unfinished > 0) this.#unfinished--;
      }
      if (this.#unfinished === 0) this.#finished.set();
    }
    this.#getters.rejectAll(new QueueShutDown("Cannot get: the queue is shut down and empty"));
    this.#putters.rejectAll(new QueueShutDown("Cannot put: the queue is shut down"));
  }

  /**
   * Stores an item; with {@linkcode Queue.takeItem}, decides the order of the queue.
   * Subclasses override both (as `LifoQueue` and `PriorityQueue` do).
   *
   * @param item The item to store.
   */
  protected addItem(item: T): void {
    this.#fifo.push(item);
  }

  /**
   * Removes and returns the next stored item; called only when there is one.
   *
   * @returns The item.
   */
  protected takeItem(): T {
    const item = this.#fifo[this.#head] as T;
    this.#fifo[this.#head++] = undefined;
    if (this.#head * 2 >= this.#fifo.length) {
      this.#fifo = this.#fifo.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /**
   * Puts back an item that was handed to a getter cancelled before it resumed, where it
   * would be had it stayed in the store: at the front, for first-in, first-out. Called
   * only with nobody waiting to get. Subclasses that override `addItem` and `takeItem`
   * without this get `addItem` (as `PriorityQueue`, whose order does not depend on
   * arrival); `LifoQueue` puts the item at the bottom.
   *
   * @param item The item to put back.
   */
  protected returnItem(item: T): void {
    if (this.addItem !== Queue.prototype.addItem) return this.addItem(item);
    if (this.#head > 0) this.#fifo[--this.#head] = item;
    else this.#fifo.unshift(item);
  }

  /**
   * Checks an item before it is put; throws a `TypeError` or a `RangeError` if it is bad.
   *
   * @param _item The item.
   * @param _what The action, for the message: `Cannot <what>: …`.
   */
  protected checkItem(_item: T, _what: string): void {}

  #checkAlive(): void {
    if (this.#shutdown) throw new QueueShutDown("Cannot put: the queue is shut down");
  }

  /** An item comes in: straight to the first waiting getter, else into the store. */
  #enter(item: T): void {
    this.#unfinished++;
    this.#finished.clear();
    if (this.#getters.wakeOne(item)) this.#inTransit++;
    else {
      this.addItem(item);
      this.#size++;
    }
  }

  /** An item handed to a getter cancelled before it resumed: to the next one, or back. */
  #returnItem(item: T): void {
    if (this.#dropped) { // shut down at once meanwhile: dropped, counted as done
      if (this.#unfinished > 0 && --this.#unfinished === 0) this.#finished.set();
    } else if (this.#getters.wakeOne(item)) {
      this.#inTransit++;
    } else {
      this.returnItem(item);
      this.#size++;
    }
  }

  /** Wakes waiting putters while there are free slots, keeping one for each. */
  #wakePutters(): void {
    while (!this.full() && this.#putters.wakeOne()) this.#reserved++;
  }
}
