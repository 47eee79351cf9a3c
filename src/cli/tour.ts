/**
 * The CLI with no command: a short tour of the course, a few commands with one line each.
 *
 * @module
 */
import { VERSION } from "../../mod.ts";
import { parseCli } from "./args.ts";
import { PROGRAM } from "./help.ts";
import type { CliIO } from "./io.ts";
import { runCommand, type RunOptions } from "./run.ts";

/** The tour's steps: a command line and what it shows. */
const STEPS: readonly { args: string[]; says: string }[] = [
  {
    args: ["wait_random", "1"],
    says: "A coroutine: waitRandom(1) awaits sleep() for a random delay of up to 1 s, " +
      "and returns it.",
  },
  {
    args: ["wait_n", "5", "1", "--timeline"],
    says: "Five at once: waitN(5, 1) takes as long as the longest delay, not the sum, " +
      "and lists the delays as they finish.",
  },
  {
    args: ["task_wait_n", "5", "1"],
    says: "The same with Tasks: createTask() starts each wait at once, asCompleted() " +
      "collects them in finishing order.",
  },
  {
    args: ["async_comprehension", "--virtual"],
    says: "An async generator yields a number a second; for await collects ten. " +
      "On virtual time, its 10 s pass at once.",
  },
  {
    args: ["measure_runtime", "--virtual", "--timeline"],
    says: "Four of those at once with gather(): 10 s, not 40. Concurrency: one thread " +
      "switches between waiting tasks.",
  },
];

/**
 * Runs the tour: each step prints its command line, one line on what it shows, and its
 * output. The real-time steps wait at most 1 s each (about 3 s in all); the 10-second
 * steps run on virtual time. With `virtual`, every step does (instant); with `timeline`,
 * every step draws its timeline; with a seed, every step is seeded with it. Each step's
 * command line shows those options, and its output is what that command line prints alone.
 *
 * @param options The options every step shares (`json` is ignored: the tour is text).
 * @param io Where to print.
 * @returns A promise that resolves when the tour is over.
 *
 * @example The tour on virtual time
 * ```ts
 * import { runTour } from "./tour.ts";
 * import assert from "node:assert/strict";
 *
 * let out = "";
 * const io = { write: (t: string) => void (out += t), error() {}, isTTY: false, noColor: true };
 * const options = { seed: 0n, virtual: true, timeline: false, json: false, live: false };
 * await runTour({ ...options, width: 80, color: false }, io);
 * assert.ok(out.includes("$ aio-asyncio measure_runtime --virtual --timeline --seed 0\n"));
 * assert.ok(out.endsWith("10.0\n\nMore: aio-asyncio --help. With --seed S, each command " +
 *   "prints what python3 reference/course.py prints with --seed S.\n"));
 * ```
 */
export async function runTour(options: RunOptions, io: CliIO): Promise<void> {
  const time = options.virtual
    ? "all on virtual time, so it is instant"
    : "about 3 s of real waiting; the 10-second steps run on virtual time";
  io.write(`${PROGRAM} ${VERSION}: a tour of the asyncio course in TypeScript (${time}).\n`);
  for (const step of STEPS) {
    const flag = (name: string, on: boolean) => on && !step.args.includes(name) ? [name] : [];
    const args = [
      ...step.args,
      ...flag("--virtual", options.virtual),
      ...flag("--timeline", options.timeline),
      ...(options.seed === undefined ? [] : ["--seed", String(options.seed)]),
    ];
    const cli = parseCli(args);
    io.write(`\n$ ${PROGRAM} ${args.join(" ")}\n${step.says}\n`);
    await runCommand(cli.command!, cli.nums, {
      ...options,
      virtual: cli.virtual,
      timeline: cli.timeline,
      live: options.live && cli.timeline && !cli.virtual,
    }, io);
  }
  io.write(
    `\nMore: ${PROGRAM} --help. With --seed S, each command prints what ` +
      "python3 reference/course.py prints with --seed S.\n",
  );
}
