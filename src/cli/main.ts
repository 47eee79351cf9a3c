/**
 * The CLI as a function: arguments and IO in, exit status out, so tests run it in-process.
 *
 * @module
 */
import { VERSION } from "../../mod.ts";
import { parseCli } from "./args.ts";
import { COMMANDS } from "./commands.ts";
import { helpText, PROGRAM, usageLine } from "./help.ts";
import type { CliIO } from "./io.ts";
import { runCommand, type RunOptions } from "./run.ts";
import { runTour } from "./tour.ts";
import { UsageError } from "./usage_error.ts";

/** The widest picture drawn, even on a wider terminal. */
const MAX_WIDTH = 100;
/** The width when it is unknown (not a terminal). */
const DEFAULT_WIDTH = 80;

/**
 * Runs the CLI: parses `args`, runs the command (or the tour, or prints the help or the
 * version) and returns the exit status. A usage mistake prints one line and a usage hint
 * on stderr and returns 2; a failure while running prints one line and returns 1; never a
 * stack trace. Colours only on a terminal without `NO_COLOR`; a live timeline only on a
 * terminal and on real time.
 *
 * @param args The command-line arguments, without the program name.
 * @param io Where to print, and what the terminal is.
 * @returns A promise of the exit status: 0, 1 or 2.
 *
 * @example Capture what wait_n prints
 * ```ts
 * import { main } from "./main.ts";
 * import assert from "node:assert/strict";
 *
 * let out = "", err = "";
 * const io = {
 *   write: (t: string) => void (out += t),
 *   error: (t: string) => void (err += t),
 *   isTTY: false,
 *   noColor: true,
 * };
 * assert.equal(await main(["wait_n", "2", "1", "--seed", "0", "--virtual"], io), 0);
 * assert.equal(out, "[0.7579544029403025, 0.8444218515250481]\n");
 * assert.equal(await main(["wait_n", "x", "1"], io), 2);
 * assert.equal(err.split("\n")[0], 'aio-asyncio: Cannot run wait_n: "N" must be a number, received "x"');
 * ```
 */
export async function main(args: readonly string[], io: CliIO): Promise<number> {
  let cli;
  try {
    cli = parseCli(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const command = COMMANDS.find((c) => c.name === error.command);
    io.error(`${PROGRAM}: ${error.message}\n${usageLine(command)}\n`);
    return 2;
  }
  if (cli.help) {
    io.write(helpText());
    return 0;
  }
  if (cli.version) {
    io.write(`${PROGRAM} ${VERSION}\n`);
    return 0;
  }
  const options: RunOptions = {
    seed: cli.seed,
    virtual: cli.virtual,
    timeline: cli.timeline,
    json: cli.json,
    workers: cli.workers,
    live: io.isTTY && !cli.virtual && !cli.json,
    width: Math.min(io.columns ?? DEFAULT_WIDTH, MAX_WIDTH),
    color: io.isTTY && !io.noColor,
  };
  try {
    if (cli.command === undefined) await runTour(options, io);
    else await runCommand(cli.command, cli.nums, options, io);
    return 0;
  } catch (error) {
    io.error(`${PROGRAM}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
