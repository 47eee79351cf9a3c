/**
 * What the npm build (`scripts/build_npm.ts`) and the npm checks (`scripts/test_npm.ts`)
 * share: where things are, and how to run a command.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The project root: the folder that holds deno.json. */
export const ROOT: string = fileURLToPath(new URL("..", import.meta.url));
/** Where the npm package is written (gitignored, rebuilt from scratch). */
export const NPM_DIR: string = join(ROOT, "npm");
/** Where the tests, transpiled for Node against the built package, are written. */
export const TEST_DIR: string = join(NPM_DIR, "test_node");

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
  options: { cwd?: string; quiet?: boolean; timeoutMs?: number } = {},
): Promise<string> {
  const { cwd = ROOT, quiet = false, timeoutMs } = options;
  const output = await new Deno.Command(cmd, {
    args,
    cwd,
    stdout: quiet ? "piped" : "inherit",
    stderr: "inherit",
    signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
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
