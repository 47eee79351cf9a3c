// A worker module for tests/worker_pool_test.ts: each export is a small, fast job.

/** A class the parent thread does not know: only its name crosses. */
class ParseError extends Error {
  code = "E_PARSE";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ParseError";
  }
}

export function add(a: number, b: number): number {
  return a + b;
}

export async function later(value: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return value;
}

/** The worker's name, as the pool gave it. */
export function whoAmI(): string {
  return (globalThis as { name?: string }).name ?? "";
}

/** A job that never ends (and uses no CPU): for cancellation. */
export function forever(): Promise<never> {
  return new Promise(() => {});
}

/** Spins for `ms` milliseconds of real time: a little CPU-bound work. */
export function spin(ms: number): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) n++;
  return n;
}

export function failParse(text: string): never {
  throw new ParseError(`Cannot parse ${JSON.stringify(text)}`, {
    cause: new RangeError("position 3"),
  });
}

export function failRange(n: number): never {
  throw new RangeError(`n must be >= 0, received ${n}`);
}

export function throwString(): never {
  throw "a string";
}

/** Returns something structured clone cannot copy. */
export function unclonable(): () => void {
  return () => {};
}

/** Stops its own worker: `close()` in a Web Worker, `process.exit(3)` on Node and Bun. */
export function exitWorker(): Promise<never> {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  if (typeof g.WorkerGlobalScope === "function") g.close();
  else g.process.exit(3);
  return new Promise(() => {});
}

/** Lets an error escape: thrown from a timer, outside the job. */
export function crashLater(): Promise<never> {
  setTimeout(() => {
    throw new TypeError("escaped from a timer");
  }, 0);
  return new Promise(() => {});
}

export const answer = 42;
