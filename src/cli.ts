#!/usr/bin/env node
/**
 * The `aio-asyncio` command: the asyncio course's mains (`wait_n 5 5 --seed 7` prints what
 * Python's course prints), `--virtual` time, `--json`, and a `--timeline` picture of the
 * waits; with no command, a short tour. Runs with no permission flags:
 *
 * ```sh
 * deno run src/cli.ts wait_n 5 5 --seed 7
 * npx aio-asyncio measure_runtime --virtual --timeline
 * ```
 *
 * @module
 */
import process from "node:process";
import { processIO } from "./cli/io.ts";
import { main } from "./cli/main.ts";

process.exitCode = await main(process.argv.slice(2), processIO());
