/**
 * Checks the package that `scripts/build_npm.ts` wrote into `npm/`, as a Node user gets
 * it, then runs the test suite under Node against it:
 *
 * 1. `npm pack`, then `npm install` of the tarball into a fresh temporary project;
 *    `node consumer.mjs` (import) and `node consumer.cjs` (require), each running
 *    `waitN` on virtual time against Python's numbers, and a strict type check of
 *    `consumer.ts` (module `nodenext`, the package's `.d.ts` checked too), all from
 *    `scripts/npm_consumer/`; then the installed bin: `npx aio-asyncio wait_n 3 1 --seed 0
 *    --virtual` must print what Python prints, and end quietly on a closed pipe.
 * 2. The test runner on a small suite of its own: its counts must match its exit status.
 * 3. `node --unhandled-rejections=strict npm/test_node/runner.js`: the tests of `tests/`,
 *    closing with `node: N passed, N failed, N skipped`.
 *
 * Exits non-zero if anything fails.
 *
 * @example Build, then check
 * ```sh
 * deno run -A scripts/build_npm.ts && deno run -A scripts/test_npm.ts
 * ```
 *
 * @module
 */
import ts from "typescript";
import { join } from "node:path";
import {
  BASE_COMPILER_OPTIONS,
  done,
  formatDiagnostics,
  NPM_DIR,
  ROOT,
  run,
  TEST_DIR,
} from "./_npm.ts";

const CONSUMER_DIR = join(ROOT, "scripts/npm_consumer");
/** The whole Node test run takes seconds; a test that hangs the process is killed. */
const TEST_TIMEOUT_S = 180;

const pkg = JSON.parse(await Deno.readTextFile(join(NPM_DIR, "package.json")));
const start = performance.now();
const temp = await Deno.makeTempDir({ prefix: "aio_npm_consumer_" });
try {
  await checkConsumer(temp);
} finally {
  await Deno.remove(temp, { recursive: true });
}
done("the packed package works for an ESM, a CommonJS and a TypeScript consumer", start);
await checkRunner();

// The runner's summary stays the last line printed: CI reads it.
const tests = await new Deno.Command("node", {
  args: ["--unhandled-rejections=strict", join(TEST_DIR, "runner.js")],
  cwd: TEST_DIR,
  signal: AbortSignal.timeout(TEST_TIMEOUT_S * 1000),
}).spawn().status;
if (!tests.success) {
  if (tests.signal !== null) {
    console.log(`\nnode: killed after ${TEST_TIMEOUT_S} s, in the test named last above`);
  }
  console.error("npm: the tests failed under Node");
  Deno.exit(1);
}

async function checkConsumer(dir: string): Promise<void> {
  const packed = JSON.parse(
    await run("npm", ["pack", NPM_DIR, "--json", "--ignore-scripts", "--pack-destination", dir], {
      cwd: dir,
      quiet: true,
    }),
  );
  const project = join(dir, "project");
  await Deno.mkdir(project);
  const manifest = { name: "aio-npm-consumer", private: true, type: "module" };
  await Deno.writeTextFile(join(project, "package.json"), JSON.stringify(manifest));
  await run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    "--loglevel=error",
    join(dir, packed[0].filename),
  ], { cwd: project, quiet: true });
  for (const file of ["consumer.mjs", "consumer.cjs", "consumer.ts"]) {
    await Deno.copyFile(join(CONSUMER_DIR, file), join(project, file));
  }
  await run("node", ["consumer.mjs", pkg.version], { cwd: project });
  await run("node", ["consumer.cjs", pkg.version], { cwd: project });
  typeCheck(join(project, "consumer.ts"));
  for (const name of Object.keys(pkg.bin ?? {})) {
    const mode = (await Deno.stat(join(project, "node_modules/.bin", name))).mode ?? 0;
    if ((mode & 0o111) === 0) throw new Error(`npm: the bin ${name} is not executable`);
  }
  await checkBin(project);
}

/** Runs the installed bin as a user does: its output, and a pipe closed early. */
async function checkBin(project: string): Promise<void> {
  const args = ["--no", "aio-asyncio", "wait_n", "3", "1", "--seed", "0", "--virtual"];
  const out = await run("npx", args, { cwd: project, quiet: true });
  // What python3 course.py wait_n 3 1 --seed 0 prints.
  const python = "[0.420571580830845, 0.7579544029403025, 0.8444218515250481]\n";
  if (out !== python) {
    throw new Error(`npm: npx ${args.join(" ")} printed ${JSON.stringify(out)}, not Python's`);
  }
  // The reader is gone before the first write (`aio-asyncio … | head`): no stack trace.
  const child = new Deno.Command(join(project, "node_modules/.bin/aio-asyncio"), {
    args: ["wait_n", "30", "1", "--virtual", "--timeline"],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  await child.stdout.cancel();
  const [status, stderr] = await Promise.all([child.status, new Response(child.stderr).text()]);
  if (status.code !== 0 || stderr !== "") {
    throw new Error(`npm: the bin on a closed pipe exited with ${status.code}:\n${stderr}`);
  }
  // A full device (`aio-asyncio wait_n 3 0 > /dev/full`, Linux): one line, status 1.
  if (Deno.build.os === "linux") {
    const full = await new Deno.Command("sh", {
      args: [
        "-c",
        'exec "$@" > /dev/full',
        "sh",
        "node_modules/.bin/aio-asyncio",
        "wait_n",
        "3",
        "0",
      ],
      cwd: project,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(full.stderr);
    if (full.code !== 1 || !/^aio-asyncio: [^\n]*no space left on device[^\n]*\n$/i.test(err)) {
      throw new Error(`npm: the bin writing to /dev/full exited with ${full.code}:\n${err}`);
    }
  }
  console.log(
    "npm: bin aio-asyncio installed; it prints Python's wait_n, ends quietly on EPIPE, " +
      "and in one line on a full device",
  );
}

/**
 * Runs the test runner on a suite of its own, in npm/runner_check/: a test that passes,
 * one that fails, a file using `only`, and a skip list naming a test twice and one that
 * does not exist. Each of those counts as a failure: the summary must say so, and the
 * runner must exit with 1.
 */
async function checkRunner(): Promise<void> {
  const dir = join(NPM_DIR, "runner_check"); // under the project: the shim resolves
  await Deno.mkdir(dir, { recursive: true });
  const shim = 'import { Deno } from "@deno/shim-deno-test";\n';
  const files: Record<string, string> = {
    "package.json": '{ "type": "module" }\n',
    "a_test.js": shim + 'Deno.test("twice", () => {});\nDeno.test("passes", () => {});\n' +
      'Deno.test("fails", () => { throw new Error("boom"); });\n',
    "b_test.js": shim + 'Deno.test("twice", () => {});\n',
    "c_test.js": shim + 'Deno.test({ name: "alone", only: true, fn() {} });\n' +
      'Deno.test("left out", () => {});\n',
    "manifest.json": JSON.stringify({
      files: ["a_test.js", "b_test.js", "c_test.js"],
      skip: { files: {}, tests: { twice: "named twice", gone: "names nothing" } },
    }),
  };
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(dir, name), text);
    }
    await Deno.copyFile(join(TEST_DIR, "runner.js"), join(dir, "runner.js"));
    const { code, stdout } = await new Deno.Command("node", {
      args: [join(dir, "runner.js")],
      cwd: dir,
      stdout: "piped",
      stderr: "inherit",
    }).output();
    const out = new TextDecoder().decode(stdout);
    const summary = out.trimEnd().split("\n").at(-1);
    // passes, alone; fails, twice, gone, only; twice skipped twice.
    const expected = "node: 2 passed, 4 failed, 2 skipped";
    if (code !== 1 || summary !== expected) {
      console.log(out);
      throw new Error(
        `npm: the test runner's own check: exit ${code} and "${summary}", ` +
          `expected exit 1 and "${expected}"`,
      );
    }
    console.log("npm: the test runner counts failures, skips and `only` as it exits");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * `tsc --noEmit` of the consumer as a Node user compiles it: with Node's types and no
 * DOM, and the package's `.d.ts` checked too.
 */
function typeCheck(file: string): void {
  const options: ts.CompilerOptions = {
    ...BASE_COMPILER_OPTIONS,
    lib: ["lib.es2023.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ["node"],
    noEmit: true,
    skipLibCheck: false,
  };
  const program = ts.createProgram([file], options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    console.error(formatDiagnostics(diagnostics));
    throw new Error("npm: consumer.ts does not type-check against the package");
  }
  console.log("consumer.ts: type check against the package (ES2023 + @types/node) ok");
}
