// Run by scripts/test_npm.ts with Node, in a fresh project that installed the packed
// @aio/asyncio: `node consumer.mjs <version>`. Extend it as the API grows.
import assert from "node:assert/strict";
import process from "node:process";
import { random, VERSION, VirtualClock, waitN } from "@aio/asyncio";
import * as testing from "@aio/asyncio/testing";

assert.equal(VERSION, process.argv[2]);
assert.equal(testing.VirtualClock, VirtualClock);

// What python3 course.py wait_n 5 5 --seed 0 prints, on virtual time: instant and exact.
const clock = VirtualClock.install({ autojump: true });
try {
  random.seed(0);
  assert.deepEqual(await waitN(5, 5), [
    1.2945837514648169,
    2.102857904154225,
    2.5563736068430427,
    3.789772014701512,
    4.222109257625241,
  ]);
  assert.equal(clock.now, 4.222109257625241);
} finally {
  clock.uninstall();
}
console.log(`consumer.mjs: import of @aio/asyncio ${VERSION} ok, waitN(5, 5) is Python's`);
