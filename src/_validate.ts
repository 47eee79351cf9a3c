/**
 * Argument checks shared by the public functions. Messages follow one pattern:
 * `Cannot <what>: "<name>" must be <rule>, received <value>`.
 *
 * @module
 */

/**
 * Quotes a value for an error message: strings in double quotes, others as written.
 *
 * @internal
 */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) return "an array";
  return `an object (${value.constructor?.name ?? "Object"})`;
}

/**
 * Returns `value` if it is a finite number >= 0 (a duration in seconds), else throws a
 * `TypeError` (not a number) or a `RangeError` (NaN, negative, infinite).
 *
 * @internal
 */
export function checkSeconds(what: string, name: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`Cannot ${what}: "${name}" must be a number, received ${describe(value)}`);
  }
  if (!(value >= 0) || value === Infinity) {
    throw new RangeError(
      `Cannot ${what}: "${name}" must be a finite number >= 0, received ${value}`,
    );
  }
  return value;
}

/**
 * Returns `value` if it is an integer >= `min`, else throws a `TypeError` (not a number)
 * or a `RangeError`.
 *
 * @internal
 */
export function checkInteger(what: string, name: string, value: unknown, min = 0): number {
  if (typeof value !== "number") {
    throw new TypeError(`Cannot ${what}: "${name}" must be a number, received ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(
      `Cannot ${what}: "${name}" must be an integer >= ${min}, received ${value}`,
    );
  }
  return value;
}

/**
 * Returns `signal` if it is `undefined` or an `AbortSignal`, else throws a `TypeError`.
 *
 * @internal
 */
export function checkSignal(what: string, signal: unknown): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  throw new TypeError(
    `Cannot ${what}: "signal" must be an AbortSignal, received ${describe(signal)}`,
  );
}
