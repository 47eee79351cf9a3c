// Run by scripts/test_npm.ts with Node, in a fresh project that installed the packed
// @aio/asyncio: `node consumer.cjs <version>`. Extend it as the API grows.
"use strict";
const assert = require("node:assert/strict");
const process = require("node:process");
const aio = require("@aio/asyncio");
const testing = require("@aio/asyncio/testing");

assert.equal(aio.VERSION, process.argv[2]);
assert.equal(testing.VirtualClock, aio.VirtualClock);

async function main() {
  // The CommonJS build exports the same names as the ES build.
  const [esm, esmTesting] = await Promise.all([
    import("@aio/asyncio"),
    import("@aio/asyncio/testing"),
  ]);
  assert.deepEqual(Object.keys(aio).sort(), Object.keys(esm).sort());
  assert.deepEqual(Object.keys(testing).sort(), Object.keys(esmTesting).sort());

  // And its code runs: what python3 course.py wait_n 5 5 --seed 0 prints, on virtual time.
  const clock = aio.VirtualClock.install({ autojump: true });
  try {
    aio.random.seed(0);
    assert.deepEqual(await aio.waitN(5, 5), [
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
  console.log(`consumer.cjs: require of @aio/asyncio ${aio.VERSION} ok, waitN(5, 5) is Python's`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
