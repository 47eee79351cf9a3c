/** A CLI IO that keeps what is written, for tests of the CLI. */
import type { CliIO } from "../../src/cli/io.ts";

/** A {@linkcode CliIO} in memory: what was written is in `out` and `err`. */
export interface MemoryIO extends CliIO {
  /** Everything written to standard output. */
  readonly out: string;
  /** Everything written to standard error. */
  readonly err: string;
}

/** A memory IO: not a terminal and no colour unless told, no width (80 is used). */
export function memoryIO(
  options: {
    isTTY?: boolean | undefined;
    columns?: number | undefined;
    noColor?: boolean | undefined;
  } = {},
): MemoryIO {
  let out = "", err = "";
  return {
    write: (text) => void (out += text),
    error: (text) => void (err += text),
    isTTY: options.isTTY ?? false,
    columns: options.columns,
    noColor: options.noColor ?? true,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

/** `text` without its ANSI escapes (colours, cursor moves). */
export function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
}
