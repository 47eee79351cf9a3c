/**
 * Turns an error a worker posted (see `_worker_entry.ts`) back into an `Error` in this
 * thread: the same class for the built-in ones (`TypeError`, `RangeError`…), an `Error`
 * with the same `name` for the others, with the worker's `message`, `stack`, `cause`
 * (itself revived), `errors` (an `AggregateError`'s) and own data properties (`code`…).
 *
 * @module
 */

/** An error as a worker posts it, or a thrown value that is not an error. */
export type PostedError =
  | {
    error: true;
    name: string;
    message: string;
    stack: string;
    cause?: PostedError;
    errors?: PostedError[];
    props?: Record<string, unknown>;
  }
  | { error?: undefined; value: unknown };

const BUILT_IN: Record<string, new (message?: string, options?: ErrorOptions) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/**
 * The value a worker threw, rebuilt from what it posted.
 *
 * @internal
 */
export function reviveError(posted: PostedError): unknown {
  if (posted.error !== true) return posted.value;
  const options = posted.cause === undefined ? undefined : { cause: reviveError(posted.cause) };
  let error: Error;
  if (posted.errors !== undefined) {
    error = new AggregateError(posted.errors.map(reviveError), posted.message, options);
  } else {
    const Class = Object.hasOwn(BUILT_IN, posted.name) ? BUILT_IN[posted.name]! : Error;
    error = new Class(posted.message, options);
  }
  if (error.name !== posted.name) {
    Object.defineProperty(error, "name", {
      value: posted.name,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  Object.defineProperty(error, "stack", {
    value: posted.stack,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  for (const [key, value] of Object.entries(posted.props ?? {})) {
    if (!(key in error)) (error as unknown as Record<string, unknown>)[key] = value;
  }
  return error;
}
