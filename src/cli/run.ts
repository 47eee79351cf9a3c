/**
 * Runs one course command the way the CLI shows it: seeded, on real or virtual time,
 * printed as Python prints it, as JSON, or drawn as a timeline (live on a terminal).
 *
 * @module
 */
import { CancelledError, loopTime, random, sleep, VirtualClock } from "../../mod.ts";
import type { Command } from "./commands.ts";
import type { CliIO } from "./io.ts";
import { LiveScreen } from "./live_screen.ts";
import { pyRepr } from "./py_repr.ts";
import { type Draw, recordDraws } from "./record.ts";
import { renderTimeline } from "./render_timeline.ts";
import { buildTimeline } from "./timeline.ts";

/** How {@linkcode runCommand} runs and prints. */
export interface RunOptions {
  /** The seed for `random.seed`, or `undefined` to leave `random` as it is. */
  readonly seed: bigint | undefined;
  /** Run on a `VirtualClock` with autojump: instant, exact times. */
  readonly virtual: boolean;
  /** Draw the run as a timeline before the result. */
  readonly timeline: boolean;
  /** Print one JSON object instead (with the timeline's rows if `timeline`). */
  readonly json: boolean;
  /** Redraw the timeline in place while the run goes on (a terminal). */
  readonly live: boolean;
  /** The width to draw in, in columns. */
  readonly width: number;
  /** Whether to colour the timeline. */
  readonly color: boolean;
  /** Seconds of loop time between two live frames (default 0.05). */
  readonly frameInterval?: number | undefined;
}

/**
 * Runs `command` with `nums` and prints what it returns as Python's `print()` would, so
 * with a seed the output equals the Python course's byte for byte. With `timeline`, the
 * random numbers the run draws are recorded and the picture built from them is printed
 * first (redrawn in place while it runs when `live`); it is checked against the result.
 * With `json`, one line of JSON: `{"command", "args", "seed", "virtual", "result",
 * "elapsed"}`, plus `"timeline"` (its rows).
 *
 * @param command The command to run.
 * @param nums Its checked arguments.
 * @param options Seed, time, output.
 * @param io Where to print.
 * @returns A promise that resolves once everything is printed.
 * @throws {Error} If `virtual` and another `VirtualClock` is installed, or if the
 * timeline does not match the result (a bug).
 *
 * @example Python's output, on virtual time
 * ```ts
 * import { COMMANDS } from "./commands.ts";
 * import { runCommand } from "./run.ts";
 * import assert from "node:assert/strict";
 *
 * let out = "";
 * const io = { write: (t: string) => void (out += t), error() {}, isTTY: false, noColor: true };
 * const waitN = COMMANDS.find((c) => c.name === "wait_n")!;
 * const options = { seed: 0n, virtual: true, timeline: false, json: false, live: false };
 * await runCommand(waitN, [2, 1], { ...options, width: 80, color: false }, io);
 * assert.equal(out, "[0.7579544029403025, 0.8444218515250481]\n");
 * ```
 */
export async function runCommand(
  command: Command,
  nums: readonly number[],
  options: RunOptions,
  io: CliIO,
): Promise<void> {
  if (options.seed !== undefined) random.seed(options.seed);
  const clock = options.virtual ? VirtualClock.install({ autojump: true }) : undefined;
  const draws: Draw[] = [];
  const stopRecording = options.timeline ? recordDraws(random, draws) : () => {};
  const screen = options.live && options.timeline ? new LiveScreen(io) : undefined;
  try {
    const origin = loopTime();
    const timeline = (now: number, observed?: readonly number[] | null, maxRows?: number) =>
      buildTimeline({
        picture: command.picture,
        title: title(command, nums, options),
        draws,
        origin,
        now,
        observed,
        maxRows,
      });
    const draw = (now: number, observed?: readonly number[] | null) =>
      renderTimeline(timeline(now, observed), options);
    const work = command.run(nums);
    const result = screen === undefined ? await work : await drawWhile(
      work,
      () => screen.draw(draw(loopTime())),
      options.frameInterval ?? 0.05,
    );
    const end = loopTime();
    stopRecording();
    const observed = command.observed(result) ?? null;
    if (options.json) {
      const rows = options.timeline ? timeline(end, observed, Infinity).rows : undefined;
      io.write(json(command, nums, options, result, end - origin, rows) + "\n");
      return;
    }
    if (options.timeline) {
      const picture = draw(end, observed);
      if (screen === undefined) io.write(picture);
      else {
        screen.draw(picture);
        screen.close();
      }
    }
    io.write(pyRepr(result) + "\n");
  } finally {
    stopRecording();
    screen?.close();
    clock?.uninstall();
  }
}

/** Awaits `work`, calling `frame` now and every `interval` seconds of loop time meanwhile. */
async function drawWhile<T>(work: Promise<T>, frame: () => void, interval: number): Promise<T> {
  const stop = new AbortController();
  const ticking = (async () => {
    while (!stop.signal.aborted) {
      frame();
      try {
        await sleep(interval, { signal: stop.signal });
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
      }
    }
  })();
  try {
    return await work;
  } finally {
    stop.abort();
    await ticking;
  }
}

function title(command: Command, nums: readonly number[], options: RunOptions): string {
  const seed = options.seed === undefined ? "" : ` · seed ${options.seed}`;
  const time = options.virtual ? "virtual time" : "real time";
  return `${command.name}(${nums.join(", ")})${seed} · ${time}`;
}

function json(
  command: Command,
  nums: readonly number[],
  options: RunOptions,
  result: unknown,
  elapsed: number,
  timeline: unknown,
): string {
  const fields: [string, string][] = [
    ["command", JSON.stringify(command.name)],
    ["args", JSON.stringify(nums)],
    ["seed", options.seed === undefined ? "null" : String(options.seed)], // any size, as Python
    ["virtual", String(options.virtual)],
    ["result", JSON.stringify(result)],
    ["elapsed", JSON.stringify(elapsed)],
  ];
  if (timeline !== undefined) fields.push(["timeline", JSON.stringify(timeline)]);
  return `{${fields.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;
}
