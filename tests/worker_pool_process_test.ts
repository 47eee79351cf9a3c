import assert from "node:assert/strict";
import process from "node:process";
import { execFile } from "node:child_process";

// A child process of this runtime (tests/workers/exit_script.ts) uses a pool: the process
// must end by itself. Apart from tests/worker_pool_test.ts because it starts processes.
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const isNode = typeof globalThis.Worker !== "function";

Deno.test("a process using a pool exits once it is closed (on Node, even if left open)", async () => {
  const script = new URL(`./workers/exit_script.${ext}`, import.meta.url);
  const path = decodeURIComponent(script.pathname);
  const run = (...args: string[]) =>
    new Promise<{ code: number; out: string; err: string }>((resolve) => {
      const argv = isNode ? [path, ...args] : ["run", "--no-prompt", "--allow-read", path, ...args];
      execFile(process.execPath, argv, { timeout: 20_000 }, (error, out, err) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, out, err });
      });
    });
  const closed = await run("close");
  assert.deepEqual(closed, { code: 0, out: "[3,7]\n", err: "" });
  if (isNode) assert.deepEqual(await run("idle"), { code: 0, out: "[3,7]\n", err: "" });
});
