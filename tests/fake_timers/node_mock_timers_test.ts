/**
 * `node:test`'s `mock.timers` with `apis: ["setTimeout", "Date"]` (performance.now stays
 * real). It runs under Node only, on the npm build: Deno's `node:test` has no mock timers.
 */
import { mock } from "node:test";
import {
  type Driver,
  flush,
  isolation,
  measureTimeExact,
  randomSleeps,
  sameInstant,
} from "./_harness.ts";

const ignore = "Deno" in globalThis ||
  // deno-lint-ignore no-explicit-any
  typeof (mock as any)?.timers?.enable !== "function";

function mockTimers(): Driver {
  return {
    install: () => mock.timers.enable({ apis: ["setTimeout", "Date"] }),
    tick: (ms) => mock.timers.tick(ms),
    tickAsync: async (ms) => {
      await flush();
      mock.timers.tick(ms);
    },
    pending: () => 0, // mock.timers has no count; the loop's own count is asserted
    uninstall: () => mock.timers.reset(),
  };
}

const cases: [string, () => Promise<unknown>][] = [
  [
    "2000 sleeps of up to 50 s all fire in order on one tick",
    () => randomSleeps(mockTimers(), { n: 2000, maxMs: 50_000 }),
  ],
  [
    "10 000 sleeps of up to 50 s all fire in order on one tick",
    () => randomSleeps(mockTimers(), { n: 10_000, maxMs: 50_000, seed: 3 }),
  ],
  [
    "1000 sleeps within 20 ms all fire in order on one tick",
    () => randomSleeps(mockTimers(), { n: 1000, maxMs: 20, seed: 5 }),
  ],
  [
    "1000 sleeps within 20 ms fire in order in 1 ms steps",
    () => randomSleeps(mockTimers(), { n: 1000, maxMs: 20, seed: 7, step: 1 }),
  ],
  [
    "1000 sleeps of up to 10 s fire in order in 100 ms steps",
    () => randomSleeps(mockTimers(), { n: 1000, maxMs: 10_000, seed: 9, step: 100 }),
  ],
  [
    "measureTime(1000, 50) is the longest delay over n",
    () => measureTimeExact(mockTimers(), 1000, 50),
  ],
  ["two sleeps started at one fake instant end on one tick", () => sameInstant(mockTimers())],
  ["leftover sleeps do not poison the next test", () => isolation(mockTimers())],
];

for (const [name, fn] of cases) {
  Deno.test({ name: `node:test mock.timers: ${name}`, ignore, fn: async () => void await fn() });
}
