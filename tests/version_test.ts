import assert from "node:assert/strict";
import config from "../deno.json" with { type: "json" };
import { VERSION } from "../mod.ts";

Deno.test("VERSION equals the version in deno.json", () => {
  assert.equal(VERSION, config.version);
  assert.match(VERSION, /^\d+\.\d+\.\d+$/);
});
