/**
 * Loop schedule-and-drain: n zero-second sleeps started in one synchronous loop and awaited,
 * against the floor (n async functions each awaiting one promise resolved directly), and
 * sleep-and-cancel churn. Run: `deno bench bench/loop_bench.ts`.
 */
import { sleep } from "../src/sleep.ts";

const N = 100_000;

Deno.bench("floor: n async functions awaiting a resolved promise", {
  group: "schedule-and-drain 1e5",
  baseline: true,
}, async () => {
  const resolvers: (() => void)[] = [];
  const all = Array.from({ length: N }, async () => {
    await new Promise<void>((resolve) => resolvers.push(resolve));
  });
  for (const resolve of resolvers) resolve();
  await Promise.all(all);
});

Deno.bench("loop: n async functions awaiting sleep(0)", {
  group: "schedule-and-drain 1e5",
}, async () => {
  const all = Array.from({ length: N }, async () => {
    await sleep(0);
  });
  await Promise.all(all);
});

Deno.bench("loop: n sleeps with distinct deadlines, all cancelled", {
  group: "sleep and cancel churn 1e5",
}, async () => {
  const controller = new AbortController();
  const all = Array.from({ length: N }, (_, i) => sleep(1 + i / N, { signal: controller.signal }));
  const settled = Promise.allSettled(all);
  controller.abort();
  await settled;
});
