import assert from "node:assert/strict";
import { asyncComprehension, gather, random, VirtualClock, waitN } from "../../mod.ts";
import { main } from "../../src/cli/main.ts";
import { type Draw, recordDraws } from "../../src/cli/record.ts";
import { renderTimeline } from "../../src/cli/render_timeline.ts";
import { buildTimeline, type Row } from "../../src/cli/timeline.ts";
import { cases } from "../course/_fixtures.ts";
import { memoryIO, stripAnsi } from "./_io.ts";

// wait_n(5, 5) after random.seed(7): the delays in the order they are drawn.
const SEED_7 = [
  1.619163824165812,
  0.7542458696225096,
  3.254672365199269,
  0.3621814333377138,
  2.679410021533446,
];

Deno.test("--timeline of wait_n 5 5 --seed 7 --virtual draws this picture", async () => {
  const io = memoryIO(); // not a terminal: width 80, no colour, the final picture only
  assert.equal(await main(["wait_n", "5", "5", "--seed", "7", "--virtual", "--timeline"], io), 0);
  assert.equal(
    io.out,
    [
      "wait_n(5, 5) · seed 7 · virtual time · t = 3.25 s",
      "task  0 s                                                  3.25 s   delay  order",
      "1     █████████████████████████████▍                               1.62 s  3rd",
      "2     █████████████▋                                               0.75 s  2nd",
      "3     ███████████████████████████████████████████████████████████  3.25 s  5th",
      "4     ██████▋                                                      0.36 s  1st",
      "5     ████████████████████████████████████████████████▋            2.68 s  4th",
      "5 waits, 8.67 s in all, took 3.25 s: they overlap, so the total is the longest",
      "wait, not the sum. They finish shortest first, the order of the result.",
      "[0.3621814333377138, 0.7542458696225096, 1.619163824165812, 2.679410021533446, 3.254672365199269]",
      "",
    ].join("\n"),
  );
});

Deno.test("--timeline of measure_runtime --seed 0 --virtual draws 10 s against 40 s", async () => {
  const io = memoryIO();
  assert.equal(await main(["measure_runtime", "--seed", "0", "--virtual", "--timeline"], io), 0);
  assert.equal(
    io.out,
    [
      "measure_runtime() · seed 0 · virtual time · t = 10.00 s",
      "              0 s           10 s                                  40 s  numbers",
      "concurrent 1  ██████████████                                              10/10",
      "concurrent 2  ██████████████                                              10/10",
      "concurrent 3  ██████████████                                              10/10",
      "concurrent 4  ██████████████                                              10/10",
      "sequential 1  ░░░░░░░░░░░░░░",
      "sequential 2                ░░░░░░░░░░░░░░",
      "sequential 3                              ░░░░░░░░░░░░░░",
      "sequential 4                                            ░░░░░░░░░░░░░░",
      "Four comprehensions of ten one-second waits: side by side (concurrent) they take",
      "10 s; one after another (sequential) they would take 40 s. Concurrency, not",
      "parallelism: one thread switches between tasks while they wait.",
      "10.0",
      "",
    ].join("\n"),
  );
});

Deno.test("--timeline of async_comprehension draws one wait per number, one after another", async () => {
  const io = memoryIO();
  assert.equal(
    await main(["async_comprehension", "--seed", "42", "--virtual", "--timeline"], io),
    0,
  );
  const lines = io.out.split("\n");
  assert.equal(
    lines[1],
    "number  0 s                                                     10 s   value",
  );
  assert.equal(
    lines[2],
    "1       ██████                                                          6.39",
  );
  assert.equal(
    lines[11],
    "10                                                            ██████    0.30",
  );
});

Deno.test("a frame mid-run shows bars grown to the clock and the waits done so far", () => {
  const draws = SEED_7.map((value) => ({ time: 0, value }));
  const timeline = buildTimeline({
    picture: "waits",
    title: "wait_n(5, 5)",
    draws,
    origin: 0,
    now: 1,
  });
  assert.equal(
    renderTimeline(timeline, { width: 60, color: false }),
    [
      "wait_n(5, 5) · t = 1.00 s",
      "task  0 s                              3.25 s   delay  order",
      "1     ████████████                             1.62 s",
      "2     █████████                                0.75 s  2nd",
      "3     ████████████                             3.25 s",
      "4     ████▍                                    0.36 s  1st",
      "5     ████████████                             2.68 s",
      "",
    ].join("\n"),
  );
});

Deno.test("a generator frame mid-run shows the numbers so far and a growing wait", () => {
  const draws = [{ time: 11, value: 8.44 }, { time: 12, value: 7.58 }];
  const timeline = buildTimeline({
    picture: "numbers",
    title: "g()",
    draws,
    origin: 10,
    now: 12.5,
  });
  assert.deepEqual(timeline.rows.map((r) => [r.start, r.end]), [[0, 1], [1, 2], [2, undefined]]);
  assert.equal(
    renderTimeline(timeline, { width: 60, color: false }),
    [
      "g() · t = 2.50 s",
      "number  0 s                                 10 s   value",
      "1       ████                                        8.44",
      "2           ████                                    7.58",
      "3               ██",
      "",
    ].join("\n"),
  );
});

Deno.test("colours mark running bars yellow, done bars green, ghosts dim, and change nothing else", () => {
  const draws = SEED_7.map((value) => ({ time: 0, value }));
  const timeline = buildTimeline({ picture: "waits", title: "w", draws, origin: 0, now: 1 });
  const plain = renderTimeline(timeline, { width: 70, color: false });
  const colored = renderTimeline(timeline, { width: 70, color: true });
  assert.equal(stripAnsi(colored), plain);
  const rows = colored.split("\n").slice(2, 7);
  assert.ok(rows[0]!.startsWith("1     \x1b[33m███████████████\x1b[0m")); // 1.62 s: running at 1 s
  assert.ok(rows[1]!.startsWith("2     \x1b[32m███████████▍\x1b[0m")); // 0.75 s: done
  assert.ok(rows[1]!.endsWith("0.75 s  \x1b[1m2nd\x1b[0m"));
  const runtime = buildTimeline({ picture: "runtime", title: "r", draws: [], origin: 0, now: 0 });
  const ghost = renderTimeline(runtime, { width: 70, color: true }).split("\n")[6] ?? "";
  assert.ok(ghost.startsWith("sequential 1  \x1b[2m░░░░░░░░░░░\x1b[0m"), ghost);
});

Deno.test("no line of a picture is wider than the width, down to 12 columns", async () => {
  for (const width of [12, 20, 30, 40, 57, 80, 100]) {
    for (const args of [["wait_n", "25", "3"], ["measure_runtime"], ["async_generator"]]) {
      const io = memoryIO({ isTTY: true, columns: width, noColor: false });
      assert.equal(await main([...args, "--seed", "1", "--virtual", "--timeline"], io), 0);
      const lines = stripAnsi(io.out).split("\n").slice(0, -2); // the result line is Python's
      for (const line of lines) {
        assert.ok(line.length <= width, `${args[0]} at ${width}: ${JSON.stringify(line)}`);
      }
    }
  }
});

Deno.test("a live picture on a narrow terminal fits it, so it redraws in place", async () => {
  const io = memoryIO({ isTTY: true, columns: 20, noColor: false });
  assert.equal(await main(["wait_n", "3", "0", "--seed", "0", "--timeline"], io), 0);
  assert.ok(io.out.startsWith("\x1b[?25l")); // live
  const lines = stripAnsi(io.out).split("\n").slice(0, -2);
  assert.deepEqual(lines.filter((line) => line.length > 20), []);
});

Deno.test("a narrow picture drops the order column, then the note column, then cuts lines", () => {
  const draws = SEED_7.map((value) => ({ time: 0, value }));
  const timeline = buildTimeline({
    picture: "waits",
    title: "wait_n(5, 5)",
    draws,
    origin: 0,
    now: 1,
  });
  const render = (width: number) => renderTimeline(timeline, { width, color: false });
  assert.equal(
    render(30),
    [
      "wait_n(5, 5) · t = 1.00 s",
      "task  0 s         delay  order",
      "1     ██▊        1.62 s",
      "2     ██▏        0.75 s  2nd",
      "3     ██▊        3.25 s",
      "4     █          0.36 s  1st",
      "5     ██▊        2.68 s",
      "",
    ].join("\n"),
  );
  assert.equal(
    render(20),
    [
      "wait_n… · t = 1.00 s",
      "task  0 s      delay",
      "1     █▉      1.62 s",
      "2     █▍      0.75 s",
      "3     █▉      3.25 s",
      "4     ▋       0.36 s",
      "5     █▉      2.68 s",
      "",
    ].join("\n"),
  );
  assert.equal(
    render(12),
    [
      "… · t = 1.00",
      "task  0 s",
      "1     █▉",
      "2     █▍",
      "3     █▉",
      "4     ▋",
      "5     █▉",
      "",
    ].join("\n"),
  );
});

Deno.test("a timeline shows the first 20 tasks and counts the rest", async () => {
  const io = memoryIO();
  assert.equal(await main(["wait_n", "25", "1", "--seed", "0", "--virtual", "--timeline"], io), 0);
  const lines = io.out.split("\n");
  assert.equal(lines[21]!.slice(0, 3), "20 ");
  assert.equal(lines[22], "… and 5 more");
});

Deno.test("the timeline's delays are exactly the ones the function returned, in its order", async () => {
  for (const { args, value } of cases.filter((c) => /wait/.test(c.args[0] ?? ""))) {
    const io = memoryIO();
    assert.equal(await main([...args, "--virtual", "--timeline", "--json"], io), 0);
    const rows: Row[] = JSON.parse(io.out).timeline;
    const byOrder = rows.toSorted((a, b) => a.order! - b.order!).map((r) => r.value);
    assert.deepEqual(byOrder, Array.isArray(value) ? value : [value], args.join(" "));
    assert.deepEqual(rows.map((r) => r.end), rows.map((r) => r.value)); // each ends at its delay
  }
});

Deno.test("the timeline's numbers are exactly the ones the generator yielded", async () => {
  for (const { args, value } of cases.filter((c) => c.args[0]!.startsWith("async"))) {
    const io = memoryIO();
    assert.equal(await main([...args, "--virtual", "--timeline", "--json"], io), 0);
    const rows: Row[] = JSON.parse(io.out).timeline;
    assert.deepEqual(rows.map((r) => r.value), value);
    assert.deepEqual(rows.map((r) => r.end), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }
});

Deno.test("recordDraws() sees the very numbers waitN() uses, and puts uniform back", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  random.seed(5);
  const draws: Draw[] = [];
  const stop = recordDraws(random, draws);
  const result = await waitN(6, 2);
  stop();
  stop(); // once is enough
  assert.equal(Object.hasOwn(random, "uniform"), false);
  assert.deepEqual(draws.map((d) => d.value).toSorted((a, b) => a - b), result);
  assert.deepEqual(draws.map((d) => d.time), [0, 0, 0, 0, 0, 0]);
  random.seed(5);
  assert.deepEqual(
    draws.map((d) => d.value),
    Array.from({ length: 6 }, () => random.uniform(0, 2)),
  );
});

Deno.test("measure_runtime's draw i belongs to comprehension i % 4, as the timeline says", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  random.seed(3);
  const draws: Draw[] = [];
  const stop = recordDraws(random, draws);
  const results = await gather([0, 1, 2, 3].map(() => asyncComprehension()));
  stop();
  assert.deepEqual(
    draws.map((d) => d.value),
    draws.map((_, i) => results[i % 4]![Math.floor(i / 4)]),
  );
  assert.deepEqual(draws.map((d) => d.time), draws.map((_, i) => 1 + Math.floor(i / 4)));
});

Deno.test("buildTimeline() refuses a result that does not match the draws", () => {
  const draws = [{ time: 0, value: 2 }, { time: 0, value: 1 }];
  const input = { picture: "waits", title: "t", draws, origin: 0, now: 2 } as const;
  assert.throws(() => buildTimeline({ ...input, observed: [2, 1] }), {
    name: "Error",
    message:
      "The timeline does not match the result: delays in completion order drawn [1,2], returned [2,1]",
  });
  assert.throws(
    () => buildTimeline({ ...input, picture: "numbers", observed: [2] }),
    { message: "The timeline does not match the result: numbers drawn [2,1], returned [2]" },
  );
  assert.throws(
    () => buildTimeline({ ...input, picture: "runtime", observed: null }),
    { message: "The timeline does not match the run: 40 numbers expected, 2 drawn" },
  );
  assert.deepEqual(buildTimeline({ ...input, observed: [1, 2] }).rows.map((r) => r.order), [2, 1]);
});
