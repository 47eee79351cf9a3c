/**
 * `waitN` side by side with a naive JavaScript port, Python's asyncio and the floor.
 *
 *     deno task bench:compare [--quick] [--runs N] [--seed S] [--json]
 *
 * For n in {1e3, 1e4, 1e5, 1e6} (`--quick`: up to 1e5) and maxDelay in {0, 1} s, each
 * contender runs `--runs` times (default 3), every run in a fresh process, in alternation
 * (aio, naive, python, floor, aio, …) so that drift in the machine's load hits all alike:
 *
 * - `aio`: `waitN(n, maxDelay)` from this module, on real timers;
 * - `naive`: one `setTimeout` per coroutine, delays pushed in completion order;
 * - `python`: the course's `wait_n` on asyncio (`bench/py_wait_n.py`; skipped if no
 *   `python3`);
 * - `floor`: n async functions each awaiting one promise resolved directly, no timers.
 *
 * Every contender draws the same delays (`Random` is bit-exact with CPython's `random`), and
 * measures itself from just before it makes the n coroutines to the last result. Reported
 * per cell, as the median of the runs: wall time; overhead, the wall time past the longest
 * delay drawn (all of the wall time for the floor, and when maxDelay is 0); adjacent
 * order inversions of the returned list (i with d[i-1] > d[i]); peak RSS (VmHWM for Deno,
 * `ru_maxrss` for Python; the whole process, runtime included); the overhead and peak RSS
 * as ratios to the floor's; and Python's wall time divided by the contender's (how many
 * times faster).
 *
 * @module
 */

const path = (file: string) => decodeURIComponent(new URL(file, import.meta.url).pathname);
const WORKER = path("./_compare_worker.ts");
const PY_WORKER = path("./py_wait_n.py");
const KINDS = ["aio", "naive", "python", "floor"] as const;
type Kind = typeof KINDS[number];

/** What one worker prints. */
interface Run {
  wall: number;
  count: number;
  inversions: number;
  maxDelay: number;
  checksum: number;
  rssKiB: number;
}

/** The medians of one contender in one cell. */
interface Cell {
  n: number;
  maxDelay: number;
  kind: Kind;
  runs: number;
  wall: number;
  overhead: number;
  inversions: number;
  rssMiB: number;
  overheadVsFloor?: number;
  rssVsFloor?: number;
  pythonSpeedup?: number;
}

function parseArgs(args: string[]) {
  const options = { quick: false, json: false, runs: 3, seed: 0 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--quick") options.quick = true;
    else if (arg === "--json") options.json = true;
    else if (arg === "--runs" || arg === "--seed") {
      const value = Number(args[++i]);
      const min = arg === "--runs" ? 1 : 0;
      if (!Number.isInteger(value) || value < min) {
        throw new RangeError(
          `Cannot compare: "${arg}" must be an integer >= ${min}, received ${args[i]}`,
        );
      }
      options[arg === "--runs" ? "runs" : "seed"] = value;
    } else {
      throw new TypeError(
        `Cannot compare: unknown argument "${arg}" (use --quick, --runs N, --seed S, --json)`,
      );
    }
  }
  return options;
}

async function hasPython(): Promise<string | undefined> {
  try {
    const out = await new Deno.Command("python3", { args: ["--version"], stdout: "piped" })
      .output();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}

async function runOnce(kind: Kind, n: number, maxDelay: number, seed: number): Promise<Run> {
  const args = [String(n), String(maxDelay), String(seed)];
  const command = kind === "python"
    ? new Deno.Command("python3", { args: [PY_WORKER, ...args] })
    : new Deno.Command(Deno.execPath(), { args: ["run", "-A", WORKER, kind, ...args] });
  const out = await command.output();
  const text = new TextDecoder().decode(out.stdout).trim();
  if (!out.success) {
    const stderr = new TextDecoder().decode(out.stderr);
    throw new Error(`${kind} n=${n} maxDelay=${maxDelay} failed (${out.code}):\n${stderr}`);
  }
  const run = JSON.parse(text) as Run;
  if (run.count !== n) throw new Error(`${kind} n=${n} returned ${run.count} delays`);
  return run;
}

export function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid];
  if (upper === undefined) throw new RangeError("Cannot take the median of no values");
  return sorted.length % 2 ? upper : (sorted[mid - 1]! + upper) / 2;
}

const fixed = (digits: number) => (x: number | undefined) =>
  x === undefined ? "–" : x.toFixed(digits);
export const ratio = (x: number | undefined): string =>
  x === undefined ? "–" : x < 0 ? "< 0" : `${x.toFixed(2)}×`;

function table(cells: Cell[]): string {
  const rows = [
    "| n | maxDelay | contender | wall (s) | overhead (s) | inversions | peak RSS (MiB) | overhead ÷ floor | RSS ÷ floor | Python wall ÷ wall |",
    "|--:|--:|:--|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const c of cells) {
    rows.push(
      `| ${c.n.toExponential(0).replace("+", "")} | ${c.maxDelay} | ${c.kind} | ` +
        `${fixed(3)(c.wall)} | ${fixed(3)(c.overhead)} | ` +
        `${c.kind === "floor" ? "n/a" : c.inversions} | ${fixed(0)(c.rssMiB)} | ` +
        `${ratio(c.overheadVsFloor)} | ${ratio(c.rssVsFloor)} | ${ratio(c.pythonSpeedup)} |`,
    );
  }
  return rows.join("\n");
}

async function main(): Promise<void> {
  const options = parseArgs(Deno.args);
  const ns = options.quick ? [1e3, 1e4, 1e5] : [1e3, 1e4, 1e5, 1e6];
  const python = await hasPython();
  const kinds = KINDS.filter((k) => k !== "python" || python !== undefined);
  const log = (line: string) => console.error(line);
  if (python === undefined) log("note: python3 not found, the Python column is skipped");

  // Warm the module cache so that no measured run pays for transpiling.
  await runOnce("aio", 1, 0, options.seed);

  const cells: Cell[] = [];
  const checksums = new Map<string, number>();
  for (const n of ns) {
    for (const maxDelay of [0, 1]) {
      const runs = new Map<Kind, Run[]>(kinds.map((k) => [k, []]));
      for (let r = 0; r < options.runs; r++) {
        for (const kind of kinds) {
          const run = await runOnce(kind, n, maxDelay, options.seed);
          runs.get(kind)!.push(run);
          log(`n=${n} maxDelay=${maxDelay} ${kind} #${r + 1}: wall ${run.wall.toFixed(3)} s`);
          const key = `${n}/${maxDelay}`;
          const sum = checksums.get(key) ?? run.checksum;
          checksums.set(key, sum);
          if (Math.abs(sum - run.checksum) > 1e-6 * Math.max(1, sum)) {
            log(`warning: ${kind} drew other delays (checksum ${run.checksum} != ${sum})`);
          }
        }
      }
      const medians = kinds.map((kind): Cell => {
        const rs = runs.get(kind)!;
        return {
          n,
          maxDelay,
          kind,
          runs: rs.length,
          wall: median(rs.map((x) => x.wall)),
          // The floor sleeps not at all: all of its wall time is overhead.
          overhead: median(rs.map((x) => x.wall - (kind === "floor" ? 0 : x.maxDelay))),
          inversions: median(rs.map((x) => x.inversions)),
          rssMiB: median(rs.map((x) => x.rssKiB)) / 1024,
        };
      });
      const floor = medians.find((c) => c.kind === "floor")!;
      const py = medians.find((c) => c.kind === "python");
      for (const c of medians) {
        if (c.kind !== "floor") {
          c.overheadVsFloor = c.overhead / floor.overhead;
          c.rssVsFloor = c.rssMiB / floor.rssMiB;
        }
        // The floor does not sleep: its wall time compares with Python's only at maxDelay 0.
        const comparable = c.kind !== "python" && (c.kind !== "floor" || maxDelay === 0);
        if (py !== undefined && comparable) c.pythonSpeedup = py.wall / c.wall;
      }
      cells.push(...medians);
    }
  }

  if (options.json) {
    console.log(JSON.stringify({ deno: Deno.version.deno, python, runs: options.runs, cells }));
  } else {
    console.log(table(cells));
    console.log(
      `\nMedians of ${options.runs} runs, each in a fresh process; Deno ${Deno.version.deno}` +
        `${python ? `, ${python}` : ""}. overhead = wall time past the longest delay drawn.`,
    );
  }
}

if (import.meta.main) await main();
