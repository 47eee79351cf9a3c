/**
 * Builds the playground (`playground/`) into `playground/build/` (gitignored, rebuilt from
 * scratch): its TypeScript entry and everything it imports (the module's `src/`, the CLI's
 * timeline pieces) compiled by the TypeScript compiler as the npm build does, ES modules
 * with relative `.ts` imports rewritten to `.js`, type-checked against the DOM; the HTML
 * and CSS copied beside them. `deno task playground` and the browser tests serve it.
 *
 * @module
 */
import ts from "typescript";
import { join } from "node:path";
import { BASE_COMPILER_OPTIONS, formatDiagnostics, ROOT } from "./_npm.ts";

/** The playground's sources. */
export const PLAYGROUND_DIR: string = join(ROOT, "playground");
/** Where it is built. */
export const PLAYGROUND_BUILD: string = join(PLAYGROUND_DIR, "build");

/**
 * Compiles and copies the playground into `out`, emptied first.
 *
 * @param out The folder to write (default `playground/build/`).
 * @returns The folder written: serve it, and open its `index.html`.
 * @throws {Error} On any compiler diagnostic.
 */
export async function buildPlayground(out: string = PLAYGROUND_BUILD): Promise<string> {
  await Deno.remove(out, { recursive: true }).catch(() => {});
  const options: ts.CompilerOptions = {
    ...BASE_COMPILER_OPTIONS,
    lib: ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts"],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    noImplicitOverride: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    resolveJsonModule: true,
    rootDir: ROOT,
    outDir: out,
    newLine: ts.NewLineKind.LineFeed,
  };
  const program = ts.createProgram([join(PLAYGROUND_DIR, "main.ts")], options);
  let diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length === 0) diagnostics = program.emit().diagnostics;
  if (diagnostics.length > 0) {
    console.error(formatDiagnostics(diagnostics));
    throw new Error("playground: compiling playground/main.ts failed");
  }
  await Deno.copyFile(join(PLAYGROUND_DIR, "index.html"), join(out, "index.html"));
  await Deno.copyFile(join(PLAYGROUND_DIR, "style.css"), join(out, "playground/style.css"));
  return out;
}
