// The cost of ambient cancellation: the same work with the ambient scope on and off, in one
// process, each row run on and off in turn (the order alternating by round, a GC before each)
// so that the machine's load and the garbage of the row before hit both alike.
//
//     deno run -A --v8-flags=--expose-gc bench/node/ambient_cost.mjs [ROUNDS]   # the sources
//     deno task build:npm && node --expose-gc bench/node/ambient_cost.mjs         # npm build
//     bun bench/node/ambient_cost.mjs
//
// Rows (each inside one Task, where the scope matters; waitN also at top level):
// - waitN(1e5, 0): the course's coroutines, 1e5 sleeps of 0 s;
// - task churn: 1e4 Tasks created, each sleeping, then all cancelled and awaited;
// - semaphore jobs: 2e4 jobs, 10 at a time, each holding the Semaphore across a sleep(0).
// Reported: ms per row, medians over the rounds, and on ÷ off (issue: <= 1.10 on Deno, Bun
// and Node >= 24; on Node 22 the scope is off by default, and the row shows the cost of
// turning it on without --experimental-async-context-frame).
// npm/ exists only after `deno task build:npm`: specifiers in variables keep `deno check`
// from resolving it on a fresh clone.
const deno = "Deno" in globalThis;
const root = new URL(deno ? "../../" : "../../npm/esm/", import.meta.url);
const ext = deno ? "ts" : "js";
const aio = await import(new URL(`mod.${ext}`, root).href);
const scope = await import(new URL(`src/_scope.${ext}`, root).href);
const { createTask, Semaphore, sleep, waitN } = aio;

const ROUNDS = Number((deno ? Deno.args : process.argv.slice(2))[0] ?? 7);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const rows = {
  "waitN(1e5, 0) at top level": () => waitN(1e5, 0),
  "waitN(1e5, 0) in a Task": () => createTask(() => waitN(1e5, 0)),
  "task churn: 1e4 created, cancelled": async () => {
    const tasks = [];
    for (let i = 0; i < 1e4; i++) tasks.push(createTask((signal) => sleep(1, { signal })));
    await sleep(0);
    for (const t of tasks) t.cancel();
    await Promise.allSettled(tasks);
  },
  "semaphore: 2e4 jobs, 10 at a time": () =>
    createTask(async () => {
      const sem = new Semaphore(10);
      const job = async () => {
        const held = await sem.hold();
        try {
          await sleep(0);
        } finally {
          held[Symbol.dispose]();
        }
      };
      await Promise.all(Array.from({ length: 2e4 }, job));
    }),
};

const hostOn = scope.ambientEnabled() || aio.enableAmbientCancellation();
if (!hostOn) throw new Error("this host has no async context: nothing to compare");
const modes = {
  on: () => scope.setAsyncVariableForTesting(), // the host's default, then switched on
  off: () => scope.setAsyncVariableForTesting(null),
};
const gc = globalThis.gc ?? (() => {}); // with --expose-gc (Deno: --v8-flags=--expose-gc)
const times = {};
for (const name of Object.keys(rows)) times[name] = { on: [], off: [] };
for (let round = 0; round < ROUNDS + 1; round++) { // round 0 warms up
  for (const [name, run] of Object.entries(rows)) {
    for (const mode of round % 2 === 0 ? ["on", "off"] : ["off", "on"]) {
      const restore = modes[mode]();
      if (mode === "on") aio.enableAmbientCancellation();
      try {
        gc();
        const t0 = performance.now();
        await run();
        if (round > 0) times[name][mode].push(performance.now() - t0);
      } finally {
        restore();
      }
    }
  }
}
const host = deno
  ? `Deno ${Deno.version.deno}`
  : "Bun" in globalThis
  ? `Bun ${globalThis.Bun.version}`
  : `Node ${process.versions.node}`;
console.log(`| ${host} (${ROUNDS} rounds, medians) | on ms | off ms | on ÷ off |`);
console.log("| --- | ---: | ---: | ---: |");
for (const [name, { on, off }] of Object.entries(times)) {
  const a = median(on), b = median(off);
  console.log(`| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(a / b).toFixed(2)} |`);
}
