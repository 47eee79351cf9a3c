/**
 * `LifoQueue`: a last-in, first-out queue, like `asyncio.LifoQueue`.
 *
 * @module
 */
import { Queue } from "./queue.ts";

/**
 * A {@linkcode Queue} that returns the most recently added item first, like
 * `asyncio.LifoQueue`. Everything else (waiting, `join`, `shutdown`) is the same; waiting
 * getters and putters are still served first come, first served.
 *
 * @typeParam T The type of the items.
 *
 * @example Last in, first out
 * ```ts
 * import { LifoQueue } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const queue = new LifoQueue<number>();
 * for (const item of [1, 3, 2]) queue.putNowait(item);
 * assert.deepEqual([queue.getNowait(), queue.getNowait(), queue.getNowait()], [2, 3, 1]);
 * ```
 *
 * @category Queues
 */
export class LifoQueue<T> extends Queue<T> {
  #stack: T[] = [];

  /**
   * Stores an item on top of the stack.
   *
   * @param item The item.
   */
  protected override addItem(item: T): void {
    this.#stack.push(item);
  }

  /**
   * Removes and returns the item on top of the stack.
   *
   * @returns The item.
   */
  protected override takeItem(): T {
    return this.#stack.pop() as T;
  }

  /**
   * Puts back an item handed to a getter cancelled before it resumed: at the bottom, since
   * every item stored meanwhile came later.
   *
   * @param item The item.
   */
  protected override returnItem(item: T): void {
    this.#stack.unshift(item);
  }
}
