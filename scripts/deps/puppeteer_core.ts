/**
 * `puppeteer-core` (dev only: it drives Chromium for `deno task test:browser`), behind the
 * bare specifier of deno.json's import map. A local module rather than an `npm:` entry in the
 * import map, so that Deno fetches it only when a script imports it: `deno run src/cli.ts` and
 * `deno task demo` download nothing.
 *
 * @module
 */
export { default } from "npm:puppeteer-core@25.16.0";
export * from "npm:puppeteer-core@25.16.0";
