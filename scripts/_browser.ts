/**
 * Starts Debian's Chromium for the browser tests, driven by `puppeteer-core` (pinned in
 * deno.json; it never downloads a browser): headless, with a fresh profile, and with the
 * flags this machine needs (`--no-sandbox` as root; no background networking, which the
 * closed network refuses).
 *
 * @module
 */
import puppeteer, { type Browser } from "puppeteer-core";

/** Where Chromium is looked for, unless `CHROMIUM` names it. */
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The flags every run uses. */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * The Chromium executable: `$CHROMIUM`, else the first of the usual paths that exists.
 *
 * @returns Its path, or `undefined` when there is none.
 */
export function findChromium(): string | undefined {
  const named = Deno.env.get("CHROMIUM");
  if (named) return named;
  return CANDIDATES.find((path) => {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  });
}

/** A running Chromium and the function that closes it and removes its profile. */
export interface Chromium {
  /** The browser, as puppeteer drives it. */
  readonly browser: Browser;
  /** Closes the browser and deletes its fresh profile folder. */
  close(): Promise<void>;
}

/**
 * Launches Chromium headless with a fresh `--user-data-dir`.
 *
 * @param executablePath The Chromium to run (see {@linkcode findChromium}).
 * @returns The running browser.
 */
export async function launchChromium(executablePath: string): Promise<Chromium> {
  const profile = await Deno.makeTempDir({ prefix: "aio_chromium_" });
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir: profile,
    args: [...CHROMIUM_FLAGS],
    timeout: 60_000,
  });
  return {
    browser,
    async close() {
      try {
        await browser.close();
      } finally {
        await Deno.remove(profile, { recursive: true }).catch(() => {});
      }
    },
  };
}
