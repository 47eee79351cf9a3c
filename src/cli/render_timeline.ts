/**
 * Draws a {@linkcode Timeline} as text: a pure function of the timeline, the width and
 * whether to colour, so that live frames and the final picture are the same drawing.
 *
 * @module
 */
import type { Row, Timeline } from "./timeline.ts";

/** How {@linkcode renderTimeline} draws. */
export interface RenderOptions {
  /** The most columns a line may take (bars shrink to fit, down to 4 cells). */
  readonly width: number;
  /** Whether to colour with ANSI escapes: running bars yellow, done green, ghosts dim. */
  readonly color: boolean;
}

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const MIN_BAR = 4;

/**
 * Draws a timeline as lines of text ending with a newline: the title and clock, the time
 * axis with column headers, one bar per row (a wait grows with the clock up to its end;
 * a ghost is drawn whole and faint), the delay or number right of it with the completion
 * rank, then the footer wrapped to the width. With a `grid`, the bars are narrowed so that
 * each unit of it takes whole cells. No line is wider than `width` columns (any width from
 * 1), ANSI escapes aside, so a live view can redraw it in place: where a bar of 4 cells
 * does not fit, the order column goes, then the note column, and a line still too wide
 * (a long label, the clock) is cut at the width.
 *
 * @param timeline What to draw (from `buildTimeline`).
 * @param options The width and whether to colour.
 * @returns The picture.
 *
 * @example Two waits on a narrow terminal
 * ```ts
 * import { renderTimeline } from "./render_timeline.ts";
 * import assert from "node:assert/strict";
 *
 * const picture = renderTimeline({
 *   title: "wait_n(2, 2)",
 *   now: 1,
 *   span: 2,
 *   marks: [],
 *   headers: ["task", "delay", "order"],
 *   rows: [
 *     { label: "1", start: 0, end: 2, note: "2.00 s" },
 *     { label: "2", start: 0, end: 1, note: "1.00 s", order: 1 },
 *   ],
 *   hidden: 0,
 *   footer: [],
 * }, { width: 40, color: false });
 * assert.equal(picture, [
 *   "wait_n(2, 2) · t = 1.00 s",
 *   "task  0 s             2 s   delay  order",
 *   "1     █████████▌           2.00 s",
 *   "2     █████████▌           1.00 s  1st",
 *   "",
 * ].join("\n"));
 * ```
 */
export function renderTimeline(timeline: Timeline, options: RenderOptions): string {
  const { title, now, span, marks, grid, headers, rows, hidden, footer } = timeline;
  const { width, color } = options;
  const paint = (code: string, text: string) =>
    color && text !== "" ? `\x1b[${code}m${text}\x1b[0m` : text;
  const total = rows.length + hidden;
  const labelWidth = Math.max(headers[0].length, ...rows.map((r) => r.label.length));
  let noteWidth = Math.max(headers[1].length, 6, ...rows.map((r) => r.note.length));
  let orderWidth = headers[2] === "" ? 0 : Math.max(headers[2].length, ordinal(total).length);
  const barRoom = () =>
    width - labelWidth - 2 - (noteWidth > 0 ? 2 + noteWidth : 0) -
    (orderWidth > 0 ? 2 + orderWidth : 0);
  if (barRoom() < MIN_BAR) orderWidth = 0;
  if (barRoom() < MIN_BAR) noteWidth = 0;
  let barWidth = Math.max(MIN_BAR, barRoom());
  const units = grid === undefined ? 0 : Math.round(span / grid);
  if (units > 0 && barWidth >= units) barWidth -= barWidth % units; // whole cells a unit
  const scale = span > 0 ? barWidth / span : 0;

  const clock = ` · t = ${now.toFixed(2)} s`;
  const room = width - clock.length;
  const head = title.length <= room ? title : `${title.slice(0, Math.max(0, room - 1))}…`;
  const lines = [paint("1", head) + clock];
  const columns = (label: string, bar: string, note: string, order: string) =>
    `${label.padEnd(labelWidth)}  ${bar}` + (noteWidth > 0 ? `  ${note.padStart(noteWidth)}` : "") +
    (orderWidth > 0 ? `  ${order}` : "");
  lines.push(
    paint("2", columns(headers[0], axis(span, marks, barWidth, scale), headers[1], headers[2]))
      .trimEnd(),
  );
  for (const row of rows) {
    const { text, cells } = bar(row, now, scale, barWidth);
    const code = row.ghost ? "2" : row.end !== undefined && row.end <= now ? "32" : "33";
    const order = row.order === undefined ? "" : paint("1", ordinal(row.order));
    lines.push(
      columns(row.label, paint(code, text) + " ".repeat(barWidth - cells), row.note, order)
        .trimEnd(),
    );
  }
  if (hidden > 0) lines.push(`… and ${hidden} more`);
  for (const paragraph of footer) lines.push(...wrap(paragraph, width));
  return lines.map((line) => clip(line, width).trimEnd()).join("\n") + "\n";
}

/** `line` cut after `width` columns; its ANSI escapes are all kept, so colours still end. */
function clip(line: string, width: number): string {
  let cells = 0;
  // deno-lint-ignore no-control-regex
  return line.split(/(\x1b\[[0-9;]*m)/).map((part) => {
    if (part.startsWith("\x1b")) return part;
    const kept = part.slice(0, Math.max(0, width - cells));
    cells += kept.length;
    return kept;
  }).join("");
}

/** The bar of one row at time `now`: its text and how many cells it takes. */
function bar(row: Row, now: number, scale: number, width: number): { text: string; cells: number } {
  const until = row.ghost ? row.end! : Math.min(row.end ?? now, now);
  const from = Math.min(Math.round(row.start * scale), width);
  if (row.ghost) {
    const to = Math.min(Math.round(until * scale), width);
    return {
      text: " ".repeat(from) + "░".repeat(Math.max(0, to - from)),
      cells: Math.max(from, to),
    };
  }
  const eighths = Math.min(Math.round(until * scale * 8), width * 8);
  if (eighths <= from * 8) return { text: "", cells: from };
  const full = Math.floor(eighths / 8) - from;
  const part = EIGHTHS[eighths % 8];
  return {
    text: " ".repeat(from) + "█".repeat(full) + part,
    cells: from + full + (part === "" ? 0 : 1),
  };
}

/** The axis: "0 s" at the left, each mark at its place, the span at the right end. */
function axis(span: number, marks: readonly number[], width: number, scale: number): string {
  const cells = Array<string>(width).fill(" ");
  const put = (at: number, text: string) => {
    const from = Math.max(0, Math.min(at, width - text.length));
    if (cells.slice(Math.max(0, from - 1), from + text.length + 1).some((c) => c !== " ")) return;
    cells.splice(from, text.length, ...text);
  };
  const label = (s: number) => `${Number.isInteger(s) ? s : s.toFixed(2)} s`;
  put(0, label(0));
  put(width - 1, label(span));
  for (const mark of marks) put(Math.round(mark * scale), label(mark));
  return cells.join("");
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** Breaks a paragraph into lines of at most `width` columns, at spaces. */
function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}
