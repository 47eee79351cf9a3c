/**
 * The ambient cancel scope, seen from user code: `currentSignal`, `currentTask`,
 * `uncancellable` and `enableAmbientCancellation`.
 *
 * @module
 */
import { ambientEnabled, currentScope, enableAmbient, runUncancellable } from "./_scope.ts";
import type { Task } from "./task.ts";
import { describe } from "./_validate.ts";

/**
 * Returns the `AbortSignal` of the innermost cancel scope of the running code (the Task's,
 * or that of a `timeout().run`, `waitFor` or `TaskGroup.run` inside it), or `undefined`
 * outside any. Every wait of this module follows it on its own; hand it to the APIs the
 * module cannot reach, such as `fetch(url, { signal: currentSignal() })` or a stream, so
 * that cancelling the task cancels them too.
 *
 * It is always `undefined` where ambient cancellation is off (see
 * {@linkcode enableAmbientCancellation}).
 *
 * @returns The scope's signal, or `undefined`.
 *
 * @example Pass the task's cancellation to code that takes a signal
 * ```ts
 * import { createTask, currentSignal, enableAmbientCancellation } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * if (enableAmbientCancellation()) {
 *   const task = createTask(() => {
 *     const signal = currentSignal()!; // what fetch(url, { signal }) would get
 *     return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
 *   });
 *   task.cancel("stop");
 *   await assert.rejects(task, { name: "CancelledError", message: "stop" });
 *   assert.equal(currentSignal(), undefined); // outside any task
 * }
 * ```
 *
 * @category Cancellation
 */
export function currentSignal(): AbortSignal | undefined {
  return currentScope()?.signal;
}

/**
 * Returns the Task whose code is running, like `asyncio.current_task()`, or `undefined`
 * outside any task (and wherever ambient cancellation is off).
 *
 * @returns The running Task, or `undefined`.
 *
 * @example Find the running task
 * ```ts
 * import { createTask, currentTask, enableAmbientCancellation, sleep, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * if (enableAmbientCancellation()) {
 *   const task = createTask(async () => {
 *     await sleep(1);
 *     return currentTask()?.name;
 *   }, { name: "worker" });
 *   assert.equal(await task, "worker");
 *   assert.equal(currentTask(), undefined);
 * }
 * ```
 *
 * @category Cancellation
 */
export function currentTask(): Task<unknown> | undefined {
  return currentScope()?.task as Task<unknown> | undefined;
}

/**
 * Runs `fn` where nothing cancels its waits, and returns its result: the clean-up of a
 * cancelled task, which must still wait (release a lock, flush a queue, say goodbye to a
 * server). Cancellation here is a state, not an event: the task's signal stays aborted, so
 * a wait in a `finally` after a cancel is cancelled at once, unless it runs inside
 * `uncancellable` (Trio's `CancelScope(shield=True)`). An explicit `{ signal }` passed to a
 * wait inside still cancels it. Keep it short: the task's cancellation waits for it.
 *
 * @typeParam T The type of the result.
 * @param fn The code to protect.
 * @returns What `fn` returns.
 * @throws {TypeError} If `fn` is not a function.
 *
 * @example Clean up after a cancel
 * ```ts
 * import { createTask, enableAmbientCancellation, sleep, uncancellable, VirtualClock } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using _clock = VirtualClock.install({ autojump: true });
 * const log: string[] = [];
 * if (enableAmbientCancellation()) {
 *   const task = createTask(async () => {
 *     try {
 *       await sleep(60);
 *     } finally {
 *       await uncancellable(async () => {
 *         await sleep(1); // without uncancellable, this would be cancelled at once
 *         log.push("cleaned up");
 *       });
 *     }
 *   });
 *   await sleep(0);
 *   task.cancel();
 *   await assert.rejects(task, { name: "CancelledError" });
 *   assert.deepEqual(log, ["cleaned up"]);
 * }
 * ```
 *
 * @category Cancellation
 */
export function uncancellable<T>(fn: () => T): T {
  if (typeof fn !== "function") {
    throw new TypeError(
      `Cannot run uncancellable: "fn" must be a function, received ${describe(fn)}`,
    );
  }
  return runUncancellable(fn);
}

/**
 * Turns ambient cancellation on, and returns whether it is on. It is on by default on Deno,
 * Bun and Node ≥ 24, where the host's async context is cheap, so there this call only
 * reports it. On Node 22 it is off by default: `AsyncLocalStorage` there runs on async
 * hooks, which slow every promise of the process (measured 1.85–3.1×), unless Node runs
 * with `--experimental-async-context-frame` (then it is on by default, and cheap). Call it
 * once at start-up, before creating tasks. Where the host has no async context (browsers
 * today) it stays off and returns `false`: cancellation then reaches only the waits that
 * are handed a `signal`.
 *
 * @returns Whether waits now follow the ambient cancel scope.
 *
 * @example Turn it on, or learn that only explicit signals work here
 * ```ts
 * import { enableAmbientCancellation } from "@aio/asyncio";
 *
 * if (!enableAmbientCancellation()) {
 *   console.log("pass { signal } to every wait: this host has no async context");
 * }
 * ```
 *
 * @category Cancellation
 */
export function enableAmbientCancellation(): boolean {
  return ambientEnabled() || enableAmbient();
}
