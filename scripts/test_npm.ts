/**
 * Checks the package that `scripts/build_npm.ts` wrote into `npm/`, as Node and Bun users
 * get it, then runs the test suite against it on every runtime of the matrix (Node 22, 24
 * and 26, and Bun, pinned in `.tools/package.json` and installed there if missing):
 *
 * 1. `npm pack`, then `npm install` of the tarball into a fresh temporary project; on every
 *    runtime `consumer.mjs` (import), `consumer.cjs` (require) and the README's "npm / Node"
 *    examples, each checking `waitN` on virtual time against Python's numbers; a strict
 *    type check of `consumer.ts` (skipLibCheck off, deno.json's strict options) as a Node
 *    user (`nodenext` + `@types/node`), as a browser user (no `@types/node`, no
 *    `esnext.disposable` lib) and under `moduleResolution: node10`; `publint --strict` and
 *    `@arethetypeswrong/cli` (every resolution profile) on the tarball; then the installed
 *    bin: `npx aio-asyncio wait_n 3 1 --seed 0 --virtual` must print what Python prints, and
 *    end quietly on a closed pipe.
 * 2. The test runner on a small suite of its own: its counts must match its exit status.
 * 3. The tests of `tests/` on each runtime, against the ES build (`npm/test_node/`) and the
 *    CommonJS build (`npm/test_node_cjs/`), each run closing with a line such as
 *    `node22: N passed, N failed, N skipped` or `bun-cjs: …` (CI sums them).
 *
 * Exits non-zero if anything fails.
 *
 * @example Build, then check
 * ```sh
 * deno task build:npm && deno task test:npm
 * ```
 *
 * @module
 */
import ts from "typescript";
import { dirname, join } from "node:path";
import {
  BASE_COMPILER_OPTIONS,
  done,
  ensureTools,
  formatDiagnostics,
  NPM_DIR,
  ROOT,
  run,
  type Runtime,
  RUNTIMES,
  TEST_DIR,
  TEST_DIR_CJS,
  toolBin,
} from "./_npm.ts";

const CONSUMER_DIR = join(ROOT, "scripts/npm_consumer");
/** One run of the tests takes seconds; a test that hangs the process is killed. */
const TEST_TIMEOUT_S = 180;
/** The runtime that runs the package checkers (publint, attw) and the runner's own check. */
const NODE = RUNTIMES[0]!;

await ensureTools();
const pkg = JSON.parse(await Deno.readTextFile(join(NPM_DIR, "package.json")));
const start = performance.now();
const temp = await Deno.makeTempDir({ prefix: "aio_npm_consumer_" });
try {
  await checkConsumer(temp);
} finally {
  await Deno.remove(temp, { recursive: true });
}
done(
  `the packed package works for ESM, CommonJS and TypeScript consumers on ${
    RUNTIMES.map((r) => r.name).join(", ")
  }`,
  start,
);
await checkRunner();

// Each run's summary is printed as its last line: CI reads them.
const results: { name: string; ok: boolean }[] = [];
for (const runtime of RUNTIMES) {
  for (const [tree, suffix] of [[TEST_DIR, ""], [TEST_DIR_CJS, "-cjs"]] as const) {
    results.push({ name: runtime.name + suffix, ok: await runTests(runtime, tree, suffix) });
  }
}
const failed = results.filter((r) => !r.ok).map((r) => r.name);
if (failed.length > 0) {
  console.error(`npm: the tests failed on ${failed.join(", ")}`);
  Deno.exit(1);
}

/**
 * Runs the transpiled tests in `tree` on `runtime`. Prints only the failures and the
 * summary (everything if the run fails), and returns whether it passed.
 */
async function runTests(runtime: Runtime, tree: string, suffix: string): Promise<boolean> {
  const name = runtime.name + suffix;
  const output = await new Deno.Command(runtime.cmd, {
    args: [...runtime.args, join(tree, "runner.js")],
    cwd: tree,
    env: { AIO_TEST_RUNTIME: name },
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(TEST_TIMEOUT_S * 1000),
  }).output();
  const out = new TextDecoder().decode(output.stdout);
  const err = new TextDecoder().decode(output.stderr);
  const lines = out.trimEnd().split("\n");
  if (!output.success) {
    console.log(out);
    console.error(err);
    if (output.signal !== null) {
      console.log(`\n${name}: killed after ${TEST_TIMEOUT_S} s, in the test named last above`);
      console.log(`${name}: 0 passed, 1 failed`);
    }
    return false;
  }
  if (err.trim() !== "") console.error(err);
  const skippedFiles = lines.filter((l) => /^\S+: skipped \(/.test(l)).length;
  const files = skippedFiles === 1 ? "1 file" : `${skippedFiles} files`;
  console.log(`${lines.at(-2)}${skippedFiles > 0 ? ` (${files} skipped)` : ""}`);
  console.log(lines.at(-1));
  return true;
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
  const examples = await writeReadmeExamples(project);
  for (const runtime of RUNTIMES) {
    for (const file of ["consumer.mjs", "consumer.cjs"]) {
      await run(runtime.cmd, [...runtime.args, file, pkg.version], { cwd: project, quiet: true });
    }
    for (const file of examples) {
      const out = await run(runtime.cmd, [...runtime.args, file], { cwd: project, quiet: true });
      if (out.trim() === "") throw new Error(`npm: README example ${file} printed nothing`);
    }
  }
  console.log(
    `npm: consumer.mjs, consumer.cjs and the README's ${examples.length} npm examples run on ` +
      RUNTIMES.map((r) => r.name).join(", "),
  );
  typeCheck(join(project, "consumer.ts"));
  for (const name of Object.keys(pkg.bin ?? {})) {
    const mode = (await Deno.stat(join(project, "node_modules/.bin", name))).mode ?? 0;
    if ((mode & 0o111) === 0) throw new Error(`npm: the bin ${name} is not executable`);
  }
  await checkBin(project);
  await lintPackage(join(dir, packed[0].filename));
}

/**
 * Writes the JavaScript examples of the README's "npm / Node" section into `project`
 * (`readme_1.mjs`, or `.cjs` for one that calls `require`), to run as a Node user would.
 * Returns their file names.
 */
async function writeReadmeExamples(project: string): Promise<string[]> {
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  // "### npm / Node", under "## Runtimes and packaging"; it ends at the next heading.
  const section = readme.split(/^#{2,3} /m).find((s) => s.startsWith("npm / Node\n"));
  if (section === undefined) throw new Error('npm: README.md has no "### npm / Node" section');
  const blocks = [...section.matchAll(/^```js[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  if (blocks.length < 2) throw new Error("npm: README's npm / Node section lost its examples");
  const files: string[] = [];
  for (const [i, code] of blocks.entries()) {
    const file = `readme_${i + 1}.${/\brequire\(/.test(code) ? "cjs" : "mjs"}`;
    await Deno.writeTextFile(join(project, file), code);
    files.push(file);
  }
  return files;
}

/**
 * `publint --strict` and `@arethetypeswrong/cli` (every resolution profile: node10, node16
 * from CommonJS and from ESM, bundler) on the packed tarball, from the pinned `.tools/`.
 */
async function lintPackage(tarball: string): Promise<void> {
  await run(NODE.cmd, [toolBin("publint"), "--strict", NPM_DIR], { quiet: true });
  console.log("npm: publint --strict: all good");
  await run(NODE.cmd, [toolBin("attw"), "--format", "table-flipped", tarball], {
    quiet: true,
    env: { NO_COLOR: "1" },
  });
  console.log("npm: @arethetypeswrong/cli: no problem in any resolution profile");
}

/**
 * Runs the installed bin as a user does, with the oldest supported Node (the pinned Node 22)
 * first on PATH for its `#!/usr/bin/env node`: its output, and a pipe closed early.
 */
async function checkBin(project: string): Promise<void> {
  const env = { PATH: `${dirname(NODE.cmd)}:${Deno.env.get("PATH") ?? ""}` };
  const args = ["--no", "aio-asyncio", "wait_n", "3", "1", "--seed", "0", "--virtual"];
  const out = await run("npx", args, { cwd: project, quiet: true, env });
  // What python3 reference/course.py wait_n 3 1 --seed 0 prints.
  const python = "[0.420571580830845, 0.7579544029403025, 0.8444218515250481]\n";
  if (out !== python) {
    throw new Error(`npm: npx ${args.join(" ")} printed ${JSON.stringify(out)}, not Python's`);
  }
  // The reader is gone before the first write (`aio-asyncio … | head`): no stack trace.
  const child = new Deno.Command(join(project, "node_modules/.bin/aio-asyncio"), {
    args: ["wait_n", "30", "1", "--virtual", "--timeline"],
    env,
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
    const { code, stdout } = await new Deno.Command(NODE.cmd, {
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
 * `tsc --noEmit` of the consumer, with the package's `.d.ts` checked too (skipLibCheck off)
 * and deno.json's strict options, three ways: a Node user (`nodenext`, `@types/node`, no
 * DOM), a user without `@types/node` and without `lib: esnext.disposable` (ES2023 and the
 * DOM, as in a browser), and `moduleResolution: node10` (where `@aio/asyncio/testing`
 * resolves through `typesVersions`).
 */
function typeCheck(file: string): void {
  const base: ts.CompilerOptions = { ...BASE_COMPILER_OPTIONS, noEmit: true, skipLibCheck: false };
  const configs: [string, ts.CompilerOptions][] = [
    ["nodenext, ES2023 + @types/node", {
      lib: ["lib.es2023.d.ts"],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ["node"],
    }],
    ["nodenext, ES2023 + DOM, no @types/node", {
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
    }],
    ["node10, ES2023 + @types/node", {
      lib: ["lib.es2023.d.ts"],
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      types: ["node"],
    }],
  ];
  for (const [label, options] of configs) {
    const program = ts.createProgram([file], { ...base, ...options });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    if (diagnostics.length > 0) {
      console.error(formatDiagnostics(diagnostics));
      throw new Error(`npm: consumer.ts does not type-check against the package (${label})`);
    }
    console.log(`consumer.ts: type check against the package (${label}) ok`);
  }
}
