import assert from "node:assert/strict";
import { TimerQueue } from "../src/_timer_queue.ts";
import type { HeapEntry } from "../src/_heap.ts";
import { lcg } from "./_helpers.ts";

function entry(deadline: number, seq: number): HeapEntry {
  return { deadline, seq, index: -1 };
}

Deno.test("TimerQueue takes entries in (deadline, seq) order across heap and run lane", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const next = lcg(seed);
    const q = new TimerQueue<HeapEntry>();
    const pending = new Set<HeapEntry>();
    const taken: HeapEntry[] = [];
    let seq = 0;
    let time = 0;
    for (let step = 0; step < 20_000; step++) {
      const op = next(10);
      if (op < 5) {
        // Mostly ordered arrivals (the run lane), sometimes out of order (the heap).
        const e = entry(time + (op < 3 ? next(3) : next(50)), seq++);
        q.push(e);
        pending.add(e);
      } else if (op < 7 && pending.size > 0) {
        const victims = [...pending];
        const e = victims[next(victims.length)]!;
        assert.equal(q.remove(e), true);
        assert.equal(q.remove(e), false, "a removed entry is gone");
        pending.delete(e);
      } else {
        time += next(3);
        const expected = [...pending].filter((e) => e.deadline <= time)
          .sort((a, b) => a.deadline - b.deadline || a.seq - b.seq);
        const batch: HeapEntry[] = [];
        for (let e = q.popDue(time); e !== undefined; e = q.popDue(time)) batch.push(e);
        assert.deepEqual(batch, expected);
        for (const e of batch) pending.delete(e);
        taken.push(...batch);
      }
      assert.equal(q.size, pending.size);
    }
    const rest = [...pending].sort((a, b) => a.deadline - b.deadline || a.seq - b.seq);
    const batch: HeapEntry[] = [];
    for (let e = q.popDue(Infinity); e !== undefined; e = q.popDue(Infinity)) batch.push(e);
    assert.deepEqual(batch, rest);
    assert.equal(q.size, 0);
    assert.equal(q.peek(), undefined);
    assert.ok(taken.length > 1000);
  }
});

Deno.test("TimerQueue removes 100 000 run-lane entries in linear time and keeps order", () => {
  const q = new TimerQueue<HeapEntry>();
  const all = Array.from({ length: 100_000 }, (_, i) => entry(Math.floor(i / 10), i));
  for (const e of all) q.push(e);
  all.forEach((e, i) => i % 3 !== 0 && q.remove(e));
  assert.equal(q.size, 33_334);
  const taken: number[] = [];
  for (let e = q.popDue(Infinity); e !== undefined; e = q.popDue(Infinity)) taken.push(e.seq);
  assert.deepEqual(taken, all.filter((_, i) => i % 3 === 0).map((e) => e.seq));
});

Deno.test("TimerQueue keeps exact order while a due batch is half taken, pushed into and removed from", () => {
  for (const seed of [6, 7, 8, 9]) {
    const next = lcg(seed);
    const q = new TimerQueue<HeapEntry>();
    const pending = new Set<HeapEntry>();
    const first = () => {
      let min: HeapEntry | undefined;
      for (const e of pending) {
        if (
          min === undefined || e.deadline < min.deadline ||
          (e.deadline === min.deadline && e.seq < min.seq)
        ) min = e;
      }
      return min;
    };
    let seq = 0;
    let time = 0;
    let batches = 0;
    for (let step = 0; step < 20_000; step++) {
      const op = next(12);
      if (op < 5) {
        // In order (the lane), out of order (the heap), or in the past (flushes a batch).
        const d = op < 2 ? time + next(3) : op < 4 ? time + next(40) : time - next(5);
        const e = entry(d, seq++);
        q.push(e);
        pending.add(e);
      } else if (op < 7 && pending.size > 0) {
        const victims = [...pending];
        const e = victims[next(victims.length)]!;
        assert.equal(q.remove(e), true);
        assert.equal(q.remove(e), false, "a removed entry is gone");
        pending.delete(e);
      } else if (op < 8) {
        time += next(4);
      } else {
        // Take a few of what is due, leaving the rest of the batch for later.
        for (let k = next(6); k >= 0; k--) {
          const expected = first();
          const e = q.popDue(time);
          if (expected === undefined || expected.deadline > time) {
            assert.equal(e, undefined);
            break;
          }
          assert.equal(e, expected);
          pending.delete(expected);
          batches++;
        }
      }
      assert.equal(q.size, pending.size);
      assert.equal(q.peek(), first());
    }
    assert.ok(batches > 1000);
  }
});

Deno.test("TimerQueue drains crowds of due timers (taken as one sorted batch) in exact order", () => {
  const before = (a: HeapEntry, b: HeapEntry) =>
    a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
  for (const seed of [10, 11, 12]) {
    const next = lcg(seed);
    const q = new TimerQueue<HeapEntry>();
    const model: HeapEntry[] = []; // the pending entries, sorted
    const add = (e: HeapEntry) => {
      let lo = 0, hi = model.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(model[mid]!, e)) lo = mid + 1;
        else hi = mid;
      }
      model.splice(lo, 0, e);
      q.push(e);
    };
    let seq = 0;
    let time = 0;
    let taken = 0;
    for (let round = 0; round < 12; round++) {
      // A crowd out of order (the heap), with repeated deadlines, -0, and some in the past.
      for (let i = 0; i < 3000; i++) {
        const r = next(100);
        add(entry(r === 0 ? -0 : r < 5 ? time - next(3) : time + next(200) / 8, seq++));
      }
      time += 12;
      while (true) {
        const e = q.popDue(time);
        const first = model[0];
        if (first === undefined || first.deadline > time) {
          assert.equal(e, undefined);
          break;
        }
        assert.equal(e, first);
        model.shift();
        taken++;
        const op = next(40);
        if (op === 0 && model.length > 0) {
          // Cancel a pending one (often in the batch being handed out).
          const v = model.splice(next(model.length), 1)[0]!;
          assert.equal(q.remove(v), true);
          assert.equal(q.remove(v), false);
        } else if (op === 1) {
          // Schedule while draining: due now (after the crowd, in the lane), then in the past
          // (first, in the heap behind the lane's last).
          add(entry(time, seq++));
          if (next(2) === 0) add(entry(time - 20, seq++));
        }
        assert.equal(q.size, model.length);
      }
      assert.equal(q.peek(), model[0]);
    }
    assert.ok(taken > 20_000);
  }
});

Deno.test("TimerQueue drains more due timers than one batch holds in exact order", () => {
  const next = lcg(13);
  const q = new TimerQueue<HeapEntry>();
  const all = Array.from({ length: 140_000 }, (_, i) => entry(1000 - next(5000) / 7, i));
  for (const e of all) q.push(e);
  const taken: HeapEntry[] = [];
  for (let e = q.popDue(1000); e !== undefined; e = q.popDue(1000)) taken.push(e);
  assert.deepEqual(taken, all.slice().sort((a, b) => a.deadline - b.deadline || a.seq - b.seq));
  assert.equal(q.size, 0);
});
