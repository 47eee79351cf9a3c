/**
 * Node's types (dev only): the npm build compiles the CLI (`src/cli.ts`, the `aio-asyncio`
 * bin) and type-checks a Node consumer with them, read from `node_modules/@types`, where
 * Deno installs the package when this module is loaded (`scripts/_npm.ts` imports it). A
 * local module rather than an `npm:` entry in deno.json's import map, so that `deno run
 * src/cli.ts` and `deno task demo` download nothing.
 *
 * @module
 */
import manifest from "npm:@types/node@22.20.7/package.json" with { type: "json" };

/** The version of `@types/node` in `node_modules/@types/node`. */
export const TYPES_NODE_VERSION: string = manifest.version;
