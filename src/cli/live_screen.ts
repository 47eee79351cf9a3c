/**
 * Redraws a picture in place on a terminal, for the live timeline.
 *
 * @module
 */
import type { CliIO } from "./io.ts";

const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";

/**
 * A region of the terminal that is redrawn in place: each {@linkcode LiveScreen.draw}
 * moves the cursor up over the previous drawing (ANSI cursor-up) and writes the new one in
 * a single write, clearing each line's end and whatever is left below, so nothing
 * flickers. The cursor is hidden from the first drawing until {@linkcode LiveScreen.close},
 * which also runs on Ctrl-C when the IO can listen for it. Lines must fit the terminal's
 * width (a wrapped line would break the count).
 *
 * @example Draw twice, then close
 * ```ts
 * import { LiveScreen } from "./live_screen.ts";
 * import assert from "node:assert/strict";
 *
 * let out = "";
 * const io = { write: (t: string) => void (out += t), error() {}, isTTY: true, noColor: true };
 * const screen = new LiveScreen(io);
 * screen.draw("a\nb\n");
 * screen.draw("c\n");
 * screen.close();
 * assert.equal(out, "\x1b[?25la\x1b[K\nb\x1b[K\n\x1b[J\x1b[2Ac\x1b[K\n\x1b[J\x1b[?25h");
 * ```
 */
export class LiveScreen {
  #io: CliIO;
  #lines = 0;
  #open = false;
  #stopListening: (() => void) | undefined;

  /**
   * Prepares a live region at the cursor; nothing is written until the first drawing.
   *
   * @param io Where to draw: a terminal.
   */
  constructor(io: CliIO) {
    this.#io = io;
  }

  /**
   * Replaces the previous drawing with `text`.
   *
   * @param text The lines to show, each ending with a newline.
   */
  draw(text: string): void {
    let out = "";
    if (!this.#open) {
      this.#open = true;
      out += HIDE_CURSOR;
      this.#stopListening = this.#io.onInterrupt?.(() => this.close());
    }
    if (this.#lines > 0) out += `\x1b[${this.#lines}A`;
    const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
    out += lines.map((line) => `${line}\x1b[K\n`).join("") + "\x1b[J";
    this.#lines = lines.length;
    this.#io.write(out);
  }

  /** Leaves the last drawing as it is and shows the cursor again. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#stopListening?.();
    this.#io.write(SHOW_CURSOR);
  }
}
