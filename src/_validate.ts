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
