/**
 * The CLI's command line, parsed with `node:util` `parseArgs` and checked against the
 * commands' arguments.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type Command, COMMANDS, type Param } from "./commands.ts";
import { UsageError } from "./usage_error.ts";

/** A parsed and checked command line. */
export interface CliArgs {
  /** The command to run, or `undefined` for the tour. */
  command: Command | undefined;
  /** Its numeric arguments, as given (defaults not filled in). */
  nums: number[];
  /** `--seed S`: the seed for `random.seed`, or `undefined`. */
  seed: bigint | undefined;
  /** `--virtual`: run on a `VirtualClock` with autojump. */
  virtual: boolean;
  /** `--timeline`: draw the run as a timeline. */
  timeline: boolean;
  /** `--json`: print one JSON object instead of Python's output. */
  json: boolean;
  /** `-h`, `--help`: print the help and do nothing else (the rest is not checked). */
  help: boolean;
  /** `--version`: print the version and do nothing else (the rest is not checked). */
  version: boolean;
}

const OPTIONS = {
  seed: { type: "string" },
  virtual: { type: "boolean" },
  timeline: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

// parseArgs reads "-1" as an option; a negative number is a value here (a bad one, or a
// seed), so it is hidden behind a character no real argument holds while parseArgs runs.
const NEGATIVE = /^-(\d|\.\d|inf|nan)/i;
const HIDE = "\0";
const unhide = (text: string) => text.startsWith(HIDE) ? text.slice(1) : text;

// Python's float() and int() grammar: digits, with single underscores between them.
const DIGITS = String.raw`\d(?:_?\d)*`;
const NUMBER = new RegExp(`^[+-]?(${DIGITS}\\.?(${DIGITS})?|\\.${DIGITS})(e[+-]?${DIGITS})?$`, "i");
const INTEGER = new RegExp(`^[+-]?${DIGITS}$`);
const SPECIAL = /^[+-]?(inf|infinity|nan)$/i;

/**
 * Parses the CLI's arguments (without the program name) and checks them: a known command,
 * the right number of arguments, each a number in range, an integer seed, known options.
 * Numbers are read as Python's `float()` reads them (`5`, `2.5`, `1e3`, `1_000`, `inf`),
 * the seed as Python's `int()` reads it.
 *
 * @param args The command-line arguments, as in `process.argv.slice(2)`.
 * @returns The command, its numbers and the options.
 * @throws {UsageError} On any mistake, with a one-line message.
 *
 * @example Parse a command line
 * ```ts
 * import { parseCli } from "./args.ts";
 * import assert from "node:assert/strict";
 *
 * const cli = parseCli(["wait_n", "5", "2.5", "--seed", "7", "--virtual"]);
 * assert.equal(cli.command?.name, "wait_n");
 * assert.deepEqual(cli.nums, [5, 2.5]);
 * assert.equal(cli.seed, 7n);
 * assert.equal(cli.virtual, true);
 * assert.throws(() => parseCli(["wait_n", "-1", "5"]), {
 *   name: "UsageError",
 *   message: 'Cannot run wait_n: "N" must be an integer from 0 to 1000000, received "-1"',
 * });
 * ```
 */
export function parseCli(args: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: args.map((a) => NEGATIVE.test(a) ? HIDE + a : a),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(optionMessage(error));
  }
  const { values, positionals } = parsed;
  const flags = {
    virtual: values.virtual ?? false,
    timeline: values.timeline ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
  if (flags.help || flags.version) { // nothing runs: the rest is not checked
    return { command: undefined, nums: [], seed: undefined, ...flags };
  }
  const [name, ...rest] = positionals.map(unhide);
  const command = name === undefined ? undefined : findCommand(name);
  if (command === undefined && flags.json) {
    throw new UsageError('Cannot print JSON for the tour: "--json" needs a command');
  }
  return {
    command,
    nums: command === undefined ? [] : parseNums(command, rest),
    seed: values.seed === undefined ? undefined : parseSeed(unhide(values.seed)),
    ...flags,
  };
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) throw new UsageError(`Unknown command ${JSON.stringify(name)}`);
  return command;
}

function parseNums(command: Command, texts: string[]): number[] {
  const { name, params, required } = command;
  if (texts.length < required) {
    throw new UsageError(
      `Cannot run ${name}: "${params[texts.length]?.name}" is missing`,
      name,
    );
  }
  if (texts.length > params.length) {
    const names = params.map((p) => p.name).join(" ");
    const expected = params.length === 0
      ? "no arguments"
      : `${required < params.length ? "at most " : ""}${params.length} (${names})`;
    throw new UsageError(
      `Cannot run ${name}: expected ${expected}, received ${texts.length}`,
      name,
    );
  }
  return texts.map((text, i) => {
    const param = params[i]!; // texts.length <= params.length, checked above
    const value = parseNumber(text);
    const rule = value === undefined
      ? "a number"
      : param.kind === "count"
      ? countRule(value, param)
      : Number.isFinite(value) && value >= 0
      ? ""
      : "a finite number >= 0";
    if (rule !== "") {
      throw new UsageError(
        `Cannot run ${name}: "${param.name}" must be ${rule}, received ${JSON.stringify(text)}`,
        name,
      );
    }
    return value!;
  });
}

/** Python's `float(text)`, or `undefined` where Python would refuse the text. */
/** "" if `value` is a good count for `param`, else the rule it breaks. */
function countRule(value: number, { min = 0, max }: Param): string {
  const ok = Number.isInteger(value) && value >= min && (max === undefined || value <= max);
  if (ok) return "";
  return max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
}

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t.replaceAll("_", ""));
  if (!SPECIAL.test(t)) return undefined;
  return /nan/i.test(t) ? NaN : t.startsWith("-") ? -Infinity : Infinity;
}

function parseSeed(text: string): bigint {
  if (!INTEGER.test(text.trim())) {
    throw new UsageError(
      `Cannot seed: "--seed" must be an integer, received ${JSON.stringify(text)}`,
    );
  }
  return BigInt(text.trim().replaceAll("_", ""));
}

/** One line for an error of parseArgs: its first sentence, options in double quotes. */
function optionMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = (message.split(/\.(?:\s|$)|\n/)[0] ?? "").replace(/'([^']*)'/g, '"$1"');
  // "--seed" last, or followed by an option ("--seed --virtual", "--seed -e5").
  return first.replace(/(?: <value>)?" argument (?:missing|is ambiguous)$/, '" needs a value');
}
