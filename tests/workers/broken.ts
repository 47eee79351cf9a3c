// A worker module that fails to load: it throws at its top level.
export function never(): number {
  return 0;
}

throw new Error("broken at load");
