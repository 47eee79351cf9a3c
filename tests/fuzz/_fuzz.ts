/**
 * The seeded fuzz harness (not part of the module): each fuzz test runs one scenario per
 * seed, driven by the module's CPython-exact `Random` seeded with that seed, on a fresh
 * `VirtualClock`.
 *
 * - `FUZZ_SEEDS=N` runs seeds 1…N (default: each test's own count, sized so the whole fuzz
 *   suite takes about 10 s on Deno on the development machine);
 * - `FUZZ_SEED=S` replays seed S alone (a failure prints the command).
 *
 * A longer run is one command away:
 *
 * ```sh
 * FUZZ_SEEDS=100000 deno test --allow-read --allow-env tests/fuzz/
 * ```
 *
 * @module
 */
import { Random, sleep, type Task, VirtualClock } from "../../mod.ts";

interface Host {
  Deno?: { env?: { get(name: string): string | undefined } };
  process?: { env?: Record<string, string | undefined> };
}

/**
 * Reads an environment variable on any runtime: `Deno.env` (needs `--allow-env`; without it,
 * or without `Deno`, the variable counts as unset), else Node's and Bun's `process.env`.
 */
export function env(name: string): string | undefined {
  const host = globalThis as unknown as Host;
  try {
    const fromDeno = host.Deno?.env?.get(name);
    if (fromDeno !== undefined) return fromDeno;
  } catch {
    // No permission to read the environment: unset.
  }
  return host.process?.env?.[name];
}

/** An environment variable as an integer >= `min`, or `undefined` when unset. */
function envInt(name: string, min: number): number | undefined {
  const text = env(name);
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, received ${JSON.stringify(text)}`);
  }
  return n;
}

/** The seeds to run: `FUZZ_SEED` alone, else 1…`FUZZ_SEEDS` (default `defaultCount`). */
export function seeds(defaultCount: number): number[] {
  const one = envInt("FUZZ_SEED", 0);
  if (one !== undefined) return [one];
  const count = envInt("FUZZ_SEEDS", 1) ?? defaultCount;
  return Array.from({ length: count }, (_, i) => i + 1);
}

/** What a scenario gets: its random source, its clock, and helpers to drive them. */
export interface Run {
  seed: number;
  rng: Random;
  clock: VirtualClock;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One of `items`. */
  pick<T>(items: readonly T[]): T;
  /**
   * Lets promise jobs run: 1–7 microtask turns (75%: woken waiters are sometimes still on
   * their way, the windows where "handed over, then cancelled" happens), or a macrotask turn.
   */
  step(): Promise<void>;
  /**
   * Whether the next operation comes in the same synchronous run (40%), with no `await` in
   * between: `if (!run.burst()) await run.step();` (even `await undefined` lets jobs run).
   */
  burst(): boolean;
  /** Runs everything that is ready and every timer, until nothing is left. */
  settle(): Promise<void>;
  /**
   * Watches a task of the scenario: if it fails (an assertion inside it, say), the failure is
   * collected, and the next `step()` or `settle()` throws it, instead of an unhandled rejection.
   */
  watch<T>(task: Task<T>): Task<T>;
  /** Logs a line when `FUZZ_TRACE` is set (to follow a replayed seed). */
  trace(line: string): void;
}

/**
 * Registers `Deno.test("fuzz: <name>")`, which runs `scenario` once per seed. A failure
 * names its seed and the command that replays it.
 */
export function fuzz(
  name: string,
  defaultCount: number,
  scenario: (run: Run) => Promise<void>,
  { ignore = false }: { ignore?: boolean } = {},
): void {
  const testName = `fuzz: ${name}`;
  Deno.test({ name: testName, ignore }, async () => {
    const list = seeds(defaultCount);
    const tracing = env("FUZZ_TRACE") !== undefined;
    const start = performance.now();
    for (const seed of list) {
      const rng = new Random(seed);
      const clock = VirtualClock.install();
      const int = (n: number) => Math.floor(rng.random() * n);
      const failures: unknown[] = [];
      const check = () => {
        if (failures.length > 0) throw failures[0];
      };
      const run: Run = {
        seed,
        rng,
        clock,
        int,
        chance: (p) => rng.random() < p,
        pick: (items) => items[int(items.length)]!,
        step: async () => {
          if (rng.random() < 0.25) await clock.advance(0);
          else for (let i = int(7); i > 0; i--) await null;
          check();
        },
        burst: () => rng.random() < 0.4,
        settle: async () => {
          await clock.runAll();
          check();
        },
        trace: (line) => {
          if (tracing) console.log(`[seed=${seed} t=${clock.now}] ${line}`);
        },
        watch: (task) => {
          task.then(undefined, (error) => {
            if (!task.cancelled()) failures.push(error);
          });
          return task;
        },
      };
      try {
        await scenario(run);
        check();
      } catch (error) {
        const replay = `FUZZ_SEED=${seed} deno test --allow-read --allow-env ` +
          `tests/fuzz/ --filter "${testName}"`;
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${testName}: seed=${seed} failed: ${message}\n  replay: ${replay}`, {
          cause: error,
        });
      } finally {
        clock.uninstall();
      }
    }
    const seconds = (performance.now() - start) / 1000;
    if (env("FUZZ_REPORT") !== undefined) {
      console.log(`${testName}: ${list.length} seeds in ${seconds.toFixed(2)} s`);
    }
  });
}

/** Sleeps a random virtual time (0, or 0.1–1 s in steps of 0.1), on `signal`. */
export function nap(run: Run, signal?: AbortSignal): Promise<void> {
  const s = run.chance(0.3) ? 0 : (1 + run.int(10)) / 10;
  return sleep(s, signal === undefined ? undefined : { signal });
}
