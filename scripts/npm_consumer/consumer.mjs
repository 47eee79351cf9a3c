// Run by scripts/test_npm.ts with Node, in a fresh project that installed the packed
// @aio/asyncio: `node consumer.mjs <version>`. Extend it as the API grows.
import assert from "node:assert/strict";
import process from "node:process";
import { VERSION } from "@aio/asyncio";
import * as testing from "@aio/asyncio/testing";

assert.equal(VERSION, process.argv[2]);
assert.equal(typeof testing, "object");
console.log(`consumer.mjs: import of @aio/asyncio ${VERSION} ok`);
