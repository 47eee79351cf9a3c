/**
 * Helpers shared by the functions that wait on many awaitables (`gather`, `asCompleted`,
 * `wait`, `waitFor`, `shield`): recognising an awaitable, checking the `aws` argument and
 * following an awaitable to its end.
 *
 * @module
 */
import { Task } from "./task.ts";
import { describe } from "./_validate.ts";

/**
 * Whether `value` is promise-like: an object or function with a `then` method.
 *
 * @internal
 */
export function isAwaitable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" && value !== null || typeof value === "function") &&
    typeof (value as PromiseLike<unknown>).then === "function";
}

/**
 * Calls `onFulfilled` or `onRejected` once `aw` settles. A rejection counts as handled.
 * Native promises and Tasks are followed with one `then`, so that awaitables settling in
 * a given order are seen in that order; other thenables go through `Promise.resolve`.
 *
 * @internal
 */
export function whenSettled<T>(
  aw: PromiseLike<T>,
  onFulfilled: (value: T) => void,
  onRejected: (error: unknown) => void,
): void {
  const p = aw instanceof Promise || aw instanceof Task ? aw : Promise.resolve(aw);
  p.then(onFulfilled, onRejected);
}

/**
 * Returns the distinct awaitables of the iterable `aws`, in first-seen order, or throws a
 * `TypeError` naming the argument (`"aws"` or `"aws[i]"`).
 *
 * @internal
 */
export function checkAwaitables<T>(what: string, aws: Iterable<T>): T[] {
  if (
    aws === null || typeof aws !== "object" ||
    typeof (aws as Iterable<T>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(
      `Cannot ${what}: "aws" must be an iterable of promises or Tasks, received ${describe(aws)}`,
    );
  }
  const seen = new Set<T>();
  let i = 0;
  for (const aw of aws) {
    if (!isAwaitable(aw)) {
      throw new TypeError(
        `Cannot ${what}: "aws[${i}]" must be a promise or a Task, received ${describe(aw)}`,
      );
    }
    seen.add(aw);
    i++;
  }
  return [...seen];
}

/**
 * Returns `undefined` for `null` / `undefined` (no timeout), else checks `value` as a
 * duration in seconds.
 *
 * @internal
 */
export function checkTimeout(what: string, name: string, value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "number") {
    throw new TypeError(
      `Cannot ${what}: "${name}" must be a number or null, received ${describe(value)}`,
    );
  }
  if (!(value >= 0) || value === Infinity) {
    throw new RangeError(
      `Cannot ${what}: "${name}" must be a finite number >= 0 or null, received ${value}`,
    );
  }
  return value;
}
