/**
 * One run of one JavaScript contender of `bench/compare.ts`, in a fresh process:
 *
 *     deno run -A bench/_compare_worker.ts aio|naive|floor N MAX_DELAY SEED
 *
 * - `aio`: `waitN(n, maxDelay)` from this module, on real timers.
 * - `naive`: the course ported naively: one `setTimeout` per coroutine, each pushing its
 *   delay to the result list when it fires (completion order).
 * - `floor`: n async functions each awaiting one promise that is resolved directly (no
 *   timers), each pushing its delay when it resumes: the least any port can cost.
 *
 * All three draw the same delays, `uniform(0, maxDelay)` from `Random` seeded with SEED,
 * which is bit-identical to Python's `random.seed(SEED)`. Prints one JSON line: `wall`
 * (seconds from just before the n coroutines are made to the last result), `count`,
 * `inversions` (adjacent: i with d[i-1] > d[i]), `maxDelay` (the largest delay drawn),
 * `checksum` (sum of the sorted delays) and `rssKiB`: the peak resident set size, VmHWM
 * from /proc/self/status (Linux), or `Deno.memoryUsage().rss` at the end elsewhere.
 *
 * @module
 */
import { Random, random, waitN } from "../mod.ts";

type Kind = "aio" | "naive" | "floor";

function naive(n: number, maxDelay: number, rng: Random): Promise<number[]> {
  const delays: number[] = [];
  const waitRandom = async () => {
    const delay = rng.uniform(0, maxDelay);
    await new Promise((resolve) => setTimeout(resolve, delay * 1000));
    delays.push(delay);
  };
  const coros = Array.from({ length: n }, waitRandom);
  return Promise.all(coros).then(() => delays);
}

function floor(n: number, maxDelay: number, rng: Random): Promise<number[]> {
  const delays: number[] = [];
  const resolvers: (() => void)[] = [];
  const waitRandom = async () => {
    const delay = rng.uniform(0, maxDelay);
    await new Promise<void>((resolve) => resolvers.push(resolve));
    delays.push(delay);
  };
  const coros = Array.from({ length: n }, waitRandom);
  for (const resolve of resolvers) resolve();
  return Promise.all(coros).then(() => delays);
}

function peakRssKiB(): number {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (match) return Number(match[1]);
  } catch {
    // not Linux: fall back to the current RSS
  }
  return Math.round(Deno.memoryUsage().rss / 1024);
}

async function main(): Promise<void> {
  const [kind, nArg, maxDelayArg, seedArg] = Deno.args as [Kind, string, string, string];
  const n = Number(nArg);
  const maxDelay = Number(maxDelayArg);
  const seed = Number(seedArg);
  if (!["aio", "naive", "floor"].includes(kind)) throw new TypeError(`Unknown kind ${kind}`);
  random.seed(seed);
  const rng = new Random(seed);

  const start = performance.now();
  const delays = kind === "aio"
    ? await waitN(n, maxDelay)
    : await (kind === "naive" ? naive : floor)(n, maxDelay, rng);
  const wall = (performance.now() - start) / 1000;

  let inversions = 0;
  let max = 0;
  let previous = -Infinity;
  for (const delay of delays) {
    if (delay < previous) inversions++;
    if (delay > max) max = delay;
    previous = delay;
  }
  const checksum = delays.slice().sort((a, b) => a - b).reduce((sum, d) => sum + d, 0);
  console.log(JSON.stringify({
    wall,
    count: delays.length,
    inversions,
    maxDelay: max,
    checksum,
    rssKiB: peakRssKiB(),
  }));
}

if (import.meta.main) await main();
