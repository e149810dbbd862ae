// Debiased exponential moving average, as TensorBoard smooths scalars:
//   s_t = w s_{t-1} + (1 - w) x_t,  s_0 = 0,  shown as s_t / (1 - w^t)
// where t counts the finite values so far (non-finite values are skipped and give NaN).
// w = 0 returns the values themselves; the debiasing makes the first point equal x_1, not (1-w) x_1.

/** Smooths the first n values of `values` into `out` (reused: pass the previous result to avoid allocating; the result may be longer than n). */
export function debiasedEma(values: ArrayLike<number>, weight: number, n = values.length, out?: Float32Array): Float32Array {
  const res = out && out.length >= n ? out : new Float32Array(Math.max(n + (n >> 1), 16));
  const w = Math.min(Math.max(weight, 0), 0.999999);
  let last = 0;
  let debias = 1;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) { res[i] = NaN; continue; }
    last = last * w + (1 - w) * x;
    debias *= w;
    res[i] = last / (1 - debias);
  }
  return res;
}
