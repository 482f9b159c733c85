/**
 * Largest and smallest of a list, in a loop: Math.max(...list) passes every element as an argument
 * and throws RangeError past ~100,000 of them (a call with that many turns stopped the whole batch).
 * Like Math.max/min: -Infinity/Infinity for an empty list.
 */
export function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max || Number.isNaN(v)) max = v;
  return max;
}

export function minOf(values: readonly number[]): number {
  let min = Infinity;
  for (const v of values) if (v < min || Number.isNaN(v)) min = v;
  return min;
}
