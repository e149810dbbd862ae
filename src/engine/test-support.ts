// Helpers shared by the engine's tests (not imported by the engine itself).
import { Rng } from './rng';

export function randomArray(n: number, rng: Rng, scale = 1): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = scale * rng.normal();
  return a;
}

/**
 * ||a - b|| / max(||a|| + ||b||, floor), the usual gradient-check measure. The floor keeps two
 * vanishing gradients (exactly 0 against finite-difference noise of 1e-11) from reading as 100% apart.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-6): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(na) + Math.sqrt(nb), floor);
}

/**
 * Central differences of a scalar function f with respect to every entry of x (changed in place and
 * restored): (f(x + h e_i) - f(x - h e_i)) / 2h.
 */
export function numericGradient(f: () => number, x: Float64Array | Float32Array, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    x[i] = old + h;
    const fp = f();
    x[i] = old - h;
    const fm = f();
    x[i] = old;
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

/** sum_i out_i * r_i: a scalar whose gradient with respect to out is r. */
export function dot(out: ArrayLike<number>, r: ArrayLike<number>, n = r.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += out[i] * r[i];
  return s;
}
