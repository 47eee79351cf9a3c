import assert from "node:assert/strict";
import { pyRepr } from "../../src/cli/py_repr.ts";
// 662 floats and their repr() by CPython 3: specials, powers of ten around the switches to
// scientific notation, subnormals, random bit patterns. Made with:
//   python3 -c 'import struct; print(repr(struct.unpack(">d", bytes.fromhex(BITS))[0]))'
import fixture from "./py_repr_cases.json" with { type: "json" };

function fromBits(hex: string): number {
  const bytes = new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));
  return new DataView(bytes.buffer).getFloat64(0);
}

Deno.test("pyRepr() writes every float of the fixture exactly as CPython's repr()", () => {
  const cases = Object.entries(fixture.cases);
  assert.equal(cases.length, 662);
  const wrong = cases
    .filter(([bits, repr]) => pyRepr(fromBits(bits)) !== repr)
    .map(([bits, repr]) => `${bits}: ${pyRepr(fromBits(bits))} != ${repr}`);
  assert.deepEqual(wrong, []);
});

Deno.test("pyRepr() writes integral floats with .0, and zero with its sign", () => {
  assert.equal(pyRepr(0), "0.0");
  assert.equal(pyRepr(-0), "-0.0");
  assert.equal(pyRepr(3), "3.0");
  assert.equal(pyRepr(-42), "-42.0");
  assert.equal(pyRepr(10), "10.0");
  assert.equal(pyRepr(1e15), "1000000000000000.0");
  assert.equal(pyRepr(9999999999999998), "9999999999999998.0");
});

Deno.test("pyRepr() switches to scientific notation below 1e-4 and from 1e16", () => {
  assert.equal(pyRepr(0.0001), "0.0001");
  assert.equal(pyRepr(0.00012345), "0.00012345");
  assert.equal(pyRepr(0.00001), "1e-05");
  assert.equal(pyRepr(0.000099999), "9.9999e-05");
  assert.equal(pyRepr(1.5e-7), "1.5e-07");
  assert.equal(pyRepr(1e16), "1e+16");
  assert.equal(pyRepr(1.25e16), "1.25e+16");
  assert.equal(pyRepr(123456789012345678), "1.2345678901234568e+17");
  assert.equal(pyRepr(1e21), "1e+21");
  assert.equal(pyRepr(1e100), "1e+100");
  assert.equal(pyRepr(-2.5e-300), "-2.5e-300");
  assert.equal(pyRepr(5e-324), "5e-324");
  assert.equal(pyRepr(Number.MAX_VALUE), "1.7976931348623157e+308");
});

Deno.test("pyRepr() keeps JavaScript's shortest round-trip digits", () => {
  assert.equal(pyRepr(0.1), "0.1");
  assert.equal(pyRepr(0.1 + 0.2), "0.30000000000000004");
  assert.equal(pyRepr(1 / 3), "0.3333333333333333");
  assert.equal(pyRepr(8.444218515250482), "8.444218515250482");
  assert.equal(pyRepr(1234.5), "1234.5");
  for (const bits of Object.keys(fixture.cases)) {
    const x = fromBits(bits);
    assert.ok(Object.is(Number(pyRepr(x)), x), `${bits} round-trips`);
  }
});

Deno.test("pyRepr() writes inf, -inf and nan as Python does", () => {
  assert.equal(pyRepr(Infinity), "inf");
  assert.equal(pyRepr(-Infinity), "-inf");
  assert.equal(pyRepr(NaN), "nan");
});

Deno.test("pyRepr() writes lists as Python's print() does", () => {
  assert.equal(pyRepr([]), "[]");
  assert.equal(pyRepr([0]), "[0.0]");
  assert.equal(pyRepr([0.5, 1e-5, 2]), "[0.5, 1e-05, 2.0]");
  assert.equal(pyRepr([[1], [], [2, [3]]]), "[[1.0], [], [2.0, [3.0]]]");
});
