/**
 * The script every pool worker starts with: it imports the pool's module, runs the named
 * export for each job and posts back the result or the error, carried by hand (structured
 * clone keeps neither custom error classes nor, on every host, `cause`).
 *
 * It is JavaScript in a string, loaded from a `blob:` URL (Deno, Bun, browsers) or a
 * `data:` URL (Node's `worker_threads`), so it needs no file of its own: the same text
 * works from the Deno sources, the ESM build and the CommonJS build (which has no
 * `import.meta.url` to find a file beside it), and it is never a module the user's
 * bundler has to know about.
 *
 * The protocol, one job at a time per worker:
 *
 * - parent → worker: `{ t: "init", url, name }` once, then `{ t: "run", name, args }`;
 * - worker → parent: `{ t: "done", value }`, `{ t: "fail", error }` (the export threw),
 *   `{ t: "load", error }` (the module did not load), `{ t: "crash", error }` (an
 *   uncaught error or unhandled rejection in the worker), `{ t: "exit" }` (the worker
 *   called `close()`, which a Web Worker's parent is never told of).
 *
 * Errors travel as `{ error: true, name, message, stack, cause?, errors?, props? }`
 * (`reviveError` in `_worker_error.ts` turns them back), other thrown values as
 * `{ value }`.
 *
 * @module
 */

/** The host a worker runs on: Web `Worker` or Node's `worker_threads`. */
export type WorkerHostKind = "web" | "node";

const BODY = String.raw`
const ser = (e, depth = 0) => {
  if (e instanceof Error || (e !== null && typeof e === "object" && typeof e.message === "string" && typeof e.stack === "string")) {
    const out = { error: true, name: String(e.name), message: String(e.message), stack: String(e.stack ?? "") };
    if ("cause" in e) out.cause = depth < 8 ? ser(e.cause, depth + 1) : { value: String(e.cause) };
    if (Array.isArray(e.errors)) out.errors = e.errors.map((x) => ser(x, depth + 1));
    for (const key of Object.keys(e)) {
      if (key in out || key === "errors" || key === "cause") continue;
      try {
        structuredClone(e[key]);
        (out.props ??= {})[key] = e[key];
      } catch {}
    }
    return out;
  }
  try {
    structuredClone(e);
    return { value: e };
  } catch {
    return { value: String(e) };
  }
};
const describe = (v) => v === null ? "null" : typeof v === "function" ? "a function" : typeof v === "object" ? "an object" : "a " + typeof v;
let url, loaded;
const run = async (name, args) => {
  let mod;
  try {
    mod = await loaded;
  } catch (error) {
    return post({ t: "load", error: ser(error) });
  }
  try {
    const fn = mod[name];
    if (typeof fn !== "function") {
      const names = Object.keys(mod).filter((k) => typeof mod[k] === "function");
      const exported = names.length === 0 ? "no functions" : names.join(", ");
      throw new TypeError(
        "Cannot run: \"name\" must name a function the module exports, received " + JSON.stringify(name) +
          (name in mod ? " (" + describe(fn) + ")" : " (no such export)") + "; " + url + " exports " + exported,
      );
    }
    const value = await fn(...args);
    try {
      post({ t: "done", value });
    } catch (error) {
      post({ t: "fail", error: ser(error) });
    }
  } catch (error) {
    post({ t: "fail", error: ser(error) });
  }
};
const receive = (m) => {
  if (m.t === "init") {
    url = m.url;
    globalThis.name ??= m.name;
    loaded = import(url);
    loaded.catch(() => {});
  } else if (m.t === "run") run(m.name, m.args);
};
`;

const WEB = String.raw`
const post = (m) => self.postMessage(m);
if (typeof self.close === "function") { // not in Bun's workers
  const close = self.close.bind(self);
  globalThis.close = () => {
    post({ t: "exit" });
    close();
  };
}
self.addEventListener("error", (e) => {
  e.preventDefault();
  post({ t: "crash", error: ser(e.error ?? e.message) });
});
self.addEventListener("unhandledrejection", (e) => {
  e.preventDefault();
  post({ t: "crash", error: ser(e.reason) });
});
self.onmessage = (e) => receive(e.data);
`;

const NODE = String.raw`
const { parentPort } = await import("node:worker_threads");
const post = (m) => parentPort.postMessage(m);
process.on("uncaughtException", (error) => post({ t: "crash", error: ser(error) }));
process.on("unhandledRejection", (reason) => post({ t: "crash", error: ser(reason) }));
parentPort.on("message", receive);
`;

/**
 * The worker's entry script for `host`, as JavaScript source.
 *
 * @internal
 */
export function entrySource(host: WorkerHostKind): string {
  return BODY + (host === "web" ? WEB : NODE);
}
