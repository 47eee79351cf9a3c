/**
 * Instructions per call, counted by valgrind (callgrind), for the comparisons that the
 * machine's noise hides in wall time (a 10 % difference between two runs of the same code
 * is common on a shared machine; instruction counts repeat within about 1 %):
 *
 *     deno task build:npm && deno run -A bench/instructions.ts [--node PATH] [--lib DIR]
 *
 * Each workload of `bench/node/rounds.mjs` runs under `node --single-threaded` once with 1
 * round and once with 4; (I(4) - I(1)) / 3 is one call's count without the process start.
 * Needs valgrind (`apt-get install valgrind`) and, for the Semaphore row, p-limit
 * (`cd bench/node && npm ci`); takes a few minutes. `--lib DIR` measures
 * another checkout's npm build (default: this one's).
 *
 * @module
 */
const path = (file: string) => decodeURIComponent(new URL(file, import.meta.url).pathname);
const ROUNDS = path("./node/rounds.mjs");

function option(name: string, fallback: string): string {
  const i = Deno.args.indexOf(name);
  if (i === -1) return fallback;
  const value = Deno.args[i + 1];
  if (value === undefined) {
    throw new TypeError(`Cannot count: "${name}" must be followed by a value`);
  }
  return value;
}

const tools = path("../.tools/node_modules/node24/bin/node");
const node = option(
  "--node",
  (() => {
    try {
      Deno.statSync(tools);
      return tools;
    } catch {
      return "node";
    }
  })(),
);
const lib = `${option("--lib", path("../")).replace(/\/$/, "")}/npm/esm/mod.js`;

/** Instructions of one process running `mode` `rounds` times. */
async function count(mode: string, rounds: number): Promise<number> {
  const out = await new Deno.Command("valgrind", {
    args: [
      "--tool=callgrind",
      "--callgrind-out-file=/dev/null",
      node,
      "--single-threaded",
      ROUNDS,
      lib,
      mode,
      String(rounds),
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stderr);
  const match = /Collected : (\d+)/.exec(text);
  if (!out.success || match === null) throw new Error(`valgrind failed on ${mode}:\n${text}`);
  return Number(match[1]);
}

const perCall = async (mode: string) => ((await count(mode, 4)) - (await count(mode, 1))) / 3;

const rows: [string, string, string][] = [
  ["`waitN(1e5, 0)` in a Task ÷ at top level", "task", "top"],
  ["`Promise.all` of 1e5 Tasks ÷ plain promises", "tasks", "plain"],
  ["the same with the ambient scope off", "tasksOff", "plain"],
  ["1e5 promises each wrapped in one of its own ÷ plain", "wrapped", "plain"],
  ["1e5 `Semaphore.hold()`-limited jobs ÷ p-limit", "semaphore", "pLimit"],
];
const counted = new Map<string, number>();
const of = async (mode: string) => {
  if (!counted.has(mode)) counted.set(mode, await perCall(mode));
  return counted.get(mode)!;
};
const mi = (x: number) => `${(x / 1e6).toFixed(0)} Mi`;
console.log(`| comparison | ours | base | ratio |\n|:--|--:|--:|--:|`);
for (const [label, ours, base] of rows) {
  const a = await of(ours), b = await of(base);
  console.log(`| ${label} | ${mi(a)} | ${mi(b)} | ${(a / b).toFixed(2)}× |`);
}
const version = new TextDecoder().decode(
  (await new Deno.Command(node, { args: ["--version"], stdout: "piped" }).output()).stdout,
).trim();
console.log(
  `\nInstructions per call (valgrind callgrind), Node ${version} --single-threaded, ${lib}.`,
);
