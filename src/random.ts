/**
 * A Mersenne Twister (MT19937) that reproduces CPython 3's `random.Random` exactly, and a
 * default instance like Python's module-level functions.
 *
 * @module
 */

import { describe } from "./_validate.ts";

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_32 = 4294967296;
const MAX_BITS = 2 ** 24; // getrandbits(k): see its docs

/**
 * The state of a {@linkcode Random} as plain, JSON-serialisable data: what
 * {@linkcode Random.prototype.getstate} returns and {@linkcode Random.prototype.setstate}
 * takes. It holds the same numbers as CPython's `getstate()` tuple
 * `(3, (*mt, index), gauss_next)`.
 *
 * @example Save a state as JSON and restore it
 * ```ts
 * import { Random, type RandomState } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const rng = new Random(42);
 * const saved: RandomState = JSON.parse(JSON.stringify(rng.getstate()));
 * const first = rng.random();
 * rng.setstate(saved);
 * assert.equal(rng.random(), first);
 * ```
 *
 * @category Random
 */
export interface RandomState {
  /** The state format: always 3, as in CPython. */
  version: 3;
  /** The 624 words of the MT19937 state, each an integer from 0 to 2 ** 32 - 1. */
  mt: number[];
  /** Where the next word is read in `mt`, from 0 to 624 (624: a new block is made first). */
  index: number;
  /** The second value of the last pair `gauss()` made, or `null` when none is cached. */
  gaussNext: number | null;
}

/**
 * A random number generator bit-identical to CPython 3's `random.Random`: the same seed
 * gives the same `random()`, `randint()`, `choice()`, `shuffle()`, `sample()` and
 * `getrandbits()` results as Python (checked against CPython 3.11), and `gauss()` agrees
 * within 2 ulp (it uses `Math.log`, `Math.cos` and `Math.sin` where CPython uses the C
 * library).
 *
 * Integer seeds may be numbers or bigints of any size; a negative seed is the same as its
 * absolute value, as in CPython. Without a seed, 624 words from `crypto.getRandomValues`
 * are used. String seeds are not supported (CPython hashes them with SHA-512, which the
 * Web Crypto API only offers asynchronously).
 *
 * @example Reproduce Python's `random.seed(42)`
 * ```ts
 * import { Random } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const rng = new Random(42);
 * assert.equal(rng.random(), 0.6394267984578837); // Python: random.Random(42).random()
 * assert.equal(rng.uniform(0, 10), 0.25010755222666936);
 * ```
 *
 * @example Dice, cards and raffles
 * ```ts
 * import { Random } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const rng = new Random(42);
 * assert.equal(rng.randint(1, 6), 6);
 * assert.equal(rng.randrange(0, 100, 5), 15);
 * assert.equal(rng.choice("abc"), "a");
 * ```
 *
 * @category Random
 */
export class Random {
  #mt = new Uint32Array(N);
  #index = N;
  #gaussNext: number | null = null;

  /**
   * Make a generator, seeded like {@linkcode Random.prototype.seed}.
   *
   * @param a An integer seed (number or bigint); omit it to seed from `crypto.getRandomValues`.
   *
   * @example Two generators with one seed agree
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Random(7).random(), new Random(7n).random());
   * assert.equal(new Random(-7).random(), new Random(7).random());
   * ```
   */
  constructor(a?: number | bigint) {
    this.seed(a);
  }

  /**
   * Re-initialise the generator as CPython's `seed(a)` does: `init_by_array` over the
   * 32-bit little-endian words of `|a|`, or over 624 words from `crypto.getRandomValues`
   * when `a` is omitted. Also forgets the value cached by `gauss()`.
   *
   * @param a An integer seed (number or bigint, any size); omit it for a fresh random seed.
   * @throws {TypeError} If `a` is neither an integer number, a bigint nor `undefined`.
   *
   * @example Seed with a bigint beyond 2 ** 64
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const rng = new Random();
   * rng.seed(2n ** 64n + 7n);
   * assert.equal(rng.random(), 0.9625990769630326); // Python: random.Random(2**64 + 7)
   * ```
   */
  seed(a?: number | bigint): void {
    this.#initByArray(a === undefined ? crypto.getRandomValues(new Uint32Array(N)) : seedKey(a));
    this.#gaussNext = null;
  }

  /**
   * Return the next float in [0, 1) with 53 random bits, exactly as CPython's `random()`.
   *
   * @returns A float `x` with `0 <= x < 1`.
   *
   * @example The first value after seed 42
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Random(42).random(), 0.6394267984578837);
   * ```
   */
  random(): number {
    const a = this.#next() >>> 5;
    const b = this.#next() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  /**
   * Return a float between `a` and `b`, computed as CPython does: `a + (b - a) * random()`.
   *
   * @param a One end of the range.
   * @param b The other end of the range.
   * @returns A float from `a` to `b` (`b` itself may come out through rounding).
   *
   * @example A delay between 0 and 10 seconds
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Random(42).uniform(0, 10), 6.394267984578837);
   * ```
   */
  uniform(a: number, b: number): number {
    checkNumber("uniform", "a", a);
    checkNumber("uniform", "b", b);
    return a + (b - a) * this.random();
  }

  /**
   * Return an integer made of `k` random bits, as CPython's `getrandbits(k)`: 32-bit words
   * are drawn least significant first and the last one is cut to the bits still needed.
   * The result is always a bigint, whatever `k` is.
   *
   * @param k The number of bits, an integer from 0 (`0n`, drawing nothing) to 2 ** 24
   * (16 777 216 bits, a 2 MiB integer that takes about 0.2 s). CPython's limit is the C
   * `int`, 2 ** 31 - 1, but here the bits go through a string into a bigint: 2 ** 31 bits
   * would take minutes and gigabytes (V8's bigints stop at 2 ** 30 bits anyway), so sizes
   * past the cap are refused at once, as CPython refuses its own with `OverflowError`.
   * @returns A bigint from `0n` to `2n ** BigInt(k) - 1n`.
   * @throws {TypeError} If `k` is not an integer.
   * @throws {RangeError} If `k` is negative or above 2 ** 24.
   *
   * @example 64 random bits
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Random(42).getrandbits(64), 2053695854357871005n);
   * ```
   */
  getrandbits(k: number): bigint {
    if (!Number.isInteger(k)) {
      throw new TypeError(`Cannot getrandbits: "k" must be an integer, received ${show(k)}`);
    }
    if (k < 0 || k > MAX_BITS) {
      throw new RangeError(
        `Cannot getrandbits: "k" must be an integer from 0 to ${MAX_BITS} (2 ** 24), received ${k}`,
      );
    }
    if (k <= 32) return BigInt(k === 0 ? 0 : this.#next() >>> (32 - k));
    const words: string[] = [];
    for (let bits = k; bits > 0; bits -= 32) {
      const word = bits < 32 ? this.#next() >>> (32 - bits) : this.#next();
      words.push(word.toString(16).padStart(8, "0"));
    }
    return BigInt("0x" + words.reverse().join(""));
  }

  /**
   * Return a random integer from `range(start, stop, step)`, or from `range(start)` when
   * only one argument is given, as CPython's `randrange()`. Numbers must be safe integers;
   * pass bigints for larger ranges (a bigint argument makes the result a bigint).
   *
   * @param start The first value of the range, or its end (exclusive) when alone.
   * @param stop The end of the range (exclusive).
   * @param step The distance between values of the range, not 0 (default 1).
   * @returns A number (a bigint for bigint arguments) from the range.
   * @throws {TypeError} If an argument is not an integer, or `step` comes without `stop`.
   * @throws {RangeError} If the range is empty, `step` is 0, or a number is not a safe integer.
   *
   * @example Below 10, and below 2 ** 70 with bigints
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const rng = new Random(7);
   * assert.equal(rng.randrange(10), 5);
   * assert.equal(rng.randrange(2n ** 70n), 925119879839184539108n);
   * ```
   */
  randrange(start: number, stop?: number, step?: number): number;
  /**
   * {@linkcode Random.prototype.randrange} with bigint arguments, for ranges of any size.
   *
   * @param start The first value of the range, or its end (exclusive) when alone.
   * @param stop The end of the range (exclusive).
   * @param step The distance between values of the range, not 0n (default 1n).
   * @returns A bigint from the range.
   */
  randrange(start: bigint, stop?: bigint, step?: bigint): bigint;
  /** The implementation of both overloads: the arguments are all numbers or all bigints. */
  randrange(
    start: number | bigint,
    stop?: number | bigint,
    step?: number | bigint,
  ): number | bigint {
    checkInteger("randrange", "start", start);
    if (stop === undefined) {
      if (step !== undefined) {
        throw new TypeError(
          `Cannot randrange: "stop" must be given with "step", received randrange(${show(start)})`,
        );
      }
      if (start <= 0) throw rangeError("randrange", "empty range", [start]);
      return typeof start === "number" ? this.#below(start) : this.#belowBig(start);
    }
    checkInteger("randrange", "stop", stop);
    if (step === undefined) return this.#range("randrange", [start, stop], start, stop, 1);
    checkInteger("randrange", "step", step);
    return this.#range("randrange", [start, stop, step], start, stop, step);
  }

  /**
   * Return a random integer from `a` to `b`, both included, as CPython's `randint(a, b)`
   * (which is `randrange(a, b + 1)`). Numbers must be safe integers; pass bigints for
   * larger bounds (a bigint argument makes the result a bigint).
   *
   * @param a The smallest possible result.
   * @param b The largest possible result, >= `a`.
   * @returns A number (a bigint for bigint arguments) from `a` to `b`.
   * @throws {TypeError} If `a` or `b` is not an integer.
   * @throws {RangeError} If `b < a`, or a number is not a safe integer.
   *
   * @example Roll a die
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const rng = new Random(42);
   * assert.deepEqual([1, 2, 3, 4].map(() => rng.randint(1, 6)), [6, 1, 1, 6]);
   * ```
   */
  randint(a: number, b: number): number;
  /**
   * {@linkcode Random.prototype.randint} with bigint bounds, for ranges of any size.
   *
   * @param a The smallest possible result.
   * @param b The largest possible result, >= `a`.
   * @returns A bigint from `a` to `b`.
   */
  randint(a: bigint, b: bigint): bigint;
  /** The implementation of both overloads: the bounds are both numbers or both bigints. */
  randint(a: number | bigint, b: number | bigint): number | bigint {
    checkInteger("randint", "a", a);
    checkInteger("randint", "b", b);
    const stop = typeof b === "bigint" ? b + 1n : b + 1;
    return this.#range("randint", [a, b], a, stop, 1);
  }

  /**
   * Return a random element of a non-empty array or string, as CPython's `choice(seq)`.
   * A string is taken as its code points, like a Python `str`.
   *
   * @param seq The array or string to choose from.
   * @returns One of its elements (one code point for a string).
   * @throws {TypeError} If `seq` is not an array or a string.
   * @throws {RangeError} If `seq` is empty.
   *
   * @example Pick a colour
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Random(42).choice(["red", "green", "blue"]), "blue");
   * ```
   */
  choice<T>(seq: readonly T[]): T;
  /**
   * {@linkcode Random.prototype.choice} over the code points of a string.
   *
   * @param seq The non-empty string to choose from.
   * @returns One of its code points, as a string.
   */
  choice(seq: string): string;
  /** The implementation of both overloads: an array, or a string taken as its code points. */
  choice<T>(seq: readonly T[] | string): T | string {
    const items = toSequence("choice", "seq", seq);
    if (items.length === 0) {
      const empty = typeof seq === "string" ? '""' : "[]";
      throw new RangeError(`Cannot choice: "seq" must not be empty, received ${empty}`);
    }
    return items[this.#below(items.length)] as T; // below length: an element, maybe undefined
  }

  /**
   * Shuffle an array in place, as CPython's `shuffle(x)`: for `i` from `x.length - 1`
   * down to 1, swap `x[i]` with `x[randrange(i + 1)]`.
   *
   * @typeParam T The element type.
   * @param x The array to shuffle; it is modified.
   * @throws {TypeError} If `x` is not an array.
   *
   * @example Shuffle five numbers
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const xs = [1, 2, 3, 4, 5];
   * new Random(42).shuffle(xs);
   * assert.deepEqual(xs, [4, 2, 3, 5, 1]);
   * ```
   */
  shuffle<T>(x: T[]): void {
    if (!isArray(x)) {
      throw new TypeError(`Cannot shuffle: "x" must be an array, received ${show(x)}`);
    }
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.#below(i + 1);
      // Both indices are below x.length: the reads are defined (holes read as undefined).
      const swap = x[i] as T;
      x[i] = x[j] as T;
      x[j] = swap;
    }
  }

  /**
   * Return `k` distinct elements (by position) of an array or string, in selection order,
   * with CPython 3.11's `sample(population, k)` algorithm: a shrinking pool for small
   * populations, a set of chosen positions for large ones. A string is taken as its code
   * points, like a Python `str`.
   *
   * @param population The array or string to draw from; it is not modified.
   * @param k How many elements to draw, from 0 to the population's length.
   * @returns A new array of `k` elements.
   * @throws {TypeError} If `population` is not an array or a string, or `k` is not an integer.
   * @throws {RangeError} If `k` is negative or larger than the population.
   *
   * @example Three raffle winners
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * assert.deepEqual(new Random(42).sample("abcdef", 3), ["f", "a", "e"]);
   * ```
   */
  sample<T>(population: readonly T[], k: number): T[];
  /**
   * {@linkcode Random.prototype.sample} over the code points of a string.
   *
   * @param population The string to draw from.
   * @param k How many code points to draw, from 0 to the string's length in code points.
   * @returns A new array of `k` one-code-point strings.
   */
  sample(population: string, k: number): string[];
  /** The implementation of both overloads: an array, or a string taken as its code points. */
  sample<T>(population: readonly T[] | string, k: number): (T | string)[] {
    const items = toSequence("sample", "population", population);
    const n = items.length;
    if (!Number.isInteger(k)) {
      throw new TypeError(`Cannot sample: "k" must be an integer, received ${show(k)}`);
    }
    if (k < 0 || k > n) {
      throw new RangeError(
        `Cannot sample: "k" must be from 0 to the population size ${n}, received ${k}`,
      );
    }
    const result = new Array<T | string>(k);
    let setsize = 21;
    // CPython computes _ceil(_log(k * 3, 4)) with floats: so do we.
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      const pool = items.slice();
      for (let i = 0; i < k; i++) {
        const j = this.#below(n - i);
        result[i] = pool[j] as T; // both indices are below n
        pool[j] = pool[n - i - 1] as T;
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.#below(n);
        while (selected.has(j)) j = this.#below(n);
        selected.add(j);
        result[i] = items[j] as T;
      }
    }
    return result;
  }

  /**
   * Return a normally distributed float, with CPython's `gauss(mu, sigma)` algorithm: each
   * call pair draws two `random()` values and caches the second result. Agrees with
   * CPython within 2 ulp (`Math.log`, `Math.cos` and `Math.sin` may differ from the C
   * library in the last bit).
   *
   * @param mu The mean (default 0).
   * @param sigma The standard deviation (default 1).
   * @returns A float drawn from the normal distribution.
   *
   * @example A standard normal value
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const z = new Random(42).gauss();
   * assert.ok(Math.abs(z - -0.14409032957792836) < 1e-15);
   * ```
   */
  gauss(mu = 0, sigma = 1): number {
    checkNumber("gauss", "mu", mu);
    checkNumber("gauss", "sigma", sigma);
    let z = this.#gaussNext;
    this.#gaussNext = null;
    if (z === null) {
      const x2pi = this.random() * 2 * Math.PI;
      const g2rad = Math.sqrt(-2 * Math.log(1 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.#gaussNext = Math.sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }

  /**
   * Return the generator's state as plain data, to restore later with
   * {@linkcode Random.prototype.setstate} (JSON round trips keep it exact).
   *
   * @returns A new {@linkcode RandomState}.
   *
   * @example Replay a sequence
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const rng = new Random(1);
   * const state = rng.getstate();
   * const first = [rng.random(), rng.gauss()];
   * rng.setstate(state);
   * assert.deepEqual([rng.random(), rng.gauss()], first);
   * ```
   */
  getstate(): RandomState {
    return { version: 3, mt: Array.from(this.#mt), index: this.#index, gaussNext: this.#gaussNext };
  }

  /**
   * Restore a state from {@linkcode Random.prototype.getstate}, or one taken from CPython's
   * `getstate()` as `{ version: 3, mt: internal[:-1], index: internal[-1], gaussNext }`.
   * Nothing changes when the state is invalid.
   *
   * @param state The state to restore.
   * @throws {TypeError} If `state` is not a {@linkcode RandomState}.
   * @throws {RangeError} If its `version` is not 3 or its `index` is not from 0 to 624.
   *
   * @example Copy one generator's position to another
   * ```ts
   * import { Random } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const a = new Random(5);
   * a.random();
   * const b = new Random();
   * b.setstate(a.getstate());
   * assert.equal(b.random(), a.random());
   * ```
   */
  setstate(state: RandomState): void {
    if (typeof state !== "object" || state === null) {
      throw new TypeError(
        `Cannot setstate: "state" must be an object from getstate(), received ${show(state)}`,
      );
    }
    const { version, mt, index, gaussNext } = state;
    if (version !== 3) {
      throw new RangeError(`Cannot setstate: "state.version" must be 3, received ${show(version)}`);
    }
    if (!Array.isArray(mt) || mt.length !== N || !mt.every(isUint32)) {
      throw new TypeError(
        `Cannot setstate: "state.mt" must be an array of 624 integers from 0 to 4294967295, received ${
          Array.isArray(mt) ? `an array of ${mt.length}` : show(mt) // its length was read above
        }`,
      );
    }
    if (!Number.isInteger(index) || index < 0 || index > N) {
      throw new RangeError(
        `Cannot setstate: "state.index" must be an integer from 0 to 624, received ${show(index)}`,
      );
    }
    if (gaussNext !== null && typeof gaussNext !== "number") {
      throw new TypeError(
        `Cannot setstate: "state.gaussNext" must be a number or null, received ${show(gaussNext)}`,
      );
    }
    this.#mt.set(mt);
    this.#index = index;
    this.#gaussNext = gaussNext;
  }

  /** The next tempered 32-bit word (CPython's `genrand_uint32`). */
  #next(): number {
    if (this.#index >= N) this.#twist();
    let y = this.#mt[this.#index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    return (y ^ (y >>> 18)) >>> 0;
  }

  /** Generate the next 624 words at once. */
  #twist(): void {
    const mt = this.#mt;
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + M - N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.#index = 0;
  }

  /** CPython's `init_genrand(19650218)` followed by `init_by_array(key)`. */
  #initByArray(key: ArrayLike<number>): void {
    const mt = this.#mt;
    mt[0] = 19650218;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = (mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j]! + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = (mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.#index = N;
  }

  /**
   * CPython's `_randbelow_with_getrandbits(n)` for a safe integer `n >= 1`: draw
   * `bit_length(n)` bits until the value is below `n`. No bigint for `n < 2 ** 53`.
   */
  #below(n: number): number {
    if (n < TWO_32) {
      const shift = Math.clz32(n);
      let r = this.#next() >>> shift;
      while (r >= n) r = this.#next() >>> shift;
      return r;
    }
    const shift = Math.clz32(Math.floor(n / TWO_32)); // 64 - bit_length(n)
    for (;;) {
      const low = this.#next();
      const r = (this.#next() >>> shift) * TWO_32 + low;
      if (r < n) return r;
    }
  }

  /** {@linkcode Random.prototype.#below} for a bigint `n >= 1` of any size. */
  #belowBig(n: bigint): bigint {
    if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return BigInt(this.#below(Number(n)));
    const k = n.toString(2).length;
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /**
   * CPython's `randrange(start, stop, step)` once the arguments are checked; `method` and
   * `args` (the caller's own arguments) only go into error messages.
   */
  #range(
    method: string,
    args: readonly unknown[],
    start: number | bigint,
    stop: number | bigint,
    step: number | bigint,
  ): number | bigint {
    if (typeof start === "number" && typeof stop === "number" && step === 1) {
      const width = stop - start;
      if (Number.isSafeInteger(width)) {
        if (width > 0) return start + this.#below(width);
        throw rangeError(method, "empty range", args);
      }
    }
    const [first, end, by] = [BigInt(start), BigInt(stop), BigInt(step)];
    const width = end - first;
    // Truncating bigint division only differs from Python's // when the result is <= 0.
    let n: bigint;
    if (by === 1n) n = width;
    else if (by > 0n) n = (width + by - 1n) / by;
    else if (by < 0n) n = (width + by + 1n) / by;
    else throw rangeError(method, "zero step", args);
    if (n <= 0n) throw rangeError(method, "empty range", args);
    const result = first + by * this.#belowBig(n);
    const big = typeof start === "bigint" || typeof stop === "bigint" || typeof step === "bigint";
    return big ? result : Number(result);
  }
}

/**
 * The default {@linkcode Random}, seeded from `crypto.getRandomValues` when the module
 * loads: the counterpart of Python's module-level `random.random()`, `random.seed()` and
 * friends.
 *
 * @example Seed the default generator like `random.seed(0)` in Python
 * ```ts
 * import { random } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * random.seed(0);
 * assert.equal(random.random(), 0.8444218515250481);
 * ```
 *
 * @category Random
 */
export const random: Random = new Random();

/** The `init_by_array` key of an integer seed: the 32-bit little-endian words of `|a|`. */
function seedKey(a: unknown): number[] {
  const value = typeof a === "number" && Number.isInteger(a) ? BigInt(a) : a;
  if (typeof value !== "bigint") {
    throw new TypeError(
      `Cannot seed: "a" must be an integer number, a bigint or undefined, received ${show(a)}`,
    );
  }
  let rest = value < 0n ? -value : value;
  const key: number[] = [];
  do {
    key.push(Number(rest & 0xffffffffn));
    rest >>= 32n;
  } while (rest > 0n);
  return key;
}

/** Throw a `TypeError` unless `value` is a number (`NaN` and infinities pass, as in CPython). */
function checkNumber(method: string, name: string, value: unknown): void {
  if (typeof value !== "number") {
    throw new TypeError(`Cannot ${method}: "${name}" must be a number, received ${show(value)}`);
  }
}

/** Throw unless `value` is a bigint or a safe integer number. */
function checkInteger(method: string, name: string, value: unknown): void {
  if (typeof value === "bigint" || Number.isSafeInteger(value)) return;
  if (Number.isInteger(value)) {
    throw new RangeError(
      `Cannot ${method}: "${name}" must be a safe integer or a bigint, received ${show(value)}`,
    );
  }
  throw new TypeError(`Cannot ${method}: "${name}" must be an integer, received ${show(value)}`);
}

/** `Cannot randint: empty range for randint(5, 1)` and the like. */
function rangeError(method: string, problem: string, args: readonly unknown[]): RangeError {
  return new RangeError(`Cannot ${method}: ${problem} for ${method}(${args.map(show).join(", ")})`);
}

/** An array as is, or a string as its code points, like a Python sequence. */
function toSequence<T>(method: string, name: string, seq: readonly T[] | string): readonly T[] {
  if (typeof seq === "string") return Array.from(seq) as T[];
  if (isArray(seq)) return seq;
  throw new TypeError(
    `Cannot ${method}: "${name}" must be an array or a string, received ${show(seq)}`,
  );
}

/** `Array.isArray`, false for a revoked Proxy (on which it throws). */
function isArray(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

function isUint32(word: unknown): boolean {
  return Number.isInteger(word) && (word as number) >= 0 && (word as number) < TWO_32;
}

/** A value as it appears in error messages: never runs code of the value's (see `describe`). */
function show(value: unknown): string {
  return describe(value);
}
