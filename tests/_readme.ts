/**
 * Reads the fenced code blocks of a Markdown file (README.md), for the tests that check
 * them (`tests/readme_blocks_test.ts`). Not part of the module.
 *
 * @module
 */

/** One fenced code block. */
export interface Block {
  /** The first word of the info string: `ts`, `js`, `sh`, `text`… (`""` if none). */
  lang: string;
  /** The words after it, such as `ignore`. */
  flags: string[];
  /** The block's text, without the fences; each line ends with a newline. */
  code: string;
  /** The line number (from 1) of the opening fence. */
  line: number;
  /** The nearest heading above it, with its `#`s: `### A rate limiter`. */
  heading: string;
  /**
   * The HTML comments between the previous block (or heading) and this one, trimmed, in
   * order: `<!-- not run: it needs a terminal -->`.
   */
  comments: string[];
}

/** The languages whose blocks `deno test --doc` type-checks and runs (unless `ignore`). */
export const DOC_TESTED = new Set(["ts", "typescript", "js", "javascript", "tsx", "jsx", "mts"]);

/**
 * The fenced code blocks of `markdown`, in order. Fences are three backticks at the start
 * of a line (the only kind the README uses); headings inside blocks are not headings.
 *
 * @param markdown The text of a Markdown file.
 * @returns Its blocks.
 */
export function blocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const found: Block[] = [];
  let heading = "";
  let comments: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,6} /.test(line)) {
      heading = line;
      comments = [];
      continue;
    }
    for (const m of line.matchAll(/<!--([\s\S]*?)-->/g)) comments.push(m[0].trim());
    const fence = /^```(\S*)(.*)$/.exec(line);
    if (fence === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]! + "\n");
    if (i >= lines.length) throw new Error(`README: the block at line ${start + 1} never ends`);
    found.push({
      lang: fence[1]!,
      flags: fence[2]!.trim().split(/\s+/).filter((f) => f !== ""),
      code: body.join(""),
      line: start + 1,
      heading,
      comments,
    });
    comments = [];
  }
  return found;
}

/**
 * The reason of a `<!-- not run: reason -->` comment, or `undefined` if `comment` is not
 * one (an empty reason is `""`).
 *
 * @param comment An HTML comment, as in {@linkcode Block.comments}.
 * @returns The reason, trimmed.
 */
export function notRunReason(comment: string): string | undefined {
  const m = /^<!--\s*not run:([\s\S]*)-->$/.exec(comment);
  return m === null ? undefined : m[1]!.trim();
}

/**
 * Where a block is, for a failure message: `README.md:412 (### A concurrent fetcher)`.
 *
 * @param block The block.
 * @returns A short location.
 */
export function where(block: Block): string {
  return `README.md:${block.line} (${block.heading || "before any heading"})`;
}
