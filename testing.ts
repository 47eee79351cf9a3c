/**
 * Test helpers: {@linkcode VirtualClock} puts the loop on virtual time, advanced by hand or
 * jumping to the next deadline whenever the program is idle.
 *
 * @example Test a long wait in milliseconds
 * ```ts
 * import { VirtualClock } from "@aio/asyncio/testing";
 * import { sleep } from "@aio/asyncio";
 * import assert from "node:assert/strict";
 *
 * using clock = VirtualClock.install({ autojump: true });
 * await sleep(86400);
 * assert.equal(clock.now, 86400);
 * ```
 *
 * @module
 */
export { VirtualClock, type VirtualClockOptions } from "./src/virtual_clock.ts";
