/**
 * The timeline of a course run as data: rows of bars on a time axis, built from the
 * random numbers the run drew (see `recordDraws`). Pure: the same draws and time give
 * the same timeline, so a live view and a final picture come from one function.
 *
 * @module
 */
import type { Picture } from "./commands.ts";
import type { Draw } from "./record.ts";

/** One bar of a timeline: a wait, from `start` to `end`, in seconds since the start. */
export interface Row {
  /** The row's name, left of the bar. */
  readonly label: string;
  /** When the wait began. */
  readonly start: number;
  /** When it ends, or `undefined` while unknown: the bar grows with the clock. */
  readonly end: number | undefined;
  /** The text right of the bar: the delay, the number drawn, a count. */
  readonly note: string;
  /** The number drawn for this row (the delay, or the number yielded), if any. */
  readonly value?: number | undefined;
  /** Its rank in completion order (1 = first done), once done; waits only. */
  readonly order?: number | undefined;
  /** A bar of what would happen otherwise (drawn faint, whatever the clock). */
  readonly ghost?: boolean | undefined;
}

/** What a timeline picture shows; `renderTimeline` draws it. */
export interface Timeline {
  /** The first line: the call, the seed, the kind of time. */
  readonly title: string;
  /** The clock: seconds since the start. */
  readonly now: number;
  /** The time the axis spans, in seconds. */
  readonly span: number;
  /** Times to label on the axis, besides 0 and `span`. */
  readonly marks: readonly number[];
  /** A time unit (seconds) the bars should measure in whole cells, if any. */
  readonly grid?: number | undefined;
  /** Headers of the label, note and order columns. */
  readonly headers: readonly [string, string, string];
  /** The rows shown. */
  readonly rows: readonly Row[];
  /** How many rows were left out (only the first `maxRows` are shown). */
  readonly hidden: number;
  /** Lines that explain the picture, once the run is done. */
  readonly footer: readonly string[];
}

/** What {@linkcode buildTimeline} builds a timeline from. */
export interface TimelineInput {
  /** Which picture: waits (wait_n…), numbers (the generator), runtime (measure_runtime). */
  readonly picture: Picture;
  /** The title line. */
  readonly title: string;
  /** The numbers the run drew so far, with their loop times. */
  readonly draws: readonly Draw[];
  /** The loop time the run started at. */
  readonly origin: number;
  /** The loop time now. */
  readonly now: number;
  /**
   * Set once the run returned: the numbers its result reports (`Command.observed`), which
   * the timeline must agree with, or `null` when the result holds none.
   */
  readonly observed?: readonly number[] | null | undefined;
  /** The most rows to show (default 20). */
  readonly maxRows?: number | undefined;
}

const seconds = (s: number) => `${s.toFixed(2)} s`;

/**
 * Builds the timeline of a run from the numbers it drew. Waits (`wait_random`, `wait_n`,
 * `measure_time`, `task_*`): one row per delay drawn, from the draw to the draw plus the
 * delay (exactly when its sleep ends), ranked in completion order. Numbers (the
 * generator): one row per number, the one-second wait before it. Runtime
 * (`measure_runtime`): the four comprehensions side by side, above the 40 s the same
 * waits would take one after another.
 *
 * Once the run is done (`observed` given), the timeline is checked against the result:
 * the delays in completion order, or the numbers in yield order, must be exactly the
 * result's, so the picture shows the function's real results.
 *
 * @param input The draws, the clock and the picture to build.
 * @returns The timeline, ready for `renderTimeline`.
 * @throws {Error} If the run is done and the draws do not match its result.
 *
 * @example Two waits, half-way and done
 * ```ts
 * import { buildTimeline } from "./timeline.ts";
 * import assert from "node:assert/strict";
 *
 * const draws = [{ time: 0, value: 2 }, { time: 0, value: 1 }];
 * const input = { picture: "waits", title: "wait_n(2, 2)", draws, origin: 0 } as const;
 * const half = buildTimeline({ ...input, now: 1.5 });
 * assert.deepEqual(half.rows.map((r) => r.order), [undefined, 1]);
 * const done = buildTimeline({ ...input, now: 2, observed: [1, 2] });
 * assert.deepEqual(done.rows.map((r) => r.order), [2, 1]);
 * assert.equal(done.span, 2);
 * ```
 */
export function buildTimeline(input: TimelineInput): Timeline {
  const { picture, title, draws, origin, observed } = input;
  const now = input.now - origin;
  const maxRows = input.maxRows ?? 20;
  const build = picture === "waits" ? waits : picture === "numbers" ? numbers : runtime;
  const { rows, marks, grid, headers, footer, span } = build(draws, origin, now, observed);
  const shown = rows.slice(0, maxRows);
  return {
    title,
    now,
    span: shown.reduce((max, r) => Math.max(max, r.end ?? 0), Math.max(span, now)),
    marks,
    grid,
    headers,
    rows: shown,
    hidden: rows.length - shown.length,
    footer: observed === undefined ? [] : footer,
  };
}

interface Parts {
  rows: Row[];
  span: number;
  marks: number[];
  grid?: number | undefined;
  headers: [string, string, string];
  footer: string[];
}

function waits(
  draws: readonly Draw[],
  origin: number,
  now: number,
  observed: readonly number[] | null | undefined,
): Parts {
  // A wait's sleep is scheduled at its draw's loop time, for the delay drawn: it ends at
  // exactly time + value, and equal deadlines end first in, first out.
  const ends = draws.map((d, i) => ({ i, deadline: d.time + d.value, value: d.value }));
  const byEnd = ends.slice().sort((a, b) => a.deadline - b.deadline || a.i - b.i);
  if (observed) check("delays in completion order", byEnd.map((e) => e.value), observed);
  const rank = new Map(byEnd.map((e, k) => [e.i, k + 1]));
  const rows = draws.map((d, i): Row => {
    const end = d.time + d.value - origin;
    return {
      label: String(i + 1),
      start: d.time - origin,
      end,
      note: seconds(d.value),
      value: d.value,
      order: end <= now || observed !== undefined ? rank.get(i) : undefined,
    };
  });
  const total = rows.reduce((max, r) => Math.max(max, r.end!), 0);
  const sum = draws.reduce((s, d) => s + d.value, 0);
  const footer = draws.length === 0
    ? ["No waits, so nothing to draw."]
    : draws.length === 1
    ? [`One wait of ${seconds(sum)}.`]
    : [
      `${draws.length} waits, ${seconds(sum)} in all, took ${seconds(total)}: they overlap, ` +
      "so the total is the longest wait, not the sum. They finish shortest first, " +
      "the order of the result.",
    ];
  return { rows, span: total, marks: [], headers: ["task", "delay", "order"], footer };
}

const NUMBERS = 10; // the generator yields ten numbers, one a second

function numbers(
  draws: readonly Draw[],
  origin: number,
  _now: number,
  observed: readonly number[] | null | undefined,
): Parts {
  if (observed) check("numbers", draws.map((d) => d.value), observed);
  const rows = draws.map((d, i): Row => ({
    label: String(i + 1),
    start: (draws[i - 1]?.time ?? origin) - origin,
    end: d.time - origin,
    note: d.value.toFixed(2),
    value: d.value,
  }));
  if (observed === undefined && draws.length < NUMBERS) {
    const last = draws.at(-1);
    const start = last === undefined ? 0 : last.time - origin;
    rows.push({ label: String(draws.length + 1), start, end: undefined, note: "" });
  }
  const footer = [
    "Ten numbers, one a second: each waits for the one before, so they take 10 s in all.",
  ];
  return { rows, span: NUMBERS, marks: [], grid: 1, headers: ["number", "value", ""], footer };
}

const COMPREHENSIONS = 4;

function runtime(
  draws: readonly Draw[],
  origin: number,
  _now: number,
  observed: readonly number[] | null | undefined,
): Parts {
  if (observed !== undefined && draws.length !== COMPREHENSIONS * NUMBERS) {
    throw new Error(
      `The timeline does not match the run: ${COMPREHENSIONS * NUMBERS} numbers expected, ` +
        `${draws.length} drawn`,
    );
  }
  // Every second the four comprehensions' sleeps end in the order they were scheduled
  // (first in, first out), and each draws its number at once: draw i is comprehension i % 4.
  const rows: Row[] = [];
  for (let k = 0; k < COMPREHENSIONS; k++) {
    const own = draws.filter((_, i) => i % COMPREHENSIONS === k);
    const last = own.length === NUMBERS ? own.at(-1) : undefined;
    const end = last === undefined ? undefined : last.time - origin;
    rows.push({ label: `concurrent ${k + 1}`, start: 0, end, note: `${own.length}/${NUMBERS}` });
  }
  for (let k = 0; k < COMPREHENSIONS; k++) {
    const start = k * NUMBERS;
    rows.push({ label: `sequential ${k + 1}`, start, end: start + NUMBERS, note: "", ghost: true });
  }
  const footer = [
    "Four comprehensions of ten one-second waits: side by side (concurrent) they take 10 s; " +
    "one after another (sequential) they would take 40 s. Concurrency, not parallelism: " +
    "one thread switches between tasks while they wait.",
  ];
  return {
    rows,
    span: COMPREHENSIONS * NUMBERS,
    marks: [NUMBERS],
    grid: NUMBERS,
    headers: ["", "numbers", ""],
    footer,
  };
}

function check(what: string, drawn: readonly number[], observed: readonly number[]): void {
  const same = drawn.length === observed.length &&
    drawn.every((x, i) => Object.is(x, observed[i]));
  if (!same) {
    throw new Error(
      `The timeline does not match the result: ${what} drawn [${drawn}], returned [${observed}]`,
    );
  }
}
