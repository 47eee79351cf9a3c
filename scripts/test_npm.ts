/**
 * Checks the package that `scripts/build_npm.ts` wrote into `npm/`, as a Node user gets
 * it, then runs the test suite under Node against it:
 *
 * 1. `npm pack`, then `npm install` of the tarball into a fresh temporary project;
 *    `node consumer.mjs` (import), `node consumer.cjs` (require) and a strict type check
 *    of `consumer.ts` (module `nodenext`, the package's `.d.ts` checked too), all from
 *    `scripts/npm_consumer/`; the bin must be installed and executable.
 * 2. `node --unhandled-rejections=strict npm/test_node/runner.js`: the tests of `tests/`,
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
import { done, NPM_DIR, ROOT, run, TEST_DIR } from "./_npm.ts";

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
    console.log(`npm: bin ${name} installed`);
  }
}

/**
 * `tsc --noEmit` of the consumer as a Node user compiles it: with Node's types and no
 * DOM when the project maps `@types/node` (else with the DOM and `Disposable` types), and
 * the package's `.d.ts` checked too.
 */
function typeCheck(file: string): void {
  const config = JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json")));
  const nodeTypes = "@types/node" in (config.imports ?? {});
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: nodeTypes
      ? ["lib.es2023.d.ts"]
      : ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: nodeTypes ? ["node"] : [],
    typeRoots: [join(ROOT, "node_modules/@types")],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  };
  const program = ts.createProgram([file], options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => "\n",
    }));
    throw new Error("npm: consumer.ts does not type-check against the package");
  }
  const lib = nodeTypes ? "ES2023 + @types/node" : "ES2023 + Disposable + DOM";
  console.log(`consumer.ts: type check against the package (${lib}) ok`);
}
