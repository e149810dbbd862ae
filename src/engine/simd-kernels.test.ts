// The WebAssembly SIMD kernels against the pure TypeScript ones (the reference), in place in an
// arena and through the scratch copies; and whole models trained on either kernel set: same losses,
// same gradients as the float64 model (whose gradients gradcheck.test.ts checks by finite differences).
import { fc, test as fcTest } from '../testing/property';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { reluBackward, reluForward, sigmoidBackward, sigmoidForward } from './activation';
import { batchnormStats } from './batchnorm';
import { matmulBackward, matmulForward } from './matmul';
import { Mlp } from './mlp';
import { U32 } from '../testing/bounds';
import { Rng } from './rng';
import { measureSimdPeak, SimdArena, simdEnabled, simdSupported, useSimd } from './simd-kernels';
import type { Activation, ModelSpec, NormKind, NormPlacement, OptimizerSpec } from './types';

afterAll(() => {
  useSimd(true);
});

/**
 * The first n values of a and b agree to float32 round-off of sums of k products: each kernel is within
 * (k + 2) u32 sum|products| of the exact sum in any order of addition (the TypeScript one much closer:
 * it adds in double and rounds once), so they are within 2 (k + 2) u32 magnitude_i of each other.
 */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, magnitude: ArrayLike<number>, n: number, k: number, what: string): void {
  for (let i = 0; i < n; i++) {
    const tol = 2 * (k + 2) * U32 * magnitude[i];
    if (!(Math.abs(got[i] - want[i]) <= tol)) {
      throw new Error(`${what}[${i}]: SIMD ${got[i]}, TypeScript ${want[i]} (bound ${tol})`);
    }
  }
}

/** sum|products| (+ |bias|, + |initial content|) of every output: the kernels in float64 on absolute values. */
function magnitudes(inp: Float32Array, W: Float32Array, bias: Float32Array | null, dout: Float32Array, B: number, C: number, OC: number, init = { dinp: 0, dW: 0, db: 0 }) {
  const a = (x: Float32Array) => Float64Array.from(x, Math.abs);
  const out = new Float64Array(B * OC);
  const dinp = new Float64Array(B * C).fill(Math.abs(init.dinp)), dW = new Float64Array(OC * C).fill(Math.abs(init.dW)), db = new Float64Array(OC).fill(Math.abs(init.db));
  matmulForward(out, a(inp), a(W), bias ? a(bias) : null, B, C, OC);
  matmulBackward(dinp, dW, db, a(dout), a(inp), a(W), B, C, OC);
  return { out, dinp, dW, db };
}

describe('SIMD kernels', () => {
  it('are available in Node 20 and on by default', () => {
    expect(simdSupported()).toBe(true);
    expect(simdEnabled()).toBe(process.env.NORMSCOPE_NO_SIMD !== '1');
  });

  fcTest.prop(
    [fc.integer({ min: 1, max: 21 }), fc.integer({ min: 1, max: 37 }), fc.integer({ min: 1, max: 19 }), fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 })],
    { numRuns: 150 },
  )('the three products agree with the TypeScript kernels, in an arena or not', (B, C, OC, inArena, seed) => {
    const rng = new Rng(seed);
    const arena = new SimdArena(1024);
    const make = (n: number, fill: number | null) => {
      const a = inArena ? arena.alloc(n) : new Float32Array(n);
      for (let i = 0; i < n; i++) a[i] = fill ?? rng.normal();
      return a;
    };
    const inp = make(B * C, null), W = make(OC * C, null), bias = make(OC, null), dout = make(B * OC, null);
    const run = (simd: boolean) => {
      useSimd(simd);
      const out = make(B * OC, 9), dinp = make(B * C, 0.5), dW = make(OC * C, -0.25), db = make(OC, 0);
      matmulForward(out, inp, W, bias, B, C, OC);
      matmulBackward(dinp, dW, db, dout, inp, W, B, C, OC);
      return { out, dinp, dW, db };
    };
    const ts = run(false);
    const simd = run(true);
    if (inArena) expect(arena.holds(simd.out) && arena.holds(inp)).toBe(true);
    const m = magnitudes(inp, W, bias, dout, B, C, OC, { dinp: 0.5, dW: -0.25, db: 0 });
    expectClose(simd.out, ts.out, m.out, B * OC, C, 'out');
    expectClose(simd.dinp, ts.dinp, m.dinp, B * C, OC, 'dinp');
    expectClose(simd.dW, ts.dW, m.dW, OC * C, B, 'dW');
    expectClose(simd.db, ts.db, m.db, OC, B, 'db');
  });

  fcTest.prop(
    [fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 23 }), fc.constantFrom(1, 1e-4), fc.constantFrom(1e-5, 1), fc.integer({ min: 0, max: 2 ** 31 - 1 })],
    { numRuns: 100 },
  )('batch norm statistics: the stored variance (and mean, rstd) agree with the TypeScript kernel', (B, C, scale, eps, seed) => {
    const rng = new Rng(seed);
    const arena = new SimdArena(1024);
    const inp = arena.alloc(B * C);
    for (let i = 0; i < B * C; i++) inp[i] = scale * (rng.normal() + 0.5);
    const run = (simd: boolean) => {
      useSimd(simd);
      const mean = arena.alloc(C), rstd = arena.alloc(C), variance = arena.alloc(C);
      batchnormStats(mean, rstd, variance, inp, B, C, eps);
      return { mean, rstd, variance };
    };
    const ts = run(false);
    const simd = run(true);
    for (let c = 0; c < C; c++) {
      let X = 0, m = 0, v = 0;
      for (let b = 0; b < B; b++) { X = Math.max(X, Math.abs(inp[b * C + c])); m += inp[b * C + c] / B; }
      for (let b = 0; b < B; b++) v += (inp[b * C + c] - m) ** 2 / B;
      // each kernel's mean is within (B + 1) u X of the exact one, its variance within (B + 4) u var plus
      // that error squared (float32 sums of B terms in any order), so they are within twice that of each other
      const dm = (B + 1) * U32 * X;
      const tol = 2 * ((B + 4) * U32 * v + dm * dm);
      if (!(Math.abs(simd.variance[c] - ts.variance[c]) <= tol)) throw new Error(`variance[${c}]: SIMD ${simd.variance[c]}, TypeScript ${ts.variance[c]} (bound ${tol})`);
      expect(Math.abs(simd.mean[c] - ts.mean[c]), `mean[${c}]`).toBeLessThanOrEqual(2 * dm);
      // rstd = 1/sqrt(var + eps): half the relative error of var + eps, and its own rounding, 2 u
      expect(Math.abs(simd.rstd[c] - ts.rstd[c]), `rstd[${c}]`).toBeLessThanOrEqual(ts.rstd[c] * (tol / (v + eps) + 4 * U32));
    }
  });

  it('run the benchmark shapes in place (W2 layer 2, W1 output layer) and a batch too long to pack', () => {
    for (const [B, C, OC] of [[256, 512, 512], [60, 100, 10], [8200, 9, 3]]) {
      const rng = new Rng(B + C);
      const arena = new SimdArena(2 * (B * C + OC * C + B * OC) + 64);
      const fill = (n: number) => { const a = arena.alloc(n); for (let i = 0; i < n; i++) a[i] = rng.uniform() - 0.5; return a; };
      const inp = fill(B * C), W = fill(OC * C), dout = fill(B * OC);
      const grads = (simd: boolean) => {
        useSimd(simd);
        const out = arena.alloc(B * OC), dinp = arena.alloc(B * C), dW = arena.alloc(OC * C);
        matmulForward(out, inp, W, null, B, C, OC);
        matmulBackward(dinp, dW, null, dout, inp, W, B, C, OC);
        return [Float32Array.from(out), Float32Array.from(dinp), Float32Array.from(dW)];
      };
      const [o1, i1, w1] = grads(false);
      const [o2, i2, w2] = grads(true);
      const m = magnitudes(inp, W, null, dout, B, C, OC);
      expectClose(o2, o1, m.out, B * OC, C, 'out');
      expectClose(i2, i1, m.dinp, B * C, OC, 'dinp');
      expectClose(w2, w1, m.dW, OC * C, B, 'dW');
    }
  });

  it('element-wise passes in an arena agree with TypeScript: relu exactly, sigmoid to float32 round-off', () => {
    const arena = new SimdArena(1 << 16);
    const N = 4003; // not a multiple of 4: the tail too
    const x = arena.alloc(N), dout = arena.alloc(N);
    const rng = new Rng(11);
    for (let i = 0; i < N; i++) { x[i] = 30 * rng.normal(); dout[i] = rng.normal(); }
    x.set([NaN, -0, 0, 1e-30, -1e-30, 88.5, -88.5, 200, -200, Infinity, -Infinity], 0);
    x[N - 1] = NaN;
    const pass = (simd: boolean) => {
      useSimd(simd);
      const r = arena.alloc(N), s = arena.alloc(N), dr = arena.alloc(N).fill(0.5), ds = arena.alloc(N).fill(0.5);
      reluForward(r, x, N);
      sigmoidForward(s, x, N);
      reluBackward(dr, dout, r, N);
      sigmoidBackward(ds, dout, s, N);
      return { r, s, dr, ds };
    };
    const ts = pass(false);
    const simd = pass(true);
    expect(Array.from(simd.r)).toEqual(Array.from(ts.r));
    expect(Array.from(simd.dr)).toEqual(Array.from(ts.dr));
    for (let i = 0; i < N; i++) {
      if (Number.isNaN(ts.s[i])) { expect(simd.s[i]).toBeNaN(); continue; }
      // 2 ulp relative; below e^-87 (x < -87) the SIMD exp is clamped: at most 1e-38 off
      expect(Math.abs(simd.s[i] - ts.s[i])).toBeLessThanOrEqual(Math.max(2.4e-7 * ts.s[i], 1e-38));
      expect(Math.abs(simd.ds[i] - ts.ds[i])).toBeLessThanOrEqual(1e-6 * (Math.abs(ts.ds[i]) + 1));
    }
  });

  it('an arena hands out aligned, disjoint, zeroed views and opens a new memory when one is full', () => {
    const arena = new SimdArena(100);
    const a = arena.alloc(3);
    const b = arena.alloc(5);
    expect(a.byteOffset % 16).toBe(0);
    expect(b.byteOffset % 16).toBe(0);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + 12);
    expect(a.buffer).toBe(b.buffer);
    const big = arena.alloc(1 << 20);
    expect(big.buffer).not.toBe(a.buffer);
    expect(Array.from(big.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(a.length).toBe(3); // the old space was not grown: its views still work
    expect(arena.holds(big)).toBe(true);
    expect(arena.holds(a)).toBe(false);
  });

  it('an arena that cannot get WebAssembly memory hands out ordinary arrays, and a model still trains', async () => {
    useSimd(true);
    const spy = vi.spyOn(WebAssembly, 'Memory').mockImplementation(() => { throw new RangeError('WebAssembly.Memory(): could not allocate memory'); });
    try {
      const a = new SimdArena(100).alloc(5);
      expect(a).toBeInstanceOf(Float32Array);
      expect(a.length).toBe(5);
      expect(a.buffer).toBeInstanceOf(ArrayBuffer);
      const m = new Mlp({ inputSize: 3, outputSize: 2, normPlacement: 'pre', eps: 1e-5, momentum: 0.1, hidden: [{ units: 4, activation: 'relu', norm: 'batch' }] },
        { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 });
      expect(Number.isFinite(m.trainStep(Float32Array.of(1, 2, 3, -1, 0, 1), Int32Array.of(0, 1), 2))).toBe(true);
      expect(spy).toHaveBeenCalled();
      // Without any scratch memory either (a fresh copy of the engine), products fall back to TypeScript.
      vi.resetModules();
      const fresh = await import('./matmul');
      expect(fresh.useSimd(true)).toBe(true);
      const inp = Float32Array.of(1, 2, 3, 4, 5, 6), W = Float32Array.of(1, 0, -1, 2, 1, 0), out = new Float32Array(4);
      fresh.matmulForward(out, inp, W, Float32Array.of(0.5, -0.5), 2, 3, 2);
      expect(Array.from(out)).toEqual([1 - 3 + 0.5, 2 + 2 - 0.5, 4 - 6 + 0.5, 8 + 5 - 0.5]);
    } finally {
      spy.mockRestore();
    }
  });

  it('measure a positive multiply-add ceiling', () => {
    expect(measureSimdPeak(1, 5)).toBeGreaterThan(0);
  });
});

describe('models on either kernel set', () => {
  const spec = (activation: Activation, norm: NormKind, normPlacement: NormPlacement): ModelSpec => ({
    inputSize: 13, outputSize: 5, normPlacement, eps: 1e-5, momentum: 0.1,
    hidden: [{ units: 17, activation, norm }, { units: 9, activation, norm }],
  });
  const data = (seed: number, B: number) => {
    const rng = new Rng(seed);
    return { x: Float32Array.from({ length: B * 13 }, () => rng.normal()), y: Int32Array.from({ length: B }, () => rng.int(5)) };
  };
  const ADAM: OptimizerSpec = { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
  const cases: Array<[Activation, NormKind, NormPlacement]> = [
    ['sigmoid', 'batch', 'pre'], ['relu', 'none', 'pre'], ['tanh', 'batch', 'post'], ['relu', 'renorm', 'pre'],
    ['relu', 'group', 'pre'], ['sigmoid', 'layer', 'post'],
  ];

  it.each(cases)('%s, %s norm (%s): SIMD and TypeScript train alike over 30 steps', (act, norm, placement) => {
    const train = (simd: boolean) => {
      useSimd(simd);
      const m = new Mlp(spec(act, norm, placement), ADAM, { seed: 3 });
      const losses: number[] = [];
      for (let s = 0; s < 30; s++) { const { x, y } = data(s, 11); losses.push(m.trainStep(x, y, 11)); }
      const { x, y } = data(99, 23);
      return { losses, eval: m.evaluate(x, y, 23, { keepLogits: true }) };
    };
    const ts = train(false);
    const simd = train(true);
    // Fixed seeds, not a property: two float32 trajectories whose every step differs by round-off
    // (u32 = 6e-8 relative) that 30 Adam steps amplify; the largest relative gaps seen over these cases
    // are 3e-8 (losses) and 2e-5 (logits), so 1e-3 relative (+1e-4 absolute) leaves a margin of 50 and
    // still flags a wrong kernel (off by O(1)).
    simd.losses.forEach((l, i) => expect(Math.abs(l - ts.losses[i]), `loss at step ${i}`).toBeLessThan(1e-4 + 1e-3 * Math.abs(ts.losses[i])));
    const logits = simd.eval.logits!, want = ts.eval.logits!;
    for (let i = 0; i < 23 * 5; i++) expect(Math.abs(logits[i] - want[i]), `eval logit ${i}`).toBeLessThan(1e-4 + 1e-3 * Math.abs(want[i]));
  });

  it.each(cases)('%s, %s norm (%s): float32 gradients on SIMD match the float64 ones', (act, norm, placement) => {
    const { x, y } = data(5, 12);
    const ref = new Mlp(spec(act, norm, placement), ADAM, { seed: 4, dtype: 'float64' });
    ref.computeGradients(Float64Array.from(x), y, 12, false);
    const want = ref.getGrads();
    for (const simd of [true, false]) {
      useSimd(simd);
      const m = new Mlp(spec(act, norm, placement), ADAM, { seed: 4 });
      m.setParams(ref.getParams());
      m.computeGradients(x, y, 12, false);
      m.getGrads().forEach((layer, l) => {
        for (const key of ['W', 'b', 'gamma', 'beta'] as const) {
          const g = layer[key];
          const w = want[l][key];
          if (!g || !w) continue;
          // one float32 forward and backward (fixed seed, sums of at most 17 products of values ~1, through
          // the norms' 1/sqrt): a few hundred u32 ~ 1e-5 relative at most; 1e-3 flags a wrong term
          for (let i = 0; i < g.length; i++) {
            if (!(Math.abs(g[i] - w[i]) <= 1e-5 + 1e-3 * Math.abs(w[i]))) {
              throw new Error(`${simd ? 'SIMD' : 'TypeScript'} layer ${l} ${key}[${i}]: ${g[i]}, float64 ${w[i]}`);
            }
          }
        }
      });
    }
  });

  it('a model built on SIMD keeps its arrays in WebAssembly memory; one built without does not', () => {
    useSimd(true);
    const a = new Mlp(spec('relu', 'batch', 'pre'), ADAM);
    useSimd(false);
    const b = new Mlp(spec('relu', 'batch', 'pre'), ADAM);
    expect(a.layers[0].W.buffer).toBe(a.layers[1].dW.buffer);
    expect(a.layers[0].W.buffer).toBe(a.layers[1].train.z.buffer);
    expect(b.layers[0].W.buffer).not.toBe(b.layers[1].dW.buffer);
  });
});
