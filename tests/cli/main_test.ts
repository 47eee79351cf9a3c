import assert from "node:assert/strict";
import { VERSION, VirtualClock } from "../../mod.ts";
import { helpText } from "../../src/cli/help.ts";
import { main } from "../../src/cli/main.ts";
import { memoryIO } from "./_io.ts";

const OPTIONS = "[--seed S] [--virtual] [--timeline] [--json] (see --help)";

Deno.test("main() reports bad arguments in one line, a usage hint, and exit status 2", async () => {
  const table: [string[], string, string][] = [
    [
      ["wait_n", "-1", "5"],
      'Cannot run wait_n: "N" must be an integer from 0 to 1000000, received "-1"',
      "wait_n N MAX",
    ],
    [["wait_n", "x", "5"], 'Cannot run wait_n: "N" must be a number, received "x"', "wait_n N MAX"],
    [["wait_n", "5"], 'Cannot run wait_n: "MAX" is missing', "wait_n N MAX"],
    [
      ["wait_random", "-2"],
      'Cannot run wait_random: "MAX" must be a finite number >= 0, received "-2"',
      "wait_random [MAX]",
    ],
    [
      ["measure_time", "0", "1"],
      'Cannot run measure_time: "N" must be an integer from 1 to 1000000, received "0"',
      "measure_time N MAX",
    ],
    [["fly"], 'Unknown command "fly"', "[COMMAND [ARGS]]"],
    [["wait_n", "1", "1", "--fast"], 'Unknown option "--fast"', "[COMMAND [ARGS]]"],
    [["--seed"], 'Option "--seed" needs a value', "[COMMAND [ARGS]]"],
    [
      ["wait_n", "3", "1", "--seed", "--virtual"],
      'Option "--seed" needs a value',
      "[COMMAND [ARGS]]",
    ],
    [["wait_n", "3", "1", "--seed", "-e5"], 'Option "--seed" needs a value', "[COMMAND [ARGS]]"],
    [
      ["wait_random", "--seed", "x"],
      'Cannot seed: "--seed" must be an integer, received "x"',
      "[COMMAND [ARGS]]",
    ],
    [["--json"], 'Cannot print JSON for the tour: "--json" needs a command', "[COMMAND [ARGS]]"],
    [
      ["wait_n", "100000000", "0"],
      'Cannot run wait_n: "N" must be an integer from 0 to 1000000, received "100000000"',
      "wait_n N MAX",
    ],
    [
      ["task_wait_n", "4294967296", "0"],
      'Cannot run task_wait_n: "N" must be an integer from 0 to 1000000, received "4294967296"',
      "task_wait_n N MAX",
    ],
    [
      ["measure_time", "1e7", "0"],
      'Cannot run measure_time: "N" must be an integer from 1 to 1000000, received "1e7"',
      "measure_time N MAX",
    ],
  ];
  for (const [args, message, synopsis] of table) {
    const io = memoryIO();
    assert.equal(await main(args, io), 2, args.join(" "));
    assert.equal(io.out, "");
    assert.equal(io.err, `aio-asyncio: ${message}\nUsage: aio-asyncio ${synopsis} ${OPTIONS}\n`);
  }
});

Deno.test("main() reports a failure while running in one line and exit status 1", async () => {
  using _clock = VirtualClock.install(); // --virtual cannot install a second one
  const io = memoryIO();
  assert.equal(await main(["wait_n", "1", "1", "--virtual"], io), 1);
  assert.equal(io.out, "");
  assert.equal(
    io.err,
    "aio-asyncio: Cannot install VirtualClock: another VirtualClock is installed\n",
  );
});

Deno.test("main() prints the help with --help and the version with --version", async () => {
  for (const args of [["--help"], ["-h"], ["wait_n", "--help"]]) {
    const io = memoryIO();
    assert.equal(await main(args, io), 0);
    assert.equal(io.out, helpText());
  }
  assert.ok(helpText().startsWith(`aio-asyncio ${VERSION}: the asyncio course`));
  assert.ok(helpText().includes("\n  wait_n N MAX          N wait_random(MAX) at once;"));
  const io = memoryIO();
  assert.equal(await main(["--version"], io), 0);
  assert.equal(io.out, `aio-asyncio ${VERSION}\n`);
});

Deno.test("main() with --json prints one JSON object", async () => {
  let io = memoryIO();
  assert.equal(await main(["wait_n", "2", "1", "--seed", "0", "--virtual", "--json"], io), 0);
  assert.equal(
    io.out,
    '{"command":"wait_n","args":[2,1],"seed":0,"virtual":true,' +
      '"result":[0.7579544029403025,0.8444218515250481],"elapsed":0.8444218515250481}\n',
  );
  io = memoryIO();
  assert.equal(await main(["wait_random", "--virtual", "--json"], io), 0);
  const printed = JSON.parse(io.out);
  assert.deepEqual(Object.keys(printed), [
    "command",
    "args",
    "seed",
    "virtual",
    "result",
    "elapsed",
  ]);
  assert.deepEqual([printed.args, printed.seed], [[], null]);
  assert.equal(printed.elapsed, printed.result);
  io = memoryIO();
  const big = "123456789012345678901234567890";
  assert.equal(await main(["measure_runtime", "--seed", big, "--virtual", "--json"], io), 0);
  assert.equal(
    io.out,
    `{"command":"measure_runtime","args":[],"seed":${big},"virtual":true,"result":10,"elapsed":10}\n`,
  );
});

/** Runs the tour with `args`; checks each step prints what its command line prints alone. */
async function tour(args: string[]): Promise<{ intro: string; commands: string[]; out: string }> {
  const io = memoryIO();
  assert.equal(await main(args, io), 0);
  const [intro = "", ...steps] = io.out.split("\n$ aio-asyncio ");
  for (const step of steps) {
    const [command = "", , ...rest] = step.split("\n");
    const alone = memoryIO();
    assert.equal(await main(command.split(" "), alone), 0);
    const output = rest.join("\n"); // after the command line and its explanation
    assert.ok(output.startsWith(alone.out), command);
  }
  return { intro, commands: steps.map((s) => s.slice(0, s.indexOf("\n"))), out: io.out };
}

Deno.test("main() with no command runs the tour: each step prints what it prints alone", async () => {
  const { intro, commands, out } = await tour(["--virtual", "--seed", "0"]);
  assert.equal(
    intro,
    `aio-asyncio ${VERSION}: a tour of the asyncio course in TypeScript (all on virtual time, ` +
      "so it is instant).\n",
  );
  assert.deepEqual(commands, [
    "wait_random 1 --virtual --seed 0",
    "wait_n 5 1 --timeline --virtual --seed 0",
    "task_wait_n 5 1 --virtual --seed 0",
    "async_comprehension --virtual --seed 0",
    "measure_runtime --virtual --timeline --seed 0",
  ]);
  assert.ok(out.endsWith(
    "\n10.0\n\nMore: aio-asyncio --help. With --seed S, each command prints what python3 " +
      "reference/course.py prints with --seed S.\n",
  ));
});

Deno.test("main() with no command and --timeline draws a timeline in every step of the tour", async () => {
  const { commands, out } = await tour(["--timeline", "--virtual", "--seed", "0"]);
  assert.deepEqual(commands, [
    "wait_random 1 --virtual --timeline --seed 0",
    "wait_n 5 1 --timeline --virtual --seed 0",
    "task_wait_n 5 1 --virtual --timeline --seed 0",
    "async_comprehension --virtual --timeline --seed 0",
    "measure_runtime --virtual --timeline --seed 0",
  ]);
  assert.equal(out.split("\ntask  0 s ").length - 1, 3); // the three waits pictures
  assert.ok(out.includes("\nnumber  0 s "));
});
