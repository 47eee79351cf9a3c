// The trivial job of pool_overhead.mjs, for both pools: returns its argument.
export function noop(value) {
  return value;
}

/** Keeps a core busy for `ms` milliseconds. */
export function spin(ms) {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) n++;
  return n;
}

export default noop;
