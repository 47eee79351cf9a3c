import assert from "node:assert/strict";
import { CancelledError, createTask, loopTime, sleep, VirtualClock } from "../mod.ts";
import { Event } from "../src/event.ts";
import { recorder } from "./_helpers.ts";

/** Records how each promise settles, in the order they settle. */
Deno.test("Event starts unset; set() and clear() switch isSet() (CPython test_clear)", () => {
  const event = new Event();
  assert.equal(event.isSet(), false);
  event.set();
  assert.equal(event.isSet(), true);
  event.set();
  assert.equal(event.isSet(), true);
  event.clear();
  assert.equal(event.isSet(), false);
  event.clear();
  assert.equal(event.isSet(), false);
});

Deno.test("wait() blocks until set() and wakes every waiter in order at the exact time (CPython test_wait)", async () => {
  using clock = VirtualClock.install();
  const event = new Event();
  const { log, track } = recorder();
  const waits = [1, 2, 3].map((i) => track(`t${i}`, event.wait()));
  createTask(async () => {
    await sleep(2);
    event.set();
  });
  await clock.advance(1.9);
  assert.deepEqual(log, []);
  await clock.advance(0.1);
  await Promise.all(waits);
  assert.deepEqual(log, ["t1:true@2", "t2:true@2", "t3:true@2"]);
});

Deno.test("wait() on a set event resolves to true at once (CPython test_wait_on_set)", async () => {
  using _clock = VirtualClock.install();
  const event = new Event();
  event.set();
  assert.equal(await event.wait(), true);
  assert.equal(loopTime(), 0);
});

Deno.test("an aborted waiter in the middle of the line does not reorder the rest (CPython test_wait_cancel)", async () => {
  using clock = VirtualClock.install();
  const event = new Event();
  const { log, track } = recorder();
  const controllers = Array.from({ length: 5 }, () => new AbortController());
  const waits = controllers.map((c, i) => track(`w${i}`, event.wait({ signal: c.signal })));
  await clock.advance(1);
  controllers[2]!.abort(new CancelledError("not needed"));
  await clock.advance(1);
  event.set();
  await Promise.all(waits);
  assert.deepEqual(log, [
    "w2:CancelledError@1",
    "w0:true@2",
    "w1:true@2",
    "w3:true@2",
    "w4:true@2",
  ]);
});

Deno.test("clear() right after set() still wakes the waiters of that set() (CPython test_clear_with_waiters)", async () => {
  using clock = VirtualClock.install();
  const event = new Event();
  const { log, track } = recorder();
  const first = track("first", event.wait());
  await clock.advance(1);
  event.set();
  event.clear();
  assert.equal(event.isSet(), false);
  const second = track("second", event.wait());
  await first;
  await clock.advance(1);
  assert.deepEqual(log, ["first:true@1"]);
  event.set();
  await second;
  assert.deepEqual(log, ["first:true@1", "second:true@2"]);
});

Deno.test("wait() with an aborted signal rejects if unset, resolves if set (as asyncio never suspends)", async () => {
  const event = new Event();
  const controller = new AbortController();
  controller.abort("stop");
  const error = await event.wait({ signal: controller.signal }).catch((e) => e);
  assert.ok(error instanceof CancelledError);
  assert.equal(error.message, "stop");
  assert.equal(error.cause, "stop");
  event.set();
  assert.equal(await event.wait({ signal: controller.signal }), true);
});

Deno.test("cancelling 10 000 waiters leaves no timer and no waiter behind", async () => {
  using clock = VirtualClock.install();
  const event = new Event();
  const controller = new AbortController();
  const waits = Array.from(
    { length: 10_000 },
    () => event.wait({ signal: controller.signal }).catch((e) => e),
  );
  const kept = event.wait();
  controller.abort();
  const errors = await Promise.all(waits);
  assert.equal(errors.filter((e) => e instanceof CancelledError).length, 10_000);
  assert.equal(clock.pending, 0);
  event.set();
  assert.equal(await kept, true);
});

Deno.test("wait() rejects a signal that is not an AbortSignal with TypeError", async () => {
  const event = new Event();
  event.set();
  await assert.rejects(event.wait({ signal: "x" as unknown as AbortSignal }), {
    name: "TypeError",
    message: 'Cannot wait for event: "signal" must be an AbortSignal, received "x"',
  });
});

Deno.test("a waiter woken by set() but cancelled before it resumes rejects with CancelledError, as in asyncio", async () => {
  const event = new Event();
  const controller = new AbortController();
  const { log, track } = recorder({ time: false });
  const cancelled = track("cancelled", event.wait({ signal: controller.signal }));
  const other = track("other", event.wait());
  event.set(); // wakes both …
  controller.abort(); // … and one is cancelled before it resumes
  await Promise.all([cancelled, other]);
  assert.deepEqual(log, ["cancelled:CancelledError", "other:true"]);
});
