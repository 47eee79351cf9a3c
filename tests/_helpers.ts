/** Shared test helpers (not part of the module). */

/** A small deterministic generator of integers in [0, n), so tests need no seeded random. */
export function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Whether `order` lists indexes sorted by `(keys[i], i)`: ascending, ties first in first out. */
export function isStableAscending(order: number[], keys: number[]): boolean {
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1], b = order[i];
    if (keys[a] > keys[b] || (keys[a] === keys[b] && a > b)) return false;
  }
  return true;
}
