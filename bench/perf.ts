/**
 * Issue 14's target rows, for Deno and Node (npm build), cold and warm, as a markdown table:
 *
 *     deno run -A bench/perf.ts [--rounds N] [--before DIR] [--node PATH] [--rows KEYS] [--write]
 *
 * Every measurement runs in a fresh process (`bench/node/perf_worker.mjs`, one row and one
 * contender per process; `cold`: the first call in the process, `warm`: after three
 * smaller calls), contenders and versions in alternation round by round so that the
 * machine's load hits all alike; the table shows medians over `--rounds` (default 5): of
 * each round's ratio of the two contenders (run back to back), or of the value itself.
 *
 * - `--before DIR`: a checkout or worktree of the old code, measured in the same run with
 *   the same worker (its `mod.ts` under Deno, its `npm/esm/mod.js` under Node, built there
 *   with `deno task build:npm` if missing): the table shows before, after and after ÷ before.
 * - `--node PATH`: the Node binary (default: `.tools/node_modules/node24/bin/node` if present,
 *   else `node`). This checkout's npm build must exist (`deno task build:npm`).
 * - `--rows KEYS`: only these rows, comma-separated (wait0, wait1, tasks, semaphore,
 *   taskHeap, drain); meant for looking at one row, not for `--write`.
 * - `--write`: also puts the table into `bench/README.md`, between `<!-- perf:begin -->` and
 *   `<!-- perf:end -->` (creating the file with those markers if absent), then formats it.
 *
 * p-limit comes from `bench/node/node_modules` (`cd bench/node && npm ci`); without it the
 * Semaphore row is skipped.
 *
 * @module
 */
import { median, ratio } from "./compare.ts";

const path = (file: string) => decodeURIComponent(new URL(file, import.meta.url).pathname);
const ROOT = path("../");
const WORKER = path("./node/perf_worker.mjs");
const README = path("./README.md");
const BEGIN = "<!-- perf:begin -->";
const END = "<!-- perf:end -->";

type Runtime = "deno" | "node";
type Mode = "cold" | "warm";

/** A table row: `ours ÷ base` of `metric`, or `ours` alone when there is no base. */
interface Row {
  label: string;
  key: string; // the worker's row
  ours: string;
  base?: string;
  metric: "value" | "rssKiB";
  target: string;
  unit?: "B";
}

const ROWS: Row[] = [
  {
    label: "`waitN(1e5, 0)` ÷ floor",
    key: "wait0",
    ours: "aio",
    base: "floor",
    metric: "value",
    target: "≤ 0.9",
  },
  {
    label: "`waitN(1e6, 1)` past its longest delay ÷ floor's wall",
    key: "wait1",
    ours: "aio",
    base: "floor",
    metric: "value",
    target: "≤ 1.2",
  },
  {
    label: "peak RSS of `waitN(1e6, 1)` ÷ floor's",
    key: "wait1",
    ours: "aio",
    base: "floor",
    metric: "rssKiB",
    target: "≤ 0.75",
  },
  {
    label: "`waitN(1e5, 0)` in a Task ÷ at top level",
    key: "wait0",
    ours: "task",
    base: "aio",
    metric: "value",
    target: "≤ 1.1",
  },
  {
    label: "`Promise.all` of 1e5 Tasks ÷ 1e5 plain promises",
    key: "tasks",
    ours: "aio",
    base: "plain",
    metric: "value",
    target: "≤ 2",
  },
  {
    label: "for scale: 1e5 plain promises each wrapped in a promise of its own ÷ plain",
    key: "tasks",
    ours: "wrapped",
    base: "plain",
    metric: "value",
    target: "(the least a Task can cost)",
  },
  {
    label: "1e5 `Semaphore.hold()`-limited jobs ÷ p-limit",
    key: "semaphore",
    ours: "aio",
    base: "pLimit",
    metric: "value",
    target: "≤ 1.0",
  },
  {
    label: "heap of a pending Task sleeping on its signal",
    key: "taskHeap",
    ours: "aio",
    metric: "value",
    target: "≤ 1300 B",
    unit: "B",
  },
  {
    label: "1e5 sleeps over 0–50 ms, late past the last deadline ÷ `setTimeout`'s",
    key: "drain",
    ours: "aio",
    base: "setTimeout",
    metric: "value",
    target: "≤ 1.0, 0 inversions",
  },
];

interface Measure {
  value: number;
  rssKiB: number;
  inversions?: number;
}

function parseArgs(args: string[]) {
  const options = {
    rounds: 5,
    before: undefined as string | undefined,
    node: "",
    write: false,
    rows: undefined as string[] | undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--write") options.write = true;
    else if (arg === "--rounds") {
      options.rounds = Number(args[++i]);
      if (!Number.isInteger(options.rounds) || options.rounds < 1) {
        throw new RangeError(
          `Cannot run perf: "--rounds" must be an integer >= 1, received ${args[i]}`,
        );
      }
    } else if (arg === "--before" || arg === "--node" || arg === "--rows") {
      const value = args[++i];
      if (value === undefined) {
        throw new TypeError(`Cannot run perf: "${arg}" must be followed by a value`);
      }
      if (arg === "--before") options.before = value;
      else if (arg === "--node") options.node = value;
      else options.rows = value.split(",");
    } else {
      throw new TypeError(
        `Cannot run perf: unknown argument "${arg}" (use --rounds N, --before DIR, --node PATH, --rows KEYS, --write)`,
      );
    }
  }
  return options;
}

const exists = (file: string) => {
  try {
    Deno.statSync(file);
    return true;
  } catch {
    return false;
  }
};

async function output(cmd: string, args: string[], cwd = "."): Promise<string> {
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout).trim();
  if (!out.success) {
    const stderr = new TextDecoder().decode(out.stderr);
    throw new Error(`${cmd} ${args.join(" ")} failed (${out.code}):\n${stderr}`);
  }
  return text;
}

/** The module each runtime measures in a checkout: mod.ts for Deno, the npm build for Node. */
async function libs(dir: string): Promise<Record<Runtime, string>> {
  const root = dir.endsWith("/") ? dir : `${dir}/`;
  const node = `${root}npm/esm/mod.js`;
  if (!exists(node)) {
    console.error(`building the npm package in ${root} (deno task build:npm)`);
    await output(Deno.execPath(), ["task", "build:npm"], root);
  }
  return { deno: `${root}mod.ts`, node };
}

async function measure(
  runtime: Runtime,
  node: string,
  key: string,
  contender: string,
  mode: Mode,
  lib: string,
): Promise<Measure> {
  const args = [WORKER, key, contender, mode, lib];
  const text = runtime === "deno"
    ? await output(Deno.execPath(), ["run", "-A", "--v8-flags=--expose-gc", ...args])
    : await output(node, ["--expose-gc", ...args]);
  return JSON.parse(text.split("\n").at(-1)!) as Measure;
}

const cell = (row: Row, x: number | undefined) =>
  x === undefined ? "–" : row.unit === "B" ? `${Math.round(x)} B` : ratio(x);

async function main(): Promise<void> {
  const options = parseArgs(Deno.args);
  const tools = `${ROOT}.tools/node_modules/node24/bin/node`;
  const node = options.node || (exists(tools) ? tools : "node");
  const versions: [string, Record<Runtime, string>][] = [["after", await libs(ROOT)]];
  if (options.before !== undefined) versions.unshift(["before", await libs(options.before)]);
  const hasPLimit = exists(path("./node/node_modules/p-limit/index.js"));
  if (!hasPLimit) console.error("note: no bench/node/node_modules/p-limit (npm ci): row skipped");
  const rows = ROWS.filter((r) =>
    (r.base !== "pLimit" || hasPLimit) && (options.rows?.includes(r.key) ?? true)
  );
  if (rows.length === 0) {
    throw new RangeError(
      `Cannot run perf: "--rows" must name rows among ${
        [...new Set(ROWS.map((r) => r.key))].join(", ")
      }, received ${options.rows}`,
    );
  }
  const keys = [...new Set(rows.map((r) => r.key))];
  const contenders = (key: string) => [
    ...new Set(
      rows.filter((r) => r.key === key).flatMap((r) =>
        r.base === undefined ? [r.ours] : [r.ours, r.base]
      ),
    ),
  ];
  const runtimes: Runtime[] = ["deno", "node"];
  const modes: Mode[] = ["cold", "warm"];

  // Warm the module cache, so that no measured run pays for transpiling.
  for (const [, lib] of versions) await measure("deno", node, "wait0", "aio", "cold", lib.deno);

  const results = new Map<string, Measure[]>();
  const id = (...parts: string[]) => parts.join("/");
  for (let r = 0; r < options.rounds; r++) {
    for (const key of keys) {
      for (const runtime of runtimes) {
        for (const mode of modes) {
          for (const [version, lib] of versions) {
            for (const contender of contenders(key)) {
              const m = await measure(runtime, node, key, contender, mode, lib[runtime]);
              const k = id(version, runtime, mode, key, contender);
              results.set(k, [...(results.get(k) ?? []), m]);
              console.error(`#${r + 1} ${k}: ${JSON.stringify(m)}`);
            }
          }
        }
      }
    }
  }

  // A ratio is the median of the rounds' ratios: each round's two runs ran back to back.
  const value = (row: Row, version: string, runtime: Runtime, mode: Mode) => {
    const of = (contender: string) =>
      results.get(id(version, runtime, mode, row.key, contender))!.map((m) => m[row.metric]);
    const ours = of(row.ours);
    if (row.base === undefined) return median(ours);
    const base = of(row.base);
    return median(ours.map((x, i) => x / base[i]!));
  };
  const inversions = (version: string, runtime: Runtime, mode: Mode) =>
    median(results.get(id(version, runtime, mode, "drain", "aio"))!.map((m) => m.inversions ?? 0));

  const before = options.before !== undefined;
  const lines = [
    `| target | runtime | run | ${before ? "before | after | after ÷ before" : "value"} | goal |`,
    `|:--|:--|:--|${before ? "--:|--:|--:" : "--:"}|:--|`,
  ];
  for (const row of rows) {
    for (const runtime of runtimes) {
      for (const mode of modes) {
        const after = value(row, "after", runtime, mode);
        const inv = row.key === "drain" ? `, ${inversions("after", runtime, mode)} inv.` : "";
        let cells = `${cell(row, after)}${inv}`;
        if (before) {
          const old = value(row, "before", runtime, mode);
          const oldInv = row.key === "drain" ? `, ${inversions("before", runtime, mode)} inv.` : "";
          cells = `${cell(row, old)}${oldInv} | ${cells} | ${ratio(after / old)}`;
        }
        lines.push(`| ${row.label} | ${runtime} | ${mode} | ${cells} | ${row.target} |`);
      }
    }
  }
  const nodeVersion = await output(node, ["--version"]);
  const table = lines.join("\n") +
    `\n\nMedians of ${options.rounds} rounds, every measurement in a fresh process; Deno ` +
    `${Deno.version.deno}, Node ${nodeVersion} (npm build); ${Deno.build.target}; load ` +
    `average ${Deno.loadavg().map((x) => x.toFixed(2)).join(" ")} at the end.`;
  console.log(table);

  if (options.write) {
    const block = `${BEGIN}\n${table}\n${END}`;
    const text = exists(README)
      ? Deno.readTextFileSync(README)
      : `# Benchmarks\n\nRegenerate with \`deno run -A bench/perf.ts --write\`.\n\n${BEGIN}\n${END}\n`;
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (start === -1 || end < start) {
      throw new Error(`Cannot write ${README}: "${BEGIN}" and "${END}" must be in it, in order`);
    }
    Deno.writeTextFileSync(README, text.slice(0, start) + block + text.slice(end + END.length));
    await output(Deno.execPath(), ["fmt", "--quiet", README]); // pads the table's columns
    console.error(`wrote the table into ${README}`);
  }
}

if (import.meta.main) await main();
