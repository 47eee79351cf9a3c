/// <reference lib="dom" />
/**
 * `deno task test:browser`: the browser runtime of the test matrix, in Debian's Chromium
 * driven by `puppeteer-core`.
 *
 * 1. **The test suite as ES modules in a page.** The tests `scripts/build_npm.ts`
 *    transpiled into `npm/test_node/` (built first if absent) run in a page served from
 *    127.0.0.1, against the built package (`npm/esm/`). An import map stands in for what
 *    only Node has: `node:assert/strict` (`scripts/browser/assert.ts`), the `Deno.test`
 *    shim (`scripts/browser/deno_test_shim.ts`, run by `scripts/browser/runner.ts`) and
 *    `@sinonjs/fake-timers` (its CommonJS source wrapped as an ES module). Files and tests
 *    that cannot run in a page are listed in `scripts/browser_skip.json` with reasons.
 * 2. **The playground** (`playground/`, built into `playground/build/`): it loads with no
 *    console error; `wait_n 5 5 --seed 7` on virtual time prints the Python course's line
 *    (tests/fixtures/course.json) and draws 5 rows in completion order; `measure_runtime`
 *    draws the sequential rows beside the concurrent ones; Cancel cancels the waits under
 *    way; every control is labelled and keyboard-operable; narrow (360 px), dark and
 *    reduced-motion layouts hold. Screenshots are written to `coverage/`.
 *
 * Ends with `browser: N passed, N failed` (tests and playground checks), exit 1 on any
 * failure. `--playground-only` skips the suite (while working on the page).
 *
 * @module
 */
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import ts from "typescript";
import { findChromium, launchChromium } from "./_browser.ts";
import { NPM_DIR, ROOT, run, TEST_DIR } from "./_npm.ts";
import { buildPlayground } from "./_playground.ts";
import { serveStatic } from "./_static_server.ts";
import type { Manifest, Result } from "./browser/runner.ts";

const HARNESS_DIR = join(NPM_DIR, "test_browser");
const COVERAGE_DIR = join(ROOT, "coverage");
/** The longest the whole suite may take in the page. */
const SUITE_TIMEOUT_MS = 150_000;

const start = performance.now();
const counts = { passed: 0, failed: 0, skipped: 0 };

const chromium = findChromium();
if (chromium === undefined) {
  console.error(
    "browser: no Chromium found (apt-get install chromium, or set CHROMIUM to its path)",
  );
  summary(1);
}

if (!await exists(join(TEST_DIR, "manifest.json"))) {
  console.log("browser: npm/test_node/ is missing: building the npm package first");
  await run("deno", ["run", "--lock=deno.lock", "-A", "scripts/build_npm.ts"]);
}
const manifest = await writeHarness();
const playground = await buildPlayground();
const server = serveStatic({ "/": NPM_DIR, "/playground/": playground });
const browser = await launchChromium(chromium!);
try {
  if (!Deno.args.includes("--playground-only")) await runSuite(manifest);
  await checkPlayground();
} finally {
  await browser.close();
  await server.shutdown();
}
console.log(`\nbrowser: ran in ${((performance.now() - start) / 1000).toFixed(1)} s`);
summary(counts.failed > 0 ? 1 : 0);

function summary(code: number): never {
  if (counts.skipped > 0) {
    console.log(`browser: ${counts.skipped} skipped (see scripts/browser_skip.json)`);
  }
  console.log(
    `browser: ${counts.passed} passed, ${counts.failed + (code && !counts.failed ? 1 : 0)} failed`,
  );
  Deno.exit(code);
}

/**
 * Writes `npm/test_browser/`: the in-page runner, assert, shim and sinon module, the page
 * with its import map, and the manifest (test files of `npm/test_node/`, skip list).
 */
async function writeHarness(): Promise<Manifest> {
  await Deno.remove(HARNESS_DIR, { recursive: true }).catch(() => {});
  await Deno.mkdir(HARNESS_DIR, { recursive: true });
  for (const name of ["assert", "deno_test_shim", "runner"]) {
    const source = join(ROOT, "scripts/browser", `${name}.ts`);
    const { outputText } = ts.transpileModule(await Deno.readTextFile(source), {
      fileName: source,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        rewriteRelativeImportExtensions: true,
      },
    });
    await Deno.writeTextFile(join(HARNESS_DIR, `${name}.js`), outputText);
  }
  // @sinonjs/fake-timers is CommonJS: give its one file a `require` that knows no Node
  // module (it falls back to the page's globals, as in its own browser tests).
  const sinon = join(ROOT, "node_modules/@sinonjs/fake-timers/src/fake-timers-src.js");
  await Deno.writeTextFile(
    join(HARNESS_DIR, "fake_timers.js"),
    "const module = { exports: {} };\nconst exports = module.exports;\n" +
      "const require = (name) => {\n" +
      '  if (name === "@sinonjs/commons") return { global: globalThis };\n' +
      '  throw new Error(`Cannot find module "${name}" in the browser`);\n};\n' +
      (await Deno.readTextFile(sinon)) +
      "\nexport default module.exports;\n",
  );
  const node: Manifest = JSON.parse(await Deno.readTextFile(join(TEST_DIR, "manifest.json")));
  const skip: Manifest["skip"] = JSON.parse(
    await Deno.readTextFile(join(ROOT, "scripts/browser_skip.json")),
  );
  const files: Record<string, string> = {};
  const used = new Set<string>();
  for (const file of node.files) {
    const inTests = file.replace(/^tests\//, "").replace(/\.js$/, ".ts");
    const entry = Object.keys(skip.files).find((k) =>
      k === inTests || (k.endsWith("/") && inTests.startsWith(k))
    );
    if (entry !== undefined) {
      files[file] = skip.files[entry]!;
      used.add(entry);
    }
  }
  const stale = Object.keys(skip.files).filter((k) => !used.has(k));
  if (stale.length > 0) {
    throw new Error(`scripts/browser_skip.json names test files that do not exist: ${stale}`);
  }
  const manifest: Manifest = { files: node.files, skip: { files, tests: skip.tests } };
  await Deno.writeTextFile(join(HARNESS_DIR, "manifest.json"), JSON.stringify(manifest, null, 2));
  const importMap = {
    imports: {
      "node:assert/strict": "/test_browser/assert.js",
      "node:assert": "/test_browser/assert.js",
      "@deno/shim-deno-test": "/test_browser/deno_test_shim.js",
      "@sinonjs/fake-timers": "/test_browser/fake_timers.js",
    },
  };
  await Deno.writeTextFile(
    join(HARNESS_DIR, "index.html"),
    `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>@aio/asyncio tests in the browser</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module">
  import { runTests } from "./runner.js";
  const manifest = await (await fetch("./manifest.json")).json();
  globalThis.__result = runTests(manifest, new URL("../test_node/", location.href).href);
</script>
</html>
`,
  );
  return manifest;
}

/** Runs the test suite in a page and adds its counts. */
async function runSuite(manifest: Manifest): Promise<void> {
  const page = await browser.browser.newPage();
  page.setDefaultTimeout(SUITE_TIMEOUT_MS);
  page.on("console", (message) => console.log(message.text()));
  page.on("pageerror", (error) => console.log(`page error: ${error}`));
  const files = manifest.files.filter((f) => !(f in manifest.skip.files));
  console.log(
    `\nbrowser: ${files.length} test files in Chromium (${await browser.browser.version()})`,
  );
  try {
    await page.goto(`${server.origin}/test_browser/index.html`);
    await page.waitForFunction("globalThis.__result !== undefined");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(async () => {
        const running = await page.evaluate("globalThis.__running").catch(() => undefined);
        reject(new Error(`killed after ${SUITE_TIMEOUT_MS / 1000} s, in the test "${running}"`));
      }, SUITE_TIMEOUT_MS);
    });
    const result = await Promise.race([
      page.evaluate("globalThis.__result") as Promise<Result>,
      timeout,
    ]).finally(() => clearTimeout(timer));
    counts.passed += result.passed;
    counts.failed += result.failed;
    counts.skipped += result.skipped;
    console.log(
      `browser: the suite: ${result.passed} passed, ${result.failed} failed, ` +
        `${result.skipped} skipped`,
    );
  } catch (error) {
    console.log(`browser: the suite did not finish: ${error}`);
    counts.failed++;
  } finally {
    await page.close();
  }
}

/** One named check of the playground, counted as a test. */
async function check(name: string, fn: () => void | Promise<void>): Promise<void> {
  const t0 = performance.now();
  try {
    await fn();
    console.log(`${name} ... ok (${Math.round(performance.now() - t0)}ms)`);
    counts.passed++;
  } catch (error) {
    console.log(`${name} ... FAILED (${Math.round(performance.now() - t0)}ms)`);
    console.log(error instanceof Error ? error.stack : String(error));
    counts.failed++;
  }
}

function expect(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

/** Fills the form and runs, with the keyboard: Tab to Run, Enter. */
async function runInPage(
  page: Page,
  command: string,
  args: string[],
  seed: string,
  time: "real" | "virtual",
): Promise<void> {
  await page.select("#command", command);
  for (const [i, value] of args.entries()) {
    const id = await page.$eval(
      "#args",
      (box, i) => box.querySelectorAll("input")[i as number]?.id ?? "",
      i,
    );
    await page.$eval(`#${id}`, (input, value) => {
      (input as HTMLInputElement).value = value as string;
    }, value);
  }
  await page.$eval("#seed", (input, seed) => {
    (input as HTMLInputElement).value = seed as string;
  }, seed);
  await page.click(`input[name=time][value=${time}]`);
  await page.focus("#run");
  await page.keyboard.press("Enter");
}

function runState(page: Page): Promise<string> {
  return page.$eval("body", (b) => b.dataset.run ?? "");
}

async function waitForRun(page: Page, state: string): Promise<void> {
  await page.waitForFunction((s) => document.body.dataset.run === s, { timeout: 15_000 }, state);
}

interface RowData {
  label: string;
  state: string;
  order: number | undefined;
  value: number | undefined;
  rank: string;
}

function rowsOf(page: Page): Promise<RowData[]> {
  return page.$$eval("#timeline svg g.row", (rows) =>
    rows.map((g) => ({
      label: g.getAttribute("data-label") ?? "",
      state: g.getAttribute("data-state") ?? "",
      order: g.hasAttribute("data-order") ? Number(g.getAttribute("data-order")) : undefined,
      value: g.hasAttribute("data-value") ? Number(g.getAttribute("data-value")) : undefined,
      rank: g.querySelector(".rank")?.textContent ?? "",
    })));
}

/** The playground's checks, in a fresh page. */
async function checkPlayground(): Promise<void> {
  console.log("\nbrowser: the playground");
  const fixtures = JSON.parse(await Deno.readTextFile(join(ROOT, "tests/fixtures/course.json")));
  const fixture = (args: string[]) => {
    const found = fixtures.cases.find((c: { args: string[] }) =>
      c.args.join(" ") === args.join(" ")
    );
    if (found === undefined) throw new Error(`no fixture for ${args.join(" ")}`);
    return found as { value: number[]; stdout: string };
  };
  await Deno.mkdir(COVERAGE_DIR, { recursive: true });
  const page = await browser.browser.newPage();
  await page.setViewport({ width: 1000, height: 900 });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warn") {
      problems.push(`console.${m.type()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  try {
    await check("playground: the page loads with every function and no console error", async () => {
      await page.goto(`${server.origin}/playground/`, { waitUntil: "load" });
      await page.waitForFunction(() => document.body.dataset.run === "idle", { timeout: 10_000 });
      const names = await page.$$eval("#command option", (o) => o.map((x) => x.textContent));
      for (
        const name of [
          "wait_random",
          "wait_n",
          "task_wait_n",
          "measure_time",
          "async_generator",
          "async_comprehension",
          "measure_runtime",
        ]
      ) {
        expect(names.includes(name), `the menu lacks ${name}: ${names}`);
      }
      expect(problems.length === 0, problems.join("\n"));
    });

    await check(
      "playground: every control has a label and the form is keyboard-operable",
      async () => {
        const unlabelled = await page.$$eval("input, select, button", (els) =>
          els.filter((e) => {
            const input = e as HTMLInputElement;
            if (e.tagName === "BUTTON") return (e.textContent ?? "").trim() === "";
            return (input.labels?.length ?? 0) === 0 && !e.getAttribute("aria-label");
          }).map((e) => e.outerHTML));
        expect(unlabelled.length === 0, `unlabelled: ${unlabelled.join(", ")}`);
        // Tab from the top reaches the command menu first, then its arguments.
        await page.focus("body");
        await page.keyboard.press("Tab");
        const first = await page.evaluate(() => document.activeElement?.id);
        expect(first === "command", `the first Tab stop is ${first}, not the menu`);
        await page.keyboard.press("Tab");
        const second = await page.evaluate(() => document.activeElement?.id);
        expect(second === "arg-N", `the second Tab stop is ${second}, not N`);
      },
    );

    const args = ["wait_n", "5", "5", "--seed", "7"];
    const expected = fixture(args);
    await check(
      "playground: wait_n 5 5 --seed 7 on virtual time prints Python's output",
      async () => {
        await runInPage(page, "wait_n", ["5", "5"], "7", "virtual");
        await waitForRun(page, "done");
        const out = await page.$eval("#output", (e) => e.textContent);
        expect(
          out === expected.stdout,
          `printed ${JSON.stringify(out)}, Python ${JSON.stringify(expected.stdout)}`,
        );
        const elapsed = await page.$eval("#elapsed", (e) => e.textContent);
        const longest = expected.value[expected.value.length - 1];
        expect(elapsed === `Elapsed: ${longest} s of virtual time`, `elapsed: ${elapsed}`);
      },
    );

    await check("playground: the SVG has 5 rows, ranked in completion order", async () => {
      const rows = await rowsOf(page);
      expect(rows.length === 5, `${rows.length} rows`);
      expect(rows.every((r) => r.state === "done"), `states ${rows.map((r) => r.state)}`);
      expect(rows.map((r) => r.label).join() === "1,2,3,4,5", `labels ${rows.map((r) => r.label)}`);
      const byRank = rows.toSorted((a, b) => a.order! - b.order!);
      expect(
        byRank.map((r) => r.order).join() === "1,2,3,4,5",
        `ranks ${rows.map((r) => r.order)}`,
      );
      const values = byRank.map((r) => r.value);
      expect(
        values.join() === expected.value.join(),
        `values by rank ${values}, Python's result ${expected.value}`,
      );
      const ordinals = ["1st", "2nd", "3rd", "4th", "5th"];
      expect(
        byRank.every((r, i) => r.rank === ordinals[i]),
        `rank labels ${rows.map((r) => r.rank)}`,
      );
      await page.screenshot({ path: join(COVERAGE_DIR, "playground.png") });
    });

    await check(
      "playground: measure_runtime draws the sequential rows beside the concurrent ones",
      async () => {
        await runInPage(page, "measure_runtime", [], "7", "virtual");
        await waitForRun(page, "done");
        const rows = await rowsOf(page);
        const labels = rows.map((r) => `${r.label}:${r.state}`).join();
        const want = [1, 2, 3, 4].map((k) => `concurrent ${k}:done`)
          .concat([1, 2, 3, 4].map((k) => `sequential ${k}:ghost`)).join();
        expect(labels === want, `rows ${labels}`);
        const out = await page.$eval("#output", (e) => e.textContent);
        expect(out === "10.0\n", `printed ${JSON.stringify(out)}`);
      },
    );

    await check(
      "playground: Cancel cancels the running task and shows the cancelled waits",
      async () => {
        // Real time, delays of up to 0.5 s: cancel once the first wait is done.
        await runInPage(page, "wait_n", ["5", "0.5"], "7", "real");
        await page.waitForFunction(
          () => document.querySelector("#timeline g.row[data-state=done]") !== null,
          { timeout: 5_000 },
        );
        const focused = await page.evaluate(() => document.activeElement?.id);
        expect(focused === "cancel", `focus is on ${focused} while running, not Cancel`);
        await page.keyboard.press("Enter");
        await waitForRun(page, "cancelled");
        const rows = await rowsOf(page);
        const cancelled = rows.filter((r) => r.state === "cancelled");
        const done = rows.filter((r) => r.state === "done");
        expect(
          rows.length === 5 && cancelled.length > 0 && done.length > 0,
          `states ${rows.map((r) => r.state)}`,
        );
        expect(
          cancelled.every((r) => r.rank === "cancelled" && r.order === undefined),
          "cancelled ranks",
        );
        const doneValues = done.toSorted((a, b) => a.order! - b.order!).map((r) => r.value!);
        const fixtureDelays = fixture(args).value.map((v) => v / 10); // MAX 0.5 instead of 5
        expect(
          doneValues.every((v, i) => Math.abs(v - fixtureDelays[i]!) < 1e-12),
          `done ${doneValues} are not the shortest delays ${fixtureDelays}`,
        );
        const out = await page.$eval("#output", (e) => e.textContent);
        expect(
          out === "asyncio.exceptions.CancelledError: cancelled from the page\n",
          `printed ${out}`,
        );
        const status = await page.$eval("#elapsed", (e) => e.textContent ?? "");
        expect(
          new RegExp(`^Cancelled after 0\\.\\d{3} s: ${cancelled.length} waits? cancelled$`).test(
            status,
          ),
          `status ${status}`,
        );
        expect(await runState(page) === "cancelled", "state");
        await page.screenshot({ path: join(COVERAGE_DIR, "playground_cancelled.png") });
        const buttons = await page.$eval("#run", (b) => (b as HTMLButtonElement).disabled);
        expect(!buttons, "Run stays disabled after the cancel");
      },
    );

    await check("playground: Escape cancels a run too", async () => {
      await runInPage(page, "async_comprehension", [], "7", "real");
      await page.waitForFunction(() => document.body.dataset.run === "running", { timeout: 5_000 });
      await page.keyboard.press("Escape");
      await waitForRun(page, "cancelled");
      const rows = await rowsOf(page);
      expect(
        rows.length === 1 && rows[0]!.state === "cancelled",
        `rows ${JSON.stringify(rows)}`,
      );
      const status = await page.$eval("#elapsed", (e) => e.textContent ?? "");
      expect(/^Cancelled after 0\.\d{3} s: 1 wait cancelled$/.test(status), `status ${status}`);
    });

    await check("playground: readable at 360 px: no horizontal scrolling", async () => {
      await runInPage(page, "wait_n", ["5", "5"], "7", "virtual");
      await waitForRun(page, "done");
      await page.setViewport({ width: 360, height: 900 });
      await page.waitForFunction(() => {
        const svg = document.querySelector("#timeline svg");
        return svg !== null && Number(svg.getAttribute("width")) <= 360;
      }, { timeout: 5_000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow <= 360, `the page is ${overflow} px wide at 360 px`);
      await page.screenshot({ path: join(COVERAGE_DIR, "playground_360.png"), fullPage: true });
      await page.setViewport({ width: 1000, height: 900 });
    });

    await check("playground: honours prefers-color-scheme and prefers-reduced-motion", async () => {
      const look = () =>
        page.evaluate(() => {
          const bar = document.querySelector("#timeline .bar");
          return {
            background: getComputedStyle(document.body).backgroundColor,
            transition: bar === null ? "no bar" : getComputedStyle(bar).transitionDuration,
          };
        });
      const light = await look();
      expect(
        light.background === "rgb(255, 255, 255)" && light.transition === "0.08s",
        `light, with motion: ${JSON.stringify(light)}`,
      );
      await page.emulateMediaFeatures([
        { name: "prefers-color-scheme", value: "dark" },
        { name: "prefers-reduced-motion", value: "reduce" },
      ]);
      const dark = await look();
      expect(
        dark.background === "rgb(13, 17, 23)" && dark.transition === "0s",
        `dark, reduced motion: ${JSON.stringify(dark)}`,
      );
      await page.screenshot({ path: join(COVERAGE_DIR, "playground_dark.png") });
      await page.emulateMediaFeatures([]);
    });

    await check("playground: no console error in the whole session", () => {
      expect(problems.length === 0, problems.join("\n"));
    });
  } finally {
    await page.close();
  }
  console.log(`browser: screenshots in ${join("coverage", "playground*.png")}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
