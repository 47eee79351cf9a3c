/**
 * A macrotask hop: runs a callback once every promise job queued so far, and every job
 * those queue, has run. Used where asyncio lets the other tasks of the same loop iteration
 * run before a waiter resumes (`wait()` deciding what is done at an instant).
 *
 * @module
 */

// deno-lint-ignore no-explicit-any
const g = globalThis as any;

/**
 * Runs `cb` after the current macrotask: `setImmediate` where present (Deno, Node, Bun),
 * else a `MessageChannel` message (browsers). Globals are read at call time.
 *
 * @internal
 */
export function hop(cb: () => void): void {
  if (typeof g.setImmediate === "function") {
    g.setImmediate.call(globalThis, cb);
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    cb();
  };
  channel.port2.postMessage(null);
}
