// Run by scripts/test_npm.ts with Node, in a fresh project that installed the packed
// @aio/asyncio: `node consumer.cjs <version>`. Extend it as the API grows.
"use strict";
const assert = require("node:assert/strict");
const process = require("node:process");
const aio = require("@aio/asyncio");
const testing = require("@aio/asyncio/testing");

assert.equal(aio.VERSION, process.argv[2]);

// The CommonJS build exports the same names as the ES build.
Promise.all([import("@aio/asyncio"), import("@aio/asyncio/testing")]).then(([esm, esmTesting]) => {
  assert.deepEqual(Object.keys(aio).sort(), Object.keys(esm).sort());
  assert.deepEqual(Object.keys(testing).sort(), Object.keys(esmTesting).sort());
  console.log(`consumer.cjs: require of @aio/asyncio ${aio.VERSION} ok`);
});
