/**
 * `WorkerPool` on this machine: worker start-up, the speedup of CPU-bound jobs on a warm
 * pool over running them one after another, the per-job overhead of `run`, and how fast a
 * cancelled job frees its core.
 *
 *     deno run -A bench/pool_bench.ts [--rounds N] [--workers W] [--json]
 *
 * - **start-up**: a new pool's first `run` of a trivial job on each of its W workers
 *   (threads started, entry script and job module loaded), median of the rounds;
 * - **speedup**: 8 jobs of `countPrimes(limit)`, with `limit` calibrated to about 100 ms on
 *   the main thread, run one after another on the main thread and then all at once on a
 *   warm pool of W workers (default 2), in alternation for N rounds (default 5), so a
 *   change in the machine's load hits both; reported per round and as the median of the
 *   per-round ratios;
 * - **overhead**: 2 000 trivial jobs awaited one at a time (round trip) and 20 000 at once
 *   (throughput), per job, on one worker;
 * - **cancel**: a job spinning for 3 s is cancelled (`spin`: a synchronous loop;
 *   `spinYielding`: the same, letting its event loop run every 5 ms); the worker's own
 *   thread is watched through `/proc/self/task/<tid>/schedstat` (Linux; Deno needs
 *   `--allow-all` to list `/proc/self/task`), and its core counts as free once the thread
 *   is gone (or has not run for 200 ms). CPU time, not wall time: the machine's load
 *   does not blur it.
 *
 * The machine's load average is printed before and after: on a shared machine, read the
 * ratios, not the times. `bench/node/pool_overhead.mjs` compares the overhead with
 * Piscina under Node.
 *
 * @module
 */
import os from "node:os";
import process from "node:process";
import { parseArgs } from "node:util";
import { WorkerPool } from "../mod.ts";
import { countPrimes } from "../src/course/_primes.ts";
import type * as Jobs from "./_pool_jobs.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    rounds: { type: "string", default: "5" },
    workers: { type: "string", default: "2" },
    json: { type: "boolean", default: false },
  },
});
const ROUNDS = Number(values.rounds);
const WORKERS = Number(values.workers);
const JOBS = 8;
const URL_ = new URL("./_pool_jobs.ts", import.meta.url);
const now = () => performance.now();
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
const newPool = (workers: number) => new WorkerPool<typeof Jobs>(URL_, { workers });
const log = (text: string) => values.json || console.log(text);

const loadBefore = loadavg();
log(`load average before: ${loadBefore}; ${navigator.hardwareConcurrency} cores`);

// Calibrate the job to about 100 ms on the main thread (warm).
let limit = 1_500_000;
for (let i = 0; i < 3; i++) {
  const times = [0, 1, 2].map(() => {
    const t = now();
    countPrimes(limit);
    return now() - t;
  });
  limit = Math.round(limit * Math.pow(100 / median(times), 2 / 3));
}
const jobTimes = [0, 1, 2].map(() => {
  const t = now();
  countPrimes(limit);
  return now() - t;
});
log(`job: countPrimes(${limit}), ${median(jobTimes).toFixed(1)} ms on the main thread`);

// Start-up.
const startups: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  await using pool = newPool(WORKERS);
  const t = now();
  await Promise.all(Array.from({ length: WORKERS }, () => pool.run("noop", [0])));
  startups.push(now() - t);
}
log(
  `start-up of ${WORKERS} workers: median ${median(startups).toFixed(1)} ms ` +
    `(rounds: ${startups.map((t) => t.toFixed(1)).join(", ")})`,
);

// Speedup on a warm pool.
const rounds: {
  sequential: number;
  pool: number;
  ratio: number;
  seqCores: number;
  poolCores: number;
}[] = [];
/** CPU time over wall time: how many cores the process got. */
const cores = (cpu: { user: number; system: number }, ms: number) =>
  (cpu.user + cpu.system) / 1000 / ms;
{
  await using pool = newPool(WORKERS);
  await Promise.all(Array.from({ length: WORKERS }, () => pool.run("countPrimes", [limit])));
  for (let r = 0; r < ROUNDS; r++) {
    let t = now();
    let cpu = process.cpuUsage();
    for (let j = 0; j < JOBS; j++) countPrimes(limit);
    const sequential = now() - t;
    const seqCores = cores(process.cpuUsage(cpu), sequential);
    t = now();
    cpu = process.cpuUsage();
    await Promise.all(Array.from({ length: JOBS }, () => pool.run("countPrimes", [limit])));
    const inPool = now() - t;
    const poolCores = cores(process.cpuUsage(cpu), inPool);
    rounds.push({ sequential, pool: inPool, ratio: sequential / inPool, seqCores, poolCores });
  }
}
const ratios = rounds.map((r) => r.ratio);
log(
  `speedup, ${JOBS} jobs on ${WORKERS} warm workers: median ${median(ratios).toFixed(2)}x ` +
    `(range ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}; rounds: ` +
    rounds.map((r) => `${r.sequential.toFixed(0)}/${r.pool.toFixed(0)} ms`).join(", ") + ")",
);
log(
  `cores the process got (CPU time / wall time): ${
    rounds.map((r) => `${r.seqCores.toFixed(2)}/${r.poolCores.toFixed(2)}`).join(", ")
  } (sequential/pool; 1.00/${WORKERS}.00 on an idle machine)`,
);

// Per-job overhead.
const overhead = { roundTrip: 0, throughput: 0 };
{
  await using pool = newPool(1);
  await pool.run("noop", [0]);
  for (let i = 0; i < 500; i++) await pool.run("noop", [i]); // warm
  let t = now();
  for (let i = 0; i < 2000; i++) await pool.run("noop", [i]);
  overhead.roundTrip = (now() - t) / 2000 * 1000;
  t = now();
  await Promise.all(Array.from({ length: 20_000 }, (_, i) => pool.run("noop", [i])));
  overhead.throughput = (now() - t) / 20_000 * 1000;
}
log(
  `overhead per trivial job, 1 worker: ${overhead.roundTrip.toFixed(1)} µs round trip, ` +
    `${overhead.throughput.toFixed(1)} µs at 20 000 in flight`,
);

// Cancel frees the core: the worker's own thread, watched through /proc (Linux).
const threads = () => {
  try {
    return [...Deno.readDirSync("/proc/self/task")].map((e) => e.name);
  } catch {
    return undefined;
  }
};
/** Nanoseconds the thread has run on a CPU, or `undefined` once it is gone. */
const cpuNs = (tid: string) => {
  try {
    return Number(Deno.readTextFileSync(`/proc/self/task/${tid}/schedstat`).split(" ")[0]);
  } catch {
    return undefined;
  }
};
/** How long a cancelled job would spin: long past the 1 s the bench watches it. */
const SPIN_MS = 3000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type CancelRound = { rejectedMs: number; freedMs: number | null; ranAfterMs: number };
async function cancelRound(job: "spin" | "spinYielding"): Promise<CancelRound | undefined> {
  const before = new Set(threads() ?? []);
  await using pool = newPool(1);
  await pool.run("noop", [0]);
  const controller = new AbortController();
  const running = pool.run(job, [SPIN_MS], { signal: controller.signal }).catch(() => {});
  await pause(100);
  const fresh = (threads() ?? []).filter((t) => !before.has(t));
  const start = new Map(fresh.map((t) => [t, cpuNs(t) ?? 0]));
  await pause(30);
  const tid = fresh.map((t) => [t, (cpuNs(t) ?? 0) - start.get(t)!] as const)
    .sort((a, b) => b[1] - a[1])[0]?.[0];
  if (tid === undefined) return undefined;
  const ns0 = cpuNs(tid)!;
  const t0 = now();
  controller.abort();
  await running;
  const rejectedMs = now() - t0;
  let last = ns0, lastAt = 0, freedMs: number | null = null;
  while (now() - t0 < 1000) {
    await pause(1);
    const ns = cpuNs(tid);
    if (ns === undefined) {
      freedMs = now() - t0; // the thread is gone
      break;
    }
    if (ns > last) [last, lastAt] = [ns, now() - t0];
  }
  if (freedMs === null && now() - t0 - lastAt > 200) freedMs = lastAt; // idle, not gone
  return { rejectedMs, freedMs, ranAfterMs: (last - ns0) / 1e6 };
}
const cancels: Record<string, CancelRound[]> = {};
// spinYielding first: on Deno a cancelled spin job's thread goes on to the end of its loop.
for (const job of ["spinYielding", "spin"] as const) {
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const round = await cancelRound(job);
    if (round !== undefined) rounds.push(round);
  }
  cancels[job] = rounds;
  if (rounds.length === 0) {
    log(`cancel: no /proc/self/task to watch the worker's thread (Linux, --allow-all)`);
    break;
  }
  const freed = rounds.map((r) => r.freedMs);
  const shown = freed.map((t) => t === null ? "still running at 1 s" : `${t.toFixed(1)} ms`);
  log(
    `cancel of a running ${job} job: run() rejected in median ${
      median(rounds.map((r) => r.rejectedMs)).toFixed(2)
    } ms; the worker's thread stopped using its core after: ${shown.join(", ")} ` +
      `(CPU it used after the abort: ${rounds.map((r) => r.ranAfterMs.toFixed(1)).join(", ")} ms)`,
  );
}

const loadAfter = loadavg();
log(`load average after: ${loadAfter}`);
if (values.json) {
  console.log(JSON.stringify({
    loadBefore,
    loadAfter,
    limit,
    jobMs: median(jobTimes),
    startupMs: startups,
    rounds,
    overhead,
    cancels,
  }));
}
