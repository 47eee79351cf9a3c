/**
 * The signal a wait follows: the caller's explicit `{ signal }` and the ambient scope's
 * (see `_scope.ts`), either one aborting cancels the wait. One function for every wait, so
 * that the rule lives in one place.
 *
 * @module
 */
import { abortOwned, cancelledError, onAbort, ownedController } from "./_abort.ts";
import { currentScope } from "./_scope.ts";
import { checkSignal } from "./_validate.ts";

/**
 * Returns the signal a wait must follow: `options.signal` (checked: a `TypeError` if it is
 * not an `AbortSignal`), the ambient scope's, one that aborts with either, or `undefined`.
 * `options` may be absent or `null`.
 *
 * @internal
 */
export function signalOf(
  what: string,
  options: { readonly signal?: unknown } | null | undefined,
): AbortSignal | undefined {
  const explicit = checkSignal(what, options?.signal);
  const ambient = currentScope()?.signal;
  if (ambient === undefined || ambient === explicit) return explicit;
  if (explicit === undefined) return ambient;
  return either(explicit, ambient);
}

const combined = new WeakMap<AbortSignal, WeakMap<AbortSignal, AbortSignal>>();

/**
 * A signal that aborts when `a` or `b` does, with the reason of the first; an already
 * aborted one of the two is returned as it is. Made once per pair.
 *
 * @internal
 */
export function either(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (a.aborted) return a;
  if (b.aborted) return b;
  let byB = combined.get(a);
  if (byB === undefined) combined.set(a, byB = new WeakMap());
  let signal = byB.get(b);
  if (signal === undefined) {
    const controller = ownedController();
    const abort = (from: AbortSignal) => () => {
      stopA();
      stopB();
      abortOwned(controller, cancelledError(from));
    };
    const stopA = onAbort(a, abort(a));
    const stopB = onAbort(b, abort(b));
    byB.set(b, signal = controller.signal);
  }
  return signal;
}
