/**
 * Runs the tests that `scripts/build_npm.ts` transpiled into `npm/test_node/` under Node,
 * the way `deno test` runs them: file by file, test by test, steps included, `ignore` and
 * `only` honoured. `Deno.test` comes from `@deno/shim-deno-test`, which only collects the
 * definitions (as in dnt). Tests listed in `scripts/node_skip.json` are skipped with their
 * reason; a name there must match exactly one test (names are matched across files). An
 * uncaught error or unhandled rejection fails the test that was running; a test whose
 * promise never settles fails the run. There are no sanitizers on Node.
 *
 * It closes with `<runtime>: N passed, N failed, N skipped` (the runtime's name from the
 * `AIO_TEST_RUNTIME` environment variable, as `node22` or `bun-cjs`; `node` without it) and
 * exits with 1 if N failed is not
 * 0; besides tests, a file that fails to load, an error outside any test, a skip-list name
 * that matches no test or several, and the `only` option each count as one failure. Built to `npm/test_node/runner.js`; `scripts/test_npm.ts` runs it with
 * `--unhandled-rejections=strict` on each runtime of the matrix (Node 22, 24, 26 and Bun).
 *
 * @module
 */
import process from "node:process";
import { readFileSync } from "node:fs";
import timers from "node:timers";
import {
  type TestContext,
  type TestDefinition,
  testDefinitions,
  type TestStepDefinition,
} from "@deno/shim-deno-test";

interface Manifest {
  files: string[];
  skip: { files: Record<string, string>; tests: Record<string, string> };
}

type StepFn = (t: TestContext) => void | Promise<void>;

// Taken before any test can install fake timers.
const setImmediate = timers.setImmediate;
const now = performance.now.bind(performance);
const runStart = now();
/** The name the summary lines start with. */
const RUNTIME = process.env.AIO_TEST_RUNTIME || "node";
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

const manifest: Manifest = JSON.parse(
  readFileSync(new URL("./manifest.json", import.meta.url), "utf8"),
);
const counts = { passed: 0, failed: 0, skipped: 0 };
const failures: { name: string; error: unknown }[] = [];
/** How many tests each name of the skip list matched. */
const skipMatches = new Map<string, number>();
/** Errors thrown outside any test function while the current test ran. */
let uncaught: unknown[] = [];
let running: string | undefined;
/** The test whose name ends the last line printed, waiting for its result. */
let openLine: string | undefined;
let finished = false;

process.on("uncaughtException", (error) => {
  if (running !== undefined) return void uncaught.push(error);
  fail("(outside any test)", error);
});
// With --unhandled-rejections=strict a rejection reaches the handler above first; this
// listener only keeps Node from also printing a warning for it.
process.on("unhandledRejection", () => {});
process.on("exit", () => {
  if (finished) return;
  // Node exits when nothing is left to wait for, even with a test still pending.
  const name = openLine === undefined ? `${running ?? "the run"} ...` : "";
  console.log(`${name} FAILED: its promise never settled`);
  fail(running ?? "(run)", "Promise never settled");
  summarize();
  process.exitCode = 1;
});

let onlyUsed = false;
for (const file of manifest.files) {
  const reason = manifest.skip.files[file];
  if (reason !== undefined) {
    console.log(`\n${file}: skipped (${reason})`);
    continue;
  }
  const origin = new URL(file, import.meta.url).href;
  testDefinitions.length = 0;
  try {
    await import(origin);
  } catch (error) {
    console.log(`\n${file}: FAILED to load`);
    fail(file, error);
    continue;
  }
  const defs = testDefinitions.splice(0);
  const only = defs.filter((d) => d.only);
  onlyUsed ||= only.length > 0;
  const toRun = only.length > 0 ? only : defs;
  console.log(`\nrunning ${toRun.length} tests from ./${file}`);
  for (const def of toRun) await runTest(def, origin);
}

const skipNames = Object.keys(manifest.skip.tests);
const unknownSkips = skipNames.filter((name) => !skipMatches.has(name));
if (unknownSkips.length > 0) {
  fail(
    "scripts/node_skip.json",
    `it names tests that do not exist: ${JSON.stringify(unknownSkips)}`,
  );
}
const ambiguousSkips = skipNames.filter((name) => skipMatches.get(name)! > 1);
if (ambiguousSkips.length > 0) {
  fail(
    "scripts/node_skip.json",
    `each of these names more than one test (rename them): ${JSON.stringify(ambiguousSkips)}`,
  );
}
if (onlyUsed) fail("(run)", 'the "only" option was used');
finished = true;
summarize();
process.exit(counts.failed > 0 ? 1 : 0);

/** Counts one failure, of a test or of the run, with the errors to show for it. */
function fail(name: string, ...errors: unknown[]): void {
  for (const error of errors) failures.push({ name, error });
  counts.failed++;
}

async function runTest(def: TestDefinition, origin: string): Promise<void> {
  const reason = Object.hasOwn(manifest.skip.tests, def.name)
    ? manifest.skip.tests[def.name]
    : undefined;
  if (reason !== undefined) skipMatches.set(def.name, (skipMatches.get(def.name) ?? 0) + 1);
  if (reason !== undefined || def.ignore) {
    console.log(
      `${def.name} ... ${reason === undefined ? "ignored" : `skipped (${reason})`}`,
    );
    counts.skipped++;
    return;
  }
  running = def.name;
  uncaught = [];
  // Named before it runs, as Deno does, so that a test that hangs the process is known.
  process.stdout.write(`${def.name} ...`);
  openLine = def.name;
  const start = now();
  const state = { failedSteps: 0 };
  const errors: unknown[] = [];
  try {
    await def.fn(context(def.name, origin, undefined, state));
  } catch (error) {
    errors.push(error);
  }
  await macrotask(); // lets unhandled rejections of this test surface now
  errors.push(...uncaught);
  if (state.failedSteps > 0) errors.push(`${state.failedSteps} step(s) failed`);
  running = undefined;
  const time = `(${Math.round(now() - start)}ms)`;
  const prefix = openLine === def.name ? "" : `${def.name} ...`;
  openLine = undefined;
  if (errors.length === 0) {
    console.log(`${prefix} ok ${time}`);
    counts.passed++;
  } else {
    console.log(`${prefix} FAILED ${time}`);
    fail(def.name, ...errors);
  }
}

function context(
  name: string,
  origin: string,
  parent: TestContext | undefined,
  state: { failedSteps: number },
  depth = 0,
): TestContext {
  const t = {
    name,
    origin,
    ...(parent === undefined ? {} : { parent }),
    async step(first: string | StepFn | TestStepDefinition, fn?: StepFn): Promise<boolean> {
      const def: TestStepDefinition = typeof first === "string"
        ? { name: first, fn: fn! }
        : typeof first === "function"
        ? { name: first.name, fn: first }
        : first;
      const indent = "  ".repeat(depth + 1);
      if (openLine !== undefined) {
        process.stdout.write("\n");
        openLine = undefined;
      }
      if (def.ignore) {
        console.log(`${indent}${def.name} ... ignored`);
        return false;
      }
      const start = now();
      try {
        await def.fn(context(def.name, origin, t, state, depth + 1));
        console.log(`${indent}${def.name} ... ok (${Math.round(now() - start)}ms)`);
        return true;
      } catch (error) {
        console.log(`${indent}${def.name} ... FAILED (${Math.round(now() - start)}ms)`);
        failures.push({ name: `${name} ... ${def.name}`, error });
        state.failedSteps++;
        return false;
      }
    },
  };
  return t as TestContext;
}

function summarize(): void {
  if (failures.length > 0) {
    console.log("\n ERRORS \n");
    for (const { name, error } of failures) {
      console.log(`${name}\n${error instanceof Error ? error.stack : String(error)}\n`);
    }
  }
  const { passed, failed, skipped } = counts;
  console.log(`\n${RUNTIME}: ran the tests in ${((now() - runStart) / 1000).toFixed(1)} s`);
  console.log(`${RUNTIME}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}
