/**
 * Python's `repr()` of floats and lists of floats, so that the CLI prints a result exactly
 * as Python's `print()` prints the same value.
 *
 * @module
 */

/** A value {@linkcode pyRepr} can write: a float, or a list of such values. */
export type PyValue = number | readonly PyValue[];

/**
 * Writes `value` as Python's `repr()` (and so `print()`) writes the same float or list.
 *
 * A float gets the same shortest round-trip digits as JavaScript's `String(x)`; only the
 * layout differs: Python switches to scientific notation when the decimal exponent is below
 * -4 or at least 16 (`1e-05`, `1e+16`, two exponent digits at least), writes `.0` on
 * integral values (`3.0`), and writes `inf`, `-inf`, `nan` and `-0.0`. A list is written
 * `[a, b, c]`.
 *
 * @param value A number (always written as a Python float) or a nested array of numbers.
 * @returns The text Python would print.
 *
 * @example Floats and lists as Python prints them
 * ```ts
 * import { pyRepr } from "./py_repr.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(pyRepr(0), "0.0");
 * assert.equal(pyRepr(0.00001), "1e-05");
 * assert.equal(pyRepr(1e16), "1e+16");
 * assert.equal(pyRepr([0.5, 2, -Infinity]), "[0.5, 2.0, -inf]");
 * ```
 */
export function pyRepr(value: PyValue): string {
  if (typeof value === "number") return floatRepr(value);
  return `[${value.map(pyRepr).join(", ")}]`;
}

function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  // toExponential() with no argument gives the shortest digits that round-trip, like repr.
  const [mantissa = "", exponent] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const e = Number(exponent);
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return `${sign}${digits.padEnd(e + 1, "0")}.0`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}
