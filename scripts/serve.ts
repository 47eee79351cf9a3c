/**
 * `deno task serve [--port N]`: serves this clone's files on 127.0.0.1 (default port 8080;
 * 0 picks a free one) so that Deno can run the CLI from a URL, as from any web server:
 * `deno run http://127.0.0.1:8080/src/cli.ts wait_n 5 5 --seed 7` needs no permission flag.
 * TypeScript is served as `application/typescript`; dot files and folders (`.git`,
 * `.tools`) and `node_modules/` are not served. The first line it prints is the address.
 *
 * @example Serve, then run the CLI from the URL (in a second terminal)
 * ```sh
 * deno task serve
 * deno run http://127.0.0.1:8080/src/cli.ts wait_n 5 5 --seed 7
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TYPES: Record<string, string> = {
  ".ts": "application/typescript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".py": "text/x-python; charset=utf-8",
};

const { values } = parseArgs({
  args: Deno.args,
  options: { port: { type: "string", default: "8080" } },
});
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65535) {
  console.error(
    `Cannot serve: "--port" must be an integer from 0 to 65535, received ${values.port}`,
  );
  Deno.exit(2);
}

const server = Deno.serve({ hostname: "127.0.0.1", port, onListen() {} }, async (request) => {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return new Response("Method not allowed", { status: 405 });
  }
  const path = normalize(decodeURIComponent(new URL(request.url).pathname));
  const hidden = path.split("/").some((part) => part.startsWith(".") || part === "node_modules");
  if (hidden) return new Response("Not found", { status: 404 });
  try {
    const file = join(ROOT, path);
    if (!(await Deno.stat(file)).isFile) return new Response("Not found", { status: 404 });
    const body = request.method === "HEAD" ? null : await Deno.readFile(file);
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    return new Response(body, { headers: { "content-type": type, "cache-control": "no-store" } });
  } catch {
    return new Response("Not found", { status: 404 });
  }
});
const origin = `http://127.0.0.1:${server.addr.port}`;
console.log(`Serving ${ROOT} on ${origin}/`);
console.log(`Try: deno run ${origin}/src/cli.ts wait_n 5 5 --seed 7`);
