/**
 * The loop's timer queue: a min-heap by `(deadline, seq)` plus a "run" lane, a plain array
 * for entries that arrive already in order (each deadline >= the previous one in the lane,
 * as all `sleep(0)` calls and equal delays started together do). The lane makes those O(1)
 * to add, take and remove; everything else goes through the heap. Taking the smaller of
 * the two heads keeps the exact `(deadline, seq)` order.
 *
 * @module
 */
import { Heap, type HeapEntry, less } from "./_heap.ts";

// An entry in the run lane has `index` = -3 - its position (-1: pending nowhere).
const RUN = -3;

/**
 * Pending timers, taken in `(deadline, seq)` order; any entry can be removed.
 *
 * @internal
 */
export class TimerQueue<T extends HeapEntry> {
  #heap = new Heap<T>();
  #run: (T | undefined)[] = []; // a removed entry leaves a hole (undefined)
  #base = 0; // the position of #run[0]
  #head = 0; // the index of the first slot that may hold an entry
  #last = -Infinity; // the deadline of the last entry added to the lane
  #live = 0; // entries in the lane

  /** How many entries are pending. */
  get size(): number {
    return this.#heap.size + this.#live;
  }

  /** Adds an entry. */
  push(entry: T): void {
    if (entry.deadline >= this.#last) {
      entry.index = RUN - (this.#base + this.#run.length);
      this.#run.push(entry);
      this.#last = entry.deadline;
      this.#live++;
    } else {
      this.#heap.push(entry);
    }
  }

  /** The entry due first, or `undefined`. */
  peek(): T | undefined {
    const r = this.#runHead();
    const h = this.#heap.peek();
    if (r === undefined) return h;
    return h !== undefined && less(h, r) ? h : r;
  }

  /** Removes and returns the entry due first if its deadline is <= `time`. */
  popDue(time: number): T | undefined {
    const r = this.#runHead();
    const h = this.#heap.peek();
    if (r !== undefined && (h === undefined || less(r, h))) {
      if (r.deadline > time) return undefined;
      this.#run[this.#head++] = undefined;
      r.index = -1;
      this.#removedFromRun();
      return r;
    }
    if (h === undefined || h.deadline > time) return undefined;
    return this.#heap.pop();
  }

  /** Removes `entry` if it is pending; returns whether it was. */
  remove(entry: T): boolean {
    if (entry.index > RUN) return this.#heap.remove(entry);
    const i = RUN - entry.index - this.#base;
    if (this.#run[i] !== entry) return false;
    this.#run[i] = undefined;
    entry.index = -1;
    this.#removedFromRun();
    return true;
  }

  #runHead(): T | undefined {
    const run = this.#run;
    while (this.#head < run.length && run[this.#head] === undefined) this.#head++;
    return run[this.#head];
  }

  #removedFromRun(): void {
    const run = this.#run;
    if (--this.#live === 0) {
      this.#base += run.length;
      this.#run = [];
      this.#head = 0;
      this.#last = -Infinity;
      return;
    }
    const holes = run.length - this.#head - this.#live;
    if (this.#head > 1024 && this.#head * 2 > run.length) {
      this.#base += this.#head;
      this.#run = run.slice(this.#head);
      this.#head = 0;
    } else if (holes > 1024 && holes > this.#live) {
      // Many removed in the middle: pack the live entries and give them new positions.
      this.#base += run.length;
      this.#run = run.filter((e) => e !== undefined);
      this.#head = 0;
      this.#run.forEach((e, i) => (e!.index = RUN - (this.#base + i)));
    }
  }
}
