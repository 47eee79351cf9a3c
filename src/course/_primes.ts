/**
 * The CPU-bound job of the course's `parallel`: counting primes by trial division, pure
 * computation with no waiting in it. It runs on the main thread and, as a worker module
 * of a `WorkerPool`, on worker threads.
 *
 * @module
 */

/**
 * How many primes are below `limit`, by trial division: about 0.1 s of work for
 * `limit` 1 000 000 on a laptop core of 2025.
 *
 * @internal
 */
export function countPrimes(limit: number): number {
  let count = limit > 2 ? 1 : 0;
  for (let n = 3; n < limit; n += 2) {
    let prime = true;
    for (let d = 3; d * d <= n; d += 2) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

/** One job as the timeline draws it: the primes counted, where and when. */
export interface TimedJob {
  /** What `countPrimes` returned. */
  readonly count: number;
  /** The thread's name: `globalThis.name` in a pool's worker (`worker 1`…), else `main`. */
  readonly thread: string;
  /** When it started and ended, in ms since the epoch (`performance.timeOrigin` based). */
  readonly start: number;
  /** When it ended, in ms since the epoch. */
  readonly end: number;
}

/**
 * `countPrimes(limit)`, with when and on which thread it ran.
 *
 * @internal
 */
export function timedCountPrimes(limit: number): TimedJob {
  const start = performance.timeOrigin + performance.now();
  const count = countPrimes(limit);
  const end = performance.timeOrigin + performance.now();
  const name = (globalThis as { name?: unknown }).name;
  return { count, thread: typeof name === "string" && name !== "" ? name : "main", start, end };
}
