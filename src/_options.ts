/**
 * The signal a wait follows: the caller's explicit `{ signal }` and the ambient scope's
 * (see `_scope.ts`), either one aborting cancels the wait. One function for every wait, so
 * that the rule lives in one place.
 *
 * @module
 */
import { abortOwned, cancelledError, isFollowed, onAbort, ownedController } from "./_abort.ts";
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

/** A signal made by {@linkcode either}, with what stops it following its two sources. */
interface Combined {
  signal: AbortSignal;
  stop: () => void;
}

/** The combined signals of each ambient signal, by the explicit one they follow. */
const combined = new WeakMap<AbortSignal, Map<AbortSignal, Combined>>();
/** The ambient signal each combined signal follows. */
const ambientOf = new WeakMap<AbortSignal, AbortSignal>();

/**
 * A signal that aborts when `explicit` or `ambient` (a scope's) does, with the reason of the
 * first; an already aborted one of the two is returned as it is. Made once per pair, and
 * dropped by {@linkcode releaseScope} when the scope ends.
 *
 * @internal
 */
export function either(explicit: AbortSignal, ambient: AbortSignal): AbortSignal {
  if (explicit.aborted) return explicit;
  if (ambient.aborted) return ambient;
  // Handed on to an inner wait (TaskGroup.run to its group, waitFor to its timeout, join to
  // its event), a combined signal already follows this scope: not one more combination.
  if (ambientOf.get(explicit) === ambient) return explicit;
  let byExplicit = combined.get(ambient);
  if (byExplicit === undefined) combined.set(ambient, byExplicit = new Map());
  let entry = byExplicit.get(explicit);
  if (entry === undefined) {
    const controller = ownedController();
    const abort = (from: AbortSignal) => () => {
      stop();
      abortOwned(controller, cancelledError(from));
    };
    const stopExplicit = onAbort(explicit, abort(explicit));
    const stopAmbient = onAbort(ambient, abort(ambient));
    const stop = () => {
      stopExplicit();
      stopAmbient();
      byExplicit!.delete(explicit);
    };
    byExplicit.set(explicit, entry = { signal: controller.signal, stop });
    ambientOf.set(controller.signal, ambient);
  }
  return entry.signal;
}

/**
 * Called when a scope (a Task, a timeout, a group) ends: its combined signals stop
 * following the caller's signals, so that a long-lived signal passed to the waits of many
 * tasks keeps nothing of theirs. A combined signal that a wait still follows (a wait that
 * outlives its task) is kept.
 *
 * @internal
 */
export function releaseScope(ambient: AbortSignal): void {
  const byExplicit = combined.get(ambient);
  if (byExplicit === undefined) return;
  for (const entry of byExplicit.values()) if (!isFollowed(entry.signal)) entry.stop();
  if (byExplicit.size === 0) combined.delete(ambient);
}
