// examples/fetch_all.ts against a server on 127.0.0.1, as the README's first recipe
// promises: a Semaphore's limit, results in input order, retries of a 503 and of a
// timeout, a 404 failing the group and cancelling the rest, and Ctrl-C (SIGINT) aborting
// the requests under way with exit status 130. Deno only: it serves with Deno.serve and
// runs the example as a process (ignored by the Node and browser runs, which lack both).
// Deno's sanitizers fail each test that leaves a timer, a fetch or a server behind.
import assert from "node:assert/strict";

const DENO = typeof Deno === "object" && "Command" in Deno && "serve" in Deno;
const EXAMPLE = new URL("../../examples/fetch_all.ts", import.meta.url);
// A variable specifier: the npm build leaves it alone (examples/ is not in the package).
const load = (): Promise<typeof import("../../examples/fetch_all.ts")> => import(EXAMPLE.href);

interface Server {
  url: (path: string) => string;
  /** Requests by path, in arrival order. */
  hits: string[];
  /** The most requests in flight at once. */
  peak: number;
  /** Requests whose client went away before the answer. */
  aborted: string[];
  /** Resolves when a request for `path` arrives. */
  arrived: (path: string) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * /ok/N answers N bytes after a 2 ms pause; /flaky answers 503 the first time, then 200;
 * /missing 404; /hang never answers (until the client aborts or the server closes).
 */
/**
 * The requests the server saw aborted, once it has seen one: the server learns of a client's
 * abort from its connection, a little after the client's side is done (up to 50 ms here).
 */
async function abortsSeen(server: Server): Promise<string[]> {
  for (let i = 0; i < 50 && server.aborted.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 1));
  }
  return server.aborted;
}

function serve(): Server {
  const hits: string[] = [];
  const aborted: string[] = [];
  const waiting = new Map<string, () => void>();
  const hang = Promise.withResolvers<void>();
  let inFlight = 0;
  const state = { peak: 0 };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    hits.push(path);
    waiting.get(path)?.();
    inFlight++;
    state.peak = Math.max(state.peak, inFlight);
    let answered = false; // Deno aborts req.signal after the answer too: count before only
    req.signal.addEventListener("abort", () => answered || aborted.push(path));
    try {
      if (path.startsWith("/ok/")) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return new Response("x".repeat(Number(path.slice(4))));
      }
      if (path === "/flaky") {
        const first = hits.filter((h) => h === "/flaky").length === 1;
        return new Response(first ? "busy" : "fine", { status: first ? 503 : 200 });
      }
      if (path === "/missing") return new Response("no", { status: 404 });
      if (path === "/hang") {
        await Promise.race([hang.promise, new Promise((r) => req.signal.onabort = r)]);
        return new Response("late");
      }
      return new Response("?", { status: 400 });
    } finally {
      answered = true;
      inFlight--;
    }
  });
  return {
    url: (path) => `http://127.0.0.1:${server.addr.port}${path}`,
    hits,
    get peak() {
      return state.peak;
    },
    aborted,
    arrived: (path) => new Promise<void>((resolve) => waiting.set(path, resolve)),
    close: async () => {
      hang.resolve();
      await server.shutdown();
    },
  };
}

Deno.test({
  name: "fetch_all: at most `concurrency` at once, results in input order, a 503 retried",
  ignore: !DENO,
  async fn() {
    const { fetchAll } = await load();
    const server = serve();
    try {
      const urls = ["/ok/3", "/flaky", "/ok/1", "/ok/4", "/ok/2"].map(server.url);
      const done: string[] = [];
      const results = await fetchAll(urls, {
        concurrency: 2,
        backoff: 0.001,
        onResult: (r) => done.push(r.url),
      });
      assert.deepEqual(results.map((r) => [r.status, r.bytes, r.attempts]), [
        [200, 3, 1],
        [200, 4, 2], // "fine", on the second attempt
        [200, 1, 1],
        [200, 4, 1],
        [200, 2, 1],
      ]);
      assert.deepEqual(results.map((r) => r.url), urls);
      assert.equal(server.peak, 2);
      assert.equal(server.hits.filter((h) => h === "/flaky").length, 2);
      assert.deepEqual([...done].sort(), [...urls].sort());
    } finally {
      await server.close();
    }
  },
});

Deno.test({
  name:
    "fetch_all: a timed-out attempt is retried, then fails the group with a TimeoutError's message",
  ignore: !DENO,
  async fn() {
    const { fetchAll } = await load();
    const server = serve();
    try {
      const started = performance.now();
      await assert.rejects(
        fetchAll([server.url("/hang")], { timeout: 0.005, retries: 1, backoff: 0.001 }),
        (error) => {
          assert.ok(error instanceof AggregateError);
          assert.equal(error.name, "TaskGroupError");
          assert.equal(error.errors.length, 1);
          assert.equal(error.errors[0].message, `${server.url("/hang")}: timed out after 0.005 s`);
          return true;
        },
      );
      assert.deepEqual(server.hits, ["/hang", "/hang"]); // the first try and one retry
      assert.ok(performance.now() - started < 1000);
    } finally {
      await server.close();
    }
  },
});

Deno.test({
  name: "fetch_all: a 404 is not retried; it fails the group and cancels the requests under way",
  ignore: !DENO,
  async fn() {
    const { fetchAll } = await load();
    const server = serve();
    try {
      const hung = server.arrived("/hang");
      await assert.rejects(
        fetchAll([server.url("/hang"), server.url("/missing")], {
          onResult: () => assert.fail("nothing succeeds"),
        }).finally(() => hung),
        (error) => {
          assert.ok(error instanceof AggregateError);
          assert.deepEqual(error.errors.map((e: Error) => e.message), [
            `${server.url("/missing")}: HTTP 404`,
          ]);
          return true;
        },
      );
      assert.deepEqual(server.hits.toSorted(), ["/hang", "/missing"]);
      // The hung request was aborted by the group's cancellation, not left running.
      assert.deepEqual(await abortsSeen(server), ["/hang"]);
    } finally {
      await server.close();
    }
  },
});

Deno.test({
  name: "fetch_all as a program: prints each result, and Ctrl-C aborts the requests, exit 130",
  ignore: !DENO,
  async fn() {
    const server = serve();
    const run = (paths: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--no-prompt",
          "--allow-net=127.0.0.1",
          EXAMPLE.href,
          ...paths.map(server.url),
        ],
        stdout: "piped",
        stderr: "piped",
        env: { NO_COLOR: "1" },
      });
    const decoder = new TextDecoder();
    try {
      const ok = await run(["/ok/5"]).output();
      assert.equal(decoder.decode(ok.stderr), "");
      assert.equal(
        decoder.decode(ok.stdout),
        `200 5 bytes ${server.url("/ok/5")} (1 attempt(s))\n`,
      );
      assert.equal(ok.code, 0);

      const hung = server.arrived("/hang");
      const child = run(["/hang"]).spawn();
      await hung; // the request is under way: now press Ctrl-C
      child.kill("SIGINT");
      const interrupted = await child.output();
      assert.equal(decoder.decode(interrupted.stdout), "");
      assert.equal(decoder.decode(interrupted.stderr), "fetch_all: cancelled (Ctrl-C)\n");
      assert.equal(interrupted.code, 130);
      assert.equal(interrupted.signal, null); // it exited by itself, not killed by the signal
      assert.deepEqual(await abortsSeen(server), ["/hang"]);

      const missing = await run(["/missing"]).output();
      assert.equal(
        decoder.decode(missing.stderr),
        `fetch_all: ${server.url("/missing")}: HTTP 404\n`,
      );
      assert.equal(missing.code, 1);
    } finally {
      await server.close();
    }
  },
});
