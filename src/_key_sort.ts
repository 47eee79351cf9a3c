/**
 * Sorting many `(deadline, seq)` keys at once, for the timer queue's drain: an LSD radix
 * sort on the keys' bits, in typed arrays, with no comparison and no object touched.
 *
 * @module
 */

const DIGIT = 11; // 2048 buckets: the counts stay in cache while scattering
const BUCKETS = 1 << DIGIT;
const MASK = BUCKETS - 1;
const counts = new Uint32Array(BUCKETS);
const little = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer); // a deadline's [low, high] (little-endian)
const LO = little ? 0 : 1;
const HI = 1 - LO;

/**
 * Returns the order of the keys at `at[0..k)` in `deadlines` and `seqs`: `order[j]` is the
 * index into `at` of the j-th smallest `(deadline, seq)`. Deadlines must not be NaN; -0
 * equals 0. The seqs must be integers from `minSeq` to less than `minSeq + 2^32` (the
 * caller checks); equal keys never occur (seqs are unique). Memory: 20 bytes a key.
 */
export function keyOrder(
  deadlines: Float64Array,
  seqs: Float64Array,
  at: Uint32Array,
  k: number,
  minSeq: number,
): Uint32Array {
  // The deadline's bits as an unsigned 64-bit number in the same order: flip all of a
  // negative's bits, set a positive's sign bit.
  const low = new Uint32Array(k);
  const high = new Uint32Array(k);
  const rel = new Uint32Array(k);
  for (let j = 0; j < k; j++) {
    const i = at[j]!;
    scratch[0] = deadlines[i]! + 0; // -0 becomes 0
    const h = words[HI]!;
    const l = words[LO]!;
    if (h >= 0x80000000) {
      high[j] = ~h >>> 0;
      low[j] = ~l >>> 0;
    } else {
      high[j] = (h | 0x80000000) >>> 0;
      low[j] = l;
    }
    rel[j] = seqs[i]! - minSeq;
  }
  let order = new Uint32Array(k);
  let spare = new Uint32Array(k);
  for (let j = 0; j < k; j++) order[j] = j;
  // Least significant first: seq, then the deadline's low word, then its high word. Each
  // pass is stable, so ties of the later digits keep the order of the earlier ones.
  for (const key of [rel, low, high]) {
    for (let shift = 0; shift < 32; shift += DIGIT) {
      if (pass(key, shift, order, spare, k)) [order, spare] = [spare, order];
    }
  }
  return order;
}

/** One counting pass on the digit at `shift`; false when all share it (nothing moved). */
function pass(
  key: Uint32Array,
  shift: number,
  order: Uint32Array,
  out: Uint32Array,
  k: number,
): boolean {
  counts.fill(0);
  for (let j = 0; j < k; j++) counts[(key[j]! >>> shift) & MASK]!++;
  if (counts[(key[0]! >>> shift) & MASK] === k) return false;
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = counts[b]!;
    counts[b] = sum;
    sum += c;
  }
  for (let j = 0; j < k; j++) {
    const i = order[j]!;
    out[counts[(key[i]! >>> shift) & MASK]!++] = i;
  }
  return true;
}
