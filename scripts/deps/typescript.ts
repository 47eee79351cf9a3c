/**
 * The TypeScript compiler (dev only: the npm build and its checks), behind the bare
 * specifier `typescript` of deno.json's import map. A local file rather than an `npm:`
 * entry in the import map, so that Deno fetches it only when a script imports it: `deno run
 * src/cli.ts` and `deno task demo` download nothing.
 *
 * @module
 */
export { default } from "npm:typescript@5.9.3";
