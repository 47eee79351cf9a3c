/// <reference lib="dom" />
/**
 * Draws a {@linkcode Timeline} (the CLI's data, from `src/cli/timeline.ts`) as SVG: the
 * time axis, one row per wait with its bar growing to the clock, the note and the rank in
 * completion order, ghost rows (the `sequential` runs of `measure_runtime`) drawn whole
 * and faint, and, once a run is cancelled, the bars cut at the cancel time with what was
 * left of them dashed. Pure DOM: the same timeline and width give the same drawing.
 *
 * Each row is a `<g class="row">` with `data-label`, `data-state` (`running`, `done`,
 * `ghost`, `cancelled`), `data-order` (the rank, once done) and `data-value`, so that a
 * test can read the picture back.
 *
 * @module
 */
import type { Row, Timeline } from "../src/cli/timeline.ts";

const SVG = "http://www.w3.org/2000/svg";
const ROW = 24;
const HEAD = 34;
const CHAR = 7.9; // the width of a 13 px monospace character, near enough

/** How {@linkcode drawTimeline} draws. */
export interface DrawOptions {
  /** The width to draw in, in CSS pixels. */
  readonly width: number;
  /** The time (seconds since the start) at which the run was cancelled, if it was. */
  readonly cancelledAt?: number | undefined;
}

/** `1st`, `2nd`, `3rd`, `4th`, … `11th`, `21st`. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The state a row is drawn in at time `now`. */
export function rowState(row: Row, now: number, cancelledAt?: number): string {
  if (row.ghost) return "ghost";
  const done = row.end !== undefined && row.end <= (cancelledAt ?? now);
  if (done) return "done";
  return cancelledAt === undefined ? "running" : "cancelled";
}

/**
 * Draws `timeline` as an `<svg>` element.
 *
 * @param timeline What to draw (from `buildTimeline`).
 * @param options The width, and the cancel time if the run was cancelled.
 * @returns The SVG element, with a text alternative.
 */
export function drawTimeline(timeline: Timeline, options: DrawOptions): SVGSVGElement {
  const { now, span, marks, headers, rows, hidden } = timeline;
  const { cancelledAt } = options;
  const width = Math.max(280, Math.round(options.width));
  const labelWidth = Math.max(...[headers[0], ...rows.map((r) => r.label)].map((t) => t.length)) *
      CHAR + 10;
  const noteWidth = Math.max(...[headers[1], ...rows.map((r) => r.note)].map((t) => t.length)) *
      CHAR + 12;
  const orderWidth = headers[2] === "" ? 0 : Math.max(9, headers[2].length) * CHAR + 8;
  const x0 = labelWidth;
  const barWidth = Math.max(60, width - labelWidth - noteWidth - orderWidth - 8);
  const scale = span > 0 ? barWidth / span : 0;
  const x = (t: number) => x0 + Math.max(0, Math.min(t, span)) * scale;
  const height = HEAD + rows.length * ROW + (hidden > 0 ? ROW : 0) + 6;

  const svg = el("svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-labelledby": "timeline-title",
  });
  svg.append(el("title", { id: "timeline-title" }, describe(timeline, cancelledAt)));

  // The axis: 0, the marks and the span, with the column headers.
  const head = el("g", { class: "head" });
  head.append(el("text", { x: 0, y: 14 }, headers[0]));
  head.append(el("text", { x: x0 + barWidth + 8, y: 14 }, headers[1]));
  if (orderWidth > 0) {
    head.append(el("text", { x: x0 + barWidth + 8 + noteWidth, y: 14 }, headers[2]));
  }
  const axis = el("g", { class: "axis" });
  axis.append(el("line", { x1: x0, x2: x0 + barWidth, y1: HEAD - 8, y2: HEAD - 8 }));
  for (const t of [0, ...marks, span]) {
    axis.append(el("line", { x1: x(t), x2: x(t), y1: HEAD - 12, y2: HEAD - 4 }));
    const anchor = t === 0 ? "start" : t === span ? "end" : "middle";
    axis.append(el("text", { x: x(t), y: 14, "text-anchor": anchor }, `${round(t)} s`));
  }
  for (const t of marks) {
    axis.append(el("line", {
      class: "grid",
      x1: x(t),
      x2: x(t),
      y1: HEAD - 4,
      y2: height - 4,
      "stroke-dasharray": "2 3",
    }));
  }
  svg.append(head, axis);

  rows.forEach((row, i) => {
    const y = HEAD + i * ROW;
    const state = rowState(row, now, cancelledAt);
    const g = el("g", {
      class: "row",
      "data-label": row.label,
      "data-state": state,
      ...(row.order === undefined || state === "cancelled" ? {} : { "data-order": row.order }),
      ...(row.value === undefined ? {} : { "data-value": row.value }),
    });
    g.append(el("text", { x: 0, y: y + 16 }, row.label));
    const stop = state === "ghost" ? row.end! : Math.min(row.end ?? now, cancelledAt ?? now, now);
    const from = x(row.start);
    g.append(el("rect", {
      class: "bar",
      x: from,
      y: y + 4,
      width: Math.max(state === "running" ? 0 : 1, x(stop) - from),
      height: ROW - 8,
      rx: 3,
    }));
    if (state === "cancelled" && row.end !== undefined && row.end > stop) {
      g.append(el("rect", {
        class: "rest",
        x: x(stop),
        y: y + 4.5,
        width: Math.max(0, x(row.end) - x(stop)),
        height: ROW - 9,
        rx: 3,
      }));
    }
    g.append(el("text", { x: x0 + barWidth + 8, y: y + 16 }, row.note));
    if (orderWidth > 0) {
      const rank = state === "cancelled"
        ? "cancelled"
        : row.order !== undefined && state === "done"
        ? ordinal(row.order)
        : "";
      g.append(el("text", { class: "rank", x: x0 + barWidth + 8 + noteWidth, y: y + 16 }, rank));
    }
    svg.append(g);
  });
  if (hidden > 0) {
    svg.append(el("text", { x: 0, y: HEAD + rows.length * ROW + 16 }, `… and ${hidden} more`));
  }
  const at = Math.min(cancelledAt ?? now, span);
  svg.append(el("line", { class: "now", x1: x(at), x2: x(at), y1: HEAD - 12, y2: height - 4 }));
  return svg;
}

function round(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(2);
}

/** The picture in words, for screen readers. */
function describe(timeline: Timeline, cancelledAt: number | undefined): string {
  const { rows, now } = timeline;
  const parts = rows.map((row) => {
    const state = rowState(row, now, cancelledAt);
    const rank = state === "done" && row.order !== undefined ? `, ${ordinal(row.order)} done` : "";
    return `${timeline.headers[0] || "row"} ${row.label}: ${
      row.note || "waiting"
    }, ${state}${rank}`;
  });
  return `${timeline.title}, at ${now.toFixed(2)} s. ${parts.join("; ")}`;
}
