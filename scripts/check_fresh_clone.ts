/**
 * Checks that `deno task demo` on a fresh clone downloads nothing but Deno itself: the
 * project's files (tracked and new, as `git ls-files` lists them) are copied into a
 * temporary folder, and the demo runs there on virtual time with an empty `DENO_DIR`. It
 * fails if Deno prints anything but the task line on stderr (a `Download` or `Initialize`
 * line means a dev dependency was fetched) or creates `node_modules/`.
 *
 * Dev dependencies stay out of the demo because deno.json's import map has no `npm:` entry
 * (each dev package sits behind a module of `scripts/deps/`, loaded only by the tests and
 * scripts that import it) and deno.json has `"lock": false` (Deno installs every npm
 * package of a lock file up front): the tasks that need the lock pass `--lock=deno.lock`.
 *
 * @example Run it
 * ```sh
 * deno run --lock=deno.lock -A scripts/check_fresh_clone.ts
 * ```
 *
 * @module
 */
import { dirname, join } from "node:path";
import { ROOT, run } from "./_npm.ts";

const clone = await Deno.makeTempDir({ prefix: "aio_fresh_clone_" });
const denoDir = await Deno.makeTempDir({ prefix: "aio_fresh_deno_dir_" });
try {
  const listed = await run(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    {
      quiet: true,
    },
  );
  for (const file of listed.split("\0").filter((f) => f !== "")) {
    const from = join(ROOT, file);
    const stat = await Deno.lstat(from).catch(() => undefined);
    if (stat === undefined || !stat.isFile) continue; // deleted in the work tree
    await Deno.mkdir(join(clone, dirname(file)), { recursive: true });
    await Deno.copyFile(from, join(clone, file));
  }
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["task", "demo", "--virtual", "--seed", "0"],
    cwd: clone,
    env: { DENO_DIR: denoDir, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(stdout);
  const notes = new TextDecoder().decode(stderr).split("\n")
    .filter((line) => line !== "" && !line.startsWith("Task demo "));
  const nodeModules = await Deno.stat(join(clone, "node_modules")).then(() => true, () => false);
  if (code !== 0 || notes.length > 0 || nodeModules || !out.includes("measure_runtime")) {
    throw new Error(
      `deno task demo on a fresh clone: exit ${code}, node_modules ${
        nodeModules ? "created" : "absent"
      }, stderr:\n${notes.join("\n")}\nstdout:\n${out.slice(0, 400)}`,
    );
  }
  console.log("fresh clone: deno task demo downloads nothing and creates no node_modules/");
} finally {
  await Deno.remove(clone, { recursive: true });
  await Deno.remove(denoDir, { recursive: true });
}
