/**
 * The CLI's name, help text and usage lines.
 *
 * @module
 */
import { VERSION } from "../../mod.ts";
import { type Command, COMMANDS } from "./commands.ts";

/** The CLI's name: the npm package's bin. */
export const PROGRAM = "aio-asyncio";

const OPTIONS = "[--seed S] [--virtual] [--timeline] [--json]";

/**
 * The usage line of a command, or the general one, as printed after a usage error.
 *
 * @param command The command, or `undefined` for the general usage.
 * @returns One line, without a newline.
 *
 * @example The usage of wait_n
 * ```ts
 * import { COMMANDS } from "./commands.ts";
 * import { usageLine } from "./help.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   usageLine(COMMANDS.find((c) => c.name === "wait_n")),
 *   "Usage: aio-asyncio wait_n N MAX [--seed S] [--virtual] [--timeline] [--json] (see --help)",
 * );
 * ```
 */
export function usageLine(command?: Command): string {
  const what = command === undefined ? "[COMMAND [ARGS]]" : synopsis(command);
  return `Usage: ${PROGRAM} ${what} ${OPTIONS} (see --help)`;
}

/**
 * The text `--help` prints: usage, the commands, the options and examples.
 *
 * @returns Lines ending with a newline.
 *
 * @example It lists every command
 * ```ts
 * import { COMMANDS } from "./commands.ts";
 * import { helpText } from "./help.ts";
 * import assert from "node:assert/strict";
 *
 * const help = helpText();
 * for (const command of COMMANDS) assert.ok(help.includes(`\n  ${command.name}`));
 * ```
 */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => synopsis(c).length));
  const commands = COMMANDS.map((c) => `  ${synopsis(c).padEnd(width)}  ${c.summary}`);
  return [
    `${PROGRAM} ${VERSION}: the asyncio course (wait_random … measure_runtime) on @aio/asyncio`,
    "",
    `Usage: ${PROGRAM} [COMMAND [ARGS]] ${OPTIONS}`,
    "",
    "With no command: a short tour (about 3 s of real waiting); --seed, --virtual and",
    "--timeline apply to each of its steps.",
    "",
    "Commands (the Python course's functions; results print as Python prints them):",
    ...commands,
    "",
    "Options:",
    "  --seed S    call random.seed(S) first: the same numbers as Python's",
    "  --virtual   run on virtual time: instant, with exact times",
    "  --timeline  draw the waits on a timeline (live on a terminal, unless --virtual)",
    "  --json      print one JSON object: command, args, seed, result, elapsed",
    "  -h, --help  print this help",
    "  --version   print the version",
    "",
    "Examples:",
    `  ${PROGRAM} wait_n 5 5 --seed 7   # what python3 reference/course.py wait_n 5 5 --seed 7 prints`,
    `  ${PROGRAM} measure_runtime --virtual --timeline`,
    "",
  ].join("\n");
}

function synopsis(command: Command): string {
  const params = command.params.map((p, i) => i < command.required ? p.name : `[${p.name}]`);
  return [command.name, ...params].join(" ");
}
