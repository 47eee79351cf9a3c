// How late 1e5 sleeps spread over 0-50 ms end under Node: the loop's `sleep` against bare
// `new Promise((r) => setTimeout(r, ms))`, in one process, alternating (issue 14's target:
// ratio <= 1.0, 0 inversions).
//
//     deno task build:npm && node bench/node/drain.mjs [ROUNDS] [--lib PATH] [--n N] [--json]
//
// Per round, both contenders (in alternating order) start N sleeps (default 1e5) with the
// same delays, uniform in [0, 50) ms from a seeded generator, all in one synchronous turn,
// and await them with Promise.all. Reported per contender, as medians over the rounds:
// `late`, ms from the last deadline (the start + the longest delay) to the end of the
// Promise.all; `inversions`, adjacent pairs in resolution order whose deadlines are out of
// order (one resolved before another with a smaller deadline); and loop ÷ setTimeout.
// `--lib` loads another build (e.g. a copy of npm/ made before a change) to compare runs.
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const ROUNDS = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith("--")) ?? 7);
const N = Number(option("--n", 100_000));
const MAX_MS = 50;
// npm/ exists only after `deno task build:npm`: a specifier in a variable keeps
// `deno check bench/` on a fresh clone from resolving it.
const LIB = option("--lib", new URL("../../npm/esm/mod.js", import.meta.url).pathname);
const { sleep } = await import(new URL(LIB, "file:///").href);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Delays in ms, uniform in [0, MAX_MS), from a small seeded generator (mulberry32). */
function delays(seed) {
  let a = seed >>> 0;
  return Array.from({ length: N }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * MAX_MS;
  });
}

const contenders = {
  loop: (ms) => sleep(ms / 1000),
  setTimeout: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

async function measure(wait, ms) {
  const order = new Int32Array(N);
  let k = 0;
  const t0 = performance.now();
  let max = 0;
  const all = new Array(N);
  for (let i = 0; i < N; i++) {
    const d = ms[i];
    if (d > max) max = d;
    all[i] = wait(d).then(() => {
      order[k++] = i;
    });
  }
  await Promise.all(all);
  const late = performance.now() - (t0 + max);
  let inversions = 0;
  for (let j = 1; j < N; j++) if (ms[order[j - 1]] > ms[order[j]]) inversions++;
  return { late, inversions };
}

const results = { loop: [], setTimeout: [] };
// A warm-up round of each, not counted.
for (const wait of Object.values(contenders)) await measure(wait, delays(1));
for (let r = 0; r < ROUNDS; r++) {
  const ms = delays(r + 2);
  const names = r % 2 === 0 ? ["loop", "setTimeout"] : ["setTimeout", "loop"];
  for (const name of names) results[name].push(await measure(contenders[name], ms));
}
const summary = {
  node: process.version,
  lib: LIB,
  n: N,
  rounds: ROUNDS,
  loopLate: median(results.loop.map((x) => x.late)),
  setTimeoutLate: median(results.setTimeout.map((x) => x.late)),
  loopInversions: median(results.loop.map((x) => x.inversions)),
  setTimeoutInversions: median(results.setTimeout.map((x) => x.inversions)),
  perRound: results.loop.map((x, i) => x.late / results.setTimeout[i].late),
};
summary.ratio = summary.loopLate / summary.setTimeoutLate;
if (args.includes("--json")) console.log(JSON.stringify(summary));
else {
  console.log(
    `node ${summary.node}, n ${N}, ${ROUNDS} rounds, ${LIB}\n` +
      `late past the last deadline: loop ${summary.loopLate.toFixed(2)} ms, setTimeout ` +
      `${summary.setTimeoutLate.toFixed(2)} ms: ratio ${summary.ratio.toFixed(2)} ` +
      `(per round: ${summary.perRound.map((x) => x.toFixed(2)).join(", ")})\n` +
      `inversions: loop ${summary.loopInversions}, setTimeout ${summary.setTimeoutInversions}`,
  );
}
