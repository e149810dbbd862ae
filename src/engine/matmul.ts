// Dense (linear layer) kernels: one forward and one backward, llm.c style.
//
//   forward   out[b,o]   = bias[o] + sum_c inp[b,c] * W[o,c]          out (B,OC), inp (B,C), W (OC,C)
//   backward  dinp[b,c] += sum_o dout[b,o] * W[o,c]                   (B,C)   "dout @ W"
//             dW[o,c]   += sum_b dout[b,o] * inp[b,c]                 (OC,C)  "dout^T @ inp"
//             dbias[o]  += sum_b dout[b,o]
//
// All three products are the same operation, O[m,n] += sum_k X[m,k] * Y[n,k], where X, Y and O are
// read or written through (row stride, k stride) pairs:
//
//   product   M    N    K    X[m,k]              Y[n,k]             O[m,n]
//   forward   B    OC   C    inp[m*C + k]        W[n*C + k]         out[m*OC + n]
//   dinp      B    C    OC   dout[m*OC + k]      W[k*C + n]         dinp[m*C + n]
//   dW        OC   C    B    dout[k*OC + m]      inp[k*C + n]       dW[m*C + n]
//
// How it runs (measured on V8 11.3 / Node 20 on this 2-vCPU Zen 4 VM; scripts/bench-matmul.ts):
//
// 1. Packing. X is copied into panels of 2 rows and Y into panels of 3 rows, k-major and
//    interleaved (panel p of X holds X[2p,k], X[2p+1,k] for k = 0..K-1 one after the other; rows past
//    the edge are zero), into ONE module-level plain JS array of doubles (elements kind
//    PACKED_DOUBLE_ELEMENTS) that grows on demand and is never shrunk. Packing turns every transposed
//    or strided operand into a unit-stride stream, so the transposed products of the backward pass run
//    exactly as fast as the forward one. It costs O((M+N)*K) copies against O(M*N*K) work (2-4% of the
//    time at K >= 512, ~15% when one side has only 10 rows).
//    Why a plain double array and not a Float32Array/Float64Array scratch: a load from a plain double
//    array compiles to `cmp index,length; jae deopt; movsd xmm,[elements+index*8]`; a typed-array load
//    also recomputes base + external pointer and, for float32, converts with cvtss2sd, and needs more
//    integer registers. The kernel is bound by the number of instructions it issues (~38 per k step,
//    about 5.5 per cycle), so the very same 2x3 loop runs at ~7.0 GFLOP/s over a plain double array
//    and at 3.5 (Float64Array) or 3.0 (Float32Array). One array serves float32 and float64 callers:
//    doubles hold either exactly.
// 2. Micro-kernel. A 2x3 tile of O is kept in six local accumulators (doubles, so float32 inputs are
//    accumulated in float64 and rounded once on the final store). Each k step loads 2 + 3 values and
//    does 6 multiply-adds. Larger tiles are slower in V8 (3x3 5.5, 3x4 6.0, 4x4 5.6 GFLOP/s against
//    7.2 for 2x3, same layout): TurboFan schedules all the products of an iteration before all the
//    adds, so a tile needs about 2 registers per accumulator out of 15 xmm registers; beyond 2x3 it
//    spills loop-carried accumulators and the store-to-load latency then bounds every iteration.
//    Unrolling k (2x3 by 2: 5.8; 2x2 by 2: 6.8) spills too, because all loads are hoisted.
//    Loop bounds and panel indices are masked to 30 bits (see MASK) so `i + 1`, `i + 2` need no
//    overflow checks.
// 3. Orientation. Whichever of (2 rows from X, 3 from Y) and (3 from X, 2 from Y, by swapping the
//    roles of X and Y) wastes fewer padded rows is used (e.g. OC = 10 runs as 5 panels of 2).
// 4. Blocking. Y panels are processed in groups that fit in L2 (~384 KB); for each group every X panel
//    (12.5 KB at K = 784, stays in L1) sweeps over the group. (No measurable effect at these sizes.)
// 5. One pack and one kernel serve both array types. (Separate Float32Array and Float64Array copies
//    were 5-10% faster on small shapes once both types had been seen; now that float32 products run
//    in the SIMD kernel, this kernel is float64's, and float32's only where SIMD is missing.)
//
// Accumulation semantics: the forward pass first writes bias (or 0) and then adds the product; the
// backward pass adds into dinp/dW/dbias, which callers zero. Only the first B*C, B*OC, OC*C, OC
// elements of each array are read or written; longer buffers are fine.

import { simdBackwardInput, simdBackwardWeight, simdEnabled, simdFillRows, simdForward } from './simd-kernels';
import { EngineError, type FloatArray } from './types';

// Float32 products run in the WebAssembly SIMD kernels (simd-kernels.ts) where the platform has them;
// float64 (gradient checks) and float32 with useSimd(false) run in the JavaScript kernel below.
export { simdSupported, useSimd } from './simd-kernels';

// ---------------------------------------------------------------------------------------------------
// Scratch: one growable plain array of doubles. It is created holding a double so that V8 gives it
// PACKED_DOUBLE_ELEMENTS, and only numbers are ever stored into it, so it keeps that elements kind.

const packed: number[] = [0.5];
packed.length = 0;

function ensurePacked(n: number): number[] {
  const p = packed;
  for (let i = p.length; i < n; i++) p.push(0.5);
  return p;
}

const colsum: number[] = [0.5];
colsum.length = 0;

function ensureColsum(n: number): number[] {
  const c = colsum;
  for (let i = c.length; i < n; i++) c.push(0.5);
  return c;
}

// Indices into the packed array are kept below 2^30 with `& MASK` on loop bounds: V8's typer then
// knows `i + 1`, `i + 2` cannot overflow and drops the overflow checks from the inner loop.
const MASK = 0x3fffffff;
/** Largest packed scratch (doubles, 512 MB); V8's double arrays top out near 2^27 elements. */
const MAX_PACKED = 1 << 26;
/** Bytes of Y panels processed per sweep of the X panels (a share of the 1 MB L2). */
const L2_BLOCK_BYTES = 384 * 1024;

// ---------------------------------------------------------------------------------------------------
// Packing. P[off + p*K*W + k*W + w] = src[(p*W + w)*rs + k*ks] for rows p*W + w < R, else 0.
// Two copies (Float32Array / Float64Array sources) so that each stays monomorphic in V8.

function pack(P: number[], off: number, src: FloatArray, srcOff: number, rs: number, ks: number, R: number, K: number, W: number): void {
  const full = R - (R % W);
  const r1 = rs & MASK;
  const r2 = (2 * rs) & MASK;
  const k1 = ks & MASK;
  const k2 = (2 * ks) & MASK;
  const Keven = K & ~1;
  let o = off & MASK;
  if (W === 2) {
    for (let r = 0; r < full; r += 2) {
      let s = (srcOff + r * rs) & MASK;
      const oe = (o + 2 * Keven) & MASK;
      for (; o < oe; o += 4) {
        const t = s + k1;
        P[o] = src[s];
        P[o + 1] = src[s + r1];
        P[o + 2] = src[t];
        P[o + 3] = src[t + r1];
        s = (s + k2) & MASK;
      }
      if (Keven < K) {
        P[o] = src[s];
        P[o + 1] = src[s + r1];
        o += 2;
      }
    }
  } else {
    for (let r = 0; r < full; r += 3) {
      let s = (srcOff + r * rs) & MASK;
      const oe = (o + 3 * Keven) & MASK;
      for (; o < oe; o += 6) {
        const t = s + k1;
        P[o] = src[s];
        P[o + 1] = src[s + r1];
        P[o + 2] = src[s + r2];
        P[o + 3] = src[t];
        P[o + 4] = src[t + r1];
        P[o + 5] = src[t + r2];
        s = (s + k2) & MASK;
      }
      if (Keven < K) {
        P[o] = src[s];
        P[o + 1] = src[s + r1];
        P[o + 2] = src[s + r2];
        o += 3;
      }
    }
  }
  if (full < R) {
    // Last, partial panel: rows past R are zero (their products land in accumulators never stored).
    for (let k = 0; k < K; k++) {
      for (let w = 0; w < W; w++) {
        const r = full + w;
        P[o++] = r < R ? src[srcOff + r * rs + k * ks] : 0;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Micro-kernel: O[m*om + n*on] += sum_k X[m,k] Y[n,k] for all m < M, n < N, with X packed in panels of
// 2 at xOff and Y in panels of 3 at yOff.

function kernel23(P: number[], O: FloatArray, oOff: number, om: number, on: number, M: number, N: number, K: number, xOff: number, yOff: number): void {
  const nX = (M + 1) >> 1;
  const nY = ((N + 2) / 3) | 0;
  const K2 = K * 2;
  const K3 = K * 3;
  const block = Math.max(1, Math.floor(L2_BLOCK_BYTES / (24 * Math.max(K, 1))));
  for (let jb = 0; jb < nY; jb += block) {
    const je = Math.min(nY, jb + block);
    for (let ip = 0; ip < nX; ip++) {
      const m0 = ip * 2;
      const aStart = (xOff + ip * K2) & MASK;
      const aEnd = (aStart + K2) & MASK;
      for (let jp = jb; jp < je; jp++) {
        const n0 = jp * 3;
        let c00 = 0, c01 = 0, c02 = 0, c10 = 0, c11 = 0, c12 = 0;
        let pb = (yOff + jp * K3) & MASK;
        for (let pa = aStart; pa < aEnd; pa += 2) {
          const a0 = P[pa];
          const a1 = P[pa + 1];
          const b0 = P[pb];
          const b1 = P[pb + 1];
          const b2 = P[pb + 2];
          c00 += a0 * b0;
          c01 += a0 * b1;
          c02 += a0 * b2;
          c10 += a1 * b0;
          c11 += a1 * b1;
          c12 += a1 * b2;
          pb = (pb + 3) & MASK;
        }
        const o = oOff + m0 * om + n0 * on;
        if (m0 + 2 <= M && n0 + 3 <= N) {
          O[o] += c00;
          O[o + on] += c01;
          O[o + 2 * on] += c02;
          O[o + om] += c10;
          O[o + om + on] += c11;
          O[o + om + 2 * on] += c12;
        } else {
          const nr = N - n0;
          O[o] += c00;
          if (nr > 1) O[o + on] += c01;
          if (nr > 2) O[o + 2 * on] += c02;
          if (m0 + 1 < M) {
            // Both rows exist, so this tile is partial in n (nr < 3): c12 is never stored here.
            O[o + om] += c10;
            if (nr > 1) O[o + om + on] += c11;
          }
        }
      }
    }
  }
}

/** Padded tile count of an orientation: rows of M in panels of a, rows of N in panels of b. */
function paddedArea(M: number, N: number, a: number, b: number): number {
  return Math.ceil(M / a) * a * Math.ceil(N / b) * b;
}

/**
 * O[m*om + n*on] += sum_k X[m*xm + k*xk] * Y[n*ym + k*yk] for m < M, n < N, k < K, in JavaScript
 * (the SIMD kernels serve only the three layouts of matmulForward/matmulBackward). O, X and Y start
 * at oOff, xOff, yOff. Used by the convolution's TypeScript kernels, tests and the micro-benchmark.
 */
export function gemmAccumulate(
  O: FloatArray, om: number, on: number, M: number, N: number, K: number,
  X: FloatArray, xm: number, xk: number, Y: FloatArray, ym: number, yk: number,
  oOff = 0, xOff = 0, yOff = 0,
): void {
  if (M <= 0 || N <= 0) return;
  if (paddedArea(N, M, 2, 3) < paddedArea(M, N, 2, 3)) {
    // Swap roles: the N side gets the 2-wide panels.
    const t = M; M = N; N = t;
    const tO = om; om = on; on = tO;
    const tA = X; X = Y; Y = tA;
    const t1 = xm; xm = ym; ym = t1;
    const t2 = xk; xk = yk; yk = t2;
    const t3 = xOff; xOff = yOff; yOff = t3;
  }
  const nX = (M + 1) >> 1;
  const nY = ((N + 2) / 3) | 0;
  const xPack = 0;
  const yPack = nX * 2 * K;
  const need = yPack + nY * 3 * K;
  if (need > MAX_PACKED) {
    throw new EngineError(`matmul: operands too large to pack (${M}x${K} and ${N}x${K} need ${need} doubles, limit ${MAX_PACKED})`);
  }
  const P = ensurePacked(need);
  pack(P, xPack, X, xOff, xm, xk, M, K, 2);
  pack(P, yPack, Y, yOff, ym, yk, N, K, 3);
  kernel23(P, O, oOff, om, on, M, N, K, xPack, yPack);
}

// ---------------------------------------------------------------------------------------------------

function checkDims(B: number, C: number, OC: number): void {
  if (!(Number.isInteger(B) && B >= 0 && Number.isInteger(C) && C >= 0 && Number.isInteger(OC) && OC >= 0)) {
    throw new EngineError(`matmul: sizes must be non-negative integers, got B=${B}, C=${C}, OC=${OC}`);
  }
}

function checkLength(name: string, a: FloatArray, n: number): void {
  if (a.length < n) throw new EngineError(`matmul: ${name} has ${a.length} elements, needs at least ${n}`);
}

/** Linear layer forward: out = inp @ weight^T + bias. out (B,OC), inp (B,C), weight (OC,C), bias (OC) or null. */
export function matmulForward(
  out: FloatArray, inp: FloatArray, weight: FloatArray, bias: FloatArray | null,
  B: number, C: number, OC: number,
): void {
  checkDims(B, C, OC);
  checkLength('out', out, B * OC);
  checkLength('inp', inp, B * C);
  checkLength('weight', weight, OC * C);
  if (bias !== null) checkLength('bias', bias, OC);
  if (!simdFillRows(out, bias, B, OC)) {
    for (let b = 0; b < B; b++) {
      const o = b * OC;
      if (bias === null) for (let j = 0; j < OC; j++) out[o + j] = 0;
      else for (let j = 0; j < OC; j++) out[o + j] = bias[j];
    }
  }
  if (C === 0 || B === 0 || OC === 0) return;
  if (simdEnabled() && out instanceof Float32Array && inp instanceof Float32Array && weight instanceof Float32Array &&
    simdForward(out, inp, weight, B, C, OC)) return;
  gemmAccumulate(out, OC, 1, B, OC, C, inp, C, 1, weight, C, 1);
}

/**
 * Linear layer backward; accumulates (+=) into dinp, dweight, dbias (callers zero them).
 * dinp (B,C) or null, dweight (OC,C), dbias (OC) or null, dout (B,OC), inp (B,C), weight (OC,C).
 */
export function matmulBackward(
  dinp: FloatArray | null, dweight: FloatArray, dbias: FloatArray | null,
  dout: FloatArray, inp: FloatArray, weight: FloatArray,
  B: number, C: number, OC: number,
): void {
  checkDims(B, C, OC);
  checkLength('dout', dout, B * OC);
  checkLength('inp', inp, B * C);
  checkLength('weight', weight, OC * C);
  checkLength('dweight', dweight, OC * C);
  if (dinp !== null) checkLength('dinp', dinp, B * C);
  if (dbias !== null) {
    checkLength('dbias', dbias, OC);
    // Column sums of dout, row by row (streaming), accumulated in doubles.
    const S = ensureColsum(OC);
    for (let j = 0; j < OC; j++) S[j] = 0;
    for (let b = 0; b < B; b++) {
      const r = b * OC;
      for (let j = 0; j < OC; j++) S[j] += dout[r + j];
    }
    for (let j = 0; j < OC; j++) dbias[j] += S[j];
  }
  if (B === 0 || OC === 0 || C === 0) return;
  if (simdEnabled() && dweight instanceof Float32Array && dout instanceof Float32Array && inp instanceof Float32Array && weight instanceof Float32Array &&
    (dinp === null || dinp instanceof Float32Array) && simdBackwardWeight(dweight, dout, inp, B, C, OC)) {
    if (dinp === null || simdBackwardInput(dinp, dout, weight, B, C, OC)) return;
    if (OC > 0) gemmAccumulate(dinp, C, 1, B, C, OC, dout, OC, 1, weight, 1, C);
    return;
  }
  // dW (OC,C) += dout^T @ inp: X[m=o,k=b] = dout[b*OC + o], Y[n=c,k=b] = inp[b*C + c].
  gemmAccumulate(dweight, C, 1, OC, C, B, dout, 1, OC, inp, 1, C);
  // dinp (B,C) += dout @ W: X[m=b,k=o] = dout[b*OC + o], Y[n=c,k=o] = W[o*C + c].
  if (dinp !== null && OC > 0) gemmAccumulate(dinp, C, 1, B, C, OC, dout, OC, 1, weight, 1, C);
}
