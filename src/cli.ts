#!/usr/bin/env node
/**
 * Command-line demo of the asyncio course (placeholder until the CLI lands): prints
 * `wait_n(5, 5)` on virtual time.
 *
 * @module
 */
import { createTask, loopTime, sleep, VirtualClock } from "../mod.ts";

using _clock = VirtualClock.install({ autojump: true });
const delays = [4.2, 1.5, 3.3, 0.7, 2.9];
const done: number[] = [];
await Promise.all(delays.map((d) =>
  createTask(async (signal) => {
    await sleep(d, { signal });
    done.push(d);
  })
));
console.log(done, `in ${loopTime()} s of virtual time`);
