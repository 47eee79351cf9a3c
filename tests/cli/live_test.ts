import assert from "node:assert/strict";
import { main } from "../../src/cli/main.ts";
import { COMMANDS } from "../../src/cli/commands.ts";
import { LiveScreen } from "../../src/cli/live_screen.ts";
import { renderTimeline } from "../../src/cli/render_timeline.ts";
import { runCommand } from "../../src/cli/run.ts";
import { buildTimeline } from "../../src/cli/timeline.ts";
import { memoryIO } from "./_io.ts";

const HIDE = "\x1b[?25l", SHOW = "\x1b[?25h";

Deno.test("LiveScreen redraws in place: cursor up over the last drawing, clear, one write", () => {
  const writes: string[] = [];
  const io = { ...memoryIO({ isTTY: true }), write: (t: string) => void writes.push(t) };
  const screen = new LiveScreen(io);
  screen.draw("one\ntwo\n");
  screen.draw("three\n");
  screen.draw("four\nfive\nsix\n");
  screen.close();
  screen.close();
  assert.deepEqual(writes, [
    `${HIDE}one\x1b[K\ntwo\x1b[K\n\x1b[J`,
    "\x1b[2Athree\x1b[K\n\x1b[J",
    "\x1b[1Afour\x1b[K\nfive\x1b[K\nsix\x1b[K\n\x1b[J",
    SHOW,
  ]);
});

Deno.test("LiveScreen shows the cursor again on Ctrl-C, and stops listening when closed", () => {
  let out = "";
  const listening: (() => void)[] = [];
  const io = {
    ...memoryIO({ isTTY: true }),
    write: (t: string) => void (out += t),
    onInterrupt(cleanup: () => void) {
      listening.push(cleanup);
      return () => void listening.splice(listening.indexOf(cleanup), 1);
    },
  };
  const screen = new LiveScreen(io);
  assert.equal(listening.length, 0); // nothing until the first drawing
  screen.draw("x\n");
  assert.equal(listening.length, 1);
  listening[0]!(); // Ctrl-C
  assert.equal(out, `${HIDE}x\x1b[K\n\x1b[J${SHOW}`);
  assert.equal(listening.length, 0);
  new LiveScreen(io).close(); // never drawn: writes nothing
  assert.equal(out, `${HIDE}x\x1b[K\n\x1b[J${SHOW}`);
});

Deno.test("a live run draws a frame per interval of loop time, then the final picture", async () => {
  const io = memoryIO({ isTTY: true });
  const waitN = COMMANDS.find((c) => c.name === "wait_n")!;
  const options = { seed: 0n, virtual: true, timeline: true, json: false, live: true };
  await runCommand(waitN, [2, 1], { ...options, width: 50, color: false, frameInterval: 0.5 }, io);
  // seed 0: wait_n(2, 1) draws 0.8444218515250481, then 0.7579544029403025.
  const draws = [0.8444218515250481, 0.7579544029403025].map((value) => ({ time: 0, value }));
  const title = "wait_n(2, 1) · seed 0 · virtual time";
  const frame = (now: number, observed?: number[]) =>
    renderTimeline(
      buildTimeline({ picture: "waits", title, draws, origin: 0, now, observed }),
      { width: 50, color: false },
    ).replaceAll("\n", "\x1b[K\n") + "\x1b[J";
  assert.equal(
    io.out,
    HIDE + frame(0) + "\x1b[4A" + frame(0.5) + "\x1b[4A" +
      frame(0.8444218515250481, [0.7579544029403025, 0.8444218515250481]) + SHOW +
      "[0.7579544029403025, 0.8444218515250481]\n",
  );
  // Half-way both bars have the same length; at the end the shorter wait is ranked 1st.
  assert.ok(
    io.out.includes(
      "t = 0.50 s\x1b[K\ntask  0 s                    0.84 s   delay  order\x1b[K\n" +
        "1     █████████████████▏             0.84 s\x1b[K\n" +
        "2     █████████████████▏             0.76 s\x1b[K\n",
    ),
  );
  assert.ok(io.out.includes("\n2     ██████████████████████████     0.76 s  1st\x1b[K\n"));
});

Deno.test("main() draws live only on a terminal, on real time, without --json", async () => {
  const live = memoryIO({ isTTY: true });
  assert.equal(await main(["wait_n", "2", "0", "--seed", "0", "--timeline"], live), 0);
  assert.ok(live.out.startsWith(HIDE));
  assert.ok(live.out.endsWith(`${SHOW}[0.0, 0.0]\n`));

  for (const args of [["--virtual"], ["--json"]]) {
    const io = memoryIO({ isTTY: true });
    assert.equal(await main(["wait_n", "2", "0", "--timeline", ...args], io), 0);
    assert.equal(io.out.includes(HIDE), false, args[0]);
  }
  const pipe = memoryIO({ isTTY: false });
  assert.equal(await main(["wait_n", "2", "0", "--timeline"], pipe), 0);
  assert.equal(pipe.out.includes("\x1b"), false);
});

Deno.test("main() colours only on a terminal without NO_COLOR", async () => {
  const args = ["wait_n", "2", "1", "--virtual", "--timeline"];
  const colored = memoryIO({ isTTY: true, noColor: false });
  await main(args, colored);
  assert.ok(colored.out.includes("\x1b[32m█"));
  for (const io of [memoryIO({ isTTY: true, noColor: true }), memoryIO({ noColor: false })]) {
    await main(args, io);
    assert.equal(io.out.includes("\x1b"), false);
  }
});
