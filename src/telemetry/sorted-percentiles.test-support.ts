// The reference the percentile tests check select-quantiles.ts against: a full sort, then linear
// interpolation between order statistics (numpy's default, "linear"):
//   for q in [0, 100], h = (n - 1) q / 100, value = x[floor h] + (h - floor h) (x[ceil h] - x[floor h])
// where x is sorted ascending.

/** Sorts `values` in place (a scratch copy) and returns the asked-for percentiles. */
export function percentilesInPlace(values: Float32Array | Float64Array, qs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return qs.map(() => NaN);
  values.sort();
  return qs.map((q) => {
    const h = ((n - 1) * q) / 100;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return values[lo] + (h - lo) * (values[hi] - values[lo]);
  });
}

/** Percentiles of a copy of the first n entries of `values` (values itself is left alone). */
export function percentiles(values: ArrayLike<number>, qs: readonly number[], n = values.length): number[] {
  const copy = new Float64Array(n);
  for (let i = 0; i < n; i++) copy[i] = values[i];
  return percentilesInPlace(copy, qs);
}
