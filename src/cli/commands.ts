/**
 * The CLI's commands: one per main of the Python course, with its arguments and how to
 * run it.
 *
 * @module
 */
import {
  asyncComprehension,
  asyncGenerator,
  measureRuntime,
  measureTime,
  taskWaitN,
  taskWaitRandom,
  waitN,
  waitRandom,
} from "../../mod.ts";
import { MAX_N } from "../course/_limits.ts";

/** One positional argument of a command. */
export interface Param {
  /** Its name in usage lines and messages: `N`, `MAX`. */
  readonly name: string;
  /** `count`: an integer from `min` to `max`; `seconds`: a finite number >= 0. */
  readonly kind: "count" | "seconds";
  /** The smallest count allowed (counts only). */
  readonly min?: number | undefined;
  /** The largest count allowed (counts only). */
  readonly max?: number | undefined;
}

/** Which timeline picture a command draws: see `buildTimeline`. */
export type Picture = "waits" | "numbers" | "runtime";

/** One CLI command: a main of the Python course. */
export interface Command {
  /** The Python function's name, which is the command's name: `wait_n`. */
  readonly name: string;
  /** Its positional arguments, in order. */
  readonly params: readonly Param[];
  /** How many of `params` must be given (the rest are optional). */
  readonly required: number;
  /** One line for `--help`: what it does. */
  readonly summary: string;
  /** The timeline picture it draws. */
  readonly picture: Picture;
  /**
   * Runs the course function with the parsed arguments and returns its result; `signal`
   * cancels its waits (the playground's Cancel button: browsers have no ambient scope).
   */
  run(nums: readonly number[], options?: RunSignal): Promise<number | number[]>;
  /**
   * The numbers a timeline of the run must show, in the order the result reports them:
   * the delays in completion order for waits, the numbers in yield order for a generator;
   * `undefined` when the result holds no such numbers.
   */
  observed(result: number | number[]): readonly number[] | undefined;
}

/** The options {@linkcode Command.run} passes on to the course function. */
export interface RunSignal {
  /** Cancels the run's waits. */
  signal?: AbortSignal | undefined;
}

const N = { name: "N", kind: "count", min: 0, max: MAX_N } as const;
const MAX = { name: "MAX", kind: "seconds" } as const;
const list = (result: number | number[]) => result as number[];
const single = (result: number | number[]) => [result as number];
const none = () => undefined;

/** The `i`-th parsed number of a command's required parameters (`parseArgs` checks them). */
function nth(nums: readonly number[], i: number): number {
  const num = nums[i];
  if (num === undefined) throw new TypeError(`Cannot run: argument ${i + 1} is missing`);
  return num;
}

/**
 * The commands, in the order `--help` lists them. Each runs the course function the way
 * Python's `course.py` does, so that `--seed` gives Python's result.
 *
 * @example Run a command
 * ```ts
 * import { COMMANDS } from "./commands.ts";
 * import { random, VirtualClock } from "../../mod.ts";
 * import assert from "node:assert/strict";
 *
 * const waitN = COMMANDS.find((c) => c.name === "wait_n")!;
 * assert.deepEqual(waitN.params.map((p) => p.name), ["N", "MAX"]);
 * using _clock = VirtualClock.install({ autojump: true });
 * random.seed(0);
 * assert.deepEqual(await waitN.run([2, 1]), [0.7579544029403025, 0.8444218515250481]);
 * ```
 */
export const COMMANDS: readonly Command[] = [
  {
    name: "wait_random",
    params: [MAX],
    required: 0,
    summary: "wait a random delay of up to MAX s (default 10) and print it",
    picture: "waits",
    run: ([max], options) => waitRandom(max, options),
    observed: single,
  },
  {
    name: "wait_n",
    params: [N, MAX],
    required: 2,
    summary: "N wait_random(MAX) at once; the delays in the order they finish",
    picture: "waits",
    run: (nums, options) => waitN(nth(nums, 0), nth(nums, 1), options),
    observed: list,
  },
  {
    name: "measure_time",
    params: [{ ...N, min: 1 }, MAX],
    required: 2,
    summary: "the time wait_n(N, MAX) takes, divided by N",
    picture: "waits",
    run: (nums, options) => measureTime(nth(nums, 0), nth(nums, 1), options),
    observed: none,
  },
  {
    name: "task_wait_random",
    params: [MAX],
    required: 1,
    summary: "wait_random(MAX) as a Task",
    picture: "waits",
    run: async (nums, options) => await taskWaitRandom(nth(nums, 0), options),
    observed: single,
  },
  {
    name: "task_wait_n",
    params: [N, MAX],
    required: 2,
    summary: "wait_n with Tasks from task_wait_random",
    picture: "waits",
    run: (nums, options) => taskWaitN(nth(nums, 0), nth(nums, 1), options),
    observed: list,
  },
  {
    name: "async_generator",
    params: [],
    required: 0,
    summary: "ten random numbers, one a second, from an async generator",
    picture: "numbers",
    run: async (_, options) => {
      const numbers: number[] = [];
      for await (const x of asyncGenerator(options)) numbers.push(x);
      return numbers;
    },
    observed: list,
  },
  {
    name: "async_comprehension",
    params: [],
    required: 0,
    summary: "the generator's ten numbers, collected in a list",
    picture: "numbers",
    run: (_, options) => asyncComprehension(options),
    observed: list,
  },
  {
    name: "measure_runtime",
    params: [],
    required: 0,
    summary: "four async_comprehension at once with gather: 10 s, not 40",
    picture: "runtime",
    run: (_, options) => measureRuntime(options),
    observed: none,
  },
];
