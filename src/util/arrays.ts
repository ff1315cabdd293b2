// Array helpers that hold for arrays of any length: spreading an array into push, Math.max or
// Math.min passes each element as an argument, and past about a hundred thousand elements that
// overflows the call stack (a table of 150,000 rows did).

/**
 * Append the elements `items` has now (those `keep` accepts, if given) to `to` — also when both are
 * the same array, as they are in malformed documents whose containers did not close: a for…of
 * loop would go on over what it appends, for ever.
 */
export function appendAll<T>(to: T[], items: readonly T[], keep?: (item: T) => boolean): void {
  for (let i = 0, n = items.length; i < n; i++) if (!keep || keep(items[i])) to.push(items[i]);
}

/** Largest of `values` (-Infinity when there are none), like Math.max(...values). */
export function maxOf(values: readonly number[]): number {
  let m = -Infinity;
  for (const v of values) if (v > m || Number.isNaN(v)) m = v;
  return m;
}

/** Smallest of `values` (Infinity when there are none), like Math.min(...values). */
export function minOf(values: readonly number[]): number {
  let m = Infinity;
  for (const v of values) if (v < m || Number.isNaN(v)) m = v;
  return m;
}
