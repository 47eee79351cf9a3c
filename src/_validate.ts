/**
 * Argument checks shared by the public functions. Messages follow one pattern:
 * `Cannot <what>: "<name>" must be <rule>, received <value>`.
 *
 * @module
 */

/**
 * Quotes a value for an error message: strings in double quotes, bigints with their `n`,
 * symbols as `Symbol(description)`, other primitives as written, and `a function`,
 * `an array` or `an object` for the rest. It never runs code of the value's: no getter, no
 * `toString`, no Proxy trap (only `typeof` and `Array.isArray`, guarded for revoked
 * proxies), so describing a bad argument can neither throw nor replace the error it is for.
 *
 * @internal
 */
export function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return String(value); // Symbol(description): explicit conversion never throws
    case "function":
      return "a function";
    case "object":
      if (value === null) return "null";
      try {
        if (Array.isArray(value)) return "an array";
      } catch { // a revoked Proxy
      }
      return "an object";
    default:
      return String(value); // number, boolean, undefined
  }
}

/**
 * Returns `value` if it is a finite number (>= `min` when given), or `undefined` for
 * `null`/`undefined` when `nullable`; else throws a `TypeError` (not a number) or a
 * `RangeError` (NaN, infinite, below `min`).
 *
 * @internal
 */
export function checkFinite(
  what: string,
  name: string,
  value: unknown,
  { min, nullable = false }: { min?: number | undefined; nullable?: boolean | undefined } = {},
): number | undefined {
  if (nullable && (value === null || value === undefined)) return undefined;
  const orNull = nullable ? " or null" : "";
  if (typeof value !== "number") {
    throw new TypeError(
      `Cannot ${what}: "${name}" must be a number${orNull}, received ${describe(value)}`,
    );
  }
  if (!Number.isFinite(value) || (min !== undefined && value < min)) {
    const rule = min === undefined ? "a finite number" : `a finite number >= ${min}`;
    throw new RangeError(`Cannot ${what}: "${name}" must be ${rule}${orNull}, received ${value}`);
  }
  return value;
}

/**
 * Returns `value` if it is a duration in seconds: a finite number >= 0.
 *
 * @internal
 */
export function checkSeconds(what: string, name: string, value: unknown): number {
  return checkFinite(what, name, value, { min: 0 })!;
}

/**
 * Returns a timeout in seconds (a finite number >= 0), or `undefined` for `null` / absent.
 *
 * @internal
 */
export function checkTimeout(what: string, name: string, value: unknown): number | undefined {
  return checkFinite(what, name, value, { min: 0, nullable: true });
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
 * Returns `value` if it is a boolean, else throws a `TypeError`.
 *
 * @internal
 */
export function checkBoolean(what: string, name: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  throw new TypeError(`Cannot ${what}: "${name}" must be a boolean, received ${describe(value)}`);
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
