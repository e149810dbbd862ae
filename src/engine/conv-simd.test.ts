// The WebAssembly SIMD kernels of the convolutional layers against the TypeScript ones (the
// reference, which conv-gradcheck.test.ts checks in float64), on arrays in an arena; and a whole
// layer-list network trained on either kernel set.
import { fc, test as fcTest } from '../testing/property';
import { afterAll, describe, expect, it } from 'vitest';
import { batchnorm2dBackward, batchnorm2dEvalForward, batchnorm2dForward } from './batchnorm2d';
import { colSize, conv2dBackward, conv2dForward, convGeometry } from './conv2d';
import { ConvNet } from './convnet';
import type { ConvNetSpec, NetNorm } from './convnet-spec';
import { groupnormBackward, groupnormForward } from './groupnorm';
import { maxpoolBackward, maxpoolBackwardSet, maxpoolForward } from './maxpool';
import { PoolLayer } from './pool-layer';
import { Rng } from './rng';
import { SimdArena, simdConv2dForward, simdEnabled, useSimd } from './simd-kernels';
import type { NormPlacement } from './types';
import { WeightLayer } from './weight-layer';

const initiallyOn = simdEnabled();
afterAll(() => {
  useSimd(initiallyOn);
});

/** got and want agree to float32 round-off of sums of k terms of size ~1 (relative 6e-8 each, random-walk growth). */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, k: number, what: string): void {
  const tol = 2e-6 * Math.sqrt(k + 1);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= tol * (1 + Math.abs(want[i])))) {
      throw new Error(`${what}[${i}]: SIMD ${got[i]}, TypeScript ${want[i]} (tolerance ${tol})`);
    }
  }
}

/** Runs `body` with the SIMD kernels and with the TypeScript ones; returns both results. */
function both<T>(body: () => T): { simd: T; ts: T } {
  useSimd(true);
  const simd = body();
  useSimd(false);
  const ts = body();
  useSimd(true);
  return { simd, ts };
}

function arenaArrays(rng: Rng, arena: SimdArena) {
  return (n: number, scale = 1, fill?: number): Float32Array => {
    const a = arena.alloc(n);
    for (let i = 0; i < n; i++) a[i] = fill ?? scale * rng.normal();
    return a;
  };
}

describe('convolution kernels: SIMD against TypeScript', () => {
  it('run in SIMD on arrays of an arena, and not on others', () => {
    useSimd(true);
    const g = convGeometry(1, 4, 4, 2, 3, 1, 1);
    const arena = new SimdArena(4096);
    const a = (n: number) => arena.alloc(n);
    expect(simdConv2dForward(a(32), a(colSize(g)), a(16), a(18), a(2), 1, g)).toBe(true);
    expect(simdConv2dForward(new Float32Array(32), a(colSize(g)), a(16), a(18), a(2), 1, g)).toBe(false);
  });

  /** SIMD and TypeScript conv2d forward and backward on random arrays of an arena agree. */
  function checkConv(N: number, C: number, H: number, W: number, OC: number, K: number, S: number, P: number, withBias: boolean, seed: number): void {
    const g = convGeometry(C, H, W, OC, K, S, P);
    if (g.OH < 1 || g.OW < 1) return;
    const rng = new Rng(seed);
    const arena = new SimdArena(1 << 16);
    const f = arenaArrays(rng, arena);
    const outN = N * OC * g.OH * g.OW;
    const inp = f(N * C * H * W), w = f(OC * C * K * K), b = withBias ? f(OC) : null, dout = f(outN);
    const { simd, ts } = both(() => {
      const out = f(outN, 1, 7), col = f(colSize(g), 1, 3), dinp = f(inp.length, 1, 0.5), dw = f(w.length, 1, -1), db = f(OC, 1, 2);
      conv2dForward(out, col, inp, w, b, N, g);
      conv2dBackward(dinp, dw, withBias ? db : null, col, f(colSize(g), 1, 5), dout, inp, w, N, g);
      return { out, dinp, dw, db };
    });
    expectClose(simd.out, ts.out, C * K * K, 'out');
    expectClose(simd.dw, ts.dw, N * g.OH * g.OW, 'dW');
    expectClose(simd.db, ts.db, N * g.OH * g.OW, 'db');
    expectClose(simd.dinp, ts.dinp, OC * K * K, 'dinp');
  }

  fcTest.prop(
    [fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }),
      fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 })],
    { numRuns: 120 },
  )('conv2d forward and backward agree (N, C, H, W, OC, K, S, P, bias, seed)', checkConv);

  // Stride 1 with K = 2P + 1 takes the kernels' contiguous-copy path: W3's layers, and maps as small as the kernel or smaller.
  it('conv2d forward and backward agree with "same" padding (stride 1, K = 2P + 1)', () => {
    for (const [N, C, H, W, OC, K, P] of [[3, 1, 28, 28, 8, 3, 1], [2, 8, 14, 14, 16, 3, 1], [2, 2, 1, 1, 3, 3, 1], [2, 2, 2, 5, 3, 3, 1], [1, 3, 4, 3, 2, 5, 2], [2, 2, 3, 7, 2, 1, 0], [1, 1, 1, 6, 2, 5, 2]]) {
      checkConv(N, C, H, W, OC, K, 1, P, true, N * 1000 + H * 10 + K);
    }
  });

  fcTest.prop(
    [fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })],
    { numRuns: 120 },
  )('max pooling gives the same maxima and sends each gradient to the same input, ties included (planes, H, W, S, seed)', (planes, H, W, S, seed) => {
    if (H < S || W < S) return;
    const rng = new Rng(seed);
    const arena = new SimdArena(1 << 14);
    const OH = Math.floor(H / S), OW = Math.floor(W / S);
    // few distinct values and many zeros (as after a ReLU): ties are common
    const inp = arena.alloc(planes * H * W);
    for (let i = 0; i < inp.length; i++) inp[i] = Math.max(0, rng.int(5) - 2);
    const dout = arenaArrays(rng, arena)(planes * OH * OW);
    const { simd, ts } = both(() => {
      const out = arena.alloc(planes * OH * OW), dinp = arena.alloc(inp.length).fill(0.25), dset = arena.alloc(inp.length).fill(7), dzero = arena.alloc(inp.length);
      maxpoolForward(out, inp, planes, H, W, S);
      maxpoolBackward(dinp, dout, inp, out, planes, H, W, S);
      maxpoolBackwardSet(dset, dout, inp, out, planes, H, W, S);
      maxpoolBackward(dzero, dout, inp, out, planes, H, W, S);
      return { out: Array.from(out), dinp: Array.from(dinp), dset: Array.from(dset), dzero: Array.from(dzero) };
    });
    // selections and one addition per input (windows do not overlap): exactly the same
    expect(simd.out).toEqual(ts.out);
    expect(simd.dinp).toEqual(ts.dinp);
    // the set form: as accumulating into zeros (the 7s overwritten, also outside the windows)
    expect(simd.dset).toEqual(ts.dzero);
    expect(ts.dset).toEqual(ts.dzero);
  });
});

/**
 * A norm's float32 (SIMD) results against the TypeScript ones, over values (S statistics of L values
 * each; stat(i) and chan(i) give value i's statistic and channel). Bounds from the arithmetic: float32
 * sums of L values are off by ~u sqrt(L) of their magnitudes (u = 6e-8, random-walk growth; 2e-6
 * leaves a margin of ~30), and an error dm in a mean moves xhat = (x - m) rstd by dm rstd, so every
 * normalised quantity carries the condition kappa = max(1, max|x| rstd) of its statistic: a channel
 * of nearly equal values (large rstd) is rightly less exact.
 */
function expectNormClose(
  simd: Record<string, Float32Array>, ts: Record<string, Float32Array>,
  x: Float32Array, gamma: Float32Array, beta: Float32Array, dout: Float32Array,
  S: number, L: number, stat: (i: number) => number, chan: (i: number) => number,
): void {
  const r = ts.rstd, m = ts.mean;
  const kappa = new Float64Array(S).fill(1);
  for (let i = 0; i < x.length; i++) kappa[stat(i)] = Math.max(kappa[stat(i)], Math.abs(x[i]) * r[stat(i)]);
  const e = (q: number) => 2e-6 * Math.sqrt(L + 1) * kappa[q];
  const check = (what: string, i: number, got: number, want: number, tol: number) => {
    if (!(Math.abs(got - want) <= tol)) throw new Error(`${what}[${i}]: SIMD ${got}, TypeScript ${want} (tolerance ${tol})`);
  };
  for (let q = 0; q < S; q++) {
    check('mean', q, simd.mean[q], m[q], e(q) / r[q]);
    check('rstd', q, simd.rstd[q], r[q], e(q) * r[q]);
    // the stored variance: rstd's relative error comes from var + eps's, twice as large, absolute /r^2
    if (ts.variance) check('variance', q, simd.variance[q], ts.variance[q], (2 * e(q)) / (r[q] * r[q]));
  }
  // per statistic: mean |dout gamma| (1 + |xhat|), the size of the terms dinp's means are made of
  const meanTerm = new Float64Array(S);
  const C = gamma.length;
  const sumAbsD = new Float64Array(C), sumAbsDX = new Float64Array(C), kappaC = new Float64Array(C).fill(1);
  for (let i = 0; i < x.length; i++) {
    const q = stat(i), c = chan(i);
    const xhat = Math.abs((x[i] - m[q]) * r[q]);
    meanTerm[q] += (Math.abs(dout[i] * gamma[c]) * (1 + xhat)) / L;
    sumAbsD[c] += Math.abs(dout[i]);
    sumAbsDX[c] += Math.abs(dout[i]) * (1 + xhat);
    kappaC[c] = Math.max(kappaC[c], kappa[q]);
  }
  for (let i = 0; i < x.length; i++) {
    const q = stat(i), c = chan(i);
    const xhat = Math.abs((x[i] - m[q]) * r[q]);
    check('out', i, simd.out[i], ts.out[i], e(q) * (Math.abs(gamma[c]) * (1 + xhat) + Math.abs(beta[c])));
    check('dinp', i, simd.dinp[i], ts.dinp[i], e(q) * r[q] * (Math.abs(dout[i] * gamma[c]) + 3 * meanTerm[q] * (1 + xhat)));
  }
  // dgamma, dbeta: sums over every statistic a channel takes part in
  const eC = (c: number) => 2e-6 * Math.sqrt(x.length / C + 1) * kappaC[c];
  for (let c = 0; c < C; c++) {
    check('dbeta', c, simd.dbeta[c], ts.dbeta[c], eC(c) * sumAbsD[c]);
    check('dgamma', c, simd.dgamma[c], ts.dgamma[c], eC(c) * sumAbsDX[c]);
  }
}

describe('norms of feature maps: SIMD against TypeScript', () => {
  fcTest.prop(
    [fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })],
    { numRuns: 80 },
  )('BatchNorm2d training forward, backward and evaluation forward agree (N, C, HW, seed)', (N, C, HW, seed) => {
    if (N * HW < 2) return;
    const rng = new Rng(seed);
    const arena = new SimdArena(1 << 15);
    const f = arenaArrays(rng, arena);
    const n = N * C * HW;
    const inp = f(n, 2), gamma = f(C), beta = f(C), dout = f(n), rm = f(C), rv = f(C, 1);
    for (let c = 0; c < C; c++) rv[c] = 0.5 + Math.abs(rv[c]);
    for (let i = 0; i < n; i++) inp[i] += 1.5;
    const { simd, ts } = both(() => {
      const out = f(n, 1, 0), mean = f(C, 1, 0), rstd = f(C, 1, 0), variance = f(C, 1, 0), dinp = f(n, 1, 0.5), dgamma = f(C, 1, 0), dbeta = f(C, 1, 0), evalOut = f(n, 1, 0);
      batchnorm2dForward(out, mean, rstd, variance, inp, gamma, beta, N, C, HW, 1e-5);
      batchnorm2dBackward(dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd, N, C, HW);
      batchnorm2dEvalForward(evalOut, f(C), inp, rm, rv, gamma, beta, N, C, HW, 1e-5);
      return { out, mean, rstd, variance, dinp, dgamma, dbeta, evalOut };
    });
    const chan = (i: number) => Math.floor(i / HW) % C;
    expectNormClose(simd, ts, inp, gamma, beta, dout, C, N * HW, chan, chan);
    // evaluation: a few float32 operations per value, with rstd = 1/sqrt(rv + eps) <= 1.5
    for (let i = 0; i < n; i++) {
      const c = chan(i);
      const tol = 1e-6 * (Math.abs(gamma[c]) * (1 + 1.5 * (Math.abs(inp[i]) + Math.abs(rm[c]))) + Math.abs(beta[c]));
      if (!(Math.abs(simd.evalOut[i] - ts.evalOut[i]) <= tol)) throw new Error(`eval out[${i}]: SIMD ${simd.evalOut[i]}, TypeScript ${ts.evalOut[i]}`);
    }
  });

  fcTest.prop(
    [fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 30 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })],
    { numRuns: 80 },
  )('GroupNorm over channels forward and backward agree (N, groups, channels per group, HW, seed)', (N, G, K, HW, seed) => {
    const C = G * K;
    const rng = new Rng(seed);
    const arena = new SimdArena(1 << 15);
    const f = arenaArrays(rng, arena);
    const n = N * C * HW;
    const inp = f(n, 2), gamma = f(C), beta = f(C), dout = f(n);
    const { simd, ts } = both(() => {
      const out = f(n, 1, 0), mean = f(N * G, 1, 0), rstd = f(N * G, 1, 0), dinp = f(n, 1, 0.5), dgamma = f(C, 1, 0), dbeta = f(C, 1, 0);
      groupnormForward(out, mean, rstd, inp, gamma, beta, N, C, G, 1e-5, HW);
      groupnormBackward(dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd, N, C, G, HW);
      return { out, mean, rstd, dinp, dgamma, dbeta };
    });
    // value i: sample floor(i / (C HW)), channel floor(i / HW) % C, group channel / K
    const chan = (i: number) => Math.floor(i / HW) % C;
    const stat = (i: number) => Math.floor(i / (C * HW)) * G + Math.floor(chan(i) / K);
    expectNormClose(simd, ts, inp, gamma, beta, dout, N * G, K * HW, stat, chan);
  });
});

function cnnSpec(norm: NetNorm, placement: NormPlacement): ConvNetSpec {
  const groups = norm === 'group' ? { groups: 2 } : {};
  return {
    inputShape: [1, 12, 12], eps: 1e-5, momentum: 0.1,
    layers: [
      { type: 'conv', out: 4, kernel: 3, stride: 1, padding: 1, norm, activation: 'relu', placement, ...groups },
      { type: 'maxpool', size: 2 },
      { type: 'conv', out: 6, kernel: 3, stride: 1, padding: 1, norm, activation: 'relu', placement, ...groups },
      { type: 'maxpool', size: 2 },
      { type: 'flatten' },
      { type: 'linear', out: 5, norm: 'none', activation: 'linear' },
    ],
  };
}

describe('a layer-list network on either kernel set', () => {
  for (const [norm, placement] of [['none', 'pre'], ['batch', 'pre'], ['batch', 'post'], ['group', 'pre']] as [NetNorm, NormPlacement][]) {
    it(`${norm} norm (${placement}): the same losses, running statistics and evaluation over 15 SGD steps`, () => {
      const rng = new Rng(21);
      const N = 8;
      const x = Float32Array.from({ length: 15 * N * 144 }, () => rng.uniform());
      const y = Int32Array.from({ length: 15 * N }, () => rng.int(5));
      const { simd, ts } = both(() => {
        const model = new ConvNet(cnnSpec(norm, placement), { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 }, { seed: 2 });
        const losses: number[] = [];
        for (let s = 0; s < 15; s++) losses.push(model.trainStep(x.subarray(s * N * 144, (s + 1) * N * 144), y.subarray(s * N, (s + 1) * N), N));
        const ev = model.evaluate(x.subarray(0, 40 * 144), y.subarray(0, 40), 40, { keepLogits: true });
        const running = model.weightLayers[0].runningVar ? Array.from(model.weightLayers[0].runningVar) : [];
        return { losses, logits: Array.from(ev.logits!), running };
      });
      // float32 round-off (~1e-6) compounds mildly over 15 small steps; a kernel fault shows at 1e-2 and more
      expectClose(simd.losses, ts.losses, 1e4, 'loss');
      expectClose(simd.running, ts.running, 1e4, 'running var');
      expectClose(simd.logits, ts.logits, 1e4, 'eval logits');
    });
  }
});

describe('a layer-list network whose batch size changes', () => {
  it('trains alike on both kernel sets when its workspaces grow, past the first arena space too', () => {
    const rng = new Rng(31);
    const sizes = [2, 70, 3, 300, 5];
    const total = sizes.reduce((a, b) => a + b, 0);
    const x = Float32Array.from({ length: total * 144 }, () => rng.uniform());
    const y = Int32Array.from({ length: total }, () => rng.int(5));
    const { simd, ts } = both(() => {
      const model = new ConvNet(cnnSpec('batch', 'pre'), { type: 'sgd', lr: 0.05, momentum: 0, weightDecay: 0 }, { seed: 3 });
      const losses: number[] = [];
      let at = 0;
      for (const N of sizes) {
        losses.push(model.trainStep(x.subarray(at * 144, (at + N) * 144), y.subarray(at, at + N), N));
        at += N;
      }
      return { losses };
    });
    // as above: float32 round-off over a few steps, far below what a fault gives
    expectClose(simd.losses, ts.losses, 1e4, 'loss');
  });
});

describe('a layer-list network given a batch larger than its arena was sized for', () => {
  /** Every float32 array of the model's layers (parameters, gradients, workspaces). */
  function arraysOf(model: ConvNet): Float32Array[] {
    const out: unknown[] = [];
    for (const l of model.layers) {
      if (l instanceof PoolLayer) out.push(l.train.out, l.train.dout, l.evalWs.out);
      if (!(l instanceof WeightLayer)) continue;
      out.push(l.W, l.b, l.dW, l.db, l.gamma, l.beta, l.dgamma, l.dbeta, l.runningMean, l.runningVar);
      for (const ws of [l.train, l.evalWs]) out.push(ws.z, ws.norm, ws.act, ws.dz, ws.dnorm, ws.dact, ws.mean, ws.rstd, ws.col, ws.dcol);
    }
    return out.filter((a): a is Float32Array => a instanceof Float32Array);
  }

  it('moves into a larger arena: every array in one memory (SIMD throughout), training as if sized for it, momentum kept', () => {
    useSimd(true);
    const rng = new Rng(41);
    const sizes = [2, 3, 40, 2, 90];
    const total = sizes.reduce((a, b) => a + b, 0);
    const x = Float32Array.from({ length: total * 144 }, () => rng.uniform());
    const y = Int32Array.from({ length: total }, () => rng.int(5));
    const run = (rows: { train: number; eval: number }) => {
      const model = new ConvNet(cnnSpec('batch', 'pre'), { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 }, { seed: 4, arenaRows: rows });
      const losses: number[] = [];
      let at = 0;
      for (const N of sizes) {
        losses.push(model.trainStep(x.subarray(at * 144, (at + N) * 144), y.subarray(at, at + N), N));
        at += N;
      }
      const ev = model.evaluate(x, y, 130, { keepLogits: true, chunk: 130 });
      return { model, losses, logits: Array.from(ev.logits!) };
    };
    const small = run({ train: 2, eval: 2 });
    const sized = run({ train: 90, eval: 130 });
    // The same kernels on the same values: bit for bit (arrays split over two memories would have run
    // some passes in TypeScript, which rounds differently).
    expect(small.losses).toEqual(sized.losses);
    expect(small.logits).toEqual(sized.logits);
    const arrays = arraysOf(small.model);
    expect(arrays.length).toBeGreaterThan(20);
    expect(new Set(arrays.map((a) => a.buffer)).size).toBe(1);
    expect(new Set(small.model.params.map((p) => p.value.buffer))).toEqual(new Set([arrays[0].buffer]));
  });
});
