/**
 * The ambient cancel scope: which signal cancels the waits of the code running now, and
 * which Task runs it, carried along the async call tree as asyncio carries the current
 * task and Trio its cancel scopes.
 *
 * A Task's function runs in the task's scope; `timeout().run`, `waitFor` and
 * `TaskGroup.run` open nested ones; `uncancellable` one that nothing cancels. Every wait of
 * the module reads the innermost scope's signal (see `_options.ts`) besides its explicit
 * `{ signal }`. The scope travels with the call tree through the host's async context:
 *
 * - TC39 `AsyncContext.Variable`, where it exists;
 * - else `AsyncLocalStorage`, reached at run time through
 *   `process.getBuiltinModule("node:async_hooks")` (Deno 2, Node ≥ 20.16, Bun), so that
 *   `src/` has no `node:` import and still loads in browsers;
 * - else nothing (browsers today): only explicit signals cancel.
 *
 * On Node before 24, `AsyncLocalStorage` runs on async hooks and slows every promise of the
 * process (measured 1.85–3.1×) unless Node runs with `--experimental-async-context-frame`:
 * there the scope is off until `enableAmbientCancellation()` turns it on. Everywhere else
 * it is on when a context exists.
 *
 * The state lives in a process-wide slot, so that every copy of the module (ESM and
 * CommonJS builds, two installs) reads the same scope through the same context.
 *
 * @module
 */
import { shared } from "./_shared.ts";

/**
 * A cancel scope: the signal that cancels its waits and the Task it belongs to.
 *
 * @internal
 */
export interface Scope {
  /** Aborted when the scope is cancelled; `undefined` in a scope nothing cancels. */
  readonly signal: AbortSignal | undefined;
  /** The Task running in the scope, or `undefined` outside any task. */
  readonly task: object | undefined;
}

/** A host's async context variable: `AsyncContext.Variable` or `AsyncLocalStorage`. */
export interface AsyncVariable {
  /** The value of the innermost `run`, or `undefined`. */
  get(): Scope | undefined;
  /**
   * Runs `fn(arg)` with the variable set to `value` for its whole async call tree (both
   * hosts pass `run`'s extra arguments on: no closure is needed to hand one over).
   */
  run<A, R>(value: Scope | undefined, fn: (arg: A) => R, arg: A): R;
}

interface State {
  /** The variable in use, or `undefined` while the scope is off. */
  active: AsyncVariable | undefined;
  /** The host's variable, made on first use; `null` where the host has none. */
  host: AsyncVariable | null | undefined;
}

// deno-lint-ignore no-explicit-any
const g = globalThis as any;

/** Makes the host's context variable, or returns `null` where there is none. */
function makeHostVariable(): AsyncVariable | null {
  const Variable = g.AsyncContext?.Variable;
  if (typeof Variable === "function") return new Variable();
  let hooks;
  try {
    hooks = g.process?.getBuiltinModule?.("node:async_hooks");
  } catch { // a host that refuses: no context
  }
  const Storage = hooks?.AsyncLocalStorage;
  if (typeof Storage !== "function") return null;
  const storage = new Storage();
  return { get: () => storage.getStore(), run: (value, fn, arg) => storage.run(value, fn, arg) };
}

/** Whether the scope is on without being asked: wherever the context costs little. */
function onByDefault(): boolean {
  if (typeof g.AsyncContext?.Variable === "function" || g.Deno || g.Bun) return true;
  const node = g.process?.versions?.node;
  if (typeof node !== "string") return false;
  if (Number(node.split(".")[0]) >= 24) return true;
  const flag = "--experimental-async-context-frame";
  return g.process.execArgv?.includes(flag) === true ||
    String(g.process.env?.NODE_OPTIONS ?? "").includes(flag);
}

function hostVariable(state: State): AsyncVariable | null {
  if (state.host === undefined) state.host = makeHostVariable();
  return state.host;
}

const state: State = shared("scope@1", () => {
  const s: State = { active: undefined, host: undefined };
  if (onByDefault()) s.active = hostVariable(s) ?? undefined;
  return s;
});

/**
 * The innermost scope of the running code, or `undefined` outside any (or while off).
 *
 * @internal
 */
export function currentScope(): Scope | undefined {
  return state.active?.get();
}

/**
 * Calls `fn(arg)` in `scope` (for its whole async call tree); just calls it while the
 * ambient scope is off.
 *
 * @internal
 */
export function runInScope<A, R>(scope: Scope | undefined, fn: (arg: A) => R, arg: A): R {
  const active = state.active;
  return active === undefined ? fn(arg) : active.run(scope, fn, arg);
}

/**
 * Runs `fn` in a scope nested in the current one, in the same task, that `signal` cancels
 * (a timeout's, a group's); with no `signal`, one that nothing cancels.
 *
 * @internal
 */
export function runInNestedScope<R>(signal: AbortSignal | undefined, fn: () => R): R {
  const active = state.active;
  return active === undefined
    ? fn()
    : active.run({ signal, task: active.get()?.task }, fn, undefined);
}

/**
 * Runs `fn` in a scope that nothing cancels, in the same task: for the waits that must end
 * even in a cancelled scope (re-acquiring a condition's lock, a clean-up).
 *
 * @internal
 */
export function runUncancellable<R>(fn: () => R): R {
  return runInNestedScope(undefined, fn);
}

/**
 * Whether waits follow the ambient scope in this process.
 *
 * @internal
 */
export function ambientEnabled(): boolean {
  return state.active !== undefined;
}

/**
 * Turns the ambient scope on where the host has an async context; returns whether it is on.
 *
 * @internal
 */
export function enableAmbient(): boolean {
  state.active ??= hostVariable(state) ?? undefined;
  return state.active !== undefined;
}

/**
 * For tests and benchmarks: uses `variable` as the context (`null`: none, the scope off);
 * with no argument, the host's default; with `"detect"`, the host's default found anew (after
 * a test installs a stand-in `AsyncContext`). Returns a function that restores what was.
 *
 * @internal
 */
export function setAsyncVariableForTesting(
  variable?: AsyncVariable | null | "detect",
): () => void {
  const before = { ...state };
  if (variable === undefined || variable === "detect") {
    if (variable === "detect") state.host = undefined;
    state.active = onByDefault() ? hostVariable(state) ?? undefined : undefined;
  } else {
    state.active = variable ?? undefined;
  }
  return () => Object.assign(state, before);
}
