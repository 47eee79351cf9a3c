// One measurement of bench/perf.ts, in a fresh process, under Deno or Node:
//
//     deno run -A --v8-flags=--expose-gc bench/node/perf_worker.mjs ROW CONTENDER cold|warm LIB
//     node --expose-gc bench/node/perf_worker.mjs ROW CONTENDER cold|warm LIB
//
// LIB is the module to measure: mod.ts of a checkout under Deno, npm/esm/mod.js of its npm
// build under Node. `cold` measures the first call in the process; `warm` first runs the
// same contender three times on a smaller input. Prints one JSON line: `value` (seconds, or
// bytes for the heap row), `rssKiB` (peak resident set size: VmHWM on Linux), and extras.
// Plain JavaScript, so that one file serves both runtimes; p-limit is loaded from
// bench/node/node_modules by path (run `npm ci` there), so no runtime resolves it online.
import { readFileSync } from "node:fs";

const [row, contender, mode, lib] = globalThis.Deno?.args ?? process.argv.slice(2);
const aio = await import(new URL(lib, "file:///").href);
const { createTask, random, Random, Semaphore, sleep, waitN } = aio;

const now = () => performance.now() / 1000;
const gc = () => globalThis.gc?.();

function peakRssKiB() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]);
  } catch {
    // not Linux
  }
  return Math.round((globalThis.Deno?.memoryUsage() ?? process.memoryUsage()).rss / 1024);
}

/** n async functions each awaiting one promise resolved directly: the least a port costs. */
function floor(n, maxDelay) {
  const rng = new Random(0);
  const delays = [];
  const resolvers = [];
  const waitRandom = async () => {
    const delay = rng.uniform(0, maxDelay);
    await new Promise((resolve) => resolvers.push(resolve));
    delays.push(delay);
  };
  const coros = Array.from({ length: n }, waitRandom);
  for (const resolve of resolvers) resolve();
  return Promise.all(coros).then(() => delays);
}

async function loadPLimit() {
  const url = new URL("./node_modules/p-limit/index.js", import.meta.url);
  return (await import(url.href)).default;
}

const job = async () => {
  await null;
};

/** 1e5 sleeps over 0-50 ms (seeded), awaited together; returns ms past the last deadline. */
async function drain(n, wait) {
  const rng = new Random(1);
  const ms = Array.from({ length: n }, () => rng.uniform(0, 50));
  const order = new Int32Array(n);
  let k = 0;
  const t0 = performance.now();
  let max = 0;
  const all = new Array(n);
  for (let i = 0; i < n; i++) {
    if (ms[i] > max) max = ms[i];
    all[i] = wait(ms[i]).then(() => void (order[k++] = i));
  }
  await Promise.all(all);
  const late = (performance.now() - (t0 + max)) / 1000;
  let inversions = 0;
  for (let j = 1; j < n; j++) if (ms[order[j - 1]] > ms[order[j]]) inversions++;
  return { value: late, inversions };
}

/**
 * Each row: its contenders, each a function of a scale (1 for the measured call, smaller
 * for warm-up) returning `{ value }` plus extras.
 */
const rows = {
  // waitN(1e5, 0) against the floor: wall time.
  wait0: {
    aio: async (s) => {
      random.seed(0);
      const t = now();
      await waitN(1e5 * s, 0);
      return { value: now() - t };
    },
    floor: async (s) => {
      const t = now();
      await floor(1e5 * s, 0);
      return { value: now() - t };
    },
    // the same inside a Task: every sleep follows the task's cancellation
    task: async (s) => {
      random.seed(0);
      const t = now();
      await createTask(() => waitN(1e5 * s, 0));
      return { value: now() - t };
    },
  },
  // waitN(1e6, 1): time past the longest delay, against the floor's wall; peak RSS.
  wait1: {
    aio: async (s) => {
      random.seed(0);
      const t = now();
      const delays = await waitN(1e6 * s, s === 1 ? 1 : 0);
      return { value: now() - t - Math.max(0, ...delays.slice(-1)) };
    },
    floor: async (s) => {
      const t = now();
      await floor(1e6 * s, 1);
      return { value: now() - t };
    },
  },
  // Promise.all of 1e5 Tasks against 1e5 plain promises of the same async function.
  tasks: {
    aio: async (s) => {
      const t = now();
      await Promise.all(Array.from({ length: 1e5 * s }, () => createTask(job)));
      return { value: now() - t };
    },
    plain: async (s) => {
      const t = now();
      await Promise.all(Array.from({ length: 1e5 * s }, () => job()));
      return { value: now() - t };
    },
    // each job's promise wrapped in one of its own, as a Task's must be: the least it costs
    wrapped: async (s) => {
      const wrap = () => new Promise((resolve) => void job().then(resolve));
      const t = now();
      await Promise.all(Array.from({ length: 1e5 * s }, wrap));
      return { value: now() - t };
    },
  },
  // 1e5 jobs, at most 10 at a time: Semaphore.hold() against p-limit.
  semaphore: {
    aio: async (s) => {
      const sem = new Semaphore(10);
      const limited = async () => {
        const permit = await sem.hold();
        try {
          await job();
        } finally {
          permit[Symbol.dispose]();
        }
      };
      const t = now();
      await Promise.all(Array.from({ length: 1e5 * s }, limited));
      return { value: now() - t };
    },
    pLimit: async (s) => {
      const limit = (await loadPLimit())(10);
      const t = now();
      await Promise.all(Array.from({ length: 1e5 * s }, () => limit(job)));
      return { value: now() - t };
    },
  },
  // Heap bytes per pending Task sleeping on its signal (1e4 of them, then cancelled).
  taskHeap: {
    aio: async (s) => {
      const n = 1e4 * s;
      const heap = () => (globalThis.Deno?.memoryUsage() ?? process.memoryUsage()).heapUsed;
      const warmup = createTask((signal) => sleep(1e3, { signal }));
      warmup.cancel();
      await warmup.then(() => {}, () => {});
      gc();
      gc();
      const before = heap();
      const tasks = Array.from({ length: n }, () => createTask((signal) => sleep(1e3, { signal })));
      await sleep(0);
      gc();
      gc();
      const value = (heap() - before) / n;
      for (const task of tasks) task.cancel();
      await Promise.allSettled(tasks);
      return { value, gc: typeof globalThis.gc === "function" };
    },
  },
  // 1e5 sleeps over 0-50 ms: the loop against bare setTimeout promises.
  drain: {
    aio: (s) => drain(1e5 * s, (ms) => sleep(ms / 1000)),
    setTimeout: (s) => drain(1e5 * s, (ms) => new Promise((r) => setTimeout(r, ms))),
  },
};

const run = rows[row]?.[contender];
if (run === undefined) throw new TypeError(`Cannot measure: unknown row "${row}/${contender}"`);
if (mode === "warm") { for (let i = 0; i < 3; i++) await run(0.1); }
const result = await run(1);
console.log(JSON.stringify({ ...result, rssKiB: peakRssKiB() }));
