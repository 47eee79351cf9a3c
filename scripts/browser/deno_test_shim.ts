/**
 * `Deno.test` for the browser tests: it only collects the definitions, as
 * `@deno/shim-deno-test` does for Node (the page's import map points that specifier
 * here), and the in-page runner (`runner.ts`) runs them.
 *
 * @module
 */

/** What a test or a step gets: its name and `step()`. */
export interface TestContext {
  /** The test's (or step's) name. */
  readonly name: string;
  /** The module that defined it. */
  readonly origin: string;
  /** The test a step belongs to. */
  readonly parent: TestContext | undefined;
  /** Runs a step; resolves to whether it passed. */
  step(first: string | StepFn | StepDefinition, fn?: StepFn): Promise<boolean>;
}

/** A step's function. */
export type StepFn = (t: TestContext) => void | Promise<void>;

/** A step, as `t.step({ name, fn })` takes it. */
export interface StepDefinition {
  /** Its name. */
  name: string;
  /** What it runs. */
  fn: StepFn;
  /** Skip it. */
  ignore?: boolean;
}

/** A test, as collected. */
export interface TestDefinition {
  /** Its name. */
  name: string;
  /** What it runs. */
  fn: StepFn;
  /** Skip it. */
  ignore?: boolean;
  /** Run only the tests that say `only` (then the run fails, as in Deno). */
  only?: boolean;
}

/** The tests defined since the runner last emptied the list. */
export const testDefinitions: TestDefinition[] = [];

type Options = Omit<Partial<TestDefinition>, "fn"> & Record<string, unknown>;

function test(
  first: string | StepFn | (Options & { fn?: StepFn }),
  second?: StepFn | Options,
  third?: StepFn,
): void {
  let def: TestDefinition;
  if (typeof first === "string") {
    def = typeof second === "function"
      ? { name: first, fn: second }
      : { ...second, name: first, fn: third! };
  } else if (typeof first === "function") {
    def = { name: first.name, fn: first };
  } else {
    const fn = (typeof second === "function" ? second : first.fn)!;
    def = { ...first, name: first.name ?? fn.name, fn };
  }
  if (typeof def.fn !== "function") throw new TypeError(`Deno.test "${def.name}" has no function`);
  testDefinitions.push(def);
}

/** The `Deno` namespace the test files see: `Deno.test` only. */
export const Deno = { test };
