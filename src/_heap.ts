/** An entry of the loop's timer queue, ordered by `(deadline, seq)`. */
export interface HeapEntry {
  /** Loop time, in seconds, at which the entry is due. */
  deadline: number;
  /** Creation order: breaks ties between equal deadlines, first in first out. */
  seq: number;
  /**
   * Where the entry is: {@linkcode IN_HEAP} while in a heap, -1 when pending nowhere
   * (other negative values belong to the timer queue's run lane).
   */
  index: number;
}

/** `HeapEntry.index` of an entry held by a {@linkcode Heap}. */
export const IN_HEAP = -2;

/** Whether `a` comes before `b`: an earlier deadline, or the same and an earlier seq. */
export function less(a: HeapEntry, b: HeapEntry): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

import { keyOrder } from "./_key_sort.ts";

const MIN_CAPACITY = 16;

/**
 * A binary min-heap of entries by `(deadline, seq)`. The keys live in typed arrays beside
 * the entries, so that comparisons read two numbers instead of two objects, and sifting
 * writes nothing into the entries. Removal is lazy: a removed entry stays as a tombstone
 * (its `index` no longer {@linkcode IN_HEAP}) until it reaches the top, where it is
 * dropped, or until tombstones pass half of the heap, which is then rebuilt from the live
 * entries in O(n). An entry must not be pushed again while its tombstone may remain (the
 * loop never does: a cancelled timer is never rescheduled).
 */
export class Heap<T extends HeapEntry> {
  #items: (T | undefined)[] = [];
  #deadlines = new Float64Array(MIN_CAPACITY);
  #seqs = new Float64Array(MIN_CAPACITY);
  #length = 0; // slots in use, tombstones included
  #dead = 0; // tombstones among them

  /** How many live entries the heap holds. */
  get size(): number {
    return this.#length - this.#dead;
  }

  /** The smallest live entry, or `undefined` when there is none. */
  peek(): T | undefined {
    this.#dropDeadTop();
    return this.#length > 0 ? this.#items[0] : undefined;
  }

  /** The deadline of the smallest live entry, or `Infinity` when there is none. */
  peekDeadline(): number {
    this.#dropDeadTop();
    return this.#length > 0 ? this.#deadlines[0]! : Infinity;
  }

  /** Adds an entry. */
  push(entry: T): void {
    const i = this.#length;
    if (i === this.#deadlines.length) this.#grow(i * 2);
    this.#length = i + 1;
    entry.index = IN_HEAP;
    this.#up(i, entry, entry.deadline, entry.seq);
  }

  /** Removes and returns the smallest live entry. */
  pop(): T | undefined {
    this.#dropDeadTop();
    if (this.#length === 0) return undefined;
    const top = this.#items[0]!;
    this.#removeTop();
    top.index = -1;
    return top;
  }

  /**
   * How many entries (tombstones included) are due by `time`: a walk of the heap's due top
   * (a due entry's parent is due), O(the count).
   */
  countDue(time: number): number {
    const deadlines = this.#deadlines;
    const n = this.#length;
    if (n === 0 || deadlines[0]! > time) return 0;
    const stack = [0];
    let count = 0;
    while (stack.length > 0) {
      const i = stack.pop()!;
      count++;
      const c = 2 * i + 1;
      if (c < n && deadlines[c]! <= time) stack.push(c);
      if (c + 1 < n && deadlines[c + 1]! <= time) stack.push(c + 1);
    }
    return count;
  }

  /**
   * Takes every entry due by `time` out at once: returns them with their order (the j-th
   * smallest is `items[order[j]]`); the rest is heapified again in O(n). The keys are
   * sorted in typed arrays (`keyOrder`), so that no entry is read: the taken ones keep
   * `index` = {@linkcode IN_HEAP} (the caller tracks them). Only without tombstones, and
   * seqs less than 2^32 apart; otherwise, `undefined` and nothing is taken.
   */
  takeDue(time: number): { items: T[]; order: Uint32Array } | undefined {
    if (this.#dead !== 0) return undefined;
    const items = this.#items;
    const deadlines = this.#deadlines;
    const seqs = this.#seqs;
    const n = this.#length;
    let k = 0;
    let minSeq = Infinity;
    let maxSeq = -Infinity;
    for (let i = 0; i < n; i++) {
      if (deadlines[i]! > time) continue;
      k++;
      const q = seqs[i]!;
      if (q < minSeq) minSeq = q;
      if (q > maxSeq) maxSeq = q;
    }
    if (k === 0 || maxSeq - minSeq >= 2 ** 32) return undefined;
    const at = new Uint32Array(k);
    const due: T[] = new Array(k);
    for (let i = 0, j = 0; i < n; i++) {
      if (deadlines[i]! <= time) {
        at[j] = i;
        due[j++] = items[i]!;
      }
    }
    const order = keyOrder(deadlines, seqs, at, k, minSeq);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const d = deadlines[i]!;
      if (d <= time) continue;
      items[kept] = items[i];
      deadlines[kept] = d;
      seqs[kept++] = seqs[i]!;
    }
    items.length = kept;
    this.#length = kept;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.#down(i, items[i]!, deadlines[i]!, seqs[i]!);
    return { items: due, order };
  }

  /** Removes `entry` if it is in the heap (as a tombstone); returns whether it was. */
  remove(entry: T): boolean {
    if (entry.index !== IN_HEAP) return false;
    entry.index = -1;
    this.#dead++;
    if (this.#dead === this.#length) this.#clear();
    else if (this.#dead > 64 && this.#dead * 2 > this.#length) this.#rebuild();
    return true;
  }

  #dropDeadTop(): void {
    const items = this.#items;
    while (this.#length > 0 && items[0]!.index !== IN_HEAP) {
      this.#removeTop();
      this.#dead--;
    }
  }

  #removeTop(): void {
    const n = --this.#length;
    const items = this.#items;
    const last = items[n]!;
    const d = this.#deadlines[n]!;
    const q = this.#seqs[n]!;
    items[n] = undefined;
    if (n > 0) this.#down(0, last, d, q);
  }

  #clear(): void {
    this.#items = [];
    this.#length = 0;
    this.#dead = 0;
    if (this.#deadlines.length > MIN_CAPACITY) {
      this.#deadlines = new Float64Array(MIN_CAPACITY);
      this.#seqs = new Float64Array(MIN_CAPACITY);
    }
  }

  #grow(capacity: number): void {
    const deadlines = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    deadlines.set(this.#deadlines.subarray(0, this.#length));
    seqs.set(this.#seqs.subarray(0, this.#length));
    this.#deadlines = deadlines;
    this.#seqs = seqs;
  }

  /** Keeps the live entries only, then restores the heap order bottom-up (Floyd). */
  #rebuild(): void {
    const items = this.#items;
    const deadlines = this.#deadlines;
    const seqs = this.#seqs;
    let n = 0;
    for (let i = 0; i < this.#length; i++) {
      const e = items[i]!;
      if (e.index !== IN_HEAP) continue;
      items[n] = e;
      deadlines[n] = deadlines[i]!;
      seqs[n] = seqs[i]!;
      n++;
    }
    items.length = n;
    this.#length = n;
    this.#dead = 0;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.#down(i, items[i]!, deadlines[i]!, seqs[i]!);
  }

  /** Puts `entry` with key `(d, q)` into the hole at `i`, moving parents down. */
  #up(i: number, entry: T, d: number, q: number): void {
    const items = this.#items;
    const deadlines = this.#deadlines;
    const seqs = this.#seqs;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pd = deadlines[p]!;
      if (pd < d || (pd === d && seqs[p]! <= q)) break;
      items[i] = items[p];
      deadlines[i] = pd;
      seqs[i] = seqs[p]!;
      i = p;
    }
    items[i] = entry;
    deadlines[i] = d;
    seqs[i] = q;
  }

  /** Puts `entry` with key `(d, q)` into the hole at `i`, moving smaller children up. */
  #down(i: number, entry: T, d: number, q: number): void {
    const items = this.#items;
    const deadlines = this.#deadlines;
    const seqs = this.#seqs;
    const n = this.#length;
    while (true) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cd = deadlines[c]!;
      let cq = seqs[c]!;
      if (c + 1 < n) {
        const rd = deadlines[c + 1]!;
        if (rd < cd || (rd === cd && seqs[c + 1]! < cq)) {
          c++;
          cd = rd;
          cq = seqs[c]!;
        }
      }
      if (d < cd || (d === cd && q <= cq)) break;
      items[i] = items[c];
      deadlines[i] = cd;
      seqs[i] = cq;
      i = c;
    }
    items[i] = entry;
    deadlines[i] = d;
    seqs[i] = q;
  }
}
