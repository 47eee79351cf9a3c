// Run as a child process by tests/worker_pool_test.ts: uses a pool, then ends, closing it
// (`close`) or not (`idle`, Node only). Prints the job's result.
import process from "node:process";
import { WorkerPool } from "../../mod.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const pool = new WorkerPool(new URL(`./jobs.${ext}`, import.meta.url), { workers: 2 });
const results = await Promise.all([pool.run("add", [1, 2]), pool.run("add", [3, 4])]);
if (process.argv.includes("close")) await pool.close();
console.log(JSON.stringify(results));
