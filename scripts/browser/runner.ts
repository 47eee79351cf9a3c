/**
 * Runs the project's tests in the page, the way `deno test` runs them and
 * `scripts/node_test_runner.ts` runs them under Node: file by file (ES modules imported
 * from `npm/test_node/`, against the built package), test by test, steps included,
 * `ignore` and `only` honoured, and the skip list of `scripts/browser_skip.json` applied
 * (a name there must match exactly one test). An error thrown outside any test function
 * or an unhandled rejection that nobody prevented while a test ran fails that test.
 *
 * `runTests()` resolves to the counts, which the driver (`scripts/test_browser.ts`) reads;
 * every line is also printed with `console.log`, which the driver echoes.
 *
 * @module
 */
import {
  type StepDefinition,
  type StepFn,
  type TestContext,
  type TestDefinition,
  testDefinitions,
} from "./deno_test_shim.ts";

/** What the driver writes into `manifest.json`. */
export interface Manifest {
  /** The test files, relative to the test folder. */
  files: string[];
  /** Skipped files and tests, with their reasons. */
  skip: { files: Record<string, string>; tests: Record<string, string> };
}

/** What a run found. */
export interface Result {
  /** Tests that passed. */
  passed: number;
  /** Tests that failed, plus failures of the run itself. */
  failed: number;
  /** Tests skipped (skip list, `ignore`) and tests of skipped files. */
  skipped: number;
  /** Each failure, with its error. */
  failures: { name: string; error: string }[];
}

// Taken before any test can install fake timers.
const setTimeoutReal = globalThis.setTimeout.bind(globalThis);
const now = performance.now.bind(performance);
const macrotask = () => new Promise<void>((resolve) => setTimeoutReal(resolve, 0));
const show = (error: unknown) =>
  error instanceof Error ? `${error.stack ?? `${error.name}: ${error.message}`}` : String(error);

/**
 * Runs every test file the manifest lists, from `base` (a URL of the folder).
 *
 * @param manifest The files and the skip list.
 * @param base The URL the file names are relative to.
 * @returns The counts and failures.
 */
export async function runTests(manifest: Manifest, base: string): Promise<Result> {
  const result: Result = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const fail = (name: string, error: unknown) => {
    result.failures.push({ name, error: show(error) });
  };
  const skipMatches = new Map<string, number>();
  let stray: unknown[] = [];
  const onError = (event: ErrorEvent) => {
    stray.push(event.error ?? event.message);
    event.preventDefault();
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    // A test that listens itself may prevent it (tests/_helpers.ts unhandledDuring): look
    // once the event has reached every listener.
    setTimeoutReal(() => {
      if (!event.defaultPrevented) stray.push(event.reason);
    }, 0);
  };
  globalThis.addEventListener("error", onError);
  globalThis.addEventListener("unhandledrejection", onRejection);
  let onlyUsed = false;
  const start = now();
  for (const file of manifest.files) {
    const reason = manifest.skip.files[file];
    if (reason !== undefined) {
      console.log(`\n${file}: skipped in the browser (${reason})`);
      continue;
    }
    testDefinitions.length = 0;
    try {
      await import(new URL(file, base).href);
    } catch (error) {
      console.log(`\n${file}: FAILED to load`);
      result.failed++;
      fail(file, error);
      continue;
    }
    const defs = testDefinitions.splice(0);
    const only = defs.filter((d) => d.only);
    onlyUsed ||= only.length > 0;
    const toRun = only.length > 0 ? only : defs;
    console.log(`\nrunning ${toRun.length} tests from ./${file}`);
    for (const def of toRun) await runTest(def, new URL(file, base).href);
  }
  const names = Object.keys(manifest.skip.tests);
  const unknown = names.filter((n) => !skipMatches.has(n));
  if (unknown.length > 0) {
    result.failed++;
    fail(
      "scripts/browser_skip.json",
      `it names tests that do not exist: ${JSON.stringify(unknown)}`,
    );
  }
  const ambiguous = names.filter((n) => skipMatches.get(n)! > 1);
  if (ambiguous.length > 0) {
    result.failed++;
    fail("scripts/browser_skip.json", `names more than one test: ${JSON.stringify(ambiguous)}`);
  }
  if (onlyUsed) {
    result.failed++;
    fail("(run)", 'the "only" option was used');
  }
  globalThis.removeEventListener("error", onError);
  globalThis.removeEventListener("unhandledrejection", onRejection);
  for (const { name, error } of result.failures) console.log(`\nFAILED: ${name}\n${error}`);
  console.log(`\nbrowser: ran the tests in ${((now() - start) / 1000).toFixed(1)} s`);
  return result;

  async function runTest(def: TestDefinition, origin: string): Promise<void> {
    const reason = Object.hasOwn(manifest.skip.tests, def.name)
      ? manifest.skip.tests[def.name]
      : undefined;
    if (reason !== undefined) skipMatches.set(def.name, (skipMatches.get(def.name) ?? 0) + 1);
    if (reason !== undefined || def.ignore) {
      const why = reason === undefined ? "ignored" : `skipped in the browser (${reason})`;
      console.log(`${def.name} ... ${why}`);
      result.skipped++;
      return;
    }
    stray = [];
    // The driver names it if the run never ends.
    (globalThis as { __running?: string }).__running = def.name;
    const t0 = now();
    const errors: unknown[] = [];
    const state = { failedSteps: 0, lines: [] as string[] };
    try {
      await def.fn(context(def.name, origin, undefined, state));
    } catch (error) {
      errors.push(error);
    }
    await macrotask(); // unhandled rejections of this test surface now
    await macrotask();
    errors.push(...stray);
    if (state.failedSteps > 0) errors.push(`${state.failedSteps} step(s) failed`);
    const time = `(${Math.round(now() - t0)}ms)`;
    for (const line of state.lines) console.log(line);
    if (errors.length === 0) {
      console.log(`${def.name} ... ok ${time}`);
      result.passed++;
    } else {
      console.log(`${def.name} ... FAILED ${time}`);
      result.failed++;
      for (const error of errors) fail(def.name, error);
    }
  }

  function context(
    name: string,
    origin: string,
    parent: TestContext | undefined,
    state: { failedSteps: number; lines: string[] },
    depth = 0,
  ): TestContext {
    const t: TestContext = {
      name,
      origin,
      parent,
      async step(first: string | StepFn | StepDefinition, fn?: StepFn): Promise<boolean> {
        const def: StepDefinition = typeof first === "string"
          ? { name: first, fn: fn! }
          : typeof first === "function"
          ? { name: first.name, fn: first }
          : first;
        const indent = "  ".repeat(depth + 1);
        if (def.ignore) {
          state.lines.push(`${indent}${def.name} ... ignored`);
          return false;
        }
        const t0 = now();
        try {
          await def.fn(context(def.name, origin, t, state, depth + 1));
          state.lines.push(`${indent}${def.name} ... ok (${Math.round(now() - t0)}ms)`);
          return true;
        } catch (error) {
          state.lines.push(`${indent}${def.name} ... FAILED (${Math.round(now() - t0)}ms)`);
          fail(`${name} ... ${def.name}`, error);
          state.failedSteps++;
          return false;
        }
      },
    };
    return t;
  }
}
