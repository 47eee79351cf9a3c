/**
 * Throughput of the synchronisation primitives: Lock and Semaphore acquire/release, free
 * and contended, and Queue put/get, each against the floor of the same number of plain
 * `await`s. Run: `deno bench bench/sync_bench.ts`.
 */
import { Lock, Queue, Semaphore } from "../mod.ts";

const N = 10_000; // operations per bench
const TASKS = 100; // concurrent tasks in the contended benches

/** Runs `TASKS` async functions of `N / TASKS` steps each, concurrently. */
function inTasks(step: () => Promise<void>): Promise<void[]> {
  return Promise.all(Array.from({ length: TASKS }, async () => {
    for (let i = 0; i < N / TASKS; i++) await step();
  }));
}

// -- Lock and Semaphore ----------------------------------------------------------------

Deno.bench("floor: 1e4 awaits of a resolved promise", {
  group: "acquire-release 1e4, free",
  baseline: true,
}, async () => {
  for (let i = 0; i < N; i++) await Promise.resolve(true);
});

Deno.bench("Lock: acquire, release (never waits)", {
  group: "acquire-release 1e4, free",
}, async () => {
  const lock = new Lock();
  for (let i = 0; i < N; i++) {
    await lock.acquire();
    lock.release();
  }
});

Deno.bench("Semaphore(1): acquire, release (never waits)", {
  group: "acquire-release 1e4, free",
}, async () => {
  const sem = new Semaphore(1);
  for (let i = 0; i < N; i++) {
    await sem.acquire();
    sem.release();
  }
});

Deno.bench("floor: 100 tasks, each 100 awaits and a yield", {
  group: "acquire-release 1e4, 100 tasks contending",
  baseline: true,
}, async () => {
  await inTasks(async () => {
    await Promise.resolve(true);
    await Promise.resolve(); // where the contended ones yield while holding
  });
});

Deno.bench("Lock: 100 tasks, each 100 acquire, yield, release", {
  group: "acquire-release 1e4, 100 tasks contending",
}, async () => {
  const lock = new Lock();
  await inTasks(async () => {
    await lock.acquire();
    await Promise.resolve(); // hold it across a yield, so that the others queue up
    lock.release();
  });
});

Deno.bench("Semaphore(10): 100 tasks, each 100 acquire, yield, release", {
  group: "acquire-release 1e4, 100 tasks contending",
}, async () => {
  const sem = new Semaphore(10);
  await inTasks(async () => {
    await sem.acquire();
    await Promise.resolve();
    sem.release();
  });
});

// -- Queue -----------------------------------------------------------------------------

Deno.bench("floor: 1e4 items through an array, awaiting each put and get", {
  group: "queue 1e4 items",
  baseline: true,
}, async () => {
  const items: number[] = [];
  for (let i = 0; i < N; i++) {
    await Promise.resolve(items.push(i));
    await Promise.resolve(items.shift());
  }
});

Deno.bench("Queue(): put then get, one task", {
  group: "queue 1e4 items",
}, async () => {
  const queue = new Queue<number>();
  for (let i = 0; i < N; i++) {
    await queue.put(i);
    await queue.get();
  }
});

Deno.bench("Queue(): 1 producer, 1 consumer", {
  group: "queue 1e4 items",
}, async () => {
  const queue = new Queue<number>();
  const consumer = (async () => {
    for (let i = 0; i < N; i++) await queue.get();
  })();
  for (let i = 0; i < N; i++) await queue.put(i);
  await consumer;
});

Deno.bench("Queue(1): 1 producer, 1 consumer (every put waits)", {
  group: "queue 1e4 items",
}, async () => {
  const queue = new Queue<number>(1);
  const consumer = (async () => {
    for (let i = 0; i < N; i++) await queue.get();
  })();
  for (let i = 0; i < N; i++) await queue.put(i);
  await consumer;
});

Deno.bench("Queue(100): 10 producers, 10 consumers", {
  group: "queue 1e4 items",
}, async () => {
  const queue = new Queue<number>(100);
  const side = (work: () => Promise<unknown>) =>
    Array.from({ length: 10 }, async () => {
      for (let i = 0; i < N / 10; i++) await work();
    });
  await Promise.all([...side(() => queue.get()), ...side(() => queue.put(0))]);
});
