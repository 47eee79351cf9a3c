/**
 * `@sinonjs/fake-timers` (dev only: tests), behind the bare specifier of deno.json's import
 * map. A local file rather than an `npm:` entry in the import map, so that Deno fetches it
 * only when a test imports it: `deno run src/cli.ts` and `deno task demo` download nothing.
 * The npm build maps it back to the package for the tests it runs under Node and Bun.
 *
 * @module
 */
export { default } from "npm:@sinonjs/fake-timers@15.5.0";
export * from "npm:@sinonjs/fake-timers@15.5.0";
