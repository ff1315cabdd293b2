// Binary search in a sorted array of numbers.

/**
 * Index of the last element ≤ `value` among sorted[0..last] (0 when every element is greater;
 * callers check bounds they care about).
 */
export function lastAtMost(sorted: ArrayLike<number>, value: number, last = sorted.length - 1): number {
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
