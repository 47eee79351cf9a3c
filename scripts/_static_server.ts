/**
 * A tiny static file server on 127.0.0.1, for the browser tests and the playground: GET
 * and HEAD of files under one or more folders ("mounts"), with the content types a page
 * needs (ES modules, JSON, SVG, CSS) and no caching. Nothing outside a mount is served.
 *
 * @module
 */
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** A running server: its origin and how to stop it. */
export interface StaticServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly origin: string;
  /** The port it listens on. */
  readonly port: number;
  /** Stops the server; resolves once it is closed. */
  shutdown(): Promise<void>;
}

/**
 * Serves `mounts` (URL path prefix ending in `/` -> folder) on 127.0.0.1. A path ending in
 * `/` serves its `index.html`. The longest matching prefix wins.
 *
 * @param mounts URL prefix -> folder on disk, as `{ "/": "npm/" }`.
 * @param port The port (0: any free port).
 * @param onListen Called with the origin once listening.
 * @returns The running server.
 */
export function serveStatic(
  mounts: Record<string, string>,
  port = 0,
  onListen?: (origin: string) => void,
): StaticServer {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port, onListen: () => {} },
    async (request) => {
      if (request.method !== "GET" && request.method !== "HEAD") {
        return new Response("Method not allowed", { status: 405 });
      }
      const path = decodeURIComponent(new URL(request.url).pathname);
      const prefix = prefixes.find((p) => path.startsWith(p));
      if (prefix === undefined) return new Response("Not found", { status: 404 });
      const rel = normalize(path.slice(prefix.length) || ".");
      if (rel.startsWith("..")) return new Response("Not found", { status: 404 });
      let file = join(mounts[prefix]!, rel);
      if (path.endsWith("/")) file = join(file, "index.html");
      try {
        const stat = await Deno.stat(file);
        if (stat.isDirectory) {
          return new Response(null, { status: 301, headers: { location: `${path}/` } });
        }
        const body = request.method === "HEAD" ? null : await Deno.readFile(file);
        return new Response(body, {
          headers: {
            "content-type": TYPES[extname(file)] ?? "application/octet-stream",
            "cache-control": "no-store",
          },
        });
      } catch {
        return new Response("Not found", { status: 404 });
      }
    },
  );
  const addr = server.addr;
  const origin = `http://127.0.0.1:${addr.port}`;
  onListen?.(origin);
  return { origin, port: addr.port, shutdown: () => server.shutdown() };
}
