/**
 * `node:assert/strict` for the browser tests: the functions the project's tests use
 * (`ok`, `equal`, `notEqual`, `deepEqual`, `notDeepEqual`, `throws`, `rejects`, `match`,
 * `doesNotMatch`, `fail`), with Node's strict semantics: `Object.is` equality, deep
 * equality that compares prototypes, and Node's rules for the `expected` argument of
 * `throws`/`rejects` (a class, a RegExp, a validation function or an object whose every
 * key must match). The page's import map points `node:assert/strict` here.
 *
 * @module
 */

/** Thrown when an assertion fails, as Node's `AssertionError`. */
export class AssertionError extends Error {
  /** The value the assertion got. */
  actual: unknown;
  /** The value it expected. */
  expected: unknown;
  /** The assertion: `strictEqual`, `deepStrictEqual`… */
  operator: string;
  /** Always `ERR_ASSERTION`, as Node. */
  code = "ERR_ASSERTION";
  /**
   * @param options The message and the values compared.
   */
  constructor(
    options: { message: string; actual?: unknown; expected?: unknown; operator: string },
  ) {
    super(options.message);
    this.name = "AssertionError";
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator;
  }
}

type Message = string | Error | undefined;

function raise(message: Message, fallback: string, fields: Partial<AssertionError>): never {
  if (message instanceof Error) throw message;
  throw new AssertionError({
    message: message ?? fallback,
    actual: fields.actual,
    expected: fields.expected,
    operator: fields.operator ?? "fail",
  });
}

/** A short, readable rendering of a value for failure messages. */
export function inspect(value: unknown, depth = 0, seen = new Set<unknown>()): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `[Function: ${value.name || "(anonymous)"}]`;
  if (typeof value !== "object" || value === null) return String(value);
  if (seen.has(value)) return "[Circular]";
  if (depth > 4) return "[Object]";
  seen.add(value);
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (Array.isArray(value)) {
      const shown = value.slice(0, 30).map((v) => inspect(v, depth + 1, seen));
      if (value.length > 30) shown.push(`... ${value.length - 30} more items`);
      return `[${shown.join(", ")}]`;
    }
    if (value instanceof Map) {
      const items = [...value].map(([k, v]) =>
        `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`
      );
      return `Map(${value.size}) {${items.join(", ")}}`;
    }
    if (value instanceof Set) {
      return `Set(${value.size}) {${
        [...value].map((v) => inspect(v, depth + 1, seen)).join(", ")
      }}`;
    }
    const keys = Object.keys(value);
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    const prefix = name && name !== "Object" ? `${name} ` : "";
    const body = keys.map((k) =>
      `${k}: ${inspect((value as Record<string, unknown>)[k], depth + 1, seen)}`
    );
    return `${prefix}{${body.join(", ")}}`;
  } finally {
    seen.delete(value);
  }
}

const tag = (x: object) => Object.prototype.toString.call(x);

function ownKeys(x: object): PropertyKey[] {
  return Reflect.ownKeys(x).filter((k) => Object.prototype.propertyIsEnumerable.call(x, k));
}

/** Node's `isDeepStrictEqual`. */
export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return deep(a, b, new Map());
}

function deep(a: unknown, b: unknown, seen: Map<object, object>): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || tag(a) !== tag(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date && a.getTime() !== (b as Date).getTime()) return false;
  if (a instanceof RegExp) {
    const r = b as RegExp;
    if (a.source !== r.source || a.flags !== r.flags || a.lastIndex !== r.lastIndex) return false;
  }
  if (a instanceof Error) {
    const e = b as Error;
    if (a.message !== e.message || a.name !== e.name) return false;
  }
  if (a instanceof Number || a instanceof String || a instanceof Boolean) {
    if (!Object.is(a.valueOf(), (b as typeof a).valueOf())) return false;
  }
  if (ArrayBuffer.isView(a)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const v = b as ArrayBufferView;
    const y = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    if (x.length !== y.length || x.some((byte, i) => byte !== y[i])) return false;
  }
  if (Array.isArray(a) && a.length !== (b as unknown[]).length) return false;
  if (a instanceof Map) {
    const m = b as Map<unknown, unknown>;
    if (a.size !== m.size) return false;
    for (const [key, value] of a) {
      if (m.has(key)) {
        if (!deep(value, m.get(key), seen)) return false;
      } else if (![...m].some(([k, v]) => deep(key, k, seen) && deep(value, v, seen))) {
        return false;
      }
    }
  }
  if (a instanceof Set) {
    const s = b as Set<unknown>;
    if (a.size !== s.size) return false;
    for (const value of a) {
      if (!s.has(value) && ![...s].some((v) => deep(value, v, seen))) return false;
    }
  }
  const ka = ownKeys(a), kb = ownKeys(b);
  if (ka.length !== kb.length) return false;
  const other = b as Record<PropertyKey, unknown>;
  for (const key of ka) {
    if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
    if (!deep((a as Record<PropertyKey, unknown>)[key], other[key], seen)) return false;
  }
  return true;
}

/** Fails unless `value` is truthy. */
export function ok(value: unknown, message?: Message): asserts value {
  if (!value) {
    raise(message, "The expression evaluated to a falsy value:\n\n  " + inspect(value), {
      actual: value,
      expected: true,
      operator: "==",
    });
  }
}

/** Fails unless `Object.is(actual, expected)`. */
export function equal<T>(actual: unknown, expected: T, message?: Message): asserts actual is T {
  if (!Object.is(actual, expected)) {
    raise(
      message,
      `Expected values to be strictly equal:\n\n${inspect(actual)} !== ${inspect(expected)}\n`,
      { actual, expected, operator: "strictEqual" },
    );
  }
}

/** Fails if `Object.is(actual, expected)`. */
export function notEqual(actual: unknown, expected: unknown, message?: Message): void {
  if (Object.is(actual, expected)) {
    raise(message, `Expected "actual" to be strictly unequal to: ${inspect(expected)}`, {
      actual,
      expected,
      operator: "notStrictEqual",
    });
  }
}

/** Fails unless the two are deeply, strictly equal. */
export function deepEqual<T>(
  actual: unknown,
  expected: T,
  message?: Message,
): asserts actual is T {
  if (!isDeepStrictEqual(actual, expected)) {
    raise(
      message,
      "Expected values to be strictly deep-equal:\n+ actual - expected\n\n" +
        `+ ${inspect(actual)}\n- ${inspect(expected)}\n`,
      { actual, expected, operator: "deepStrictEqual" },
    );
  }
}

/** Fails if the two are deeply, strictly equal. */
export function notDeepEqual(actual: unknown, expected: unknown, message?: Message): void {
  if (isDeepStrictEqual(actual, expected)) {
    raise(message, `Expected "actual" not to be strictly deep-equal to: ${inspect(expected)}`, {
      actual,
      expected,
      operator: "notDeepStrictEqual",
    });
  }
}

/** Fails unless `string` is a string that `regexp` matches. */
export function match(string: unknown, regexp: RegExp, message?: Message): void {
  if (typeof string !== "string" || !regexp.test(string)) {
    raise(
      message,
      typeof string !== "string"
        ? `The "string" argument must be of type string. Received ${inspect(string)}`
        : `The input did not match the regular expression ${regexp}. Input:\n\n${
          inspect(string)
        }\n`,
      { actual: string, expected: regexp, operator: "match" },
    );
  }
}

/** Fails if `string` matches `regexp` (or is not a string). */
export function doesNotMatch(string: unknown, regexp: RegExp, message?: Message): void {
  if (typeof string !== "string" || regexp.test(string)) {
    raise(message, `The input was expected to not match the regular expression ${regexp}`, {
      actual: string,
      expected: regexp,
      operator: "doesNotMatch",
    });
  }
}

/** Always fails. */
export function fail(message?: Message): never {
  raise(message, "Failed", { operator: "fail" });
}

type ErrorClass = abstract new (...args: never[]) => unknown;
type Expected = ErrorClass | RegExp | ((error: unknown) => boolean) | object;

/** Node's check of a thrown value against the `expected` of `throws`/`rejects`. */
function check(error: unknown, expected: Expected | undefined, message: Message, what: string) {
  if (expected === undefined) return;
  if (expected instanceof RegExp) {
    if (expected.test(String(error))) return;
    raise(
      message,
      `The ${what} did not match the regular expression ${expected}:\n${inspect(error)}`,
      {
        actual: error,
        expected,
        operator: what,
      },
    );
  }
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && error instanceof (expected as ErrorClass)) return;
    if (Error === expected || Object.prototype.isPrototypeOf.call(Error, expected)) {
      // A class the error is not an instance of: Node rethrows the error itself.
      throw error;
    }
    const result = (expected as (error: unknown) => unknown).call({}, error);
    if (result === true) return;
    raise(
      message,
      `The ${
        expected.name ? `"${expected.name}" ` : ""
      }validation function is expected to return "true". Received ${
        inspect(result)
      }\n\nCaught error:\n\n${inspect(error)}`,
      { actual: error, expected, operator: what },
    );
  }
  const keys = Reflect.ownKeys(expected);
  if (expected instanceof Error) keys.push("name", "message");
  for (const key of keys) {
    const want = (expected as Record<PropertyKey, unknown>)[key];
    const got = typeof error === "object" && error !== null
      ? (error as Record<PropertyKey, unknown>)[key]
      : undefined;
    const same = want instanceof RegExp && typeof got === "string"
      ? want.test(got)
      : isDeepStrictEqual(got, want);
    if (!same) {
      raise(
        message,
        `Expected values to be strictly deep-equal (${String(key)}):\n+ actual - expected\n\n` +
          `+ ${inspect(got)}\n- ${inspect(want)}\n\nCaught error:\n\n${inspect(error)}`,
        { actual: error, expected, operator: what },
      );
    }
  }
}

function split(expected?: Expected | string, message?: Message): [Expected | undefined, Message] {
  return typeof expected === "string" ? [undefined, expected] : [expected, message];
}

/** Fails unless `fn` throws, and what it throws matches `expected`. */
export function throws(fn: () => unknown, expected?: Expected | string, message?: Message): void {
  const [want, text] = split(expected, message);
  try {
    fn();
  } catch (error) {
    check(error, want, text, "throws");
    return;
  }
  const name = typeof want === "function" && want.name ? ` (${want.name})` : "";
  raise(text, `Missing expected exception${name}.`, { expected: want, operator: "throws" });
}

/** Rejects unless `promise` (or `fn()`) rejects, and with what matches `expected`. */
export async function rejects(
  promise: PromiseLike<unknown> | (() => PromiseLike<unknown>),
  expected?: Expected | string,
  message?: Message,
): Promise<void> {
  const [want, text] = split(expected, message);
  const awaited = typeof promise === "function" ? promise() : promise;
  if (typeof awaited?.then !== "function") {
    throw new TypeError(
      'The "promiseFn" argument must return a promise or be one. Received ' + inspect(awaited),
    );
  }
  try {
    await awaited;
  } catch (error) {
    check(error, want, text, "rejects");
    return;
  }
  const name = typeof want === "function" && want.name ? ` (${want.name})` : "";
  raise(text, `Missing expected rejection${name}.`, { expected: want, operator: "rejects" });
}

/** `node:assert/strict`'s default export: `ok`, with every assertion as a property. */
const assert = Object.assign(
  (value: unknown, message?: Message): asserts value => ok(value, message),
  {
    ok,
    equal,
    strictEqual: equal,
    notEqual,
    notStrictEqual: notEqual,
    deepEqual,
    deepStrictEqual: deepEqual,
    notDeepEqual,
    notDeepStrictEqual: notDeepEqual,
    match,
    doesNotMatch,
    fail,
    throws,
    rejects,
    AssertionError,
    strict: undefined as unknown,
  },
);
assert.strict = assert;

export { deepEqual as deepStrictEqual, equal as strictEqual, notEqual as notStrictEqual };
export default assert;
