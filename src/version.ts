/**
 * The version of this module, kept equal to `version` in `deno.json` (a test checks it).
 *
 * @example Print the version
 * ```ts
 * import { VERSION } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * assert.match(VERSION, /^\d+\.\d+\.\d+/);
 * ```
 *
 * @category Core
 */
export const VERSION = "0.1.0";
