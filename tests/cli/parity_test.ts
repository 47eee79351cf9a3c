import assert from "node:assert/strict";
import { main } from "../../src/cli/main.ts";
import { cases } from "../course/_fixtures.ts";
import { memoryIO } from "./_io.ts";

// tests/fixtures/course.json: each case's `args` is a command line of the Python course
// (course.py) and `stdout` exactly what it prints.

Deno.test("the CLI prints what the Python course prints, byte for byte, for every case", async () => {
  assert.equal(cases.length, 50);
  const different: string[] = [];
  for (const { args, stdout } of cases) {
    const io = memoryIO();
    const code = await main([...args, "--virtual"], io);
    if (code !== 0 || io.out !== stdout || io.err !== "") {
      different.push(`${args.join(" ")}: exit ${code}, ${JSON.stringify(io.out)}, ${io.err}`);
    }
  }
  assert.deepEqual(different, []);
});

Deno.test("the CLI's --timeline ends with the Python course's line for every case", async () => {
  for (const { args, stdout } of cases) {
    const io = memoryIO();
    assert.equal(await main([...args, "--virtual", "--timeline"], io), 0, args.join(" "));
    assert.equal(io.err, "");
    assert.equal(io.out.slice(io.out.lastIndexOf("\n", io.out.length - 2) + 1), stdout);
  }
});

Deno.test("the CLI's --json result is the Python course's value for every case", async () => {
  for (const { args, value } of cases) {
    const io = memoryIO();
    assert.equal(await main([...args, "--virtual", "--json"], io), 0);
    const printed = JSON.parse(io.out);
    assert.deepEqual(printed.result, value, args.join(" "));
    assert.equal(printed.command, args[0]);
    assert.equal(printed.seed, Number(args[args.length - 1]));
  }
});

Deno.test("the CLI on real time prints Python's line too (zero delays)", async () => {
  const io = memoryIO();
  assert.equal(await main(["wait_n", "3", "0", "--seed", "0"], io), 0);
  assert.equal(io.out, "[0.0, 0.0, 0.0]\n");
});

Deno.test("measure_time and measure_runtime print exact times on virtual time", async () => {
  let io = memoryIO();
  assert.equal(await main(["measure_time", "5", "5", "--seed", "7", "--virtual"], io), 0);
  assert.equal(io.out, `${3.254672365199269 / 5}\n`); // the longest of wait_n(5, 5), over 5
  io = memoryIO();
  assert.equal(await main(["measure_time", "4", "0", "--virtual"], io), 0);
  assert.equal(io.out, "0.0\n");
  io = memoryIO();
  assert.equal(await main(["measure_runtime", "--virtual"], io), 0);
  assert.equal(io.out, "10.0\n");
});
