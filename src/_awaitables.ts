/**
 * Helpers shared by the functions that wait on many awaitables (`gather`, `asCompleted`,
 * `wait`, `waitFor`, `shield`): recognising an awaitable, checking the `aws` argument and
 * following an awaitable to its end.
 *
 * @module
 */
import { Task, whenTaskDone } from "./task.ts";
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
 * Calls `onFulfilled` or `onRejected` once `aw` settles. Native promises and Tasks are
 * followed directly, so that awaitables settling in a given order are seen in that order;
 * other thenables go through `Promise.resolve`.
 *
 * With `observe: true` (gather, shield: they pass the error on) a rejection counts as
 * handled. With a function (wait, asCompleted: they hand the awaitable back), a Task is
 * watched through its done callbacks and its failure counts as handled only if the
 * function says so when it fails: while the caller is still waiting, the failure is
 * delivered to it; after, a failure nobody looks at is reported as an unhandled rejection.
 * A plain promise cannot be watched without being handled: it always counts as handled.
 *
 * @internal
 */
export function whenSettled<T>(
  aw: PromiseLike<T>,
  onFulfilled: (value: T) => void,
  onRejected: (error: unknown) => void,
  { observe }: { observe: true | (() => boolean) },
): void {
  if (aw instanceof Task && observe !== true) {
    whenTaskDone(aw, (outcome) => {
      if (outcome.ok) return onFulfilled(outcome.value);
      if (observe()) aw.then(undefined, ignore);
      onRejected(outcome.error);
    });
    return;
  }
  const p = aw instanceof Promise || aw instanceof Task ? aw : Promise.resolve(aw);
  p.then(onFulfilled, onRejected);
}

const ignore = () => {};

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
