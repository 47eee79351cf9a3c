// The conformance helpers themselves, on every runtime (Deno's "unhandledrejection" event,
// Node's and Bun's process "unhandledRejection"): a helper that saw nothing would make the
// tests that assert "no report" pass for nothing.
import assert from "node:assert/strict";
import { createTask } from "../../mod.ts";
import { deferred, unhandledRejections } from "./_helpers.ts";

Deno.test("unhandledRejections() returns the rejections nobody handled, in order", async () => {
  const first = new Error("first");
  const seen = await unhandledRejections(async () => {
    Promise.reject(first);
    Promise.reject("second");
    Promise.reject(new Error("handled")).catch(() => {});
    await null;
  });
  assert.deepEqual(seen, [first, "second"]);
});

Deno.test("unhandledRejections() sees a failed Task that nobody awaits, once", async () => {
  const boom = new Error("boom");
  const seen = await unhandledRejections(async () => {
    const gate = deferred();
    createTask(async () => {
      await gate.promise;
      throw boom;
    });
    gate.resolve();
    await null;
  });
  assert.deepEqual(seen, [boom]);
});

Deno.test("unhandledRejections() returns nothing when every rejection is handled", async () => {
  const seen = await unhandledRejections(async () => {
    await Promise.reject(new Error("caught")).catch(() => {});
    const task = createTask(() => Promise.reject(new Error("awaited")));
    await assert.rejects(Promise.resolve(task), { message: "awaited" });
  });
  assert.deepEqual(seen, []);
});
