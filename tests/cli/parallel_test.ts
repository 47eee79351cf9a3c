import assert from "node:assert/strict";
import type { ParallelResult } from "../../mod.ts";
import { parseCli } from "../../src/cli/args.ts";
import { usageLine } from "../../src/cli/help.ts";
import { COMMANDS } from "../../src/cli/commands.ts";
import { main } from "../../src/cli/main.ts";
import { parallelTimeline, runParallel, summary } from "../../src/cli/parallel.ts";
import { renderTimeline } from "../../src/cli/render_timeline.ts";
import { memoryIO } from "./_io.ts";

const PARALLEL = COMMANDS.find((c) => c.name === "parallel")!;
const OPTIONS = {
  seed: undefined,
  virtual: false,
  timeline: false,
  json: false,
  live: false,
  width: 80,
  color: false,
} as const;

const job = (start: number, end: number, thread: string) => ({ start, end, thread });
/** A measured run, written out: 3 jobs, 2 workers. */
const RESULT: ParallelResult = {
  jobs: 3,
  limit: 1_500_000,
  workers: 2,
  count: 114155,
  startup: 0.06,
  sequential: {
    seconds: 0.3,
    jobs: [job(0, 0.1, "main"), job(0.1, 0.2, "main"), job(0.2, 0.3, "main")],
  },
  concurrent: {
    seconds: 0.3,
    jobs: [job(0, 0.1, "main"), job(0.1, 0.2, "main"), job(0.2, 0.3, "main")],
  },
  pool: {
    seconds: 0.2,
    jobs: [job(0, 0.1, "worker 1"), job(0, 0.1, "worker 2"), job(0.1, 0.2, "worker 2")],
  },
  speedup: 1.5,
};

Deno.test("parseCli() reads parallel [JOBS] --workers W", () => {
  const cli = parseCli(["parallel", "8", "--workers", "2", "--timeline"]);
  assert.equal(cli.command, PARALLEL);
  assert.deepEqual([cli.nums, cli.workers, cli.timeline], [[8], 2, true]);
  assert.deepEqual([parseCli(["parallel"]).nums, parseCli(["parallel"]).workers], [[], undefined]);
});

Deno.test("parseCli() refuses a bad --workers, --workers elsewhere and parallel --virtual", () => {
  for (
    const [args, message] of [
      [
        ["parallel", "--workers", "0"],
        'Cannot run parallel: "--workers" must be an integer >= 1, received "0"',
      ],
      [
        ["parallel", "--workers", "1.5"],
        'Cannot run parallel: "--workers" must be an integer >= 1, received "1.5"',
      ],
      [
        ["parallel", "--workers", "-2"],
        'Cannot run parallel: "--workers" must be an integer >= 1, received "-2"',
      ],
      [
        ["parallel", "--workers", "two"],
        'Cannot run parallel: "--workers" must be an integer >= 1, received "two"',
      ],
      [
        ["parallel", "0"],
        'Cannot run parallel: "JOBS" must be an integer from 1 to 1000, received "0"',
      ],
      [
        ["wait_n", "1", "1", "--workers", "2"],
        'Cannot run wait_n: "--workers" is only for parallel',
      ],
      [["--workers", "2"], 'Cannot run the tour: "--workers" is only for parallel'],
      [
        ["parallel", "--virtual"],
        'Cannot run parallel on virtual time: "--virtual" cannot make CPU work faster',
      ],
    ] as const
  ) {
    assert.throws(() => parseCli(args), { name: "UsageError", message }, args.join(" "));
  }
});

Deno.test("main() prints a parallel usage mistake with the command's usage line", async () => {
  const io = memoryIO();
  assert.equal(await main(["parallel", "--workers", "0"], io), 2);
  assert.equal(
    io.err,
    'aio-asyncio: Cannot run parallel: "--workers" must be an integer >= 1, received "0"\n' +
      "Usage: aio-asyncio parallel [JOBS] [--workers W] [--seed S] [--virtual] [--timeline] " +
      "[--json] (see --help)\n",
  );
  assert.equal(io.out, "");
  assert.equal(usageLine(PARALLEL), io.err.split("\n")[1]);
});

Deno.test("summary() prints the three times, the speedup and the start-up", () => {
  assert.equal(
    summary(RESULT),
    [
      "3 jobs, each counting the primes below 1500000 (114155), three ways:",
      "  one after another      0.300 s",
      "  gather, one thread     0.300 s  (no faster: the loop is blocked while a job computes)",
      "  WorkerPool, 2 workers  0.200 s  (speedup 1.50x; starting the workers took 0.060 s)",
      "",
    ].join("\n"),
  );
});

Deno.test("the parallel timeline draws one row per job, with the thread that ran it", () => {
  const picture = renderTimeline(parallelTimeline(RESULT), { width: 60, color: false });
  assert.equal(
    picture,
    [
      "parallel(3) · 2 workers · real time · t = 0.30 s",
      "job           0 s                           0.30 s    thread",
      "sequential 1  ████████████                              main",
      "sequential 2              ████████████                  main",
      "sequential 3                          ████████████      main",
      "gather 1      ████████████                              main",
      "gather 2                  ████████████                  main",
      "gather 3                              ████████████      main",
      "pool 1        ████████████                          worker 1",
      "pool 2        ████████████                          worker 2",
      "pool 3                    ████████████              worker 2",
      "The same job 3 times. One after another on the main thread:",
      "0.300 s. With gather, still on the main thread: 0.300 s, no",
      "faster, because a job that computes never awaits and the",
      "loop cannot switch: concurrency helps with waiting, not with",
      "computing. On 2 worker threads: 0.200 s, 1.50x faster:",
      "parallelism, the jobs run at the same time on different",
      "cores.",
      "",
    ].join("\n"),
  );
});

Deno.test("runParallel() runs the jobs three ways and prints the summary, the timeline, JSON", async () => {
  const options = { ...OPTIONS, workers: 2, limit: 1000 };
  let io = memoryIO();
  await runParallel([3], options, io);
  assert.match(
    io.out,
    /^3 jobs, each counting the primes below 1000 \(168\), three ways:\n {2}one after another {6}\d+\.\d{3} s\n/,
  );
  io = memoryIO();
  await runParallel([3], { ...options, timeline: true }, io);
  const lines = io.out.split("\n");
  assert.match(lines[0]!, /^parallel\(3\) · 2 workers · real time · t = \d+\.\d\d s$/);
  assert.deepEqual(lines.slice(2, 11).map((l) => l.split("  ")[0]), [
    "sequential 1",
    "sequential 2",
    "sequential 3",
    "gather 1",
    "gather 2",
    "gather 3",
    "pool 1",
    "pool 2",
    "pool 3",
  ]);
  for (const line of lines.slice(8, 11)) assert.match(line, / worker [12]$/);
  io = memoryIO();
  await runParallel([2], { ...options, json: true, timeline: true }, io);
  const printed = JSON.parse(io.out);
  assert.deepEqual(Object.keys(printed), ["command", "args", "result", "timeline"]);
  assert.deepEqual([printed.command, printed.args, printed.result.count], ["parallel", [2], 168]);
  assert.equal(printed.timeline.length, 6);
});
