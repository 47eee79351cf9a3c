/**
 * What the npm build (`scripts/build_npm.ts`) and the npm checks (`scripts/test_npm.ts`)
 * share: where things are, deno.json, the TypeScript compiler's base options and
 * diagnostics, and how to run a command.
 *
 * @module
 */
import ts from "typescript";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The project root: the folder that holds deno.json. */
export const ROOT: string = fileURLToPath(new URL("..", import.meta.url));
/** Where the npm package is written (gitignored, rebuilt from scratch). */
export const NPM_DIR: string = join(ROOT, "npm");
/** Where the tests, transpiled for Node against the built package, are written. */
export const TEST_DIR: string = join(NPM_DIR, "test_node");

/** What the npm scripts read from deno.json. */
export interface DenoConfig {
  name: string;
  version: string;
  description?: string;
  license?: string;
  repository?: unknown;
  exports: string | Record<string, string>;
  imports?: Record<string, string>;
}

/**
 * Reads the project's deno.json.
 *
 * @returns Its contents.
 */
export async function readConfig(): Promise<DenoConfig> {
  return JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
}

/**
 * The type-checking options of deno.json's `compilerOptions` (Deno std's: `strict`,
 * `exactOptionalPropertyTypes`, `noUncheckedIndexedAccess`, `noImplicitOverride`,
 * `useUnknownInCatchVariables`), so that the npm build and the consumer check compile
 * under exactly what `deno check` uses.
 */
export const STRICT_OPTIONS: ts.CompilerOptions = JSON.parse(
  Deno.readTextFileSync(join(ROOT, "deno.json")),
).compilerOptions ?? {};

/**
 * The compiler options every compile of the npm scripts starts from: ES2022 output,
 * deno.json's strict options, and type packages (`@types/node`, mapped in deno.json)
 * from the project's node_modules.
 */
export const BASE_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  typeRoots: [join(ROOT, "node_modules/@types")],
  strict: true,
  ...STRICT_OPTIONS,
};

/**
 * Formats TypeScript diagnostics as `tsc` prints them: coloured, with the code around
 * each, paths relative to the project root.
 *
 * @param diagnostics What the compiler reported.
 * @returns The text to print.
 */
export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnosticsWithColorAndContext(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => "\n",
  });
}

/**
 * Runs a command and fails when it fails.
 *
 * @param cmd The program to run.
 * @param args Its arguments.
 * @param options `cwd` (default: the project root), `quiet` to capture stdout instead of
 * printing it, `timeoutMs` to kill it after so long.
 * @returns The captured stdout (empty unless `quiet`).
 */
export async function run(
  cmd: string,
  args: string[],
  options: {
    cwd?: string | undefined;
    quiet?: boolean | undefined;
    timeoutMs?: number | undefined;
  } = {},
): Promise<string> {
  const { cwd = ROOT, quiet = false, timeoutMs } = options;
  const output = await new Deno.Command(cmd, {
    args,
    cwd,
    stdout: quiet ? "piped" : "inherit",
    stderr: "inherit",
    ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
  }).output();
  if (!output.success) {
    const how = output.signal ? `was killed (${output.signal})` : `exited with ${output.code}`;
    throw new Error(`${cmd} ${args.join(" ")} ${how} (in ${cwd})`);
  }
  return quiet ? new TextDecoder().decode(output.stdout) : "";
}

/**
 * Prints how long a step took.
 *
 * @param label What the step did.
 * @param start When it started (`performance.now()`).
 */
export function done(label: string, start: number): void {
  console.log(`npm: ${label} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
}
