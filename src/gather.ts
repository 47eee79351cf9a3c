/**
 * `gather`: wait for many awaitables and collect their results in input order, like
 * `asyncio.gather`.
 *
 * @module
 */
import { cancelledError, onAbort } from "./_abort.ts";
import { isAwaitable, whenSettled } from "./_awaitables.ts";
import { Task } from "./task.ts";
import { signalOf } from "./_options.ts";
import { checkBoolean, describe } from "./_validate.ts";

/**
 * Options for {@linkcode gather}.
 *
 * @category Core
 */
export interface GatherOptions {
  /**
   * Put errors in the result array instead of rejecting with the first one (default
   * `false`). A cancelled Task's `CancelledError` is put there too.
   */
  returnExceptions?: boolean | undefined;
  /**
   * Aborting it rejects the gather with `CancelledError` at once and cancels the
   * {@linkcode Task}s among `aws` (plain promises cannot be cancelled: they keep running).
   */
  signal?: AbortSignal | undefined;
}

/**
 * The results of {@linkcode gather}: the awaited type of each input, position by position.
 *
 * @category Core
 */
export type GatherResults<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: Awaited<A[K]>;
};

/**
 * The results of {@linkcode gather} with `returnExceptions`: each position holds the
 * awaited value or the error (typed `Error`, though anything thrown is kept as thrown).
 *
 * @category Core
 */
export type GatherSettled<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: Awaited<A[K]> | Error;
};

/**
 * Waits for every awaitable of `aws` and resolves with their results in input order (not
 * completion order), like `asyncio.gather` (which takes them as `*args`; here an array, as
 * `Promise.all` takes). Plain values are taken as they are.
 *
 * **Failure.** By default the gather rejects with the first error as soon as it happens
 * (a cancelled Task counts as failing with its `CancelledError`), and the other awaitables
 * keep running, as in asyncio: cancel them yourself if needed, or use a `TaskGroup`. Errors
 * that happen after that are observed, never reported as unhandled rejections. With
 * `returnExceptions: true` nothing rejects the gather: each error takes its position in the
 * results.
 *
 * **Cancellation.** Aborting `signal` rejects the gather with `CancelledError` at once and
 * cancels the {@linkcode Task}s among `aws` that are not done; plain promises cannot be
 * cancelled. A signal aborted after the gather settled has no effect.
 *
 * Bad input is reported as a rejected promise: `TypeError` if `aws` is not an array or
 * holds a function (pass what it returns, or `createTask(fn)`), if `signal` is not an
 * `AbortSignal`, or if `returnExceptions` is given and not a boolean.
 *
 * @typeParam A The tuple (or array) type of `aws`.
 * @param aws The promises, Tasks and values to wait for.
 * @param options `returnExceptions`: collect errors instead of rejecting; `signal`: cancels
 * the gather.
 * @returns A promise of the results, typed position by position like `Promise.all`.
 *
 * @example Results in input order, after the slowest
 * ```ts
 * import { createTask, gather, loopTime, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const after = (s: number) => createTask(async (signal) => (await sleep(s, { signal }), s));
 * const results: [number, number, string] = await gather([after(3), after(1), "value"]);
 * assert.deepEqual(results, [3, 1, "value"]);
 * assert.equal(loopTime(), 3);
 * ```
 *
 * @example Collect errors with returnExceptions
 * ```ts
 * import { gather } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const boom = new Error("boom");
 * const results = await gather([Promise.resolve(1), Promise.reject(boom)], {
 *   returnExceptions: true,
 * });
 * assert.deepEqual(results, [1, boom]);
 * ```
 *
 * @example Cancel the gather and its tasks
 * ```ts
 * import { createTask, gather, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install();
 * const tasks = [1, 2].map((s) => createTask((signal) => sleep(s, { signal })));
 * const controller = new AbortController();
 * const gathering = gather(tasks, { signal: controller.signal });
 * controller.abort();
 * await assert.rejects(gathering, { name: "CancelledError" });
 * await clock.advance(0);
 * assert.deepEqual(tasks.map((t) => t.cancelled()), [true, true]);
 * assert.equal(clock.pending, 0);
 * ```
 *
 * @category Core
 */
export function gather<A extends readonly unknown[] | []>(
  aws: A,
  options?: GatherOptions & { returnExceptions?: false | undefined },
): Promise<GatherResults<A>>;
/**
 * {@linkcode gather} with `returnExceptions: true`: resolves once every awaitable settled,
 * each position holding the value or the error.
 *
 * @typeParam A The tuple (or array) type of `aws`.
 * @param aws The promises, Tasks and values to wait for.
 * @param options `returnExceptions: true`; `signal`: cancels the gather.
 * @returns A promise of the values and errors, position by position.
 *
 * @example Values and errors side by side
 * ```ts
 * import { gather } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const [a, b] = await gather([Promise.resolve(1), Promise.reject(new Error("x"))], {
 *   returnExceptions: true,
 * });
 * assert.equal(a, 1);
 * assert.ok(b instanceof Error && b.message === "x");
 * ```
 *
 * @category Core
 */
export function gather<A extends readonly unknown[] | []>(
  aws: A,
  options: GatherOptions & { returnExceptions: true },
): Promise<GatherSettled<A>>;
/**
 * {@linkcode gather} with `returnExceptions` known only at run time: typed as if it were
 * `true`.
 *
 * @typeParam A The tuple (or array) type of `aws`.
 * @param aws The promises, Tasks and values to wait for.
 * @param options `returnExceptions`, `signal`.
 * @returns A promise of the values (and errors, if `returnExceptions`), position by position.
 *
 * @example Decide at run time
 * ```ts
 * import { gather } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * const collect: boolean = true;
 * const results = await gather([Promise.reject(new Error("x"))], { returnExceptions: collect });
 * assert.ok(results[0] instanceof Error);
 * ```
 *
 * @category Core
 */
export function gather<A extends readonly unknown[] | []>(
  aws: A,
  options?: GatherOptions,
): Promise<GatherSettled<A>>;
/**
 * The implementation of the overloads above: fail fast, or settle every awaitable.
 *
 * @category Core
 */
export function gather(aws: readonly unknown[], options: GatherOptions = {}): Promise<unknown[]> {
  options ??= {}; // JavaScript callers may pass null
  let signal: AbortSignal | undefined;
  try {
    if (!Array.isArray(aws)) {
      throw new TypeError(`Cannot gather: "aws" must be an array, received ${describe(aws)}`);
    }
    const i = aws.findIndex((aw) => typeof aw === "function");
    if (i >= 0) {
      throw new TypeError(
        `Cannot gather: "aws[${i}]" must be a promise, a Task or a value other than a function, received a function`,
      );
    }
    signal = signalOf("gather", options);
    if (options.returnExceptions !== undefined) {
      checkBoolean("gather", "returnExceptions", options.returnExceptions);
    }
  } catch (error) {
    return Promise.reject(error);
  }
  const returnExceptions = options.returnExceptions === true;
  return new Promise((resolve, reject) => {
    const results: unknown[] = new Array(aws.length);
    let left = aws.length;
    let settled = false;
    let unsubscribe: (() => void) | undefined;
    const finish = () => {
      settled = true;
      unsubscribe?.();
    };
    const store = (i: number, value: unknown) => {
      results[i] = value;
      if (--left === 0 && !settled) {
        finish();
        resolve(results);
      }
    };
    aws.forEach((aw, i) => {
      if (!isAwaitable(aw)) return store(i, aw);
      whenSettled(aw, (value) => store(i, value), (error) => {
        if (returnExceptions) return store(i, error);
        if (settled) return;
        finish();
        reject(error);
      }, { observe: true });
    });
    if (aws.length === 0) return resolve(results);
    if (settled || signal === undefined) return;
    const cancel = () => {
      finish();
      const error = cancelledError(signal);
      for (const aw of aws) if (aw instanceof Task) aw.cancel(error.message);
      reject(error);
    };
    if (signal.aborted) cancel();
    else unsubscribe = onAbort(signal, cancel);
  });
}
