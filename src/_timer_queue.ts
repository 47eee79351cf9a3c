/**
 * The loop's timer queue: a min-heap by `(deadline, seq)` plus a "run" lane, a plain array
 * for entries that arrive already in order (each deadline >= the previous one in the lane,
 * as all `sleep(0)` calls and equal delays started together do). The lane makes those O(1)
 * to add, take and remove; everything else goes through the heap. Taking the smaller of
 * the two heads keeps the exact `(deadline, seq)` order.
 *
 * When the loop drains what is due, the first `popDue(time)` takes every due entry off at
 * once, into a "due" batch in `(deadline, seq)` order (the heap's due prefix in one tight
 * loop, merged with the lane's); the next ones hand them out with no comparison. The batch
 * always precedes every other entry: an entry pushed while it lasts comes after it (a later
 * seq, and a deadline at or past the time the loop drains at), and one that would not (an
 * absolute deadline in the past) first puts what is left of the batch back into the heap.
 *
 * @module
 */
import { Heap, type HeapEntry, less } from "./_heap.ts";

// An entry in the run lane has `index` = -3 - its position (-1: pending nowhere); one in
// the due batch has its position there (>= 0); one in the heap has IN_HEAP (-2).
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
  #due: (T | undefined)[] = []; // the due batch; a removed entry leaves a hole
  #dueHead = 0; // the index of the first slot of #due that may hold an entry
  #dueLive = 0; // entries in the batch
  #dueLast = -Infinity; // the deadline of the batch's last entry
  #merge: (T | undefined)[] = []; // scratch for merging the heap's due entries with the lane's

  /** How many entries are pending. */
  get size(): number {
    return this.#heap.size + this.#live + this.#dueLive;
  }

  /** Adds an entry. */
  push(entry: T): void {
    if (this.#dueLive > 0 && entry.deadline < this.#dueLast) {
      this.#flushDue();
    }
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
    if (this.#dueLive > 0) return this.#dueFirst();
    const r = this.#runHead();
    const h = this.#heap.peek();
    if (r === undefined) return h;
    return h !== undefined && less(h, r) ? h : r;
  }

  /** Removes and returns the entry due first if its deadline is <= `time`. */
  popDue(time: number): T | undefined {
    if (this.#dueLive === 0 && this.#takeDue(time) === 0) return undefined;
    const e = this.#dueFirst()!;
    if (e.deadline > time) return undefined;
    this.#due[this.#dueHead++] = undefined;
    e.index = -1;
    if (--this.#dueLive === 0) this.#clearDue();
    return e;
  }

  /** Moves every entry due by `time` into the (empty) due batch; returns how many. */
  #takeDue(time: number): number {
    const due = this.#due;
    const fromHeap = this.#heap.popDueInto(time, due);
    let r = this.#runHead();
    if (r === undefined || r.deadline > time) {
      if (fromHeap > 0) this.#dueLast = due[fromHeap - 1]!.deadline;
      return (this.#dueLive = fromHeap);
    }
    // Merge the lane's due run (already in order) with the heap's.
    const heapDue = this.#merge;
    for (let i = 0; i < fromHeap; i++) heapDue.push(due[i]);
    due.length = 0;
    let h = 0;
    const run = this.#run;
    while (true) {
      const e = heapDue[h];
      if (r !== undefined && r.deadline <= time && (e === undefined || less(r, e))) {
        run[this.#head++] = undefined;
        this.#live--;
        r.index = due.length;
        due.push(r);
        r = this.#runHead();
      } else if (e !== undefined) {
        e.index = due.length;
        due.push(e);
        h++;
      } else break;
    }
    heapDue.length = 0;
    this.#afterRunTaken();
    this.#dueLast = due[due.length - 1]!.deadline;
    return (this.#dueLive = due.length);
  }

  #dueFirst(): T | undefined {
    const due = this.#due;
    while (due[this.#dueHead] === undefined) this.#dueHead++;
    return due[this.#dueHead];
  }

  #clearDue(): void {
    this.#due.length = 0;
    this.#dueHead = 0;
  }

  /** Puts what is left of the due batch back into the heap. */
  #flushDue(): void {
    const due = this.#due;
    for (let i = this.#dueHead; i < due.length; i++) {
      const e = due[i];
      if (e !== undefined) this.#heap.push(e);
    }
    this.#dueLive = 0;
    this.#clearDue();
  }

  /** Removes `entry` if it is pending; returns whether it was. */
  remove(entry: T): boolean {
    if (entry.index >= 0) {
      const due = this.#due;
      if (due[entry.index] !== entry) return false;
      due[entry.index] = undefined;
      entry.index = -1;
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
    this.#live--;
    this.#afterRunTaken();
  }

  /** After entries left the lane (`#live` counts what is left): compacts or resets it. */
  #afterRunTaken(): void {
    const run = this.#run;
    if (this.#live === 0) {
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
