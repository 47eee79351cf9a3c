/**
 * The API docs' check, run by `deno task check`: `deno doc --lint` of the entry points
 * reports nothing, and every export of `mod.ts` and `testing.ts` has a description, an
 * `@category` from {@linkcode CATEGORIES}, and (functions, classes and constants) a
 * runnable `@example`; every public member of a class or interface has a description.
 * It prints what it found wrong, one line each, and exits with 1 if anything.
 *
 * @example Run it
 * ```sh
 * deno run --allow-run --allow-read scripts/check_docs.ts
 * ```
 *
 * @module
 */

/** The categories of the API reference, in the order `deno task docs` shows them. */
export const CATEGORIES: readonly string[] = [
  "Core",
  "Tasks",
  "Cancellation",
  "Synchronization",
  "Queues",
  "Workers",
  "Time and testing",
  "Random",
  "Course",
  "Errors",
];

const ENTRY_POINTS = ["mod.ts", "testing.ts"];

interface JsDoc {
  doc?: string;
  tags?: { kind: string; doc?: string }[];
}
interface Member {
  name: string;
  kind?: string;
  accessibility?: string;
  jsDoc?: JsDoc;
}
interface Declaration {
  kind: string;
  jsDoc?: JsDoc;
  location: { filename: string; line: number };
  def?: Record<string, unknown>;
}
interface DocSymbol {
  name: string;
  declarations: Declaration[];
}

async function deno(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: new URL("..", import.meta.url),
    env: { NO_COLOR: "1" },
  }).output();
  const decoder = new TextDecoder();
  return { code, out: decoder.decode(stdout), err: decoder.decode(stderr) };
}

/**
 * What is wrong with the docs of `symbols`: one line per problem.
 *
 * @param symbols The symbols of one entry point, as `deno doc --json` lists them.
 * @returns The problems, empty when there are none.
 */
export function problems(symbols: readonly DocSymbol[]): string[] {
  const found: string[] = [];
  for (const symbol of symbols) {
    for (const decl of symbol.declarations) {
      if (decl.kind === "reference" || decl.kind === "import") continue; // re-exported
      const where = `${decl.location.filename.replace(/^.*?\/(src\/|mod|testing)/, "$1")}:${
        decl.location.line + 1
      } ${symbol.name}`;
      const tags = decl.jsDoc?.tags ?? [];
      if (!decl.jsDoc?.doc?.trim()) found.push(`${where}: no description`);
      const category = tags.find((t) => t.kind === "category")?.doc?.trim();
      if (category === undefined) found.push(`${where}: no @category`);
      else if (!CATEGORIES.includes(category)) {
        found.push(`${where}: @category ${category} is none of ${CATEGORIES.join(", ")}`);
      }
      // An overloaded function needs one example among its signatures, not one each.
      const isValue = ["function", "class", "variable"].includes(decl.kind);
      const examples = symbol.declarations.flatMap((d) => d.jsDoc?.tags ?? []).filter((t) =>
        t.kind === "example"
      );
      if (isValue && decl === symbol.declarations[0] && examples.length === 0) {
        found.push(`${where}: no @example`);
      }
      const def = decl.def ?? {};
      for (const key of ["constructors", "methods", "properties"]) {
        for (const member of (def[key] ?? []) as Member[]) {
          if (member.accessibility === "private" || member.name.startsWith("#")) continue;
          if (!member.jsDoc?.doc?.trim()) {
            found.push(
              `${where}.${member.name}${member.kind ? ` (${member.kind})` : ""}: no description`,
            );
          }
        }
      }
    }
  }
  return found;
}

if (import.meta.main) {
  const found: string[] = [];
  const lint = await deno(["doc", "--lint", ...ENTRY_POINTS]);
  const lintLines = (lint.out + lint.err).split("\n").filter((l) =>
    l.trim() !== "" && !/^Checked \d+ files?$/.test(l.trim())
  );
  if (lint.code !== 0 || lintLines.length > 0) {
    found.push(`deno doc --lint ${ENTRY_POINTS.join(" ")} reported:`, ...lintLines);
  }
  const json = await deno(["doc", "--json", ...ENTRY_POINTS]);
  if (json.code !== 0) throw new Error(`deno doc --json failed: ${json.err}`);
  const nodes: Record<string, { symbols: DocSymbol[] }> = JSON.parse(json.out).nodes;
  let count = 0;
  for (const { symbols } of Object.values(nodes)) {
    count += symbols.length;
    found.push(...problems(symbols));
  }
  if (found.length > 0) {
    console.error(found.join("\n"));
    console.error(`docs: ${found.length} problem(s)`);
    Deno.exit(1);
  }
  console.log(
    `docs: deno doc --lint is clean; ${count} exports, each with a description and a @category`,
  );
}
