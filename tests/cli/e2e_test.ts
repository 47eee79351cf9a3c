import assert from "node:assert/strict";
import { stripAnsi } from "./_io.ts";

const ROOT = new URL("../../", import.meta.url);

// Deno only (skipped under Node by name): it serves this repository over HTTP and runs
// `deno run --no-prompt <URL of src/cli.ts>`, as a newcomer would, with no permission flag.
// --no-prompt makes any permission the CLI would ask for an error, so a pass means none.
// --no-config keeps this repository's deno.json out of it, as on a newcomer's machine.
Deno.test("deno run <URL> of src/cli.ts works with no permission flags (Deno only)", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    try {
      const body = await Deno.readFile(new URL(`.${path}`, ROOT));
      const type = path.endsWith(".ts") ? "application/typescript" : "application/octet-stream";
      return new Response(body, { headers: { "content-type": type } });
    } catch {
      return new Response("Not found", { status: 404 });
    }
  });
  try {
    const url = `http://127.0.0.1:${server.addr.port}/src/cli.ts`;
    const run = async (...args: string[]) => {
      const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--no-prompt", "--no-config", url, ...args],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const decoder = new TextDecoder();
      return { code, out: decoder.decode(stdout), err: decoder.decode(stderr) };
    };
    const waitN = await run("wait_n", "3", "1", "--seed", "0", "--virtual");
    const notes = stripAnsi(waitN.err).split("\n").filter((l) =>
      l !== "" && !l.startsWith("Download ")
    );
    assert.deepEqual(notes, []); // no prompt, no warning: only the modules being fetched
    assert.equal(waitN.code, 0);
    // What python3 reference/course.py wait_n 3 1 --seed 0 prints.
    assert.equal(waitN.out, "[0.420571580830845, 0.7579544029403025, 0.8444218515250481]\n");

    const tour = await run("--virtual", "--seed", "0");
    assert.equal(tour.code, 0, tour.err);
    assert.match(tour.out, /^aio-asyncio \d+\.\d+\.\d+: a tour of the asyncio course/);
    assert.match(tour.out, /\n\$ aio-asyncio measure_runtime --virtual --timeline --seed 0\n/);

    const bad = await run("wait_n", "-1", "5");
    assert.equal(bad.code, 2);
    assert.equal(bad.out, "");
    assert.match(
      bad.err,
      /aio-asyncio: Cannot run wait_n: "N" must be an integer from 0 to 1000000/,
    );
  } finally {
    await server.shutdown();
  }
});

// Deno here; scripts/test_npm.ts checks the same of the installed bin under Node.
Deno.test({
  name: "the CLI ends quietly with status 0 when the reader closes the pipe (Deno)",
  ignore: !("Command" in Deno), // Node runs these tests with a Deno.test shim only
  async fn() {
    for (const args of [["wait_n", "30", "1", "--virtual", "--timeline"], ["--virtual"]]) {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "--no-prompt", new URL("src/cli.ts", ROOT).href, ...args],
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      await child.stdout.cancel(); // closed before the first write: every write fails
      const [status, stderr] = await Promise.all([child.status, new Response(child.stderr).text()]);
      assert.equal(stderr, "", args.join(" "));
      assert.equal(status.code, 0, args.join(" "));
    }
  },
});

// Deno here; scripts/test_npm.ts checks the same of the installed bin under Node.
Deno.test({
  name: "the CLI writing to a full device prints one line and exits with status 1 (Deno)",
  ignore: !("Command" in Deno) || Deno.build.os !== "linux", // /dev/full is Linux's
  async fn() {
    const { code, stdout, stderr } = await new Deno.Command("sh", {
      args: [
        "-c",
        'exec "$@" > /dev/full',
        "sh",
        Deno.execPath(),
        "run",
        "--no-prompt",
        new URL("src/cli.ts", ROOT).href,
        "wait_n",
        "3",
        "0",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(stderr);
    assert.equal(stdout.length, 0);
    assert.equal(code, 1, err);
    assert.match(err, /^aio-asyncio: [^\n]*No space left on device[^\n]*\n$/i);
  },
});
