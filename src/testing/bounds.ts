// Rounding-error bounds for the numeric tests: every tolerance is written as a function of the
// magnitudes and sizes involved, with these constants, so that it holds for any input the property
// generators produce and still fails for a real fault (a wrong term is off by O(1) relative).
//
// Standard model (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., ch. 2-4):
//   fl(a op b) = (a op b)(1 + d), |d| <= u, with the unit round-off u = 2^-53 (float64), 2^-24 (float32);
//   a recursive sum of n terms is off by at most (n - 1) u sum|terms| (+ O(u^2)).

/** Unit round-off of float64 (half its machine epsilon). */
export const U64 = 2 ** -53;
/** Unit round-off of float32. */
export const U32 = 2 ** -24;
/** Machine epsilon of float32 (the spacing of floats just above 1). */
export const EPS32 = 2 ** -23;

export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

export function sumAbs(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]);
  return s;
}

/** Bound on the rounding error of a recursive sum of these terms: (n - 1) u sum|terms|. */
export function sumError(terms: ArrayLike<number>, u = U64): number {
  return Math.max(terms.length - 1, 1) * u * sumAbs(terms);
}
