// How big one optimizer step is relative to the parameter it changed:
//   ratio = ||W_after - W_before|| / ||W_before||        (Euclidean norms over all entries)
// The true delta, not lr * ||grad|| / ||W||: it is the same for plain SGD, but also right for
// momentum, Adam and weight decay, where the step is not lr * grad. The cost is one copy of W per
// measured step, into a buffer allocated once (ParamSnapshot). Norms accumulate squares in float64;
// when that sum underflows or overflows (entries below ~1e-154 or above ~1e154, float64 weights
// only) it is redone with entries scaled by their largest magnitude.
import type { FloatArray } from '../engine/types';

/** sqrt(sum a_i^2) over a[0..n). */
export function l2Norm(a: FloatArray, n = a.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * a[i];
  return SAFE_MIN < s && s < SAFE_MAX ? Math.sqrt(s) : scaledNorm(a, null, n);
}

/**
 * ||after - before|| / ||before|| over the first n entries. 0 when nothing changed (even from all
 * zeros); Infinity when before is all zeros and after is not.
 */
export function updateRatio(before: FloatArray, after: FloatArray, n = Math.min(before.length, after.length)): number {
  let dd = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const b = before[i];
    const d = after[i] - b;
    dd += d * d;
    bb += b * b;
  }
  const delta = SAFE_MIN < dd && dd < SAFE_MAX ? Math.sqrt(dd) : scaledNorm(after, before, n);
  if (delta === 0) return 0;
  return delta / (SAFE_MIN < bb && bb < SAFE_MAX ? Math.sqrt(bb) : scaledNorm(before, null, n));
}

/** Sums of squares outside (SAFE_MIN, SAFE_MAX) may have lost digits to underflow or overflowed. */
const SAFE_MIN = 1e-280;
const SAFE_MAX = 1e280;

/** ||a - b|| (or ||a|| when b is null) as m sqrt(sum ((a_i - b_i) / m)^2), m = max |a_i - b_i|. */
function scaledNorm(a: FloatArray, b: FloatArray | null, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(b ? a[i] - b[i] : a[i]));
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const t = (b ? a[i] - b[i] : a[i]) / m;
    s += t * t;
  }
  return m * Math.sqrt(s);
}

/** A preallocated copy of one parameter, taken before a step, to measure that step's update ratio. */
export class ParamSnapshot {
  private readonly copy: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.copy = new Float64Array(capacity);
  }

  /** Copies param (at most `capacity` entries are kept; a larger param throws). */
  capture(param: FloatArray): void {
    if (param.length > this.copy.length) throw new RangeError(`parameter of ${param.length} values, snapshot holds ${this.copy.length}`);
    this.copy.set(param);
    this.size = param.length;
  }

  /** Update ratio of param since the last capture. */
  ratio(param: FloatArray): number {
    if (param.length !== this.size) throw new RangeError(`parameter has ${param.length} values, the snapshot ${this.size}`);
    return updateRatio(this.copy, param, this.size);
  }
}
