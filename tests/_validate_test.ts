import assert from "node:assert/strict";
import { Condition, Queue, sleep } from "../mod.ts";
import { describe } from "../src/_validate.ts";

/** A Proxy whose every trap throws: describing it must run none of them. */
function trapping(target: object = {}): object {
  const handler = new Proxy({}, {
    get: () => () => {
      throw new Error("a trap ran");
    },
  });
  return new Proxy(target, handler);
}

Deno.test("describe() quotes primitives and names the kind of everything else", () => {
  const cases: [unknown, string][] = [
    ["x", '"x"'],
    [5, "5"],
    [-1.5, "-1.5"],
    [NaN, "NaN"],
    [10n, "10n"],
    [true, "true"],
    [undefined, "undefined"],
    [null, "null"],
    [Symbol("s"), "Symbol(s)"],
    [() => 1, "a function"],
    [[1, 2], "an array"],
    [{}, "an object"],
    [new Map(), "an object"],
  ];
  for (const [value, text] of cases) assert.equal(describe(value), text);
});

Deno.test("describe() runs no code of the value's: no getter, no toString, no Proxy trap", () => {
  const getters = {
    get constructor(): never {
      throw new Error("a getter ran");
    },
    toString(): never {
      throw new Error("toString ran");
    },
  };
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.equal(describe(getters), "an object");
  assert.equal(describe(trapping()), "an object");
  assert.equal(describe(trapping([])), "an array");
  assert.equal(describe(revoked), "an object");
  assert.equal(describe(Object.create(null)), "an object");
});

Deno.test("a Proxy or getter passed as a bad argument gets the TypeError, not its own error", async () => {
  await assert.rejects(sleep(trapping() as unknown as number), {
    name: "TypeError",
    message: 'Cannot sleep: "seconds" must be a number, received an object',
  });
  assert.throws(() => new Queue(trapping() as unknown as number), {
    name: "TypeError",
    message: 'Cannot create queue: "maxsize" must be a number, received an object',
  });
  const getters = {
    get constructor(): never {
      throw new Error("a getter ran");
    },
  };
  assert.throws(() => new Condition(getters as never), {
    name: "TypeError",
    message:
      'Cannot create Condition: "lock" must have acquire(), release() and locked(), received an object',
  });
});
