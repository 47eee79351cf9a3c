/**
 * `deno task playground [--port N]`: builds the playground into `playground/build/` and
 * serves it on 127.0.0.1 (default port 8000; 0 picks a free one), printing the address.
 *
 * @example Start it
 * ```sh
 * deno task playground --port 8080
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { buildPlayground } from "./_playground.ts";
import { serveStatic } from "./_static_server.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { port: { type: "string", default: "8000" } },
  strict: true,
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `Cannot serve: "--port" must be an integer from 0 to 65535, received ${values.port}`,
  );
  Deno.exit(2);
}
const dir = await buildPlayground();
serveStatic({ "/": dir }, port, (origin) => {
  console.log(`Playground: ${origin}/ (Ctrl+C to stop)`);
});
