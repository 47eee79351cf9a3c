/**
 * A concurrent fetcher, the README's first recipe as a program: every URL in one
 * {@linkcode TaskGroup}, at most `concurrency` requests at a time ({@linkcode Semaphore}),
 * each attempt with a deadline ({@linkcode timeout}), transient failures (a timeout, a
 * network error, a 5xx status) retried with exponential backoff, and Ctrl-C cancelling
 * everything cleanly: the requests under way are aborted, no timer is left, and the
 * program exits with status 130.
 *
 * `tests/examples/fetch_all_test.ts` runs it against a server on 127.0.0.1.
 *
 * @example Run it
 * ```sh
 * deno run --allow-net examples/fetch_all.ts https://example.com/ https://deno.com/
 * ```
 *
 * @module
 */
import { CancelledError, Semaphore, sleep, TaskGroup, timeout, TimeoutError } from "@aio/asyncio";

/** Options for {@linkcode fetchAll}. */
export interface FetchAllOptions {
  /** How many requests may be under way at once (default 4). */
  concurrency?: number;
  /** Seconds each attempt may take, body included (default 10). */
  timeout?: number;
  /** How many times a transient failure is retried (default 2). */
  retries?: number;
  /** Seconds before the first retry; doubled for each next one (default 0.5). */
  backoff?: number;
  /** Aborting it cancels every request: `fetchAll` rejects with `CancelledError`. */
  signal?: AbortSignal;
  /** Called as each URL is done, in completion order. */
  onResult?: (result: FetchResult) => void;
}

/** What {@linkcode fetchAll} got for one URL. */
export interface FetchResult {
  /** The URL. */
  url: string;
  /** The HTTP status of the last attempt. */
  status: number;
  /** The body's length in bytes. */
  bytes: number;
  /** How many attempts it took (1 without a retry). */
  attempts: number;
}

/** A failure worth another attempt: a timeout, a network error, a 5xx status. */
class Transient extends Error {}

/**
 * Fetches every URL, in a TaskGroup: the results come back in the order of `urls`. A URL
 * that still fails after its retries (or answers with a 4xx) fails the group: the other
 * requests are cancelled and `fetchAll` rejects with a `TaskGroupError` holding the failure.
 *
 * @param urls The URLs to fetch.
 * @param options Concurrency, timeout, retries, backoff, a cancelling signal.
 * @returns One result per URL, in input order.
 */
export async function fetchAll(
  urls: readonly string[],
  options: FetchAllOptions = {},
): Promise<FetchResult[]> {
  const { concurrency = 4, retries = 2, backoff = 0.5, signal, onResult } = options;
  const seconds = options.timeout ?? 10;
  const permits = new Semaphore(concurrency);

  async function attempt(url: string, signal: AbortSignal): Promise<[number, number]> {
    try {
      return await timeout(seconds, { signal }).run(async (signal) => {
        const response = await fetch(url, { signal });
        const body = await response.bytes();
        if (response.status >= 500) throw new Transient(`${url}: HTTP ${response.status}`);
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return [response.status, body.length];
      });
    } catch (error) {
      if (signal.aborted) throw error; // cancelled from outside: no retry
      if (error instanceof TimeoutError) {
        throw new Transient(`${url}: timed out after ${seconds} s`);
      }
      if (error instanceof TypeError) throw new Transient(`${url}: ${error.message}`); // network
      throw error;
    }
  }

  async function fetchOne(url: string, signal: AbortSignal): Promise<FetchResult> {
    using _permit = await permits.hold({ signal });
    for (let attempts = 1;; attempts++) {
      try {
        const [status, bytes] = await attempt(url, signal);
        const result = { url, status, bytes, attempts };
        onResult?.(result);
        return result;
      } catch (error) {
        if (!(error instanceof Transient) || attempts > retries) throw error;
        await sleep(backoff * 2 ** (attempts - 1), { signal });
      }
    }
  }

  const tasks = await TaskGroup.run(
    (tg) => urls.map((url) => tg.createTask((signal) => fetchOne(url, signal))),
    { signal },
  );
  if (tasks === undefined) throw new CancelledError();
  return tasks.map((task) => task.result());
}

if (import.meta.main) {
  if (Deno.args.length === 0) {
    console.error("Usage: deno run --allow-net examples/fetch_all.ts URL...");
    Deno.exit(2);
  }
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(new CancelledError("interrupted (Ctrl-C)"));
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    await fetchAll(Deno.args, {
      signal: controller.signal,
      onResult: (r) =>
        console.log(`${r.status} ${r.bytes} bytes ${r.url} (${r.attempts} attempt(s))`),
    });
  } catch (error) {
    if (controller.signal.aborted) {
      console.error("fetch_all: cancelled (Ctrl-C)");
      Deno.exit(130); // 128 + SIGINT, what a shell reports for a program Ctrl-C stopped
    }
    const failures = error instanceof AggregateError ? error.errors : [error];
    for (const failure of failures) console.error(`fetch_all: ${(failure as Error).message}`);
    Deno.exit(1);
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}
