import assert from "node:assert/strict";
import { parseCli } from "../../src/cli/args.ts";
import { UsageError } from "../../src/cli/usage_error.ts";

const usage = (message: string, command?: string) => (error: unknown) => {
  assert.ok(error instanceof UsageError);
  assert.equal(error.message, message);
  assert.equal(error.command, command);
  return true;
};

Deno.test("parseCli() reads a command, its numbers and every flag", () => {
  const cli = parseCli(["wait_n", "5", "2.5", "--seed", "7", "--virtual", "--timeline", "--json"]);
  assert.equal(cli.command?.name, "wait_n");
  assert.deepEqual(cli.nums, [5, 2.5]);
  assert.equal(cli.seed, 7n);
  assert.deepEqual(
    [cli.virtual, cli.timeline, cli.json, cli.help, cli.version],
    [true, true, true, false, false],
  );
});

Deno.test("parseCli() takes options before, between and after the arguments", () => {
  const cli = parseCli(["--virtual", "wait_n", "--seed=3", "4", "1"]);
  assert.equal(cli.command?.name, "wait_n");
  assert.deepEqual(cli.nums, [4, 1]);
  assert.equal(cli.seed, 3n);
  assert.equal(cli.virtual, true);
  assert.equal(cli.timeline, false);
});

Deno.test("parseCli() with no arguments is the tour, with every flag off", () => {
  assert.deepEqual(parseCli([]), {
    command: undefined,
    nums: [],
    seed: undefined,
    virtual: false,
    timeline: false,
    json: false,
    help: false,
    version: false,
  });
});

Deno.test("parseCli() reads -h, --help and --version", () => {
  assert.equal(parseCli(["-h"]).help, true);
  assert.equal(parseCli(["wait_n", "--help"]).help, true);
  assert.equal(parseCli(["nope", "-1", "--help"]).help, true); // nothing checked: help only
  assert.equal(parseCli(["--version"]).version, true);
  assert.equal(parseCli(["--json", "--help"]).help, true);
});

Deno.test("parseCli() reads numbers as Python's float() does", () => {
  assert.deepEqual(parseCli(["wait_n", "2.0", "1e1"]).nums, [2, 10]);
  assert.deepEqual(parseCli(["wait_n", "+3", ".5"]).nums, [3, 0.5]);
  assert.deepEqual(parseCli(["wait_n", "0", "0"]).nums, [0, 0]);
  assert.deepEqual(parseCli(["wait_random", "3."]).nums, [3]);
  assert.deepEqual(parseCli(["wait_random"]).nums, []);
  assert.deepEqual(parseCli(["measure_runtime"]).nums, []);
  // Underscores between digits, as in Python's float("1_0") == 10.0.
  assert.deepEqual(parseCli(["wait_n", "1_0", "1_0.2_5e0_1"]).nums, [10, 102.5]);
  assert.deepEqual(parseCli(["wait_random", ".5_0"]).nums, [0.5]);
  for (const text of ["1__0", "_1", "1_", "1_.5", "1._5", "1e_1", "1_e1"]) {
    assert.throws(
      () => parseCli(["wait_random", text]),
      usage(`Cannot run wait_random: "MAX" must be a number, received "${text}"`, "wait_random"),
    );
  }
});

Deno.test("parseCli() reads seeds of any size and sign", () => {
  assert.equal(parseCli(["wait_random", "--seed", "-3"]).seed, -3n);
  assert.equal(parseCli(["wait_random", "--seed=-3"]).seed, -3n);
  assert.equal(parseCli(["wait_random", "--seed", "0"]).seed, 0n);
  assert.equal(parseCli(["wait_random", "--seed", "1_0"]).seed, 10n); // Python's int("1_0")
  assert.equal(parseCli(["wait_random", "--seed", "+007"]).seed, 7n);
  assert.equal(
    parseCli(["wait_random", "--seed", "123456789012345678901234567890"]).seed,
    123456789012345678901234567890n,
  );
});

Deno.test("parseCli() rejects bad numbers, naming the argument and the text", () => {
  assert.throws(
    () => parseCli(["wait_n", "-1", "5"]),
    usage('Cannot run wait_n: "N" must be an integer from 0 to 1000000, received "-1"', "wait_n"),
  );
  assert.throws(
    () => parseCli(["wait_n", "x", "5"]),
    usage('Cannot run wait_n: "N" must be a number, received "x"', "wait_n"),
  );
  assert.throws(
    () => parseCli(["wait_n", "1.5", "5"]),
    usage('Cannot run wait_n: "N" must be an integer from 0 to 1000000, received "1.5"', "wait_n"),
  );
  assert.throws(
    () => parseCli(["task_wait_n", "2", "-0.5"]),
    usage(
      'Cannot run task_wait_n: "MAX" must be a finite number >= 0, received "-0.5"',
      "task_wait_n",
    ),
  );
  assert.throws(
    () => parseCli(["wait_random", "inf"]),
    usage(
      'Cannot run wait_random: "MAX" must be a finite number >= 0, received "inf"',
      "wait_random",
    ),
  );
  assert.throws(
    () => parseCli(["wait_n", "nan", "1"]),
    usage('Cannot run wait_n: "N" must be an integer from 0 to 1000000, received "nan"', "wait_n"),
  );
  assert.throws(
    () => parseCli(["wait_n", "", "1"]),
    usage('Cannot run wait_n: "N" must be a number, received ""', "wait_n"),
  );
  assert.throws(
    () => parseCli(["measure_time", "0", "1"]),
    usage(
      'Cannot run measure_time: "N" must be an integer from 1 to 1000000, received "0"',
      "measure_time",
    ),
  );
});

Deno.test("parseCli() rejects missing and extra arguments", () => {
  assert.throws(
    () => parseCli(["wait_n", "5"]),
    usage('Cannot run wait_n: "MAX" is missing', "wait_n"),
  );
  assert.throws(
    () => parseCli(["task_wait_random"]),
    usage('Cannot run task_wait_random: "MAX" is missing', "task_wait_random"),
  );
  assert.throws(
    () => parseCli(["wait_n", "1", "2", "3"]),
    usage("Cannot run wait_n: expected 2 (N MAX), received 3", "wait_n"),
  );
  assert.throws(
    () => parseCli(["wait_random", "1", "2"]),
    usage("Cannot run wait_random: expected at most 1 (MAX), received 2", "wait_random"),
  );
  assert.throws(
    () => parseCli(["measure_runtime", "4"]),
    usage("Cannot run measure_runtime: expected no arguments, received 1", "measure_runtime"),
  );
});

Deno.test("parseCli() rejects unknown commands and options, and bad option values", () => {
  assert.throws(() => parseCli(["wait"]), usage('Unknown command "wait"'));
  assert.throws(() => parseCli(["wait_n", "1", "1", "--fast"]), usage('Unknown option "--fast"'));
  assert.throws(() => parseCli(["-x"]), usage('Unknown option "-x"'));
  assert.throws(
    () => parseCli(["wait_n", "1", "1", "--seed"]),
    usage('Option "--seed" needs a value'),
  );
  for (const next of ["--virtual", "-e5", "-x"]) {
    assert.throws(
      () => parseCli(["wait_n", "3", "1", "--seed", next]),
      usage('Option "--seed" needs a value'),
    );
  }
  assert.throws(
    () => parseCli(["wait_n", "1", "1", "--seed=-e5"]),
    usage('Cannot seed: "--seed" must be an integer, received "-e5"'),
  );
  assert.throws(
    () => parseCli(["wait_n", "1", "1", "--seed", "1__0"]),
    usage('Cannot seed: "--seed" must be an integer, received "1__0"'),
  );
  assert.throws(
    () => parseCli(["wait_n", "1", "1", "--json=yes"]),
    usage('Option "--json" does not take an argument'),
  );
  assert.throws(
    () => parseCli(["wait_n", "1", "1", "--seed", "1.5"]),
    usage('Cannot seed: "--seed" must be an integer, received "1.5"'),
  );
  assert.throws(
    () => parseCli(["wait_n", "1", "1", "--seed", "x"]),
    usage('Cannot seed: "--seed" must be an integer, received "x"'),
  );
});

Deno.test("parseCli() refuses --json without a command", () => {
  assert.throws(
    () => parseCli(["--json"]),
    usage('Cannot print JSON for the tour: "--json" needs a command'),
  );
});
