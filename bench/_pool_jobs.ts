/**
 * The worker module of `bench/pool_bench.ts`: a CPU-bound job, a spinning one and a
 * trivial one.
 *
 * @module
 */
export { countPrimes } from "../src/course/_primes.ts";

/** Keeps a core busy for `ms` milliseconds of real time; returns the loop count. */
export function spin(ms: number): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) n++;
  return n;
}

/** The trivial job: returns its argument. */
export function noop<T>(value: T): T {
  return value;
}

/** Like `spin`, but lets the worker's event loop run (a timer turn) every 5 ms. */
export async function spinYielding(ms: number): Promise<number> {
  const end = performance.now() + ms;
  let n = 0;
  let next = performance.now() + 5;
  while (performance.now() < end) {
    n++;
    if (performance.now() >= next) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      next = performance.now() + 5;
    }
  }
  return n;
}
