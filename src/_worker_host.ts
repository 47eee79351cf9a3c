/**
 * One worker thread, on whatever the host offers: a Web `Worker` of `type: "module"`
 * (Deno, Bun, browsers) or Node's `worker_threads`, reached at run time (no static `node:`
 * import, so the module stays Web-standard). Both start the entry script of
 * `_worker_entry.ts`, loaded from a URL made of its text, and look the same to the pool.
 *
 * @module
 */
import { entrySource, type WorkerHostKind } from "./_worker_entry.ts";
import { shared } from "./_shared.ts";

/** What a worker tells its owner. */
export interface WorkerEvents {
  /** A message the entry script posted. */
  message(data: unknown): void;
  /** The worker is gone or broken (it exited, or an error escaped the entry script). */
  failed(reason: string, cause?: unknown): void;
}

/** A started worker. */
export interface HostWorker {
  /** Posts `message` to the entry script; throws a `DataCloneError` if it cannot be cloned. */
  post(message: unknown): void;
  /** Stops the thread; resolves once it is gone. Calling it again is harmless. */
  terminate(): Promise<void>;
  /** Lets the process exit while this worker is idle (Node; elsewhere nothing). */
  unref(): void;
  /** Keeps the process alive while this worker runs a job (Node; elsewhere nothing). */
  ref(): void;
}

interface NodeWorker {
  postMessage(message: unknown): void;
  terminate(): Promise<number>;
  ref(): void;
  unref(): void;
  on(event: string, listener: (arg: unknown) => void): void;
}
interface NodeWorkerThreads {
  Worker: new (url: URL, options?: Record<string, unknown>) => NodeWorker;
}

/** How many workers this thread started and has not terminated (for tests). */
const live = shared("workers@1", () => ({ count: 0 }));

/**
 * How many pool workers this thread started and has not terminated yet, across every
 * pool (`close()` also waits until the terminated ones have stopped).
 *
 * @internal
 */
export function liveWorkers(): number {
  return live.count;
}

/** Which host this is, or `undefined` when it has no workers at all. */
export function hostKind(): WorkerHostKind | undefined {
  if (typeof globalThis.Worker === "function") return "web";
  return nodeWorkerThreads() === undefined ? undefined : "node";
}

function nodeWorkerThreads(): NodeWorkerThreads | undefined {
  // deno-lint-ignore no-explicit-any
  const process = (globalThis as any).process;
  return process?.getBuiltinModule?.("node:worker_threads") as NodeWorkerThreads | undefined;
}

const entryUrls = shared("worker-entry@1", () => new Map<WorkerHostKind, string>());

function entryUrl(host: WorkerHostKind): string {
  let url = entryUrls.get(host);
  if (url === undefined) {
    const source = entrySource(host);
    // A blob: URL keeps the page's origin, so a browser worker may import the module;
    // Node's worker_threads take data: URLs (as ES modules) but not blob: URLs.
    url = host === "web" && typeof URL.createObjectURL === "function"
      ? URL.createObjectURL(new Blob([source], { type: "text/javascript" }))
      : `data:text/javascript,${encodeURIComponent(source)}`;
    entryUrls.set(host, url);
  }
  return url;
}

/**
 * Starts a worker named `name` that will import `moduleUrl`.
 *
 * @internal
 */
export function spawnWorker(
  host: WorkerHostKind,
  moduleUrl: string,
  name: string,
  events: WorkerEvents,
): HostWorker {
  const worker = host === "web"
    ? spawnWeb(name, events)
    : spawnNode(nodeWorkerThreads()!, name, events);
  live.count++;
  let terminated: Promise<void> | undefined;
  const terminate = () => {
    if (terminated === undefined) {
      live.count--;
      terminated = worker.terminate();
    }
    return terminated;
  };
  worker.post({ t: "init", url: moduleUrl, name });
  return { ...worker, terminate };
}

function spawnWeb(name: string, events: WorkerEvents): HostWorker {
  const worker = new Worker(entryUrl("web"), { type: "module", name });
  worker.onmessage = (event) => events.message(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    events.failed(`an error escaped it: ${event.message}`, event.error);
  };
  worker.onmessageerror = () => events.failed("a message from it could not be read");
  // Bun's Web Worker (not the standard's) fires "close" with the exit code when the worker
  // ends on its own (`process.exit(code)`, or 1 after an uncaught error), having no
  // `self.close()` to announce it: without this the job would wait for ever.
  let terminated = false;
  worker.addEventListener("close", (event) => {
    if (!terminated) events.failed(`it exited with code ${(event as { code?: unknown }).code}`);
  });
  return {
    post: (message) => worker.postMessage(message),
    terminate: () => {
      terminated = true;
      return Promise.resolve(worker.terminate());
    },
    ref() {},
    unref() {},
  };
}

function spawnNode(threads: NodeWorkerThreads, name: string, events: WorkerEvents): HostWorker {
  const worker = new threads.Worker(new URL(entryUrl("node")), { name });
  let exited = false;
  worker.on("message", (data) => events.message(data));
  worker.on("error", (error) => {
    const message = error instanceof Error ? error.message : String(error);
    events.failed(`an error escaped it: ${message}`, error);
  });
  worker.on("messageerror", () => events.failed("a message from it could not be read"));
  worker.on("exit", (code) => {
    exited = true;
    events.failed(`it exited with code ${code}`);
  });
  return {
    post: (message) => worker.postMessage(message),
    terminate: async () => {
      if (!exited) await worker.terminate();
    },
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}
