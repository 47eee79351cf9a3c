/**
 * The course's lesson on parallelism: the same CPU-bound job run three ways, one after
 * another, "concurrently" with `gather` on one thread, and on a `WorkerPool`.
 *
 * @module
 */
import { gather } from "../gather.ts";
import { cancelledError } from "../_abort.ts";
import { signalOf } from "../_options.ts";
import { checkInteger } from "../_validate.ts";
import { WorkerPool } from "../worker_pool.ts";
import { timedCountPrimes, type TimedJob } from "./_primes.ts";

/** The job's size: `countPrimes(1_500_000)`, about 0.1 s on one core of 2025. */
const LIMIT = 1_500_000;

/**
 * Options for {@linkcode parallel}.
 *
 * @category Course
 */
export interface ParallelOptions {
  /** The pool's size: an integer >= 1 (default: the number of cores). */
  workers?: number | undefined;
  /** The job: count the primes below this integer >= 0 (default 1 500 000: about 0.1 s). */
  limit?: number | undefined;
  /**
   * Cancels the run: the pool's jobs at once (their workers are terminated), the main
   * thread's between two jobs (a job that computes cannot be interrupted).
   */
  signal?: AbortSignal | undefined;
}

/**
 * One job of a {@linkcode ParallelRun}: when it ran, and on which thread.
 *
 * @category Course
 */
export interface ParallelJob {
  /** When it started, in seconds since its way began. */
  readonly start: number;
  /** When it ended, in seconds since its way began. */
  readonly end: number;
  /** The thread that ran it: `main`, or the worker's name (`worker 1`…). */
  readonly thread: string;
}

/**
 * One of the three ways of {@linkcode parallel}.
 *
 * @category Course
 */
export interface ParallelRun {
  /** How long the jobs took in all, in seconds. */
  readonly seconds: number;
  /** The jobs, in the order they were started. */
  readonly jobs: readonly ParallelJob[];
}

/**
 * What {@linkcode parallel} measured.
 *
 * @category Course
 */
export interface ParallelResult {
  /** How many jobs each way ran. */
  readonly jobs: number;
  /** The job: counting the primes below this number. */
  readonly limit: number;
  /** The pool's size. */
  readonly workers: number;
  /** What each job computed: the number of primes below the limit. */
  readonly count: number;
  /** Seconds it took to start the pool's workers (before the pool's jobs, not in them). */
  readonly startup: number;
  /** One job after another, on the main thread. */
  readonly sequential: ParallelRun;
  /** All at once with `gather`, on the main thread: no faster, as the loop is blocked. */
  readonly concurrent: ParallelRun;
  /** All at once on the pool's worker threads (started beforehand). */
  readonly pool: ParallelRun;
  /** `sequential.seconds / pool.seconds`: how much faster the pool was. */
  readonly speedup: number;
}

const ms = () => performance.timeOrigin + performance.now();

/**
 * Runs the same CPU-bound job (counting primes) `jobs` times, three ways, and measures
 * each: one after another; concurrently with `gather` on this thread, which is no faster
 * (a job that computes never awaits, so the loop cannot switch to another until it is
 * done); and on a {@linkcode WorkerPool} of `workers` threads, which is up to `workers`
 * times faster. Concurrency is one cook switching between dishes while the water boils;
 * parallelism is two cooks. Python's answer is `loop.run_in_executor` with a
 * `ProcessPoolExecutor`; this is that, on worker threads.
 *
 * The pool's workers are started (and timed: `startup`) before its jobs, so the three ways
 * compare the computing alone. Times are real (`performance.now()`): a `VirtualClock`
 * does not make CPU work faster. On Deno the workers need read permission for the job's
 * module, `src/course/_primes.ts`: `deno run --allow-read=src/course/_primes.ts …`.
 *
 * @param jobs How many jobs each way runs: an integer >= 1 (default 4).
 * @param options `workers`: the pool's size (default: the number of cores); `limit`: the
 * job's size; `signal`: cancels the run.
 * @returns A promise of the three runs, the start-up time and the speedup.
 * @throws {TypeError} If `jobs`, `workers` or `limit` is not a number.
 * @throws {RangeError} If one of them is not an integer in range.
 * @throws {CancelledError} If `signal` aborts.
 *
 * @example Three ways to run four small jobs
 * ```ts
 * import { parallel } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const result = await parallel(4, { workers: 2, limit: 10_000 });
 * assert.equal(result.count, 1229); // primes below 10 000
 * assert.deepEqual(result.sequential.jobs.map((job) => job.thread), Array(4).fill("main"));
 * assert.deepEqual(result.concurrent.jobs.map((job) => job.thread), Array(4).fill("main"));
 * const workers = new Set(result.pool.jobs.map((job) => job.thread));
 * assert.ok([...workers].every((name) => name === "worker 1" || name === "worker 2"));
 * ```
 *
 * @category Course
 */
export async function parallel(jobs = 4, options?: ParallelOptions): Promise<ParallelResult> {
  const what = "run parallel";
  checkInteger(what, "jobs", jobs, 1);
  const limit = checkInteger(what, "limit", options?.limit ?? LIMIT, 0);
  const signal = signalOf(what, options);
  const job = () => {
    if (signal?.aborted) throw cancelledError(signal);
    return timedCountPrimes(limit);
  };
  const indexes = Array.from({ length: jobs }, (_, i) => i);
  // The job's module beside this one: .ts in the sources, .js once compiled (the npm build,
  // the playground); the npm build gives its CommonJS files an import.meta.url.
  const here = import.meta.url;
  const module = new URL(here.endsWith(".ts") ? "./_primes.ts" : "./_primes.js", here);
  await using pool = new WorkerPool<typeof import("./_primes.ts")>(module, {
    workers: options?.workers,
  });

  const sequential = await timed(() => Promise.resolve(indexes.map(job)));
  const concurrent = await timed(() =>
    gather(
      indexes.map(async () => {
        await null; // each job is a coroutine of its own, started by gather
        return job();
      }),
      { signal },
    )
  );
  const started = ms();
  await gather(Array.from({ length: pool.size }, () => pool.run("countPrimes", [0], { signal })));
  const startup = (ms() - started) / 1000;
  const inPool = await timed(() =>
    gather(indexes.map(() => pool.run("timedCountPrimes", [limit], { signal })))
  );
  return {
    jobs,
    limit,
    workers: pool.size,
    count: sequential.count,
    startup,
    sequential: sequential.run,
    concurrent: concurrent.run,
    pool: inPool.run,
    speedup: sequential.run.seconds / inPool.run.seconds,
  };
}

async function timed(
  work: () => Promise<readonly TimedJob[]>,
): Promise<{ run: ParallelRun; count: number }> {
  const start = ms();
  const done = await work();
  const seconds = (ms() - start) / 1000;
  const jobs = done.map((job) => ({
    start: Math.max(0, job.start - start) / 1000,
    end: Math.max(0, job.end - start) / 1000,
    thread: job.thread,
  }));
  return { run: { seconds, jobs }, count: done[0]?.count ?? 0 };
}
