/**
 * The CLI's `parallel` command: the course's {@linkcode parallel} printed as three times
 * and a speedup, or drawn as a timeline of every job and the thread that ran it.
 *
 * @module
 */
import { parallel, type ParallelResult, type ParallelRun } from "../../mod.ts";
import { renderTimeline } from "./render_timeline.ts";
import type { Row, Timeline } from "./timeline.ts";

/**
 * What a command's own `main` is told of the CLI's options (a part of `RunOptions`, so
 * that this file and `commands.ts` import nothing that needs Node: the playground uses
 * them in a page).
 */
export interface MainOptions {
  /** Draw the run as a timeline before the result. */
  readonly timeline: boolean;
  /** Print one JSON object instead. */
  readonly json: boolean;
  /** The width to draw in, in columns. */
  readonly width: number;
  /** Whether to colour the timeline. */
  readonly color: boolean;
  /** `--workers W`: the pool's size (default: the number of cores). */
  readonly workers?: number | undefined;
}

/** Where a command's own `main` prints (a part of `CliIO`). */
export interface CommandOutput {
  /** Writes text to standard output. */
  write(text: string): void;
}

const seconds = (s: number) => `${s.toFixed(3)} s`;

/**
 * Runs `parallel(JOBS, { workers })` and prints what it measured: the three times, the
 * speedup and the workers' start-up; with `timeline`, first the picture of
 * {@linkcode parallelTimeline}; with `json`, one line of JSON instead.
 *
 * @param nums `[JOBS]` or `[]` (4 jobs).
 * @param options The CLI's options (`workers`, `timeline`, `json`, width, colour).
 * @param io Where to print.
 * @returns A promise that resolves once everything is printed.
 *
 * @example Two tiny jobs, as JSON
 * ```ts
 * import { runParallel } from "./parallel.ts";
 * import assert from "node:assert/strict";
 *
 * let out = "";
 * const io = { write: (t: string) => void (out += t), error() {}, isTTY: false, noColor: true };
 * const options = { seed: undefined, virtual: false, timeline: false, json: true, live: false };
 * await runParallel([2], { ...options, width: 80, color: false, workers: 1, limit: 100 }, io);
 * const printed = JSON.parse(out);
 * assert.equal(printed.command, "parallel");
 * assert.equal(printed.result.count, 25); // primes below 100
 * assert.deepEqual(printed.result.pool.jobs.map((j: { thread: string }) => j.thread), [
 *   "worker 1",
 *   "worker 1",
 * ]);
 * ```
 */
export async function runParallel(
  nums: readonly number[],
  options: MainOptions & { readonly limit?: number },
  io: CommandOutput,
): Promise<void> {
  const jobs = nums[0] ?? 4;
  const result = await parallel(jobs, { workers: options.workers, limit: options.limit });
  const timeline = parallelTimeline(result);
  if (options.json) {
    const fields: Record<string, unknown> = { command: "parallel", args: nums, result };
    if (options.timeline) fields.timeline = timeline.rows;
    io.write(JSON.stringify(fields) + "\n");
    return;
  }
  if (options.timeline) io.write(renderTimeline(timeline, options));
  io.write(summary(result));
}

/**
 * The three times and the speedup, one line each.
 *
 * @param result What `parallel` measured.
 * @returns Lines ending with a newline.
 *
 * @example The lines
 * ```ts
 * import { summary } from "./parallel.ts";
 * import assert from "node:assert/strict";
 *
 * const run = (s: number) => ({ seconds: s, jobs: [] });
 * const result = {
 *   jobs: 4, limit: 1_500_000, workers: 2, count: 114155, startup: 0.05,
 *   sequential: run(0.4), concurrent: run(0.41), pool: run(0.2), speedup: 2,
 * };
 * assert.equal(summary(result), [
 *   "4 jobs, each counting the primes below 1500000 (114155), three ways:",
 *   "  one after another      0.400 s",
 *   "  gather, one thread     0.410 s  (no faster: the loop is blocked while a job computes)",
 *   "  WorkerPool, 2 workers  0.200 s  (speedup 2.00x; starting the workers took 0.050 s)",
 *   "",
 * ].join("\n"));
 * ```
 */
export function summary(result: ParallelResult): string {
  const { jobs, limit, count, workers, sequential, concurrent, pool, speedup, startup } = result;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const ways: [string, ParallelRun, string][] = [
    ["one after another", sequential, ""],
    ["gather, one thread", concurrent, "no faster: the loop is blocked while a job computes"],
    [
      `WorkerPool, ${plural(workers, "worker")}`,
      pool,
      `speedup ${speedup.toFixed(2)}x; starting the workers took ${seconds(startup)}`,
    ],
  ];
  const width = Math.max(...ways.map(([name]) => name.length));
  return [
    `${plural(jobs, "job")}, each counting the primes below ${limit} (${count}), three ways:`,
    ...ways.map(([name, run, note]) =>
      `  ${name.padEnd(width)}  ${seconds(run.seconds)}${note === "" ? "" : `  (${note})`}`
    ),
    "",
  ].join("\n");
}

/**
 * The timeline of a `parallel` run: one row per job of each way, on one time axis that
 * starts at 0 for each way, with the thread that ran it (`main`, `worker 1`…).
 *
 * @param result What `parallel` measured.
 * @returns The timeline, for `renderTimeline`.
 *
 * @example Rows and threads
 * ```ts
 * import { parallelTimeline } from "./parallel.ts";
 * import assert from "node:assert/strict";
 *
 * const job = (start: number, end: number, thread: string) => ({ start, end, thread });
 * const timeline = parallelTimeline({
 *   jobs: 2, limit: 10, workers: 2, count: 4, startup: 0.01,
 *   sequential: { seconds: 0.2, jobs: [job(0, 0.1, "main"), job(0.1, 0.2, "main")] },
 *   concurrent: { seconds: 0.2, jobs: [job(0, 0.1, "main"), job(0.1, 0.2, "main")] },
 *   pool: { seconds: 0.1, jobs: [job(0, 0.1, "worker 1"), job(0, 0.1, "worker 2")] },
 *   speedup: 2,
 * });
 * assert.deepEqual(timeline.rows.map((r) => `${r.label} ${r.note}`), [
 *   "sequential 1 main", "sequential 2 main",
 *   "gather 1 main", "gather 2 main",
 *   "pool 1 worker 1", "pool 2 worker 2",
 * ]);
 * assert.equal(timeline.span, 0.2);
 * ```
 */
export function parallelTimeline(result: ParallelResult): Timeline {
  const { jobs, workers, sequential, concurrent, pool, speedup } = result;
  const ways: [string, ParallelRun][] = [
    ["sequential", sequential],
    ["gather", concurrent],
    ["pool", pool],
  ];
  const rows = ways.flatMap(([name, run]) =>
    run.jobs.map((job, i): Row => ({
      label: `${name} ${i + 1}`,
      start: job.start,
      end: job.end,
      note: job.thread,
    }))
  );
  const span = Math.max(sequential.seconds, concurrent.seconds, pool.seconds);
  return {
    title: `parallel(${jobs}) · ${workers} worker${workers === 1 ? "" : "s"} · real time`,
    now: span,
    span,
    marks: [],
    headers: ["job", "thread", ""],
    rows,
    hidden: 0,
    footer: [
      `The same job ${jobs} times. One after another on the main thread: ` +
      `${seconds(sequential.seconds)}. With gather, still on the main thread: ` +
      `${seconds(concurrent.seconds)}, no faster, because a job that computes never awaits ` +
      "and the loop cannot switch: concurrency helps with waiting, not with computing. On " +
      `${workers} worker thread${workers === 1 ? "" : "s"}: ${seconds(pool.seconds)}, ` +
      (speedup >= 1.1
        ? `${speedup.toFixed(2)}x faster: parallelism, the jobs run at the same time on ` +
          "different cores."
        : `${speedup.toFixed(2)}x: the jobs ran at the same time, but no faster, so the ` +
          "cores were busy with other programs (or there is only one)."),
    ],
  };
}
