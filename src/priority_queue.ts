/**
 * `PriorityQueue`: a queue of `[priority, value]` pairs that returns the lowest priority
 * first, like `asyncio.PriorityQueue`.
 *
 * @module
 */
import { Heap, type HeapEntry } from "./_heap.ts";
import { describe } from "./_validate.ts";
import { Queue } from "./queue.ts";

/** A heap entry: the loop's timer heap orders by `(deadline, seq)`, here the priority. */
interface Entry<T> extends HeapEntry {
  item: [priority: number, value: T];
}

/**
 * A {@linkcode Queue} of `[priority, value]` pairs that returns the pair with the lowest
 * priority first, like `asyncio.PriorityQueue`; pairs of equal priority come out first in,
 * first out. Only the priority is compared, never the value (unlike Python, which compares
 * whole tuples). Everything else (waiting, `join`, `shutdown`) is the same as `Queue`.
 *
 * @typeParam T The type of the values.
 *
 * @example Lowest priority first, ties in order of arrival
 * ```ts
 * import { PriorityQueue } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const queue = new PriorityQueue<string>();
 * queue.putNowait([2, "write report"]);
 * queue.putNowait([1, "fix bug"]);
 * queue.putNowait([2, "answer mail"]);
 * assert.deepEqual(queue.getNowait(), [1, "fix bug"]);
 * assert.deepEqual(queue.getNowait(), [2, "write report"]);
 * assert.deepEqual(queue.getNowait(), [2, "answer mail"]);
 * ```
 *
 * @category Queues
 */
export class PriorityQueue<T> extends Queue<[priority: number, value: T]> {
  #heap = new Heap<Entry<T>>();
  #seq = 0;

  /**
   * Stores a pair in the heap, by `(priority, arrival)`.
   *
   * @param item The `[priority, value]` pair.
   */
  protected override addItem(item: [priority: number, value: T]): void {
    this.#heap.push({ deadline: item[0], seq: this.#seq++, index: -1, item });
  }

  /**
   * Removes and returns the pair of lowest priority, the earliest of equals.
   *
   * @returns The pair.
   */
  protected override takeItem(): [priority: number, value: T] {
    return this.#heap.pop()!.item;
  }

  /**
   * Checks that `item` is a `[priority, value]` pair with a number priority (not NaN).
   *
   * @param item The item.
   * @param what The action, for the message.
   */
  protected override checkItem(item: [priority: number, value: T], what: string): void {
    if (!Array.isArray(item) || item.length !== 2) {
      const received = Array.isArray(item) ? `an array of length ${item.length}` : describe(item);
      throw new TypeError(
        `Cannot ${what}: "item" must be a [priority, value] pair, received ${received}`,
      );
    }
    const priority: unknown = item[0];
    if (typeof priority !== "number") {
      throw new TypeError(
        `Cannot ${what}: "item[0]" (the priority) must be a number, received ${describe(priority)}`,
      );
    }
    if (Number.isNaN(priority)) {
      throw new RangeError(
        `Cannot ${what}: "item[0]" (the priority) must not be NaN, received NaN`,
      );
    }
  }
}
