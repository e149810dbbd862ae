// Tests of the dense kernels against a naive float64 triple loop.
import { fc, test as fcTest } from '../testing/property';
import { describe, expect, it } from 'vitest';
import { gemmAccumulate, matmulBackward, matmulForward, useSimd } from './matmul';
import { EngineError, type FloatArray } from './types';
import { U32, U64 } from '../testing/bounds';
import { Rng } from './rng';

/** Uniform numbers in [0, 1) from the engine's seeded generator, so that failures reproduce. */
function makeRng(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.uniform();
}

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;

/** n used values in [-1, 1) followed by `extra` sentinel values (NaN-free, recognisable). */
function filled(T: Ctor, n: number, rnd: () => number, extra = 0, sentinel = 7.25): FloatArray {
  const a = new T(n + extra);
  for (let i = 0; i < n; i++) a[i] = 2 * rnd() - 1;
  for (let i = n; i < n + extra; i++) a[i] = sentinel;
  return a;
}

function refForward(inp: FloatArray, w: FloatArray, bias: FloatArray | null, B: number, C: number, OC: number): Float64Array {
  const out = new Float64Array(B * OC);
  for (let b = 0; b < B; b++) {
    for (let o = 0; o < OC; o++) {
      let s = bias ? bias[o] : 0;
      for (let c = 0; c < C; c++) s += inp[b * C + c] * w[o * C + c];
      out[b * OC + o] = s;
    }
  }
  return out;
}

function refBackward(dout: FloatArray, inp: FloatArray, w: FloatArray, B: number, C: number, OC: number) {
  const dinp = new Float64Array(B * C);
  const dw = new Float64Array(OC * C);
  const db = new Float64Array(OC);
  for (let b = 0; b < B; b++) {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let o = 0; o < OC; o++) s += dout[b * OC + o] * w[o * C + c];
      dinp[b * C + c] = s;
    }
  }
  for (let o = 0; o < OC; o++) {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let b = 0; b < B; b++) s += dout[b * OC + o] * inp[b * C + c];
      dw[o * C + c] = s;
    }
    let s = 0;
    for (let b = 0; b < B; b++) s += dout[b * OC + o];
    db[o] = s;
  }
  return { dinp, dw, db };
}

/**
 * Elementwise |a - e| <= (terms + 2) u magnitude_i: a sum of `terms` products, in any order, is off by
 * at most (terms - 1) u sum|products| (+1 for the products' own rounding, +1 for the bias and the
 * store), where magnitude_i = sum|products| (+ |bias|) is the same kernel on absolute values.
 * Returns the first failing index or -1.
 */
function firstMismatch(actual: FloatArray, expected: ArrayLike<number>, magnitude: ArrayLike<number>, n: number, u: number, terms: number): number {
  for (let i = 0; i < n; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!(Math.abs(a - e) <= (terms + 2) * u * magnitude[i])) return i;
  }
  return -1;
}

const abs = (a: FloatArray | null) => (a ? Float64Array.from(a, Math.abs) : null);

/** Every index from n on still holds the sentinel. */
function tailUntouched(a: FloatArray, n: number, sentinel: number): boolean {
  for (let i = n; i < a.length; i++) if (a[i] !== sentinel) return false;
  return true;
}

/** Unit round-off of the array type the kernel accumulates in. */
const UNIT = { Float32Array: U32, Float64Array: U64 } as const;
const EXTRA = 5;
const SENT = 7.25;

/** Runs forward + backward on one shape and checks everything against the reference. */
function checkShape(T: Ctor, B: number, C: number, OC: number, seed: number, withBias: boolean, withDinp: boolean, withDbias: boolean): void {
  const rnd = makeRng(seed);
  const tol = T === Float32Array ? UNIT.Float32Array : UNIT.Float64Array;
  const inp = filled(T, B * C, rnd, EXTRA, SENT);
  const w = filled(T, OC * C, rnd, EXTRA, SENT);
  const bias = withBias ? filled(T, OC, rnd, EXTRA, SENT) : null;
  const dout = filled(T, B * OC, rnd, EXTRA, SENT);
  const label = `${T.name} B=${B} C=${C} OC=${OC} bias=${withBias} dinp=${withDinp} dbias=${withDbias}`;

  // Inputs are float32-rounded already, so the float64 reference sees exactly what the kernel sees.
  const out = filled(T, B * OC, rnd, EXTRA, SENT); // garbage in the used part: forward must overwrite it
  matmulForward(out, inp, w, bias, B, C, OC);
  const ref = refForward(inp, w, bias, B, C, OC);
  const mag = refForward(abs(inp)!, abs(w)!, abs(bias), B, C, OC);
  expect(firstMismatch(out, ref, mag, B * OC, tol, C), `forward ${label}`).toBe(-1);
  expect(tailUntouched(out, B * OC, SENT), `forward tail ${label}`).toBe(true);

  const r = refBackward(dout, inp, w, B, C, OC);
  const m = refBackward(abs(dout)!, abs(inp)!, abs(w)!, B, C, OC);
  const dinp = withDinp ? new T(B * C + EXTRA).fill(SENT) : null;
  if (dinp) dinp.fill(0, 0, B * C);
  const dw = new T(OC * C + EXTRA).fill(SENT);
  dw.fill(0, 0, OC * C);
  const db = withDbias ? new T(OC + EXTRA).fill(SENT) : null;
  if (db) db.fill(0, 0, OC);
  matmulBackward(dinp, dw, db, dout, inp, w, B, C, OC);
  if (dinp) {
    expect(firstMismatch(dinp, r.dinp, m.dinp, B * C, tol, OC), `dinp ${label}`).toBe(-1);
    expect(tailUntouched(dinp, B * C, SENT), `dinp tail ${label}`).toBe(true);
  }
  expect(firstMismatch(dw, r.dw, m.dw, OC * C, tol, B), `dweight ${label}`).toBe(-1);
  expect(tailUntouched(dw, OC * C, SENT), `dweight tail ${label}`).toBe(true);
  if (db) {
    expect(firstMismatch(db, r.db, m.db, OC, tol, B), `dbias ${label}`).toBe(-1);
    expect(tailUntouched(db, OC, SENT), `dbias tail ${label}`).toBe(true);
  }
  // Inputs are read-only.
  expect(tailUntouched(inp, B * C, SENT) && tailUntouched(w, OC * C, SENT) && tailUntouched(dout, B * OC, SENT)).toBe(true);
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 1, 2], [2, 1, 1], [1, 2, 1], [1, 3, 1], [3, 1, 3], [2, 2, 2], [3, 3, 3],
  [1, 5, 7], [7, 5, 1], [5, 7, 9], [4, 6, 3], [6, 4, 2], [2, 3, 4], [3, 2, 5], [9, 1, 11],
  [1, 784, 10], [13, 17, 19], [8, 9, 10], [10, 10, 10], [11, 3, 12], [16, 16, 16],
  [60, 100, 10], [32, 64, 17], [60, 784, 100],
];

describe('matmul against a naive float64 triple loop', () => {
  for (const T of [Float32Array, Float64Array] as Ctor[]) {
    it(`${T.name}: many shapes, bias and dinp present`, () => {
      let seed = 1;
      for (const [B, C, OC] of SHAPES) checkShape(T, B, C, OC, seed++, true, true, true);
    });
    it(`${T.name}: bias null, dinp null, dbias null`, () => {
      let seed = 100;
      for (const [B, C, OC] of SHAPES) {
        checkShape(T, B, C, OC, seed++, false, false, false);
        checkShape(T, B, C, OC, seed++, false, true, true);
        checkShape(T, B, C, OC, seed++, true, false, true);
      }
    });
    it(`${T.name}: random shapes up to 40`, () => {
      const rnd = makeRng(2024);
      for (let t = 0; t < 60; t++) {
        const B = 1 + Math.floor(rnd() * 40), C = 1 + Math.floor(rnd() * 40), OC = 1 + Math.floor(rnd() * 40);
        checkShape(T, B, C, OC, 500 + t, rnd() < 0.7, rnd() < 0.8, rnd() < 0.8);
      }
    });
  }

  it('a large shape after small ones and small after large (scratch reuse)', () => {
    checkShape(Float32Array, 256, 200, 130, 7, true, true, true);
    checkShape(Float32Array, 3, 2, 5, 8, true, true, true);
    checkShape(Float64Array, 61, 33, 29, 9, true, true, true);
  });

  it('mixes precisions in one process without cross-talk', () => {
    for (let i = 0; i < 4; i++) {
      checkShape(Float32Array, 7 + i, 9, 11, 40 + i, true, true, true);
      checkShape(Float64Array, 7 + i, 9, 11, 50 + i, true, true, true);
    }
  });
});

describe('matmul semantics', () => {
  it('backward accumulates: calling it twice doubles every gradient', () => {
    for (const T of [Float32Array, Float64Array] as Ctor[]) {
      const [B, C, OC] = [5, 7, 9];
      const rnd = makeRng(77);
      const inp = filled(T, B * C, rnd), w = filled(T, OC * C, rnd), dout = filled(T, B * OC, rnd);
      const once = () => {
        const g = { dinp: new T(B * C), dw: new T(OC * C), db: new T(OC) };
        matmulBackward(g.dinp, g.dw, g.db, dout, inp, w, B, C, OC);
        return g;
      };
      const g1 = once();
      const g2 = { dinp: new T(B * C), dw: new T(OC * C), db: new T(OC) };
      matmulBackward(g2.dinp, g2.dw, g2.db, dout, inp, w, B, C, OC);
      matmulBackward(g2.dinp, g2.dw, g2.db, dout, inp, w, B, C, OC);
      for (const k of ['dinp', 'dw', 'db'] as const) {
        for (let i = 0; i < g1[k].length; i++) expect(g2[k][i]).toBe(2 * g1[k][i]); // x + x is exact
      }
    }
  });

  it('backward adds onto existing (non-zero) gradient contents', () => {
    const [B, C, OC] = [4, 5, 6];
    const rnd = makeRng(5);
    const inp = filled(Float64Array, B * C, rnd), w = filled(Float64Array, OC * C, rnd), dout = filled(Float64Array, B * OC, rnd);
    const r = refBackward(dout, inp, w, B, C, OC);
    const m = refBackward(abs(dout)!, abs(inp)!, abs(w)!, B, C, OC);
    const dinp = new Float64Array(B * C).fill(1.5), dw = new Float64Array(OC * C).fill(-2), db = new Float64Array(OC).fill(3);
    matmulBackward(dinp, dw, db, dout, inp, w, B, C, OC);
    // the old content is one more term of the sum: (n + 3) u (|old| + sum|products|), as in firstMismatch
    for (let i = 0; i < B * C; i++) expect(Math.abs(dinp[i] - (1.5 + r.dinp[i]))).toBeLessThanOrEqual((OC + 3) * U64 * (1.5 + m.dinp[i]));
    for (let i = 0; i < OC * C; i++) expect(Math.abs(dw[i] - (-2 + r.dw[i]))).toBeLessThanOrEqual((B + 3) * U64 * (2 + m.dw[i]));
    for (let i = 0; i < OC; i++) expect(Math.abs(db[i] - (3 + r.db[i]))).toBeLessThanOrEqual((B + 3) * U64 * (3 + m.db[i]));
  });

  it('forward overwrites out (does not accumulate) and uses only the first B*C inputs', () => {
    const [B, C, OC] = [3, 4, 5];
    const rnd = makeRng(6);
    const inp = filled(Float32Array, B * C, rnd, 8, 1e30), w = filled(Float32Array, OC * C, rnd, 8, 1e30);
    const out = new Float32Array(B * OC).fill(123);
    matmulForward(out, inp, w, null, B, C, OC);
    const first = Float32Array.from(out);
    matmulForward(out, inp, w, null, B, C, OC);
    expect(Array.from(out)).toEqual(Array.from(first));
    const ref = refForward(inp, w, null, B, C, OC);
    expect(firstMismatch(out, ref, refForward(abs(inp)!, abs(w)!, null, B, C, OC), B * OC, U32, C)).toBe(-1);
  });

  it('the JavaScript kernel accumulates float32 products in double and rounds once', () => {
    useSimd(false);
    // sum of 1 + 1e-8 * k cancels badly in float32 accumulation but not in double.
    const C = 1000;
    const inp = new Float32Array(C).fill(1);
    const w = new Float32Array(C);
    w[0] = 1e8;
    for (let c = 1; c < C; c++) w[c] = 1;
    w[C - 1] = -1e8;
    const out = new Float32Array(1);
    matmulForward(out, inp, w, null, 1, C, 1);
    expect(out[0]).toBe(C - 2); // float32 left-to-right accumulation would give 0 or garbage
    useSimd(true);
  });

  it('the SIMD kernel (float32 sums) agrees with the JavaScript kernel to float32 round-off', () => {
    expect(useSimd(true)).toBe(true); // Node 20 has WebAssembly SIMD
    const rng = (seed: number) => () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
    const r = rng(9);
    for (const [B, C, OC] of [[1, 1, 1], [3, 5, 7], [60, 784, 100], [17, 33, 10]]) {
      const inp = Float32Array.from({ length: B * C }, r), w = Float32Array.from({ length: OC * C }, r), b = Float32Array.from({ length: OC }, r);
      const dout = Float32Array.from({ length: B * OC }, r);
      const run = (simdOn: boolean) => {
        useSimd(simdOn);
        const out = new Float32Array(B * OC), dinp = new Float32Array(B * C), dw = new Float32Array(OC * C), db = new Float32Array(OC);
        matmulForward(out, inp, w, b, B, C, OC);
        matmulBackward(dinp, dw, db, dout, inp, w, B, C, OC);
        return [out, dinp, dw, db];
      };
      const js = run(false);
      const wasm = run(true);
      // both sum in float32, in different orders: each within (n + 2) u32 sum|products| of the exact
      // value (n = C for out, OC for dinp, B for dw and db), so within twice that of each other
      const mag = refForward(abs(inp)!, abs(w)!, abs(b), B, C, OC);
      const m = refBackward(abs(dout)!, abs(inp)!, abs(w)!, B, C, OC);
      const bounds = [[mag, C], [m.dinp, OC], [m.dw, B], [m.db, B]] as const;
      // one expect per array (131k calls of expect cost ~1.7 s): the first index outside the bound, or -1
      js.forEach((a, i) => {
        const [magnitude, n] = bounds[i];
        const j = a.findIndex((v, k) => !(Math.abs(wasm[i][k] - v) <= 2 * (n + 2) * U32 * magnitude[k]));
        const detail = j < 0 ? '' : `: |${wasm[i][j]} - ${a[j]}| > ${2 * (n + 2) * U32 * magnitude[j]}`;
        expect(j, `array ${i}, first index off by more than 2 (n + 2) u32 sum|products|, B=${B} C=${C} OC=${OC}${detail}`).toBe(-1);
      });
    }
  });

  it('refuses bad sizes and short arrays', () => {
    const a = new Float32Array(4);
    expect(() => matmulForward(a, a, a, null, 2, 2, 3)).toThrow(EngineError);
    expect(() => matmulForward(a, a, a, null, -1, 2, 2)).toThrow(EngineError);
    expect(() => matmulForward(a, a, a, null, 1.5, 2, 2)).toThrow(EngineError);
    expect(() => matmulBackward(null, a, null, a, a, a, 2, 3, 2)).toThrow(EngineError);
    expect(() => matmulBackward(a, a, new Float32Array(1), a, a, a, 2, 2, 2)).toThrow(EngineError);
  });

  it('degenerate sizes: C = 0 gives bias, B = 0 touches nothing', () => {
    const out = new Float32Array(6).fill(9);
    matmulForward(out, new Float32Array(0), new Float32Array(0), Float32Array.of(1, 2, 3), 2, 0, 3);
    expect(Array.from(out)).toEqual([1, 2, 3, 1, 2, 3]);
    const dw = new Float32Array(4).fill(5);
    const db = new Float32Array(2).fill(6);
    matmulBackward(null, dw, db, new Float32Array(0), new Float32Array(0), new Float32Array(4), 0, 2, 2);
    expect(Array.from(dw)).toEqual([5, 5, 5, 5]);
    expect(Array.from(db)).toEqual([6, 6]);
  });
});

describe('gemmAccumulate (the shared core) with arbitrary strides', () => {
  fcTest.prop(
    [
      fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 0, max: 13 }),
      fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    ],
    { numRuns: 200 },
  )('O += X Y^T for transposed and plain layouts', (M, N, K, xT, yT, oT, f64, seed) => {
    const T: Ctor = f64 ? Float64Array : Float32Array;
    const rnd = makeRng(seed);
    const X = filled(T, M * K, rnd), Y = filled(T, N * K, rnd), O0 = filled(T, M * N, rnd);
    // X[m,k] at m*xm + k*xk: row-major (xm=K, xk=1) or transposed (xm=1, xk=M); same for Y and O.
    const [xm, xk] = xT ? [1, M] : [K, 1];
    const [ym, yk] = yT ? [1, N] : [K, 1];
    const [om, on] = oT ? [1, M] : [N, 1];
    const O = new T(O0);
    gemmAccumulate(O, om, on, M, N, K, X, xm, xk, Y, ym, yk);
    const u = f64 ? U64 : U32;
    for (let m = 0; m < M; m++) {
      for (let n = 0; n < N; n++) {
        let s = O0[m * om + n * on];
        let mag = Math.abs(s);
        for (let k = 0; k < K; k++) { s += X[m * xm + k * xk] * Y[n * ym + k * yk]; mag += Math.abs(X[m * xm + k * xk] * Y[n * ym + k * yk]); }
        const got = O[m * om + n * on];
        // K products added to O in any order: (K + 2) u (|O| + sum|products|), as in firstMismatch
        if (!(Math.abs(got - s) <= (K + 2) * u * mag)) {
          throw new Error(`M=${M} N=${N} K=${K} m=${m} n=${n}: got ${got}, want ${s}`);
        }
      }
    }
  });
});
