/**
 * Helpers of the conformance suite (ports of CPython's `Lib/test/test_asyncio`), not part of
 * the module.
 *
 * @module
 */
import { sleep } from "../../mod.ts";

/**
 * asyncio's `await asyncio.sleep(0)`: lets every task that is ready run up to its next wait.
 * Under a `VirtualClock` it needs `autojump` (the zero-delay timer fires once the program is
 * idle), which is how the conformance tests install it.
 */
export const tick = (): Promise<void> => sleep(0);

/** asyncio's `loop.create_future()`: a promise with its `resolve` and `reject`. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void, reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface NodeProcess {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  listeners(event: string): ((...args: unknown[]) => void)[];
  removeAllListeners(event: string): unknown;
}

const host = globalThis as unknown as {
  Deno?: unknown;
  process?: NodeProcess;
  addEventListener?: (type: string, listener: (event: PromiseRejectionEvent) => void) => void;
  removeEventListener?: (type: string, listener: (event: PromiseRejectionEvent) => void) => void;
};

/** The next macrotask: unhandled rejections of the turn before are reported by then. */
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs `fn` and returns the reasons of the unhandled rejections the host reported meanwhile,
 * in order, with each host's own event: `unhandledrejection` on `globalThis` in Deno and
 * browsers, `process.on("unhandledRejection")` in Node and Bun. The reports are consumed (they
 * do not fail the test run).
 *
 * Under `node --unhandled-rejections=strict` (how the npm test run starts Node) a rejection is
 * first raised as an uncaught exception with origin `"unhandledRejection"`, then emitted as
 * `unhandledRejection`: while `fn` runs, the `uncaughtException` listeners are set aside and
 * only uncaught exceptions of another origin are passed on to them.
 */
export async function unhandledRejections(fn: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const proc = host.process;
  if (host.Deno !== undefined || proc === undefined || typeof proc.on !== "function") {
    const onUnhandled = (event: PromiseRejectionEvent) => {
      seen.push(event.reason);
      event.preventDefault();
    };
    host.addEventListener!("unhandledrejection", onUnhandled);
    try {
      await fn();
      await macrotask();
      await macrotask();
    } finally {
      host.removeEventListener!("unhandledrejection", onUnhandled);
    }
    return seen;
  }
  const saved = proc.listeners("uncaughtException");
  const onUncaught = (error: unknown, origin: unknown) => {
    if (origin !== "unhandledRejection") { for (const listener of saved) listener(error, origin); }
  };
  const onRejection = (reason: unknown) => void seen.push(reason);
  proc.removeAllListeners("uncaughtException");
  proc.on("uncaughtException", onUncaught);
  proc.on("unhandledRejection", onRejection);
  try {
    await fn();
    await macrotask();
    await macrotask();
  } finally {
    proc.off("unhandledRejection", onRejection);
    proc.off("uncaughtException", onUncaught);
    for (const listener of saved) proc.on("uncaughtException", listener);
  }
  return seen;
}
