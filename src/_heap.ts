/** An entry of the loop's timer queue, ordered by `(deadline, seq)`. */
export interface HeapEntry {
  /** Loop time, in seconds, at which the entry is due. */
  deadline: number;
  /** Creation order: breaks ties between equal deadlines, first in first out. */
  seq: number;
  /** Position in the heap, or -1 when the entry is not in it. */
  index: number;
}

/** Whether `a` comes before `b`: an earlier deadline, or the same and an earlier seq. */
export function less(a: HeapEntry, b: HeapEntry): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

/** A binary min-heap of entries by `(deadline, seq)` that can remove any entry in O(log n). */
export class Heap<T extends HeapEntry> {
  #items: T[] = [];

  /** How many entries the heap holds. */
  get size(): number {
    return this.#items.length;
  }

  /** The smallest entry, or `undefined` when the heap is empty. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** Adds an entry. */
  push(entry: T): void {
    entry.index = this.#items.length;
    this.#items.push(entry);
    this.#up(entry.index);
  }

  /** Removes and returns the smallest entry. */
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    if (top === undefined) return undefined;
    this.#removeAt(0);
    return top;
  }

  /** Removes `entry` if it is in the heap; returns whether it was. */
  remove(entry: T): boolean {
    const i = entry.index;
    if (i < 0 || this.#items[i] !== entry) return false;
    this.#removeAt(i);
    return true;
  }

  #removeAt(i: number): void {
    const items = this.#items;
    // In range by construction: `i` is a valid index and the heap is not empty.
    const removed = items[i]!;
    const last = items.pop()!;
    removed.index = -1;
    if (last === removed) return;
    items[i] = last;
    last.index = i;
    if (i > 0 && less(last, items[(i - 1) >> 1]!)) this.#up(i);
    else this.#down(i);
  }

  #up(i: number): void {
    const items = this.#items;
    const entry = items[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p]!;
      if (!less(entry, parent)) break;
      items[i] = parent;
      parent.index = i;
      i = p;
    }
    items[i] = entry;
    entry.index = i;
  }

  #down(i: number): void {
    const items = this.#items;
    const n = items.length;
    const entry = items[i]!;
    while (true) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && less(items[c + 1]!, items[c]!)) c++;
      const child = items[c]!;
      if (!less(child, entry)) break;
      items[i] = child;
      child.index = i;
      i = c;
    }
    items[i] = entry;
    entry.index = i;
  }
}
