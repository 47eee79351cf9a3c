/**
 * Throughput of `Random.random()` (CPython-exact MT19937) against `Math.random()`, 1e6 calls
 * per iteration, plus `randint(1, 6)` on the same generator. Run:
 * `deno bench bench/random_bench.ts`.
 */
import { Random } from "../src/random.ts";

const CALLS = 1_000_000;
const rng = new Random(42);

/** Keep the sum alive so the calls cannot be optimised away. */
function use(sum: number): void {
  if (Number.isNaN(sum)) throw new Error("unreachable");
}

Deno.bench("Math.random() x 1e6", { group: "random", baseline: true }, () => {
  let sum = 0;
  for (let i = 0; i < CALLS; i++) sum += Math.random();
  use(sum);
});

Deno.bench("Random.random() x 1e6", { group: "random" }, () => {
  let sum = 0;
  for (let i = 0; i < CALLS; i++) sum += rng.random();
  use(sum);
});

Deno.bench("Random.randint(1, 6) x 1e6", { group: "random" }, () => {
  let sum = 0;
  for (let i = 0; i < CALLS; i++) sum += rng.randint(1, 6);
  use(sum);
});
