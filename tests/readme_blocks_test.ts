// README.md as a tested guide. Its ts and js blocks run as doc tests: `deno task test:deno` is
// `deno test --doc`, which type-checks and runs every code block of the Markdown files it
// finds (README.md included, each test named `README.md#<lines>`), except the blocks marked
// `ignore`. These tests check the rest: that every ignored block says why in a
// `<!-- not run: reason -->` comment just above it, that the task still doc-tests README.md,
// that the CLI help shown is what `--help` prints, that every `#anchor` link has its
// heading, that no placeholder URL is left, and that scripts/test_npm.ts finds its section.
// Deno only: they read files and run the CLI (ignored by the Node and browser runs).
import assert from "node:assert/strict";
import { type Block, blocks, DOC_TESTED, notRunReason, where } from "./_readme.ts";

const DENO = typeof Deno === "object" && "Command" in Deno && "readTextFile" in Deno;
const ROOT = new URL("../", import.meta.url);
const readme = () => Deno.readTextFile(new URL("README.md", ROOT));

/** The not-run reasons among a block's comments. */
const reasons = (block: Block) =>
  block.comments.map(notRunReason).filter((r): r is string => r !== undefined);

Deno.test({
  name: "README: every ts/js block is doc-tested, or marked <!-- not run: reason --> and ignore",
  ignore: !DENO,
  async fn() {
    const all = blocks(await readme());
    const code = all.filter((b) => DOC_TESTED.has(b.lang));
    assert.ok(code.filter((b) => !b.flags.includes("ignore")).length >= 15, "doc-tested blocks");
    for (const block of code) {
      const why = reasons(block);
      if (block.flags.includes("ignore")) {
        assert.equal(why.length, 1, `${where(block)}: an ignored block needs <!-- not run: … -->`);
        assert.ok(why[0]!.length >= 10, `${where(block)}: "not run" needs a reason`);
      } else {
        assert.deepEqual(why, [], `${where(block)}: marked "not run" but not ignored`);
      }
    }
    for (const block of all.filter((b) => !DOC_TESTED.has(b.lang))) {
      assert.deepEqual(reasons(block), [], `${where(block)}: "not run" on a ${block.lang} block`);
    }
    assert.ok(all.some((b) => b.lang === "ts" && b.flags.includes("ignore")), "the Ctrl-C block");
  },
});

Deno.test({
  name: "README: deno task test:deno doc-tests README.md",
  ignore: !DENO,
  async fn() {
    const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
    const task: string = config.tasks["test:deno"];
    const words = task.split(/\s+/);
    assert.equal(words.slice(0, 2).join(" "), "deno test", task);
    assert.ok(words.includes("--doc"), `test:deno must run doc tests: ${task}`);
    // No path argument (every file is a candidate), or README.md among them.
    const paths = words.slice(2).filter((w) => !w.startsWith("-"));
    assert.ok(paths.length === 0 || paths.includes("README.md"), `paths: ${paths}`);
    const excluded: string[] = [...(config.test?.exclude ?? []), ...(config.exclude ?? [])];
    assert.ok(!excluded.some((e) => /readme/i.test(e) || e === "." || e === "./"), `${excluded}`);
  },
});

Deno.test({
  name: "README: the CLI section's help block is what deno run src/cli.ts --help prints",
  ignore: !DENO,
  async fn() {
    const marked = blocks(await readme()).filter((b) =>
      b.comments.some((c) => c.startsWith("<!-- cli-help:"))
    );
    assert.equal(marked.length, 1, "one block marked <!-- cli-help: … -->");
    const [block] = marked;
    assert.equal(block!.heading, "## CLI");
    assert.equal(block!.lang, "text");
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", new URL("src/cli.ts", ROOT).href, "--help"],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    const help = new TextDecoder().decode(stdout);
    assert.ok(help.startsWith("aio-asyncio "), help);
    assert.equal(block!.code, help, `${where(block!)}: paste the output of --help`);
  },
});

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.replace(/^#+ /, "").trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

Deno.test("README: slug follows GitHub's anchors", () => {
  assert.equal(slug("### Python → TypeScript names"), "python--typescript-names");
  assert.equal(slug("#### Parallelism: `WorkerPool`"), "parallelism-workerpool");
  assert.equal(slug("### npm / Node"), "npm--node");
  assert.equal(
    slug("### The first of several, cancel the rest"),
    "the-first-of-several-cancel-the-rest",
  );
});

Deno.test({
  name: "README: every #anchor link has its heading, and no placeholder URL is left",
  ignore: !DENO,
  async fn() {
    const text = await readme();
    const outside = text.replace(/^```[\s\S]*?^```$/gm, ""); // headings, not block lines
    const anchors = new Set(
      [...outside.matchAll(/^#{1,6} .*$/gm)].map((m) => slug(m[0])),
    );
    const links = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(links.length >= 20, `only ${links.length} links`);
    for (const link of links) assert.ok(anchors.has(link), `README links to #${link}: no heading`);
    for (const placeholder of ["<owner>", "<repo>", "<URL>", "<user>"]) {
      assert.ok(!text.includes(placeholder), `README still has the placeholder ${placeholder}`);
    }
  },
});

Deno.test({
  name: "README: the npm / Node section scripts/test_npm.ts runs has its two js examples",
  ignore: !DENO,
  async fn() {
    // The same lookup as writeReadmeExamples in scripts/test_npm.ts.
    const section = (await readme()).split(/^#{2,3} /m).find((s) => s.startsWith("npm / Node\n"));
    assert.ok(section !== undefined, 'README.md has no "### npm / Node" section');
    const js = [...section.matchAll(/^```js[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    assert.equal(js.length, 2);
    assert.match(js[0]!, /^\/\/ ESM\nimport /);
    assert.match(js[1]!, /require\("@aio\/asyncio"\)/);
  },
});

Deno.test({
  name: "bench/README.md: bench/perf.ts's table sits between perf markers; the full tables follow",
  ignore: !DENO,
  async fn() {
    const text = await Deno.readTextFile(new URL("bench/README.md", ROOT));
    const begin = text.indexOf("<!-- perf:begin -->"), end = text.indexOf("<!-- perf:end -->");
    assert.ok(begin >= 0 && end > begin, "perf:begin before perf:end");
    assert.equal(text.split("<!-- perf:begin -->").length, 2, "one perf:begin");
    const table = text.slice(begin, end);
    for (const row of ["`waitN(1e5, 0)` ÷ floor", "heap of a pending Task", "Semaphore.hold()"]) {
      assert.ok(table.includes(row), `the perf table has the row ${row}`);
    }
    assert.match(text.slice(end), /\| 1e6 \|\s+1 \| aio /, "the comparison with asyncio");
  },
});

Deno.test("README helpers: blocks, headings, comments and not-run reasons", () => {
  const md = [
    "# Title",
    "```sh",
    "# not a heading",
    "```",
    "## Part",
    "<!-- not run: needs a terminal -->",
    "",
    "```ts ignore",
    "Deno.exit(1);",
    "```",
    "```ts",
    "const x = 1;",
    "```",
  ].join("\n");
  const found = blocks(md);
  assert.deepEqual(found.map((b) => [b.lang, b.flags, b.line, b.heading]), [
    ["sh", [], 2, "# Title"],
    ["ts", ["ignore"], 8, "## Part"],
    ["ts", [], 11, "## Part"],
  ]);
  assert.equal(found[1]!.code, "Deno.exit(1);\n");
  assert.deepEqual(found[1]!.comments.map(notRunReason), ["needs a terminal"]);
  assert.deepEqual(found[2]!.comments, []);
  assert.equal(notRunReason("<!-- not run: -->"), "");
  assert.equal(notRunReason("<!-- cli-help: x -->"), undefined);
  assert.throws(() => blocks("```ts\nopen"), /never ends/);
});
