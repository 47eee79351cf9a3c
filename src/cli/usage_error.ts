/**
 * The error the CLI reports as a usage mistake: one line on stderr, a usage hint, exit 2.
 *
 * @module
 */

/**
 * A mistake on the command line (unknown command or option, a missing or bad argument).
 * The CLI prints its message on one line, then the usage of `command` (or the general
 * usage), and exits with status 2.
 *
 * @example Carry the command whose usage to show
 * ```ts
 * import { UsageError } from "./usage_error.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new UsageError('Unknown option "--fast"', "wait_n");
 * assert.equal(error.name, "UsageError");
 * assert.equal(error.command, "wait_n");
 * ```
 */
export class UsageError extends Error {
  /** The command whose usage line helps, or `undefined` for the general usage. */
  readonly command: string | undefined;

  /**
   * Creates a usage error.
   *
   * @param message What is wrong, in one line.
   * @param command The command whose usage line to show after it, if any.
   */
  constructor(message: string, command?: string) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
}
