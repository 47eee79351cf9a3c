/**
 * Where the CLI writes, and what it knows about the terminal: the process's, or a test's.
 *
 * @module
 */
import process from "node:process";
import { PROGRAM } from "./help.ts";

/** The CLI's outputs and terminal facts; tests pass their own to capture the output. */
export interface CliIO {
  /** Writes text to standard output. */
  write(text: string): void;
  /** Writes text to standard error. */
  error(text: string): void;
  /** Whether standard output is a terminal: live pictures and colours only then. */
  readonly isTTY: boolean;
  /** The terminal's width in columns, when known. */
  readonly columns?: number | undefined;
  /** Whether `NO_COLOR` asks for no colours. */
  readonly noColor: boolean;
  /**
   * Calls `cleanup` on Ctrl-C, then ends the program; returns a function that stops
   * listening. Without it, Ctrl-C is not handled.
   */
  onInterrupt?(cleanup: () => void): () => void;
}

interface DenoGlobal {
  readonly Deno?: { readonly noColor: boolean } | undefined;
}

/**
 * The process's standard output and error, through `node:process`, which Deno and Node
 * both have. It reads nothing that needs a Deno permission: `NO_COLOR` comes from
 * `Deno.noColor` under Deno (reading the variable would ask for `--allow-env`) and from
 * `process.env` under Node; the width and whether it is a terminal from `process.stdout`.
 * When the reader closes the pipe early (`aio-asyncio … | head -2`), the program ends at
 * once, quietly and with status 0, as `yes | head` does: no stack trace.
 *
 * @returns The process's CLI outputs.
 *
 * @example Write to standard error
 * ```ts
 * import { processIO } from "./io.ts";
 * import assert from "node:assert/strict";
 *
 * const io = processIO();
 * assert.equal(typeof io.isTTY, "boolean");
 * io.error("");
 * ```
 */
export function processIO(): CliIO {
  const deno = (globalThis as DenoGlobal).Deno;
  const stdout = process.stdout;
  const columns = stdout.isTTY ? stdout.columns : undefined;
  // Deno and Node both report a write to a closed pipe as an "error" event on stdout: the
  // reader is gone, which is no failure. Any other write error (a full disk: `> /dev/full`)
  // is one line and status 1, as for every other failure, not a stack trace.
  stdout.on("error", (error: Error & { code?: string }) => {
    if (error.code === "EPIPE") process.exit(0);
    process.stderr.write(`${PROGRAM}: Cannot write the output: ${error.message}\n`);
    process.exit(1);
  });
  return {
    write: (text) => void stdout.write(text),
    error: (text) => void process.stderr.write(text),
    isTTY: stdout.isTTY === true,
    columns: columns !== undefined && columns > 0 ? columns : undefined,
    noColor: deno !== undefined ? deno.noColor : (process.env.NO_COLOR ?? "") !== "",
    onInterrupt(cleanup) {
      const onSignal = () => {
        cleanup();
        process.exit(130);
      };
      process.on("SIGINT", onSignal);
      return () => void process.off("SIGINT", onSignal);
    },
  };
}
