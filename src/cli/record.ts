/**
 * Watches the random numbers a course function draws, so a timeline shows the function's
 * own numbers: nothing is re-computed or guessed.
 *
 * @module
 */
import { loopTime, type Random } from "../../mod.ts";

/** One number drawn with `uniform`, and when. */
export interface Draw {
  /** The loop time of the draw ({@linkcode loopTime}), in seconds. */
  readonly time: number;
  /** The number drawn. */
  readonly value: number;
}

/**
 * Records every `rng.uniform()` call, with the loop time it happened at, into `draws`,
 * until the returned function is called. The course draws all its random numbers with
 * `random.uniform`: `waitRandom` draws its delay just before it sleeps (in the same
 * synchronous turn, so the sleep ends at `time + value` exactly), the generator draws each
 * number just after its one-second sleep. The numbers are untouched: each call goes on to
 * the method it replaced.
 *
 * @param rng The generator to watch (the CLI watches the default `random`).
 * @param draws Where to append the draws.
 * @returns A function that stops recording and puts `rng.uniform` back (once; later calls
 * do nothing).
 *
 * @example Record two draws
 * ```ts
 * import { type Draw, recordDraws } from "./record.ts";
 * import { Random, sleep, VirtualClock } from "../../mod.ts";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const rng = new Random(0);
 * const draws: Draw[] = [];
 * const stop = recordDraws(rng, draws);
 * const first = rng.uniform(0, 10);
 * await sleep(1);
 * rng.uniform(0, 1);
 * stop();
 * rng.uniform(0, 1);
 * assert.deepEqual(draws.map((d) => d.time), [0, 1]);
 * assert.equal(draws[0]?.value, first);
 * assert.equal(first, new Random(0).uniform(0, 10));
 * ```
 */
export function recordDraws(rng: Random, draws: Draw[]): () => void {
  const own = Object.getOwnPropertyDescriptor(rng, "uniform");
  const uniform = rng.uniform;
  rng.uniform = (a, b) => {
    const value = uniform.call(rng, a, b);
    draws.push({ time: loopTime(), value });
    return value;
  };
  let recording = true;
  return () => {
    if (!recording) return;
    recording = false;
    if (own === undefined) delete (rng as { uniform?: unknown }).uniform;
    else Object.defineProperty(rng, "uniform", own);
  };
}
