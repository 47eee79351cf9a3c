/**
 * The loop's timer queue: a min-heap by `(deadline, seq)` plus a "run" lane, a plain array
 * for entries that arrive already in order (each deadline >= the previous one in the lane,
 * as all `sleep(0)` calls and equal delays started together do). The lane makes those O(1)
 * to add, take and remove; everything else goes through the heap. Taking the smaller of
 * the two heads keeps the exact `(deadline, seq)` order.
 *
 * When a large part of a large heap is due at once (the loop firing a crowd of timers),
 * the first `popDue` takes the heap's due entries out together, sorted by their keys in
 * typed arrays (`Heap.takeDue`), into a "due" batch that the next ones hand out: no
 * sift-down per entry, and no entry read twice. The batch precedes every entry left in
 * the heap; an entry pushed with a key below the batch's last (an absolute deadline in the
 * past) first puts what is left of the batch back into the heap.
 *
 * @module
 */
import { Heap, type HeapEntry, IN_HEAP, less } from "./_heap.ts";

// An entry in the run lane has `index` = -3 - its position (-1: pending nowhere).
const RUN = -3;
/**
 * When a drain takes a batch: from a heap of `BATCH_MIN`, when at least 1/`BATCH_SHARE` of
 * it is due, at most `BATCH_MAX` entries (32 bytes of scratch each: beyond it, the first
 * ones go one by one, and the last `BATCH_MAX` as a batch).
 */
const BATCH_MIN = 1024;
const BATCH_SHARE = 8;
const BATCH_MAX = 1 << 17;
const NO_ORDER = new Uint32Array(0);

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
  // The due batch: taken from the heap, in order; its entries keep index IN_HEAP until
  // handed out or removed (then -1), and every one of them has a key <= its last.
  #due: T[] = [];
  #dueOrder: Uint32Array = NO_ORDER; // the j-th of the batch is #due[#dueOrder[j]]
  #dueHead = 0;
  #dueLive = 0;
  #dueLastDeadline = -Infinity;
  #dueLastSeq = -Infinity;
  #singles = 0; // heap pops to make before trying a batch again

  /** How many entries are pending. */
  get size(): number {
    return this.#heap.size + this.#live + this.#dueLive;
  }

  /** Adds an entry. */
  push(entry: T): void {
    if (this.#dueLive > 0 && this.#beforeDueLast(entry)) this.#flushDue();
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
    if (this.#dueLive > 0) {
      const b = this.#dueFirst();
      return r !== undefined && less(r, b) ? r : b;
    }
    const h = this.#heap.peek();
    if (r === undefined) return h;
    return h !== undefined && less(h, r) ? h : r;
  }

  /** Removes and returns the entry due first if its deadline is <= `time`. */
  popDue(time: number): T | undefined {
    if (this.#dueLive === 0) this.#maybeTakeDue(time);
    const r = this.#runHead();
    if (this.#dueLive > 0) {
      const b = this.#dueFirst();
      if (r === undefined || less(b, r)) {
        if (b.deadline > time) return undefined;
        this.#dueHead++;
        b.index = -1;
        if (--this.#dueLive === 0) this.#clearDue();
        return b;
      }
    } else {
      const h = this.#heap.peek();
      if (r === undefined || (h !== undefined && less(h, r))) {
        if (h === undefined || h.deadline > time) return undefined;
        if (this.#singles > 0) this.#singles--;
        return this.#heap.pop();
      }
    }
    if (r.deadline > time) return undefined;
    this.#run[this.#head++] = undefined;
    r.index = -1;
    this.#removedFromRun();
    return r;
  }

  /** Takes the heap's due entries as a batch if they are many; else counts pops until then. */
  #maybeTakeDue(time: number): void {
    const heap = this.#heap;
    if (this.#singles > 0 || heap.size < BATCH_MIN) return;
    const count = heap.countDue(time);
    if (count > BATCH_MAX) {
      this.#singles = count - BATCH_MAX;
      return;
    }
    const due = count < heap.size / BATCH_SHARE ? undefined : heap.takeDue(time);
    if (due === undefined) {
      this.#singles = count;
      return;
    }
    const last = due.items[due.order[due.order.length - 1]!]!;
    this.#due = due.items;
    this.#dueOrder = due.order;
    this.#dueHead = 0;
    this.#dueLive = due.items.length;
    this.#dueLastDeadline = last.deadline;
    this.#dueLastSeq = last.seq;
  }

  /** The first entry of the batch not yet handed out nor removed (the batch is not empty). */
  #dueFirst(): T {
    const due = this.#due;
    const order = this.#dueOrder;
    let i = this.#dueHead;
    while (due[order[i]!]!.index !== IN_HEAP) i++;
    this.#dueHead = i;
    return due[order[i]!]!;
  }

  #afterDueLast(entry: T): boolean {
    const d = this.#dueLastDeadline;
    return entry.deadline > d || (entry.deadline === d && entry.seq > this.#dueLastSeq);
  }

  #beforeDueLast(entry: T): boolean {
    const d = this.#dueLastDeadline;
    return entry.deadline < d || (entry.deadline === d && entry.seq < this.#dueLastSeq);
  }

  #clearDue(): void {
    this.#due = [];
    this.#dueOrder = NO_ORDER;
    this.#dueHead = 0;
  }

  /** Puts what is left of the batch back into the heap. */
  #flushDue(): void {
    const due = this.#due;
    const order = this.#dueOrder;
    for (let i = this.#dueHead; i < order.length; i++) {
      const e = due[order[i]!]!;
      if (e.index === IN_HEAP) this.#heap.push(e);
    }
    this.#dueLive = 0;
    this.#clearDue();
  }

  /** Removes `entry` if it is pending; returns whether it was. */
  remove(entry: T): boolean {
    if (entry.index === IN_HEAP && this.#dueLive > 0 && !this.#afterDueLast(entry)) {
      entry.index = -1; // in the batch: skipped when its turn comes
      if (--this.#dueLive === 0) this.#clearDue();
      return true;
    }
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
