/**
 * State shared by every copy of this module loaded in one process: the ESM and CommonJS
 * builds, two installs, a bundled copy. Each copy that asks for a slot by the same name
 * gets the same object, so there is one loop, one installed clock and one ambient cancel
 * scope however the module was loaded.
 *
 * Slots live on `globalThis` under one `Symbol.for` key. A slot's name carries the version
 * of its layout (`"loop@2"`): a copy that changes what a slot holds must change its name,
 * so that copies which do not understand each other's layout never share it.
 *
 * @module
 */

const KEY = Symbol.for("@aio/asyncio.shared");

// deno-lint-ignore no-explicit-any
const g = globalThis as any;
const slots: Record<string, unknown> = g[KEY] ??= Object.create(null);

/**
 * Returns the process-wide slot `name`, made by `make` on first use.
 *
 * @internal
 */
export function shared<T>(name: string, make: () => T): T {
  if (!(name in slots)) slots[name] = make();
  return slots[name] as T;
}
