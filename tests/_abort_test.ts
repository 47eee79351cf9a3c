import assert from "node:assert/strict";
import { isFollowed, onAbort, subscribe, type Subscription, unsubscribe } from "../src/_abort.ts";
import { listenerLog } from "./_helpers.ts";

Deno.test("onAbort(): the callbacks still subscribed run once, in order, however many came and went", () => {
  const controller = new AbortController();
  const ran: number[] = [];
  const unsubscribe: (() => void)[] = [];
  for (let i = 0; i < 100; i++) {
    unsubscribe.push(onAbort(controller.signal, () => ran.push(i)));
    if (i % 2 === 1) unsubscribe[i - 1]!(); // the list is trimmed as it grows
  }
  // a callback that unsubscribes a later one keeps it from running
  unsubscribe.push(onAbort(controller.signal, () => (ran.push(100), unsubscribe[101]!())));
  unsubscribe.push(onAbort(controller.signal, () => ran.push(101)));
  assert.equal(isFollowed(controller.signal), true);
  controller.abort();
  assert.deepEqual(ran, [...Array.from({ length: 50 }, (_, k) => 2 * k + 1), 100]);
  assert.equal(isFollowed(controller.signal), false);
  for (const off of unsubscribe) off(); // harmless once called
  controller.abort();
  assert.equal(ran.length, 51);
});

Deno.test("onAbort(): the signal's one listener goes with the last subscription", () => {
  const { signal } = new AbortController();
  const calls = listenerLog(signal);
  const offs = Array.from({ length: 20 }, () => onAbort(signal, () => {}));
  for (const off of offs.slice(0, 19)) off();
  assert.deepEqual(calls, ["add abort"]);
  assert.equal(isFollowed(signal), true);
  offs[19]!();
  offs[19]!(); // twice: no second removal
  assert.deepEqual(calls, ["add abort", "remove abort"]);
  assert.equal(isFollowed(signal), false);
  onAbort(signal, () => {})();
  assert.deepEqual(calls, ["add abort", "remove abort", "add abort", "remove abort"]);
});

Deno.test("subscribe(): a record is its own subscription, called with itself; unsubscribe() once", () => {
  const controller = new AbortController();
  const signal = controller.signal;
  const calls = listenerLog(signal);
  const seen: string[] = [];
  const cb = (s: Subscription & { name: string }) => seen.push(s.name);
  const a = { cb, from: undefined, name: "a" };
  const b = { cb, from: undefined, name: "b" };
  const c = { cb, from: undefined, name: "c" };
  subscribe(signal, a);
  subscribe(signal, b);
  subscribe(signal, c);
  unsubscribe(signal, b);
  unsubscribe(signal, b); // a second time: not counted twice, so a still follows after c goes
  unsubscribe(signal, c);
  assert.equal(isFollowed(signal), true);
  assert.deepEqual(calls, ["add abort"]);
  controller.abort();
  assert.deepEqual(seen, ["a"]);
  assert.equal(a.cb, undefined);
  unsubscribe(signal, a); // after the call: harmless
  assert.deepEqual(calls, ["add abort"]);
  assert.equal(isFollowed(signal), false);
});
