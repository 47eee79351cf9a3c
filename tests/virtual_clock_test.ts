import assert from "node:assert/strict";
import { loopTime, sleep, VirtualClock, waitFor } from "../mod.ts";
import { VirtualClock as FromTesting } from "../testing.ts";

Deno.test("VirtualClock is exported from mod.ts and from ./testing", () => {
  assert.equal(FromTesting, VirtualClock);
});

Deno.test("VirtualClock.install() twice throws until the first is uninstalled", () => {
  const first = VirtualClock.install();
  assert.throws(() => VirtualClock.install(), {
    name: "Error",
    message: "Cannot install VirtualClock: another VirtualClock is installed",
  });
  first.uninstall();
  first.uninstall(); // idempotent
  using _second = VirtualClock.install();
});

Deno.test("VirtualClock starts at 0, or at `start`, and loopTime() follows it", async () => {
  {
    using clock = VirtualClock.install();
    assert.equal(clock.now, 0);
    assert.equal(loopTime(), 0);
  }
  using clock = VirtualClock.install({ start: 1000 });
  assert.equal(loopTime(), 1000);
  await clock.advance(2.5);
  assert.equal(clock.now, 1002.5);
  assert.equal(loopTime(), 1002.5);
});

Deno.test("advance() fires due timers in order and runs their continuations between them", async () => {
  using clock = VirtualClock.install();
  const log: string[] = [];
  (async () => {
    await sleep(1);
    log.push(`a1@${loopTime()}`);
    await sleep(1);
    log.push(`a2@${loopTime()}`);
  })();
  sleep(1.5).then(() => log.push(`b@${loopTime()}`));
  await clock.advance(2);
  assert.deepEqual(log, ["a1@1", "b@1.5", "a2@2"]);
  assert.equal(clock.pending, 0);
});

Deno.test("advance() stops at the target: later timers stay pending", async () => {
  using clock = VirtualClock.install();
  let woke = false;
  sleep(5).then(() => (woke = true));
  await clock.advance(4.999);
  assert.equal(woke, false);
  assert.equal(clock.pending, 1);
  assert.equal(clock.now, 4.999);
  await clock.runAll();
  assert.equal(woke, true);
  assert.equal(clock.now, 5);
});

Deno.test("runAll() follows timers scheduled while it runs", async () => {
  using clock = VirtualClock.install();
  const seen: number[] = [];
  (async () => {
    for (let i = 0; i < 5; i++) {
      await sleep(10);
      seen.push(loopTime());
    }
  })();
  await clock.runAll();
  assert.deepEqual(seen, [10, 20, 30, 40, 50]);
});

Deno.test("autojump jumps to each deadline while the program is idle", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const seen: number[] = [];
  for (const s of [0.25, 7, 86_400]) {
    await sleep(s);
    seen.push(loopTime());
  }
  assert.deepEqual(seen, [0.25, 7.25, 86_407.25]);
});

Deno.test("autojump can be switched off and on", async () => {
  using clock = VirtualClock.install({ autojump: true });
  clock.autojump = false;
  let woke = false;
  sleep(5).then(() => (woke = true));
  await new Promise((resolve) => setTimeout(resolve, 2));
  assert.equal(woke, false);
  clock.autojump = true;
  await sleep(6);
  assert.equal(woke, true);
  assert.equal(loopTime(), 6);
});

Deno.test("timers pending at install and uninstall keep the time they had left", async () => {
  let woke = NaN;
  {
    using clock = VirtualClock.install();
    sleep(10).then(() => (woke = loopTime()));
    await clock.advance(4);
  }
  using clock = VirtualClock.install({ start: 100 });
  assert.equal(clock.pending, 1);
  await clock.advance(5.5);
  assert.ok(Number.isNaN(woke));
  await clock.advance(0.5);
  assert.equal(woke, 106);
});

Deno.test("advance() rejects bad input and an uninstalled clock", async () => {
  const clock = VirtualClock.install();
  await assert.rejects(clock.advance(-1), {
    name: "RangeError",
    message: 'Cannot advance VirtualClock: "seconds" must be a finite number >= 0, received -1',
  });
  clock.uninstall();
  await assert.rejects(clock.advance(1), {
    name: "Error",
    message: "Cannot advance VirtualClock: it was uninstalled",
  });
  assert.throws(() => VirtualClock.install({ start: NaN }), {
    name: "RangeError",
    message: 'Cannot install VirtualClock: "start" must be a finite number, received NaN',
  });
  assert.throws(() => VirtualClock.install({ start: "5" as unknown as number }), {
    name: "TypeError",
    message: 'Cannot install VirtualClock: "start" must be a number, received "5"',
  });
  assert.throws(() => VirtualClock.install({ autojump: "false" as unknown as boolean }), {
    name: "TypeError",
    message: 'Cannot install VirtualClock: "autojump" must be a boolean, received "false"',
  });
});

Deno.test("100 000 sleeps under autojump finish in exact order at the exact last deadline", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const n = 100_000;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: n }, (_, i) => sleep((i * 7919) % n / 1000).then(() => order.push(i))),
  );
  for (let i = 1; i < n; i++) {
    assert.ok((order[i - 1]! * 7919) % n <= (order[i]! * 7919) % n);
  }
  assert.equal(loopTime(), (n - 1) / 1000);
});

Deno.test("advance() stops at its target even with autojump on", async () => {
  using clock = VirtualClock.install({ autojump: true });
  let woke = NaN;
  const sleeping = sleep(10).then(() => (woke = loopTime()));
  await clock.advance(1);
  assert.equal(loopTime(), 1);
  assert.ok(Number.isNaN(woke));
  await sleeping; // autojump resumes once advance() is done
  assert.equal(woke, 10);
});

Deno.test("a sleep of 1e15 s under autojump takes one jump, not one per 24.8-day chunk", async () => {
  using _clock = VirtualClock.install({ autojump: true });
  const realStart = performance.now();
  await sleep(1e15);
  assert.equal(loopTime(), 1e15);
  assert.ok(performance.now() - realStart < 500);
});

Deno.test("autojumpThreshold: a real 20 ms timer under autojump is not jumped past its deadline", async () => {
  using clock = VirtualClock.install({ autojump: true, autojumpThreshold: 0.2 });
  assert.equal(clock.autojumpThreshold, 0.2);
  const realWait = new Promise<string>((resolve) => setTimeout(() => resolve("real"), 20));
  const result = await waitFor(realWait, 5);
  assert.equal(result, "real");
  assert.equal(loopTime(), 0, "virtual time must not jump while real I/O is under way");
  assert.equal(clock.pending, 0);
});

Deno.test("autojumpThreshold: a loopback fetch under autojump is not jumped past its deadline", async () => {
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("pong"),
  );
  using clock = VirtualClock.install({ autojump: true, autojumpThreshold: 0.25 });
  const url = `http://127.0.0.1:${server.addr.port}/`;
  const body = await waitFor(fetch(url).then((r) => r.text()), 5);
  assert.equal(body, "pong");
  assert.equal(loopTime(), 0);
  assert.equal(clock.pending, 0);
});

Deno.test("autojump without a threshold jumps as soon as the program is idle (unchanged)", async () => {
  using clock = VirtualClock.install({ autojump: true });
  assert.equal(clock.autojumpThreshold, 0);
  let realDone!: () => void;
  const real = new Promise<void>((resolve) => (realDone = resolve));
  const id = setTimeout(() => realDone(), 20);
  await assert.rejects(waitFor(real, 5), { name: "TimeoutError" });
  assert.equal(loopTime(), 5);
  clearTimeout(id);
  assert.equal(clock.pending, 0);
});

Deno.test("autojumpThreshold: still jumps once idle for that long, and can be changed", async () => {
  using clock = VirtualClock.install({ autojump: true, autojumpThreshold: 0.002 });
  await sleep(100);
  assert.equal(loopTime(), 100);
  clock.autojumpThreshold = 0;
  await sleep(1);
  assert.equal(loopTime(), 101);
  assert.equal(clock.pending, 0);
});

Deno.test("autojumpThreshold: bad values are a TypeError or RangeError naming it", () => {
  assert.throws(() => VirtualClock.install({ autojumpThreshold: -1 }), {
    name: "RangeError",
    message:
      'Cannot install VirtualClock: "autojumpThreshold" must be a finite number >= 0, received -1',
  });
  assert.throws(() => VirtualClock.install({ autojumpThreshold: "1" as unknown as number }), {
    name: "TypeError",
    message: 'Cannot install VirtualClock: "autojumpThreshold" must be a number, received "1"',
  });
  using clock = VirtualClock.install();
  assert.throws(() => (clock.autojumpThreshold = Infinity), {
    name: "RangeError",
    message:
      'Cannot set VirtualClock.autojumpThreshold: "autojumpThreshold" must be a finite number >= 0, received Infinity',
  });
  assert.equal(clock.autojumpThreshold, 0);
});
