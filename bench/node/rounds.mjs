// One workload, ROUNDS times in a row, for bench/instructions.ts to count instructions of:
//
//     node --single-threaded bench/node/rounds.mjs LIB MODE ROUNDS
//
// LIB is an npm build's esm/mod.js. Modes:
// - top, task: waitN(1e5, 0) at top level, and inside a Task;
// - plain, wrapped, tasks, tasksOff: Promise.all of 1e5 plain promises of an async job, of
//   the same each wrapped in a promise of its own, of 1e5 Tasks of it, and of the Tasks with
//   the ambient scope off;
// - semaphore, pLimit: 1e5 of those jobs, at most 10 at a time, through Semaphore.hold() and
//   through p-limit (from bench/node/node_modules: `npm ci` there).
// (Workloads whose sleeps end by real time, such as jobs across a sleep(0), are left out:
// under valgrind their counts vary by a third from run to run.)
const [lib, mode, rounds] = process.argv.slice(2);
const aio = await import(new URL(lib, "file:///").href);
const { createTask, Semaphore, waitN } = aio;
if (mode === "tasksOff") {
  const scope = await import(new URL(lib.replace(/mod\.js$/, "src/_scope.js"), "file:///").href);
  scope.setAsyncVariableForTesting(null);
}
const job = async () => {
  await null;
};
const all = (make) => Promise.all(Array.from({ length: 1e5 }, make));
const modes = {
  top: () => waitN(1e5, 0),
  task: () => createTask(() => waitN(1e5, 0)),
  plain: () => all(job),
  wrapped: () => all(() => new Promise((resolve) => void job().then(resolve))),
  tasks: () => all(() => createTask(job)),
  tasksOff: () => all(() => createTask(job)),
  semaphore: () => {
    const sem = new Semaphore(10);
    return all(async () => {
      const permit = await sem.hold();
      try {
        await job();
      } finally {
        permit[Symbol.dispose]();
      }
    });
  },
  pLimit: async () => {
    const pLimit = (await import(new URL("./node_modules/p-limit/index.js", import.meta.url).href))
      .default;
    const limit = pLimit(10);
    return all(() => limit(job));
  },
};
const run = modes[mode];
if (run === undefined) throw new TypeError(`Cannot run: unknown mode "${mode}"`);
for (let r = 0; r < Number(rounds); r++) await run();
