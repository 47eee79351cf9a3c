/**
 * `WorkerPool`: CPU-bound work on worker threads, like asyncio's `to_thread` and
 * `run_in_executor(ProcessPoolExecutor(), …)`, with this module's cancellation.
 *
 * How it works, in brief. A pool has `size` slots. A worker is started the first time a
 * job needs one (so an idle pool costs nothing) and then kept for later jobs. `run()`
 * takes an idle worker or, with every slot busy, joins a first-in, first-out line
 * (`Waiters`, as every other wait of this module). A worker that finishes a job is
 * handed to the first waiter by resolving its promise, never by calling the next job
 * from the finishing one's callback: each job then goes on in the async context of its
 * own `run()` call, and no context leaks from one job to the next (p-limit's rule).
 *
 * Cancelling a running job terminates its worker (JavaScript cannot stop a thread in any
 * gentler way) and starts a replacement if a job is waiting; a queued job just leaves the
 * line. A worker that dies (it exited, an error escaped, its module failed to load) takes
 * its job down with a clear error and is replaced the same way, so the pool stays usable.
 *
 * @module
 */
import { cancelledError, onAbort } from "./_abort.ts";
import { signalOf } from "./_options.ts";
import { checkBoolean, checkInteger, describe } from "./_validate.ts";
import { Waiters } from "./_waiters.ts";
import { type PostedError, reviveError } from "./_worker_error.ts";
import { hostKind, type HostWorker, spawnWorker } from "./_worker_host.ts";
import type { WorkerHostKind } from "./_worker_entry.ts";
import { CancelledError, InvalidStateError } from "./errors.ts";

/**
 * Options for the {@linkcode WorkerPool} constructor.
 *
 * @category Workers
 */
export interface WorkerPoolOptions {
  /**
   * How many workers may run at once: an integer >= 1. Default: the host's
   * `navigator.hardwareConcurrency`, else Node's `os.availableParallelism()`, else 1.
   */
  workers?: number | undefined;
}

/**
 * Options for {@linkcode WorkerPool.run}.
 *
 * @category Workers
 */
export interface WorkerRunOptions {
  /**
   * Aborting it cancels the job: a queued job leaves the line, a running one has its
   * worker terminated; the promise rejects with `CancelledError`.
   */
  signal?: AbortSignal | undefined;
}

/**
 * Options for {@linkcode WorkerPool.close}.
 *
 * @category Workers
 */
export interface WorkerPoolCloseOptions {
  /**
   * `true`: terminate the running jobs too (they reject with `CancelledError`) instead of
   * waiting for them. Default `false`.
   */
  force?: boolean | undefined;
}

/**
 * The names of the functions module type `M` exports: what {@linkcode WorkerPool.run} takes.
 *
 * @category Workers
 */
export type JobName<M> =
  & {
    // deno-lint-ignore no-explicit-any
    [K in keyof M]: M[K] extends (...args: any[]) => unknown ? K : never;
  }[keyof M]
  & string;

/**
 * The arguments of export `K` of module type `M`.
 *
 * @category Workers
 */
export type JobArgs<M, K extends keyof M> = M[K] extends (...args: infer A) => unknown ? A
  : never;

/**
 * What export `K` of module type `M` resolves to.
 *
 * @category Workers
 */
export type JobResult<M, K extends keyof M> = M[K] extends (...args: never[]) => infer R
  ? Awaited<R>
  : never;

interface Job {
  readonly name: string;
  settle(outcome: { value: unknown } | { error: unknown }): void;
}

interface Slot {
  readonly name: string;
  readonly worker: HostWorker;
  job: Job | undefined;
  dead: boolean;
}

type Message =
  | { t: "done"; value: unknown }
  | { t: "fail" | "load" | "crash"; error: PostedError }
  | { t: "exit" };

/**
 * A pool of worker threads that run the exported functions of one module: CPU-bound work
 * in parallel, on every core, where `gather` on one thread would run it one job after
 * another. Like asyncio's `loop.run_in_executor(ProcessPoolExecutor(), …)`, but a
 * cancelled job really stops: its worker is terminated.
 *
 * `new WorkerPool(new URL("./primes.ts", import.meta.url))` makes a pool for the module
 * beside yours; `await pool.run("countPrimes", [2_000_000], { signal })` calls its export
 * `countPrimes(2_000_000)` in a worker and resolves with the result (the function may be
 * async). Arguments and results cross threads by structured clone: numbers, strings,
 * plain objects, arrays, `Map`, typed arrays… but no functions or class instances.
 *
 * - **Queueing.** At most {@linkcode WorkerPool.size} jobs run at once; the others wait
 *   first in, first out. Workers start when a job first needs them and are reused.
 * - **Cancellation.** `run` is a wait like the others: its `signal` cancels it (use it in
 *   a `TaskGroup`, under `timeout`, in `gather`). A queued job leaves the line; a running
 *   job's worker is terminated and replaced, and `run` rejects at once. On Node the
 *   thread stops within milliseconds, even in the middle of a loop. **Deno** (2.9) stops a
 *   terminated worker only when its event loop next runs: a job inside a synchronous loop
 *   goes on using its core until the loop ends (and keeps the process from exiting until
 *   then; denoland/deno#35657). A long job that awaits now and then (`await new
 *   Promise((r) => setTimeout(r, 0))` every few ms) is stopped within a few ms everywhere.
 * - **Errors.** What the function throws rejects `run` with the same `name`, `message`,
 *   `stack` (the worker's), `cause` and data properties; built-in classes (`TypeError`,
 *   `RangeError`…) keep their class, others are `Error`s with that `name` (structured
 *   clone cannot carry a class). A worker that exits, lets an error escape or fails to load
 *   the module rejects its job with an `Error` saying so (the worker's error as `cause`)
 *   and is replaced: the pool stays usable.
 * - **Closing.** {@linkcode WorkerPool.close} (or `await using`) rejects the queued jobs,
 *   waits for the running ones (or, with `force`, terminates them) and stops every worker.
 *   Close the pool when done: on Deno, Bun and in browsers a live worker keeps the program
 *   running (on Node an idle worker does not).
 *
 * Hosts: a Web `Worker` of `type: "module"` on Deno, Bun and in browsers; Node's
 * `worker_threads` on Node (>= 20.16). Inside a worker, `globalThis.name` is its name,
 * `"worker 1"`, `"worker 2"`…; a replacement takes the next number. On Deno, a worker
 * importing a local module needs read permission for it (`--allow-read=path/to/jobs.ts`),
 * a remote one import permission (`--allow-import=host`); `data:` URLs need none.
 *
 * Pass the module's type for typed jobs: `new WorkerPool<typeof import("./primes.ts")>(…)`
 * checks the names, arguments and result types of `run` (the `import` is type-only).
 *
 * @typeParam M The module's type (`typeof import("./jobs.ts")`), for typed `run` calls.
 *
 * @example Run jobs in parallel, and cancel one
 * ```ts
 * import { CancelledError, gather, WorkerPool } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * // Any module URL: new URL("./jobs.ts", import.meta.url) for a file beside this one.
 * const jobs = "data:text/javascript," + encodeURIComponent(`
 *   export function sumTo(n) { let s = 0; for (let i = 1; i <= n; i++) s += i; return s; }
 *   export function forever() { return new Promise(() => {}); }
 * `);
 * await using pool = new WorkerPool(jobs, { workers: 2 });
 * assert.equal(pool.size, 2);
 * assert.deepEqual(
 *   await gather([pool.run("sumTo", [10]), pool.run("sumTo", [100]), pool.run("sumTo", [4])]),
 *   [55, 5050, 10],
 * );
 * const controller = new AbortController();
 * const stuck = pool.run("forever", [], { signal: controller.signal });
 * controller.abort();
 * await assert.rejects(stuck, CancelledError);
 * assert.equal(await pool.run("sumTo", [3]), 6); // its worker was replaced
 * ```
 *
 * @category Workers
 */
export class WorkerPool<
  // deno-lint-ignore no-explicit-any
  M = Record<string, (...args: any[]) => unknown>,
> {
  readonly #url: string;
  readonly #size: number;
  readonly #host: WorkerHostKind;
  /** Every live worker, busy or idle. */
  readonly #slots = new Set<Slot>();
  /** The idle ones, most recently used last. */
  readonly #idle: Slot[] = [];
  /** Jobs waiting for a worker: each is handed one. */
  readonly #waiters = new Waiters<Slot>();
  readonly #stopping = new Set<Promise<void>>();
  #workersStarted = 0;
  #closed = false;
  #drained: { promise: Promise<void>; resolve: () => void } | undefined;

  /**
   * Creates a pool for the module at `module`. No worker starts until a job needs one.
   *
   * @param module The module whose exports the workers run: a `URL`, or a string holding
   * an absolute URL (`file:`, `https:`, `data:`…).
   * @param options `workers`: how many may run at once (default: the number of cores).
   * @throws {TypeError} If `module` is not a URL, `workers` is not a number, or the host
   * has no workers.
   * @throws {RangeError} If `workers` is not an integer >= 1.
   */
  constructor(module: URL | string, options?: WorkerPoolOptions) {
    const what = "create a WorkerPool";
    this.#url = checkModule(what, module);
    this.#size = checkInteger(what, "workers", options?.workers ?? defaultWorkers(), 1);
    const host = hostKind();
    if (host === undefined) {
      throw new TypeError(
        `Cannot ${what}: this host has neither a Web Worker nor node:worker_threads`,
      );
    }
    this.#host = host;
  }

  /** How many jobs may run at once: the `workers` option. */
  get size(): number {
    return this.#size;
  }

  /**
   * Calls the module's export `name` with `args` in a worker and resolves with what it
   * returns (awaited, if it is a promise), copied by structured clone. With every worker
   * busy, the job waits its turn, first in, first out.
   *
   * Bad input is reported as a rejected promise: `TypeError` if `name` is not a string,
   * `args` not an array, `signal` not an `AbortSignal`, or (from the worker) the module
   * has no function of that name.
   *
   * @param name The export to call.
   * @param args Its arguments (default none), copied into the worker by structured clone.
   * @param options `signal`: cancels the job when aborted (see the class).
   * @returns A promise of the function's result.
   * @throws {CancelledError} If the signal aborts (before or while the job runs), or the
   * pool is closed while the job waits (or, with `force`, runs).
   * @throws {InvalidStateError} If the pool is closed.
   *
   * @example The worker's error, with its stack
   * ```ts
   * import { WorkerPool } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const jobs = "data:text/javascript," + encodeURIComponent(`
   *   export function check(n) {
   *     if (n < 0) throw new RangeError("n must be >= 0, received " + n);
   *     return Math.sqrt(n);
   *   }
   * `);
   * await using pool = new WorkerPool(jobs, { workers: 1 });
   * assert.equal(await pool.run("check", [16]), 4);
   * await assert.rejects(pool.run("check", [-1]), (error) => {
   *   assert.ok(error instanceof RangeError);
   *   assert.equal(error.message, "n must be >= 0, received -1");
   *   assert.match(error.stack!, /at check \(data:/);
   *   return true;
   * });
   * ```
   */
  async run<K extends JobName<M>>(
    name: K,
    args?: JobArgs<M, K>,
    options?: WorkerRunOptions,
  ): Promise<JobResult<M, K>> {
    if (typeof name !== "string") {
      throw new TypeError(`Cannot run: "name" must be a string, received ${describe(name)}`);
    }
    const list: unknown = args ?? [];
    if (!Array.isArray(list)) {
      throw new TypeError(`Cannot run: "args" must be an array, received ${describe(list)}`);
    }
    // The one place run() learns of cancellation: with the ambient scope, this line takes
    // the scope's signal too.
    const signal = signalOf("run", options);
    if (this.#closed) throw new InvalidStateError("Cannot run: the WorkerPool is closed");
    if (signal?.aborted) throw cancelledError(signal);
    let slot = this.#idle.pop();
    if (slot === undefined && this.#slots.size < this.#size) slot = this.#start();
    if (slot === undefined) {
      slot = await this.#waiters.wait<Slot>(signal);
      if (signal?.aborted || this.#closed) { // handed a worker, but cancelled before resuming
        this.#release(slot);
        throw signal?.aborted ? cancelledError(signal) : closedError();
      }
    }
    return await this.#dispatch(slot, name, list, signal) as JobResult<M, K>;
  }

  /**
   * Closes the pool: jobs waiting for a worker reject with `CancelledError`, and later
   * `run` calls with `InvalidStateError`. Running jobs finish (with `force: true`, their
   * workers are terminated and they reject with `CancelledError`); then every worker is
   * stopped, so nothing keeps the program alive. Calling it again is harmless, and a
   * `force` call hurries one that is waiting.
   *
   * @param options `force`: terminate running jobs instead of waiting for them.
   * @returns A promise that resolves once every worker has stopped.
   * @throws {TypeError} If `force` is not a boolean.
   *
   * @example Close with a job queued
   * ```ts
   * import { WorkerPool } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * const pool = new WorkerPool("data:text/javascript,export const id = (x) => x;", {
   *   workers: 1,
   * });
   * const running = pool.run("id", ["first"]);
   * const queued = assert.rejects(pool.run("id", ["second"]), { name: "CancelledError" });
   * await pool.close();
   * assert.equal(await running, "first");
   * await queued;
   * await assert.rejects(pool.run("id", [1]), { name: "InvalidStateError" });
   * ```
   */
  async close(options?: WorkerPoolCloseOptions): Promise<void> {
    const force = checkBoolean("close a WorkerPool", "force", options?.force ?? false);
    this.#closed = true;
    this.#drained ??= deferred();
    this.#waiters.rejectAll(closedError());
    for (const slot of [...this.#idle]) this.#stop(slot);
    if (force) {
      for (const slot of [...this.#slots]) {
        const job = slot.job;
        this.#stop(slot);
        job?.settle({ error: new CancelledError("The WorkerPool was closed with force") });
      }
    }
    if (this.#slots.size === 0) this.#drained.resolve();
    await this.#drained.promise;
    while (this.#stopping.size > 0) await Promise.all(this.#stopping);
  }

  /**
   * Closes the pool (waiting for running jobs) at the end of an `await using` block.
   *
   * @returns A promise that resolves once every worker has stopped.
   *
   * @example Close at the end of a block
   * ```ts
   * import { WorkerPool } from "@aio/asyncio";
   * import assert from "node:assert/strict";
   *
   * {
   *   await using pool = new WorkerPool("data:text/javascript,export const two = () => 2;");
   *   assert.equal(await pool.run("two"), 2);
   * } // every worker has stopped here
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Starts a worker for a slot of its own. */
  #start(): Slot {
    const name = `worker ${++this.#workersStarted}`;
    const slot: Slot = {
      name,
      job: undefined,
      dead: false,
      worker: spawnWorker(this.#host, this.#url, name, {
        message: (data) => this.#onMessage(slot, data as Message),
        failed: (reason, cause) => this.#onFailed(slot, `the worker stopped: ${reason}`, cause),
      }),
    };
    this.#slots.add(slot);
    return slot;
  }

  #dispatch(slot: Slot, name: string, args: unknown[], signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let unsubscribe: (() => void) | undefined;
      const job: Job = {
        name,
        settle(outcome) {
          if (slot.job !== job) return;
          slot.job = undefined;
          unsubscribe?.();
          if ("value" in outcome) resolve(outcome.value);
          else reject(outcome.error);
        },
      };
      try {
        slot.worker.post({ t: "run", name, args });
      } catch (error) { // DataCloneError: nothing was sent, the worker is as it was
        this.#release(slot);
        return reject(error);
      }
      slot.job = job;
      slot.worker.ref();
      if (signal !== undefined) {
        unsubscribe = onAbort(signal, () => {
          this.#stop(slot);
          job.settle({ error: cancelledError(signal) });
        });
      }
    });
  }

  #onMessage(slot: Slot, message: Message): void {
    if (slot.dead) return;
    const job = slot.job;
    if (message.t === "done" || message.t === "fail") {
      if (job === undefined) return;
      this.#release(slot);
      job.settle(
        message.t === "done" ? { value: message.value } : { error: reviveError(message.error) },
      );
      return;
    }
    if (message.t === "exit") return this.#onFailed(slot, "the worker exited (it called close())");
    const cause = reviveError(message.error);
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    this.#onFailed(
      slot,
      message.t === "load"
        ? `the worker could not load ${this.#url}: ${text}`
        : `the worker crashed: ${text}`,
      cause,
    );
  }

  /** The worker is broken: stop it and fail its job, if any. */
  #onFailed(slot: Slot, reason: string, cause?: unknown): void {
    if (slot.dead) return;
    const job = slot.job;
    this.#stop(slot);
    if (job !== undefined) {
      const options = cause === undefined ? undefined : { cause };
      job.settle({
        error: new Error(`Cannot run ${JSON.stringify(job.name)}: ${reason}`, options),
      });
    }
  }

  /** A worker is free: hand it to the first waiter, or keep it idle (or stop it if closed). */
  #release(slot: Slot): void {
    if (slot.dead) return;
    slot.worker.unref();
    if (this.#closed) return this.#stop(slot);
    if (!this.#waiters.wakeOne(slot)) this.#idle.push(slot);
  }

  /** Terminates a worker; a waiting job gets a new one in its place. */
  #stop(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    this.#slots.delete(slot);
    const idle = this.#idle.indexOf(slot);
    if (idle >= 0) this.#idle.splice(idle, 1);
    const stopping = slot.worker.terminate().catch(() => {});
    this.#stopping.add(stopping);
    stopping.then(() => this.#stopping.delete(stopping));
    if (this.#closed) {
      if (this.#slots.size === 0) this.#drained?.resolve();
    } else if (this.#waiters.size > 0) {
      this.#waiters.wakeOne(this.#start());
    }
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => resolve = r);
  return { promise, resolve };
}

function closedError(): CancelledError {
  return new CancelledError("The WorkerPool was closed");
}

function checkModule(what: string, module: unknown): string {
  if (module instanceof URL) return module.href;
  if (typeof module === "string") {
    try {
      return new URL(module).href;
    } catch {
      // not an absolute URL: reported below
    }
  }
  throw new TypeError(
    `Cannot ${what}: "module" must be a URL or an absolute URL string ` +
      `(new URL("./jobs.ts", import.meta.url)), received ${describe(module)}`,
  );
}

/** The host's core count: `navigator.hardwareConcurrency`, else `os.availableParallelism()`. */
function defaultWorkers(): number {
  const cores = globalThis.navigator?.hardwareConcurrency;
  if (typeof cores === "number" && cores >= 1) return cores;
  // deno-lint-ignore no-explicit-any
  const os = (globalThis as any).process?.getBuiltinModule?.("node:os");
  const parallelism = os?.availableParallelism?.();
  return typeof parallelism === "number" && parallelism >= 1 ? parallelism : 1;
}
