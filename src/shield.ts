/**
 * `shield`: stop waiting for an awaitable without cancelling it, like `asyncio.shield`.
 *
 * @module
 */
import { cancelledError, onAbort } from "./_abort.ts";
import { isAwaitable, whenSettled } from "./_awaitables.ts";
import { signalOf } from "./_options.ts";
import { describe } from "./_validate.ts";
import { Task, type TaskFunction } from "./task.ts";

/**
 * Options for {@linkcode shield}.
 *
 * @category Cancellation
 */
export interface ShieldOptions {
  /** Aborting it rejects the shield with `CancelledError`; `aw` goes on untouched. */
  signal?: AbortSignal | undefined;
}

/**
 * Returns a promise that settles as `aw` does, except that cancelling the caller rejects it
 * with `CancelledError` at once while `aw` keeps running, like `asyncio.shield`. Use it
 * inside a task to let an operation finish even if the task is cancelled:
 * `await shield(saveTask)` stops the waiting, not the saving.
 *
 * What cancels the shield: its `signal` and the ambient cancel scope (the task it runs in,
 * an enclosing `timeout().run`, …). What it protects: a Task, or a function, which it starts
 * as a Task of its own (asyncio's `shield(coro)`), whose waits run in a scope the caller's
 * cancellation does not reach. A promise made in the caller's scope before `shield` saw it
 * already belongs to that scope: `shield(sleep(5))` in a cancelled task still sees the sleep
 * cancelled. Shield a function or a Task instead.
 *
 * If `aw` is cancelled by other means, the shield rejects with its `CancelledError`, as in
 * asyncio. Once the shield has been cancelled, nobody waits for `aw` any more: if `aw` is a
 * Task (or a function) that later fails and nobody awaits it, its failure is reported as an
 * unhandled rejection, never silently lost (asyncio logs it). A plain promise's is not.
 *
 * Bad input is reported as a rejected promise: `TypeError` if `aw` is not a function, a
 * promise or a Task, or `signal` not an `AbortSignal`.
 *
 * @typeParam T The type of the value of `aw`.
 * @param aw The Task, function or promise to shield.
 * @param options `signal`: cancels the waiting, not `aw`.
 * @returns A promise of the value of `aw`.
 *
 * @example The waiting is cancelled, the task is not
 * ```ts
 * import { createTask, shield, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const save = createTask(async (signal) => (await sleep(2, { signal }), "saved"));
 * const controller = new AbortController();
 * const waiting = shield(save, { signal: controller.signal });
 * controller.abort();
 * await assert.rejects(waiting, { name: "CancelledError" });
 * assert.equal(save.cancelled(), false);
 * assert.equal(await save, "saved");
 * ```
 *
 * @example Shield a function from the task's cancellation
 * ```ts
 * import { createTask, enableAmbientCancellation, shield, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const log: string[] = [];
 * if (enableAmbientCancellation()) {
 *   const task = createTask(() => shield(async () => (await sleep(2), log.push("saved"))));
 *   await sleep(1);
 *   task.cancel();
 *   await assert.rejects(task, { name: "CancelledError" });
 *   await sleep(1);
 *   assert.deepEqual(log, ["saved"]);
 * }
 * ```
 *
 * @category Cancellation
 */
export function shield<T>(
  aw: PromiseLike<T> | TaskFunction<T>,
  options?: ShieldOptions,
): Promise<T> {
  let signal: AbortSignal | undefined;
  try {
    if (typeof aw !== "function" && !isAwaitable(aw)) {
      throw new TypeError(
        `Cannot shield: "aw" must be a function, a promise or a Task, received ${describe(aw)}`,
      );
    }
    signal = signalOf("shield", options);
  } catch (error) {
    return Promise.reject(error);
  }
  // A function runs as a Task of its own (asyncio's `shield(coro)`): in its own scope, which
  // the caller's cancellation does not reach.
  if (typeof aw === "function") aw = new Task(aw);
  return new Promise<T>((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    const cancel = () => {
      cancelled = true;
      reject(cancelledError(signal!));
    };
    whenSettled(aw, (value) => {
      unsubscribe?.();
      resolve(value);
    }, (error) => {
      unsubscribe?.();
      reject(error);
    }, { observe: () => !cancelled }); // after a cancel, a failure nobody sees is reported
    if (signal === undefined) return;
    if (signal.aborted) cancel();
    else unsubscribe = onAbort(signal, cancel);
  });
}
