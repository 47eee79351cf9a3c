/**
 * `@deno/shim-deno-test` (dev only: `Deno.test` for the tests run under Node and Bun),
 * behind the bare specifier of deno.json's import map. A local file rather than an `npm:`
 * entry in the import map, so that Deno fetches it only when a script imports it: `deno run
 * src/cli.ts` and `deno task demo` download nothing.
 *
 * @module
 */
export * from "npm:@deno/shim-deno-test@0.5.0";
