// WebAssembly SIMD kernels of the engine, in AssemblyScript (compiled by scripts/build-wasm.mjs with
// `asc --runtime stub --importMemory`: no allocator, no data, only these functions). They work in
// place on float32 arrays that live in the imported memory: every pointer is a byte offset into it,
// every size and stride counts floats. src/engine/simd-kernels.ts calls them; the files using it (matmul,
// conv2d, activation, maxpool, batchnorm2d, groupnorm, batchrenorm) fall back to their TypeScript
// kernels where WebAssembly SIMD is missing.
//
// The three products of a linear layer (out (B,OC), inp (B,C), W (OC,C)):
//   forward   out  += inp W^T       gemmNT(out, inp, W,   M=B,  N=OC, K=C,  ldo=OC, ldx=C, ldy=C)
//   dinp      dinp += dout W        gemmNN(dinp, dout, W, M=B,  N=C,  K=OC, ldo=C,  xm=OC, xk=1,  ldy=C)
//   dW        dW   += dout^T inp    gemmNN(dW, dout, inp, M=OC, N=C,  K=B,  ldo=C,  xm=1,  xk=OC, ldy=C)
// Products are float32 with float32 sums, as PyTorch's float32 is; the order of the sums differs from
// the TypeScript kernel (which sums in float64), so results agree to float32 round-off.
//
// 128-bit SIMD has no fused multiply-add in the portable instruction set: a multiply-add is one
// f32x4.mul and one f32x4.add. A core that issues 2 of each per cycle (Zen 4) tops out at
// 16 FLOP/cycle; the tiles below keep 8 accumulators in registers (of 16 xmm registers).

/**
 * O[m*ldo + n] += sum_k X[m*ldx + k] * Y[n*ldy + k] for m < M, n < N, k < K ("X Y^T": both operands
 * contiguous along k). A tile of 2 rows of X by 4 rows of Y keeps 8 f32x4 accumulators, each summing
 * 4 lanes of k; the lanes are added at the end. Per 4 values of k: 6 loads, 8 multiplies, 8 adds.
 */
export function gemmNT(o: usize, x: usize, y: usize, M: i32, N: i32, K: i32, ldo: i32, ldx: i32, ldy: i32): void {
  const K4 = K & ~3;
  const rx = <usize>ldx << 2;
  const ry = <usize>ldy << 2;
  const ro = <usize>ldo << 2;
  let n = 0;
  for (; n + 4 <= N; n += 4) {
    const y0 = y + <usize>n * ry;
    const y1 = y0 + ry;
    const y2 = y1 + ry;
    const y3 = y2 + ry;
    let m = 0;
    for (; m + 2 <= M; m += 2) {
      const x0 = x + <usize>m * rx;
      const x1 = x0 + rx;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0);
      const end = <usize>K4 << 2;
      for (let k: usize = 0; k < end; k += 16) {
        const a0 = v128.load(x0 + k);
        const a1 = v128.load(x1 + k);
        let b = v128.load(y0 + k);
        c00 = f32x4.add(c00, f32x4.mul(a0, b));
        c10 = f32x4.add(c10, f32x4.mul(a1, b));
        b = v128.load(y1 + k);
        c01 = f32x4.add(c01, f32x4.mul(a0, b));
        c11 = f32x4.add(c11, f32x4.mul(a1, b));
        b = v128.load(y2 + k);
        c02 = f32x4.add(c02, f32x4.mul(a0, b));
        c12 = f32x4.add(c12, f32x4.mul(a1, b));
        b = v128.load(y3 + k);
        c03 = f32x4.add(c03, f32x4.mul(a0, b));
        c13 = f32x4.add(c13, f32x4.mul(a1, b));
      }
      const o0 = o + <usize>m * ro + (<usize>n << 2);
      const o1 = o0 + ro;
      v128.store(o0, f32x4.add(v128.load(o0), rowSums(c00, c01, c02, c03)));
      v128.store(o1, f32x4.add(v128.load(o1), rowSums(c10, c11, c12, c13)));
      for (let k = K4; k < K; k++) {
        const kk = <usize>k << 2;
        const a0 = load<f32>(x0 + kk);
        const a1 = load<f32>(x1 + kk);
        addTo(o0, a0 * load<f32>(y0 + kk));
        addTo(o0 + 4, a0 * load<f32>(y1 + kk));
        addTo(o0 + 8, a0 * load<f32>(y2 + kk));
        addTo(o0 + 12, a0 * load<f32>(y3 + kk));
        addTo(o1, a1 * load<f32>(y0 + kk));
        addTo(o1 + 4, a1 * load<f32>(y1 + kk));
        addTo(o1 + 8, a1 * load<f32>(y2 + kk));
        addTo(o1 + 12, a1 * load<f32>(y3 + kk));
      }
    }
    // A last odd row of X against these 4 rows of Y.
    for (; m < M; m++) {
      const x0 = x + <usize>m * rx;
      const o0 = o + <usize>m * ro + (<usize>n << 2);
      for (let j = 0; j < 4; j++) addTo(o0 + (<usize>j << 2), dot(x0, y + <usize>(n + j) * ry, K));
    }
  }
  // The last N % 4 rows of Y against 4 rows of X at a time (four independent sums: one dot product
  // would wait on the latency of its one accumulator; W3's first conv has N = 9), then one at a time.
  for (; n < N; n++) {
    const y0 = y + <usize>n * ry;
    let m = 0;
    for (; m + 4 <= M; m += 4) {
      const x0 = x + <usize>m * rx;
      const x1 = x0 + rx;
      const x2 = x1 + rx;
      const x3 = x2 + rx;
      let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
      const end = <usize>K4 << 2;
      for (let k: usize = 0; k < end; k += 16) {
        const b = v128.load(y0 + k);
        c0 = f32x4.add(c0, f32x4.mul(v128.load(x0 + k), b));
        c1 = f32x4.add(c1, f32x4.mul(v128.load(x1 + k), b));
        c2 = f32x4.add(c2, f32x4.mul(v128.load(x2 + k), b));
        c3 = f32x4.add(c3, f32x4.mul(v128.load(x3 + k), b));
      }
      const sums = rowSums(c0, c1, c2, c3);
      const o0 = o + <usize>m * ro + (<usize>n << 2);
      let s0 = f32x4.extract_lane(sums, 0), s1 = f32x4.extract_lane(sums, 1), s2 = f32x4.extract_lane(sums, 2), s3 = f32x4.extract_lane(sums, 3);
      for (let k = K4; k < K; k++) {
        const kk = <usize>k << 2;
        const b = load<f32>(y0 + kk);
        s0 += load<f32>(x0 + kk) * b;
        s1 += load<f32>(x1 + kk) * b;
        s2 += load<f32>(x2 + kk) * b;
        s3 += load<f32>(x3 + kk) * b;
      }
      addTo(o0, s0);
      addTo(o0 + ro, s1);
      addTo(o0 + 2 * ro, s2);
      addTo(o0 + 3 * ro, s3);
    }
    for (; m < M; m++) addTo(o + <usize>m * ro + (<usize>n << 2), dot(x + <usize>m * rx, y0, K));
  }
}

/** [sum of a's lanes, sum of b's, sum of c's, sum of d's]: a 4x4 transpose done with adds. */
// @ts-ignore: decorator
@inline
function rowSums(a: v128, b: v128, c: v128, d: v128): v128 {
  // ab = [a0+a2, b0+b2, a1+a3, b1+b3], cd likewise; then pair the halves.
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 4, 1, 5), v128.shuffle<f32>(a, b, 2, 6, 3, 7));
  const cd = f32x4.add(v128.shuffle<f32>(c, d, 0, 4, 1, 5), v128.shuffle<f32>(c, d, 2, 6, 3, 7));
  return f32x4.add(v128.shuffle<f32>(ab, cd, 0, 1, 4, 5), v128.shuffle<f32>(ab, cd, 2, 3, 6, 7));
}

// @ts-ignore: decorator
@inline
function addTo(p: usize, v: f32): void {
  store<f32>(p, load<f32>(p) + v);
}

/** sum_k a[k] * b[k], four lanes at a time, then the tail. */
function dot(a: usize, b: usize, K: i32): f32 {
  const K4 = K & ~3;
  let acc = f32x4.splat(0);
  const end = <usize>K4 << 2;
  for (let k: usize = 0; k < end; k += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + k), v128.load(b + k)));
  let s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (let k = K4; k < K; k++) s += load<f32>(a + (<usize>k << 2)) * load<f32>(b + (<usize>k << 2));
  return s;
}

/**
 * O[m*ldo + n] += sum_k X[m*xm + k*xk] * Y[k*ldy + n] for m < M, n < N, k < K ("X Y": Y and O
 * contiguous along n, X at any strides). A tile of 4 rows by 8 columns keeps 8 f32x4 accumulators;
 * per k: 4 broadcast loads of X, 2 loads of Y, 8 multiplies, 8 adds. No horizontal sums.
 * With `pack` (a scratch area of K*8 floats, or 0 for none), the 8 columns of Y a tile reads are first
 * copied there, contiguous: all tiles of those columns then read 32 consecutive bytes per k from L1.
 * Read in place, they are K rows ldy apart; with ldy a multiple of 512 floats (W2's 512 and the like)
 * all those rows fall into the same two sets of a 32 KB, 8-way L1 and evict one another.
 */
export function gemmNN(o: usize, x: usize, y: usize, M: i32, N: i32, K: i32, ldo: i32, xm: i32, xk: i32, ldy: i32, pack: usize): void {
  gemmNNTo(o, x, y, M, N, K, ldo, xm, xk, ldy, pack, false, 0);
}

/**
 * gemmNN that accumulates (set false: O += X Y) or sets (set true: O = X Y, plus rowBias[m] on row m
 * unless rowBias is 0), so that a product into a fresh output needs no pass to clear or fill it first.
 * The sum and the bias are added as the accumulating form adds them to a filled output: same bits.
 */
function gemmNNTo(o: usize, x: usize, y: usize, M: i32, N: i32, K: i32, ldo: i32, xm: i32, xk: i32, ldy: i32, pack: usize, set: bool, rowBias: usize): void {
  const sxm = <usize>xm << 2;
  const sxk = <usize>xk << 2;
  const sy = <usize>ldy << 2;
  const so = <usize>ldo << 2;
  let n = 0;
  for (; n + 8 <= N; n += 8) {
    let yn = y + (<usize>n << 2);
    let sy8 = sy;
    if (pack !== 0) {
      let src = yn;
      let dst = pack;
      for (let k = 0; k < K; k++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += sy;
        dst += 32;
      }
      yn = pack;
      sy8 = 32;
    }
    let m = 0;
    for (; m + 4 <= M; m += 4) {
      let px = x + <usize>m * sxm;
      let py = yn;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(py);
        const b1 = v128.load(py, 16);
        let a = v128.load32_splat(px);
        c00 = f32x4.add(c00, f32x4.mul(a, b0));
        c01 = f32x4.add(c01, f32x4.mul(a, b1));
        a = v128.load32_splat(px + sxm);
        c10 = f32x4.add(c10, f32x4.mul(a, b0));
        c11 = f32x4.add(c11, f32x4.mul(a, b1));
        a = v128.load32_splat(px + 2 * sxm);
        c20 = f32x4.add(c20, f32x4.mul(a, b0));
        c21 = f32x4.add(c21, f32x4.mul(a, b1));
        a = v128.load32_splat(px + 3 * sxm);
        c30 = f32x4.add(c30, f32x4.mul(a, b0));
        c31 = f32x4.add(c31, f32x4.mul(a, b1));
        px += sxk;
        py += sy8;
      }
      const o0 = o + <usize>m * so + (<usize>n << 2);
      if (set) {
        const b0 = rowSplat(rowBias, m), b1 = rowSplat(rowBias, m + 1), b2 = rowSplat(rowBias, m + 2), b3 = rowSplat(rowBias, m + 3);
        v128.store(o0, f32x4.add(b0, c00)); v128.store(o0 + 16, f32x4.add(b0, c01));
        v128.store(o0 + so, f32x4.add(b1, c10)); v128.store(o0 + so + 16, f32x4.add(b1, c11));
        v128.store(o0 + 2 * so, f32x4.add(b2, c20)); v128.store(o0 + 2 * so + 16, f32x4.add(b2, c21));
        v128.store(o0 + 3 * so, f32x4.add(b3, c30)); v128.store(o0 + 3 * so + 16, f32x4.add(b3, c31));
      } else {
        addVec(o0, c00); addVec(o0 + 16, c01);
        addVec(o0 + so, c10); addVec(o0 + so + 16, c11);
        addVec(o0 + 2 * so, c20); addVec(o0 + 2 * so + 16, c21);
        addVec(o0 + 3 * so, c30); addVec(o0 + 3 * so + 16, c31);
      }
    }
    for (; m < M; m++) {
      let px = x + <usize>m * sxm;
      let py = yn;
      let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
      for (let k = 0; k < K; k++) {
        const a = v128.load32_splat(px);
        c0 = f32x4.add(c0, f32x4.mul(a, v128.load(py)));
        c1 = f32x4.add(c1, f32x4.mul(a, v128.load(py, 16)));
        px += sxk;
        py += sy8;
      }
      const o0 = o + <usize>m * so + (<usize>n << 2);
      putVec(o0, c0, set, rowBias, m); putVec(o0 + 16, c1, set, rowBias, m);
    }
  }
  // Four columns at a time, then one.
  for (; n + 4 <= N; n += 4) {
    for (let m = 0; m < M; m++) {
      let px = x + <usize>m * sxm;
      let py = y + (<usize>n << 2);
      let c0 = f32x4.splat(0);
      for (let k = 0; k < K; k++) {
        c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(px), v128.load(py)));
        px += sxk;
        py += sy;
      }
      putVec(o + <usize>m * so + (<usize>n << 2), c0, set, rowBias, m);
    }
  }
  for (; n < N; n++) {
    for (let m = 0; m < M; m++) {
      let px = x + <usize>m * sxm;
      let py = y + (<usize>n << 2);
      let s: f32 = 0;
      for (let k = 0; k < K; k++) {
        s += load<f32>(px) * load<f32>(py);
        px += sxk;
        py += sy;
      }
      const p = o + <usize>m * so + (<usize>n << 2);
      if (set) store<f32>(p, (rowBias === 0 ? <f32>0 : load<f32>(rowBias + (<usize>m << 2))) + s);
      else addTo(p, s);
    }
  }
}

// @ts-ignore: decorator
@inline
function addVec(p: usize, v: v128): void {
  v128.store(p, f32x4.add(v128.load(p), v));
}

/** rowBias[m] on four lanes, or zeros without a bias. */
// @ts-ignore: decorator
@inline
function rowSplat(rowBias: usize, m: i32): v128 {
  return rowBias === 0 ? f32x4.splat(0) : v128.load32_splat(rowBias + (<usize>m << 2));
}

/** *p += v (set false), or *p = rowBias[m] + v (set true). */
// @ts-ignore: decorator
@inline
function putVec(p: usize, v: v128, set: bool, rowBias: usize, m: i32): void {
  if (set) v128.store(p, f32x4.add(rowSplat(rowBias, m), v));
  else addVec(p, v);
}

/**
 * The ceiling of the multiply-adds above, for the benchmark: `iterations` times, 12 independent
 * chains of acc = acc * m + c on f32x4 (12 chains cover the latency of a multiply then an add at
 * 2 + 2 issued per cycle). 96 FLOPs per iteration. Returns a sum so that nothing is optimised away.
 */
export function simdPeak(iterations: i32): f32 {
  const m = f32x4.splat(0.999);
  const c = f32x4.splat(0.001);
  let a0 = f32x4.splat(0.1), a1 = f32x4.splat(0.2), a2 = f32x4.splat(0.3), a3 = f32x4.splat(0.4);
  let a4 = f32x4.splat(0.5), a5 = f32x4.splat(0.6), a6 = f32x4.splat(0.7), a7 = f32x4.splat(0.8);
  let a8 = f32x4.splat(0.9), a9 = f32x4.splat(1.0), a10 = f32x4.splat(1.1), a11 = f32x4.splat(1.2);
  for (let i = 0; i < iterations; i++) {
    a0 = f32x4.add(f32x4.mul(a0, m), c);
    a1 = f32x4.add(f32x4.mul(a1, m), c);
    a2 = f32x4.add(f32x4.mul(a2, m), c);
    a3 = f32x4.add(f32x4.mul(a3, m), c);
    a4 = f32x4.add(f32x4.mul(a4, m), c);
    a5 = f32x4.add(f32x4.mul(a5, m), c);
    a6 = f32x4.add(f32x4.mul(a6, m), c);
    a7 = f32x4.add(f32x4.mul(a7, m), c);
    a8 = f32x4.add(f32x4.mul(a8, m), c);
    a9 = f32x4.add(f32x4.mul(a9, m), c);
    a10 = f32x4.add(f32x4.mul(a10, m), c);
    a11 = f32x4.add(f32x4.mul(a11, m), c);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)));
  const t = f32x4.add(s, f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11)));
  return f32x4.extract_lane(t, 0) + f32x4.extract_lane(t, 1) + f32x4.extract_lane(t, 2) + f32x4.extract_lane(t, 3);
}

// ---------------------------------------------------------------------------------------------------
// Element-wise and per-column passes over (B, C) row-major arrays, four columns at a time, with a
// scalar tail. Per-column quantities (sums, means, rstd) are float32 arrays of C values; the few
// per-column scalar steps between the passes (divide by B, square root) stay in TypeScript.

/** out[b*C + c] = bias[c] (the start of a forward product; bias 0 writes zeros). */
export function fillRows(o: usize, bias: usize, B: i32, C: i32): void {
  const C4 = C & ~3;
  for (let b = 0; b < B; b++) {
    const row = o + ((<usize>b * <usize>C) << 2);
    if (bias === 0) {
      memory.fill(row, 0, <usize>C << 2);
      continue;
    }
    for (let c = 0; c < C4; c += 4) v128.store(row + (<usize>c << 2), v128.load(bias + (<usize>c << 2)));
    for (let c = C4; c < C; c++) store<f32>(row + (<usize>c << 2), load<f32>(bias + (<usize>c << 2)));
  }
}

/** out = x > 0 ? x : 0 (NaN and -0 give +0, as the TypeScript kernel). */
export function reluForward(out: usize, inp: usize, N: i32): void {
  const N4 = N & ~3;
  const zero = f32x4.splat(0);
  for (let i = 0; i < N4; i += 4) {
    const p = <usize>i << 2;
    const x = v128.load(inp + p);
    v128.store(out + p, v128.and(x, f32x4.gt(x, zero)));
  }
  for (let i = N4; i < N; i++) {
    const x = load<f32>(inp + (<usize>i << 2));
    store<f32>(out + (<usize>i << 2), x > 0 ? x : 0);
  }
}

/** dinp = out > 0 ? dout : 0 (reluBackward into zeros, without reading them). */
export function reluBackwardSet(dinp: usize, dout: usize, out: usize, N: i32): void {
  const N4 = N & ~3;
  const zero = f32x4.splat(0);
  for (let i = 0; i < N4; i += 4) {
    const p = <usize>i << 2;
    v128.store(dinp + p, v128.and(v128.load(dout + p), f32x4.gt(v128.load(out + p), zero)));
  }
  for (let i = N4; i < N; i++) {
    const p = <usize>i << 2;
    store<f32>(dinp + p, load<f32>(out + p) > 0 ? load<f32>(dout + p) : 0);
  }
}

/** dinp += out > 0 ? dout : 0, from the forward output. */
export function reluBackward(dinp: usize, dout: usize, out: usize, N: i32): void {
  const N4 = N & ~3;
  const zero = f32x4.splat(0);
  for (let i = 0; i < N4; i += 4) {
    const p = <usize>i << 2;
    const keep = f32x4.gt(v128.load(out + p), zero);
    v128.store(dinp + p, f32x4.add(v128.load(dinp + p), v128.and(v128.load(dout + p), keep)));
  }
  for (let i = N4; i < N; i++) {
    const p = <usize>i << 2;
    if (load<f32>(out + p) > 0) store<f32>(dinp + p, load<f32>(dinp + p) + load<f32>(dout + p));
  }
}

/** sum[c] += sum_b x[b*C + c], row after row (the same order as the TypeScript kernel). */
export function colSums(sum: usize, x: usize, B: i32, C: i32): void {
  const C4 = C & ~3;
  for (let b = 0; b < B; b++) {
    const row = x + ((<usize>b * <usize>C) << 2);
    for (let c = 0; c < C4; c += 4) {
      const p = <usize>c << 2;
      v128.store(sum + p, f32x4.add(v128.load(sum + p), v128.load(row + p)));
    }
    for (let c = C4; c < C; c++) {
      const p = <usize>c << 2;
      store<f32>(sum + p, load<f32>(sum + p) + load<f32>(row + p));
    }
  }
}

/** acc[c] += sum_b (x[b*C + c] - mean[c])^2. */
export function colSquaredDeviations(acc: usize, x: usize, mean: usize, B: i32, C: i32): void {
  const C4 = C & ~3;
  for (let b = 0; b < B; b++) {
    const row = x + ((<usize>b * <usize>C) << 2);
    for (let c = 0; c < C4; c += 4) {
      const p = <usize>c << 2;
      const d = f32x4.sub(v128.load(row + p), v128.load(mean + p));
      v128.store(acc + p, f32x4.add(v128.load(acc + p), f32x4.mul(d, d)));
    }
    for (let c = C4; c < C; c++) {
      const p = <usize>c << 2;
      const d = load<f32>(row + p) - load<f32>(mean + p);
      store<f32>(acc + p, load<f32>(acc + p) + d * d);
    }
  }
}

/** out[b,c] = gamma[c] * (x[b,c] - mean[c]) * rstd[c] + beta[c] (batch norm's normalisation and affine). */
export function normalizeRows(out: usize, x: usize, mean: usize, rstd: usize, gamma: usize, beta: usize, B: i32, C: i32): void {
  const C4 = C & ~3;
  for (let b = 0; b < B; b++) {
    const off = (<usize>b * <usize>C) << 2;
    for (let c = 0; c < C4; c += 4) {
      const p = <usize>c << 2;
      const v = f32x4.mul(f32x4.mul(v128.load(gamma + p), f32x4.sub(v128.load(x + off + p), v128.load(mean + p))), v128.load(rstd + p));
      v128.store(out + off + p, f32x4.add(v, v128.load(beta + p)));
    }
    for (let c = C4; c < C; c++) {
      const p = <usize>c << 2;
      store<f32>(out + off + p, load<f32>(gamma + p) * (load<f32>(x + off + p) - load<f32>(mean + p)) * load<f32>(rstd + p) + load<f32>(beta + p));
    }
  }
}

/** sumD[c] += sum_b dout[b,c];  sumDX[c] += sum_b dout[b,c] * (x[b,c] - mean[c]) * rstd[c]. */
export function normBackwardSums(sumD: usize, sumDX: usize, dout: usize, x: usize, mean: usize, rstd: usize, B: i32, C: i32): void {
  const C4 = C & ~3;
  for (let b = 0; b < B; b++) {
    const off = (<usize>b * <usize>C) << 2;
    for (let c = 0; c < C4; c += 4) {
      const p = <usize>c << 2;
      const d = v128.load(dout + off + p);
      const xhat = f32x4.mul(f32x4.sub(v128.load(x + off + p), v128.load(mean + p)), v128.load(rstd + p));
      v128.store(sumD + p, f32x4.add(v128.load(sumD + p), d));
      v128.store(sumDX + p, f32x4.add(v128.load(sumDX + p), f32x4.mul(d, xhat)));
    }
    for (let c = C4; c < C; c++) {
      const p = <usize>c << 2;
      const d = load<f32>(dout + off + p);
      const xhat = (load<f32>(x + off + p) - load<f32>(mean + p)) * load<f32>(rstd + p);
      store<f32>(sumD + p, load<f32>(sumD + p) + d);
      store<f32>(sumDX + p, load<f32>(sumDX + p) + d * xhat);
    }
  }
}

/** dinp[b,c] += rstd[c] * (dout[b,c] * gamma[c] - meanG[c] - xhat[b,c] * meanGX[c]), xhat = (x - mean) * rstd. */
export function normBackwardApply(dinp: usize, dout: usize, x: usize, mean: usize, rstd: usize, gamma: usize, meanG: usize, meanGX: usize, B: i32, C: i32): void {
  const C4 = C & ~3;
  for (let b = 0; b < B; b++) {
    const off = (<usize>b * <usize>C) << 2;
    for (let c = 0; c < C4; c += 4) {
      const p = <usize>c << 2;
      const r = v128.load(rstd + p);
      const xhat = f32x4.mul(f32x4.sub(v128.load(x + off + p), v128.load(mean + p)), r);
      const g = f32x4.sub(f32x4.sub(f32x4.mul(v128.load(dout + off + p), v128.load(gamma + p)), v128.load(meanG + p)), f32x4.mul(xhat, v128.load(meanGX + p)));
      v128.store(dinp + off + p, f32x4.add(v128.load(dinp + off + p), f32x4.mul(r, g)));
    }
    for (let c = C4; c < C; c++) {
      const p = <usize>c << 2;
      const r = load<f32>(rstd + p);
      const xhat = (load<f32>(x + off + p) - load<f32>(mean + p)) * r;
      const g = load<f32>(dout + off + p) * load<f32>(gamma + p) - load<f32>(meanG + p) - xhat * load<f32>(meanGX + p);
      store<f32>(dinp + off + p, load<f32>(dinp + off + p) + r * g);
    }
  }
}

/**
 * e^t on four lanes, Cephes' expf: t = n ln2 + r with n = round(t log2 e), |r| <= ln2/2, e^r by a
 * degree-7 polynomial, 2^n built in the exponent bits. Relative error about 2e-7 (2 ulp). t is first
 * clamped to [-87, 88] so that 2^n stays a normal float; NaN stays NaN.
 */
// @ts-ignore: decorator
@inline
function exp4(t: v128): v128 {
  t = f32x4.max(f32x4.min(t, f32x4.splat(88.0)), f32x4.splat(-87.0));
  const n = f32x4.nearest(f32x4.mul(t, f32x4.splat(1.44269504088896341)));
  let r = f32x4.sub(t, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const e = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1.0));
  const pow2n = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(e, pow2n);
}

/** out = 1 / (1 + e^-x). (No Math.exp here: AssemblyScript's brings a data table into the memory.) */
export function sigmoidForward(out: usize, inp: usize, N: i32): void {
  const N4 = N & ~3;
  const one = f32x4.splat(1.0);
  for (let i = 0; i < N4; i += 4) {
    const p = <usize>i << 2;
    const e = exp4(f32x4.neg(v128.load(inp + p)));
    v128.store(out + p, f32x4.div(one, f32x4.add(one, e)));
  }
  for (let i = N4; i < N; i++) {
    const p = <usize>i << 2;
    const e = f32x4.extract_lane(exp4(f32x4.splat(-load<f32>(inp + p))), 0);
    store<f32>(out + p, 1 / (1 + e));
  }
}

/** dinp += dout * s * (1 - s), from the forward output s. */
export function sigmoidBackward(dinp: usize, dout: usize, out: usize, N: i32): void {
  const N4 = N & ~3;
  const one = f32x4.splat(1.0);
  for (let i = 0; i < N4; i += 4) {
    const p = <usize>i << 2;
    const s = v128.load(out + p);
    const g = f32x4.mul(f32x4.mul(v128.load(dout + p), s), f32x4.sub(one, s));
    v128.store(dinp + p, f32x4.add(v128.load(dinp + p), g));
  }
  for (let i = N4; i < N; i++) {
    const p = <usize>i << 2;
    const s = load<f32>(out + p);
    store<f32>(dinp + p, load<f32>(dinp + p) + load<f32>(dout + p) * s * (1 - s));
  }
}

// ---------------------------------------------------------------------------------------------------
// Convolution (see conv2d.ts for the math): im2col per sample, the products above, col2im.
// inp (N, C, H, W), out (N, OC, OH, OW), W (OC, C*K*K), col (C*K*K, OH*OW) per sample.

/** The first and one past the last output column j whose input column j*S + kj - P lies in [0, W). */
// @ts-ignore: decorator
@inline
function colStart(kj: i32, S: i32, P: i32): i32 {
  const a = P - kj;
  return a > 0 ? (a + S - 1) / S : 0;
}

// @ts-ignore: decorator
@inline
function colEnd(kj: i32, S: i32, P: i32, W: i32, OW: i32): i32 {
  const b = W - 1 + P - kj;
  if (b < 0) return 0;
  const e = b / S + 1;
  return e < OW ? e : OW;
}

/** n floats from src to dst (spans of a row: short, unaligned), four at a time. */
// @ts-ignore: decorator
@inline
function copySpan(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

// @ts-ignore: decorator
@inline
function zeroSpan(dst: usize, n: i32): void {
  let i = 0;
  const z = f32x4.splat(0);
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), z);
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), 0);
}

/** col[(c*K + ki)*K + kj, i*OW + j] = inp[c, i*S + ki - P, j*S + kj - P], 0 outside the input. */
export function im2col(col: usize, inp: usize, C: i32, H: i32, W: i32, K: i32, S: i32, P: i32, OH: i32, OW: i32): void {
  if (S == 1 && OW == W) {
    im2colSame(col, inp, C, H, W, K, P, OH);
    return;
  }
  let r = col;
  const rowBytes = <usize>OW << 2;
  for (let c = 0; c < C; c++) {
    const plane = inp + ((<usize>c * <usize>H * <usize>W) << 2);
    for (let ki = 0; ki < K; ki++) {
      for (let kj = 0; kj < K; kj++) {
        const j0 = colStart(kj, S, P);
        let j1 = colEnd(kj, S, P, W, OW);
        if (j1 < j0) j1 = j0;
        for (let i = 0; i < OH; i++) {
          const h = i * S + ki - P;
          if (h < 0 || h >= H) {
            zeroSpan(r, OW);
          } else {
            const src = plane + ((<usize>h * <usize>W) << 2);
            zeroSpan(r, j0);
            if (S == 1) {
              copySpan(r + (<usize>j0 << 2), src + (<usize>(j0 + kj - P) << 2), j1 - j0);
            } else {
              for (let j = j0; j < j1; j++) store<f32>(r + (<usize>j << 2), load<f32>(src + (<usize>(j * S + kj - P) << 2)));
            }
            zeroSpan(r + (<usize>j1 << 2), OW - j1);
          }
          r += rowBytes;
        }
      }
    }
  }
}

/**
 * Stride 1 and as many output columns as input columns (K = 2P + 1: "same" padding). Then the rows of
 * col that take input rows [i0 + ki - P, i1 + ki - P) are, in memory order, the input plane's values
 * from row i0 + ki - P on, shifted by d = kj - P: one contiguous copy per row of col, after which the
 * |d| columns per row whose input column j + d falls outside [0, W) (they received the end or the
 * start of a neighbouring input row) are set to 0, as are the rows outside [i0, i1). The copy reads
 * only the input rows it needs.
 */
function im2colSame(col: usize, inp: usize, C: i32, H: i32, W: i32, K: i32, P: i32, OH: i32): void {
  let r = col;
  const rowBytes = <usize>W << 2;
  for (let c = 0; c < C; c++) {
    const plane = inp + ((<usize>c * <usize>H * <usize>W) << 2);
    for (let ki = 0; ki < K; ki++) {
      const i0 = validRowStart(ki, P);
      const i1 = validRowEnd(ki, P, H, OH, i0);
      for (let kj = 0; kj < K; kj++) {
        const d = kj - P;
        zeroSpan(r, i0 * W);
        zeroSpan(r + <usize>i1 * rowBytes, (OH - i1) * W);
        if (i1 > i0) {
          const src = plane + <usize>(i0 + ki - P) * rowBytes;
          const first = r + <usize>i0 * rowBytes;
          if (d >= 0) copySpan(first, src + (<usize>d << 2), (i1 - i0) * W - d);
          else copySpan(first + (<usize>(-d) << 2), src, (i1 - i0) * W + d);
          zeroOutsideColumns(first, i1 - i0, W, d);
        }
        r += <usize>OH * rowBytes;
      }
    }
  }
}

/** The first output row i whose input row i + ki - P is >= 0 (stride 1). */
// @ts-ignore: decorator
@inline
function validRowStart(ki: i32, P: i32): i32 {
  return P - ki > 0 ? P - ki : 0;
}

/** One past the last output row i (< OH) whose input row i + ki - P is < H (stride 1); at least i0. */
// @ts-ignore: decorator
@inline
function validRowEnd(ki: i32, P: i32, H: i32, OH: i32, i0: i32): i32 {
  let i1 = H + P - ki;
  if (i1 > OH) i1 = OH;
  return i1 < i0 ? i0 : i1;
}

/** In `rows` rows of W floats at p, zero the columns j with j + d outside [0, W). */
// @ts-ignore: decorator
@inline
function zeroOutsideColumns(p: usize, rows: i32, W: i32, d: i32): void {
  if (d == 0) return;
  const j0 = d > 0 ? W - d : 0;
  const j1 = d > 0 ? W : -d;
  for (let i = 0; i < rows; i++) {
    const row = p + ((<usize>i * <usize>W) << 2);
    for (let j = j0; j < j1; j++) store<f32>(row + (<usize>j << 2), 0);
  }
}

/** n floats at dst += n floats at src, four at a time. */
// @ts-ignore: decorator
@inline
function addSpan(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = <usize>i << 2;
    v128.store(dst + p, f32x4.add(v128.load(dst + p), v128.load(src + p)));
  }
  for (; i < n; i++) addTo(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

/** col2im for im2colSame's case: the invalid columns of dcol (scratch) set to 0, then contiguous adds. */
function col2imSame(dinp: usize, dcol: usize, C: i32, H: i32, W: i32, K: i32, P: i32, OH: i32): void {
  let r = dcol;
  const rowBytes = <usize>W << 2;
  for (let c = 0; c < C; c++) {
    const plane = dinp + ((<usize>c * <usize>H * <usize>W) << 2);
    for (let ki = 0; ki < K; ki++) {
      const i0 = validRowStart(ki, P);
      const i1 = validRowEnd(ki, P, H, OH, i0);
      for (let kj = 0; kj < K; kj++) {
        const d = kj - P;
        if (i1 > i0) {
          const dst = plane + <usize>(i0 + ki - P) * rowBytes;
          const first = r + <usize>i0 * rowBytes;
          zeroOutsideColumns(first, i1 - i0, W, d);
          if (d >= 0) addSpan(dst + (<usize>d << 2), first, (i1 - i0) * W - d);
          else addSpan(dst, first + (<usize>(-d) << 2), (i1 - i0) * W + d);
        }
        r += <usize>OH * rowBytes;
      }
    }
  }
}

/** The adjoint of im2col: dinp[c, i*S + ki - P, j*S + kj - P] += dcol[(c*K + ki)*K + kj, i*OW + j]. */
export function col2im(dinp: usize, dcol: usize, C: i32, H: i32, W: i32, K: i32, S: i32, P: i32, OH: i32, OW: i32): void {
  if (S == 1 && OW == W) {
    col2imSame(dinp, dcol, C, H, W, K, P, OH);
    return;
  }
  let r = dcol;
  const rowBytes = <usize>OW << 2;
  for (let c = 0; c < C; c++) {
    const plane = dinp + ((<usize>c * <usize>H * <usize>W) << 2);
    for (let ki = 0; ki < K; ki++) {
      for (let kj = 0; kj < K; kj++) {
        const j0 = colStart(kj, S, P);
        let j1 = colEnd(kj, S, P, W, OW);
        if (j1 < j0) j1 = j0;
        for (let i = 0; i < OH; i++) {
          const h = i * S + ki - P;
          if (h >= 0 && h < H) {
            const dst = plane + ((<usize>h * <usize>W) << 2);
            if (S == 1) {
              const d = dst + (<usize>(kj - P) << 2);
              let j = j0;
              for (; j + 4 <= j1; j += 4) {
                const p = <usize>j << 2;
                v128.store(d + p, f32x4.add(v128.load(d + p), v128.load(r + p)));
              }
              for (; j < j1; j++) addTo(d + (<usize>j << 2), load<f32>(r + (<usize>j << 2)));
            } else {
              for (let j = j0; j < j1; j++) addTo(dst + (<usize>(j * S + kj - P) << 2), load<f32>(r + (<usize>j << 2)));
            }
          }
          r += rowBytes;
        }
      }
    }
  }
}

/**
 * sum of n floats at p, four lanes at a time in four independent sums (one sum would wait on the
 * latency of every add: reductions over a plane ran at a third of the speed of its reads).
 */
function sumOf(p: usize, n: i32): f32 {
  const n4 = n & ~3;
  const n16 = n & ~15;
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  let i = 0;
  for (; i < n16; i += 16) {
    const q = p + (<usize>i << 2);
    a0 = f32x4.add(a0, v128.load(q));
    a1 = f32x4.add(a1, v128.load(q, 16));
    a2 = f32x4.add(a2, v128.load(q, 32));
    a3 = f32x4.add(a3, v128.load(q, 48));
  }
  for (; i < n4; i += 4) a0 = f32x4.add(a0, v128.load(p + (<usize>i << 2)));
  let s = laneSum(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)));
  for (; i < n; i++) s += load<f32>(p + (<usize>i << 2));
  return s;
}

/** The sum of the four lanes of v. */
// @ts-ignore: decorator
@inline
function laneSum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** sum of (x - m)^2 over n floats at p, in four independent sums as sumOf. */
function sqDevOf(p: usize, m: f32, n: i32): f32 {
  const n4 = n & ~3;
  const n16 = n & ~15;
  const mv = f32x4.splat(m);
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  let i = 0;
  for (; i < n16; i += 16) {
    const q = p + (<usize>i << 2);
    const d0 = f32x4.sub(v128.load(q), mv), d1 = f32x4.sub(v128.load(q, 16), mv);
    const d2 = f32x4.sub(v128.load(q, 32), mv), d3 = f32x4.sub(v128.load(q, 48), mv);
    a0 = f32x4.add(a0, f32x4.mul(d0, d0));
    a1 = f32x4.add(a1, f32x4.mul(d1, d1));
    a2 = f32x4.add(a2, f32x4.mul(d2, d2));
    a3 = f32x4.add(a3, f32x4.mul(d3, d3));
  }
  for (; i < n4; i += 4) {
    const d = f32x4.sub(v128.load(p + (<usize>i << 2)), mv);
    a0 = f32x4.add(a0, f32x4.mul(d, d));
  }
  let s = laneSum(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)));
  for (; i < n; i++) {
    const d = load<f32>(p + (<usize>i << 2)) - m;
    s += d * d;
  }
  return s;
}

/** Forward of N samples: out_n (OC, OH*OW) = bias + W @ im2col(inp_n), the columns built in col (one sample's, reused). */
export function conv2dForward(out: usize, col: usize, inp: usize, w: usize, bias: usize, N: i32, C: i32, H: i32, W: i32, OC: i32, K: i32, S: i32, P: i32, OH: i32, OW: i32): void {
  const PP = OH * OW;
  const CKK = C * K * K;
  for (let n = 0; n < N; n++) {
    const o = out + ((<usize>n * <usize>OC * <usize>PP) << 2);
    im2col(col, inp + ((<usize>n * <usize>C * <usize>H * <usize>W) << 2), C, H, W, K, S, P, OH, OW);
    gemmNNTo(o, w, col, OC, PP, CKK, PP, CKK, 1, PP, 0, true, bias);
  }
}

/**
 * Backward of N samples, accumulating: dbias += row sums of dout_n (unless 0), dW += dout_n @ col_n^T
 * (col_n = im2col(inp_n), built again in col), and, unless dinp is 0, dinp_n += col2im(W^T @ dout_n)
 * through dcol (C*K*K, OH*OW) of scratch.
 */
export function conv2dBackward(dinp: usize, dw: usize, dbias: usize, col: usize, dcol: usize, dout: usize, inp: usize, w: usize, N: i32, C: i32, H: i32, W: i32, OC: i32, K: i32, S: i32, P: i32, OH: i32, OW: i32): void {
  const PP = OH * OW;
  const CKK = C * K * K;
  for (let n = 0; n < N; n++) {
    const d = dout + ((<usize>n * <usize>OC * <usize>PP) << 2);
    if (dbias !== 0) {
      for (let oc = 0; oc < OC; oc++) addTo(dbias + (<usize>oc << 2), sumOf(d + ((<usize>oc * <usize>PP) << 2), PP));
    }
    im2col(col, inp + ((<usize>n * <usize>C * <usize>H * <usize>W) << 2), C, H, W, K, S, P, OH, OW);
    gemmNT(dw, d, col, OC, CKK, PP, CKK, PP, PP);
    if (dinp !== 0) {
      gemmNNTo(dcol, w, d, CKK, PP, OC, PP, 1, CKK, PP, 0, true, 0);
      col2im(dinp + ((<usize>n * <usize>C * <usize>H * <usize>W) << 2), dcol, C, H, W, K, S, P, OH, OW);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Max pooling, window = stride = S, no padding, over `planes` planes of H x W (N * C of them). The
// maximum of a window is its first largest value in row-major order, and its gradient goes there
// (PyTorch's argmax); the backward pass finds it again as the first value equal to the output.

export function maxpoolForward(out: usize, inp: usize, planes: i32, H: i32, W: i32, S: i32, OH: i32, OW: i32): void {
  if (S == 2) {
    maxpool2Forward(out, inp, planes, H, W, OH, OW);
    return;
  }
  let o = out;
  for (let p = 0; p < planes; p++) {
    const plane = inp + ((<usize>p * <usize>H * <usize>W) << 2);
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        let m: f32 = -Infinity;
        for (let a = 0; a < S; a++) {
          const row = plane + ((<usize>(i * S + a) * <usize>W + <usize>(j * S)) << 2);
          for (let b = 0; b < S; b++) {
            const v = load<f32>(row + (<usize>b << 2));
            m = select<f32>(v, m, v > m);
          }
        }
        store<f32>(o, m);
        o += 4;
      }
    }
  }
}

/**
 * 2 x 2 windows, four outputs at a time: the even and odd columns of two input rows, compared in the
 * window's row-major order with a strict >, so the first largest value wins as in the scalar loop.
 */
/** The maxima of the 2 x 2 windows of output columns j..j+3 over input rows r0, r1 (first largest wins). */
// @ts-ignore: decorator
@inline
function max2x2(r0: usize, r1: usize, j: i32): v128 {
  const q = <usize>(2 * j) << 2;
  const a0 = v128.load(r0 + q), b0 = v128.load(r0 + q, 16), a1 = v128.load(r1 + q), b1 = v128.load(r1 + q, 16);
  let m = v128.shuffle<f32>(a0, b0, 0, 2, 4, 6);
  let v = v128.shuffle<f32>(a0, b0, 1, 3, 5, 7);
  m = v128.bitselect(v, m, f32x4.gt(v, m));
  v = v128.shuffle<f32>(a1, b1, 0, 2, 4, 6);
  m = v128.bitselect(v, m, f32x4.gt(v, m));
  v = v128.shuffle<f32>(a1, b1, 1, 3, 5, 7);
  return v128.bitselect(v, m, f32x4.gt(v, m));
}

function maxpool2Forward(out: usize, inp: usize, planes: i32, H: i32, W: i32, OH: i32, OW: i32): void {
  let o = out;
  for (let p = 0; p < planes; p++) {
    const plane = inp + ((<usize>p * <usize>H * <usize>W) << 2);
    for (let i = 0; i < OH; i++) {
      const r0 = plane + ((<usize>(2 * i) * <usize>W) << 2);
      const r1 = r0 + (<usize>W << 2);
      let j = 0;
      for (; j + 4 <= OW; j += 4) {
        v128.store(o, max2x2(r0, r1, j));
        o += 16;
      }
      // The last OW % 4 outputs: the four ending the row again (overlapping stores of the same values).
      // The scalar loop below is slow: V8 turns select<f32> into a branch, mispredicted on ties and
      // noise (W3's 14 x 14 maps, OW = 7, took 5x longer with 3 of 7 outputs there).
      if (j < OW && OW >= 4) {
        v128.store(o - (<usize>(j + 4 - OW) << 2), max2x2(r0, r1, OW - 4));
        o += <usize>(OW - j) << 2;
        j = OW;
      }
      for (; j < OW; j++) {
        const q = <usize>(2 * j) << 2;
        let m = load<f32>(r0 + q);
        let v = load<f32>(r0 + q, 4);
        m = select<f32>(v, m, v > m);
        v = load<f32>(r1 + q);
        m = select<f32>(v, m, v > m);
        v = load<f32>(r1 + q, 4);
        m = select<f32>(v, m, v > m);
        store<f32>(o, m);
        o += 4;
      }
    }
  }
}

export function maxpoolBackward(dinp: usize, dout: usize, inp: usize, out: usize, planes: i32, H: i32, W: i32, S: i32, OH: i32, OW: i32): void {
  if (S == 2) {
    maxpool2Backward(dinp, dout, inp, out, planes, H, W, OH, OW, false);
    return;
  }
  let q: usize = 0;
  for (let p = 0; p < planes; p++) {
    const off = (<usize>p * <usize>H * <usize>W) << 2;
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        const m = load<f32>(out + q);
        const start: usize = off + ((<usize>(i * S) * <usize>W + <usize>(j * S)) << 2);
        let at = start;
        let found = false;
        for (let a = 0; a < S && !found; a++) {
          const row = off + ((<usize>(i * S + a) * <usize>W + <usize>(j * S)) << 2);
          for (let b = 0; b < S; b++) {
            if (load<f32>(inp + row + (<usize>b << 2)) == m) {
              at = row + (<usize>b << 2);
              found = true;
              break;
            }
          }
        }
        addTo(dinp + at, load<f32>(dout + q));
        q += 4;
      }
    }
  }
}

/**
 * 2 x 2 windows, four outputs at a time: masks of the first input equal to the output (in row-major
 * order; the last one when none of the first three is), the gradient through each mask, interleaved
 * back into the even and odd columns of the two rows.
 */
/**
 * For output columns j..j+3 (maxima m, gradients d) over input rows r0, r1 (byte offsets into inp and
 * dinp): masks of the first input equal to m in row-major order (the last one when none of the first
 * three is), the gradient through each mask, interleaved back into the even and odd input columns.
 */
// @ts-ignore: decorator
@inline
function back2x2(dinp: usize, inp: usize, r0: usize, r1: usize, j: i32, m: v128, d: v128, set: bool): void {
  const c = <usize>(2 * j) << 2;
  const a0 = v128.load(inp + r0 + c), b0 = v128.load(inp + r0 + c, 16);
  const a1 = v128.load(inp + r1 + c), b1 = v128.load(inp + r1 + c, 16);
  const e00 = f32x4.eq(v128.shuffle<f32>(a0, b0, 0, 2, 4, 6), m);
  let taken = e00;
  const e01 = v128.andnot(f32x4.eq(v128.shuffle<f32>(a0, b0, 1, 3, 5, 7), m), taken);
  taken = v128.or(taken, e01);
  const e10 = v128.andnot(f32x4.eq(v128.shuffle<f32>(a1, b1, 0, 2, 4, 6), m), taken);
  taken = v128.or(taken, e10);
  const g00 = v128.and(d, e00), g01 = v128.and(d, e01), g10 = v128.and(d, e10), g11 = v128.andnot(d, taken);
  const p0 = dinp + r0 + c, p1 = dinp + r1 + c;
  const v00 = v128.shuffle<f32>(g00, g01, 0, 4, 1, 5), v01 = v128.shuffle<f32>(g00, g01, 2, 6, 3, 7);
  const v10 = v128.shuffle<f32>(g10, g11, 0, 4, 1, 5), v11 = v128.shuffle<f32>(g10, g11, 2, 6, 3, 7);
  if (set) {
    v128.store(p0, v00);
    v128.store(p0, v01, 16);
    v128.store(p1, v10);
    v128.store(p1, v11, 16);
  } else {
    v128.store(p0, f32x4.add(v128.load(p0), v00));
    v128.store(p0, f32x4.add(v128.load(p0, 16), v01), 16);
    v128.store(p1, f32x4.add(v128.load(p1), v10));
    v128.store(p1, f32x4.add(v128.load(p1, 16), v11), 16);
  }
}

/**
 * maxpool2Backward into zeros, without reading them: every input value set (its gradient or 0). Only
 * for planes that the windows tile (H = 2 OH, W = 2 OW): other values would be left as they were.
 */
export function maxpool2BackwardSet(dinp: usize, dout: usize, inp: usize, out: usize, planes: i32, OH: i32, OW: i32): void {
  maxpool2Backward(dinp, dout, inp, out, planes, 2 * OH, 2 * OW, OH, OW, true);
}

// @ts-ignore: decorator
@inline
function maxpool2Backward(dinp: usize, dout: usize, inp: usize, out: usize, planes: i32, H: i32, W: i32, OH: i32, OW: i32, set: bool): void {
  let q: usize = 0;
  for (let p = 0; p < planes; p++) {
    const off = (<usize>p * <usize>H * <usize>W) << 2;
    for (let i = 0; i < OH; i++) {
      const r0 = off + ((<usize>(2 * i) * <usize>W) << 2);
      const r1 = r0 + (<usize>W << 2);
      let j = 0;
      for (; j + 4 <= OW; j += 4) {
        back2x2(dinp, inp, r0, r1, j, v128.load(out + q), v128.load(dout + q), set);
        q += 16;
      }
      for (; j < OW; j++) {
        const c = <usize>(2 * j) << 2;
        const m = load<f32>(out + q);
        let at = r1 + c + 4;
        if (load<f32>(inp + r1 + c) == m) at = r1 + c;
        if (load<f32>(inp + r0 + c + 4) == m) at = r0 + c + 4;
        if (load<f32>(inp + r0 + c) == m) at = r0 + c;
        if (set) {
          store<f32>(dinp + r0 + c, 0);
          store<f32>(dinp + r0 + c + 4, 0);
          store<f32>(dinp + r1 + c, 0);
          store<f32>(dinp + r1 + c + 4, 0);
        }
        addTo(dinp + at, load<f32>(dout + q));
        q += 4;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Per-plane passes for the norms of convolutional layers: P planes of L contiguous floats each (a
// channel of a sample, L = H*W, for BatchNorm2d; a group of a sample, L = channels * H*W, for
// GroupNorm's statistics). Per-plane coefficients are arrays of P floats that the TypeScript side
// prepares (batchnorm2d.ts, groupnorm.ts).

/** sum[p] = sum_i x[p*L + i]. */
export function planeSums(sum: usize, x: usize, P: i32, L: i32): void {
  for (let p = 0; p < P; p++) store<f32>(sum + (<usize>p << 2), sumOf(x + ((<usize>p * <usize>L) << 2), L));
}

/** acc[p] = sum_i (x[p*L + i] - M[p])^2. */
export function planeSqDev(acc: usize, x: usize, M: usize, P: i32, L: i32): void {
  for (let p = 0; p < P; p++) store<f32>(acc + (<usize>p << 2), sqDevOf(x + ((<usize>p * <usize>L) << 2), load<f32>(M + (<usize>p << 2)), L));
}

/**
 * sum[p] = sum_i x[p*L + i] and m2[p] = sum_i (x[p*L + i] - sum[p] / L)^2 (about the plane's own mean):
 * the plane is read from memory once, the second pass finds it in cache (planes of a few kilobytes).
 */
export function planeMoments(sum: usize, m2: usize, x: usize, P: i32, L: i32): void {
  for (let p = 0; p < P; p++) {
    const row = x + ((<usize>p * <usize>L) << 2);
    const s = sumOf(row, L);
    store<f32>(sum + (<usize>p << 2), s);
    store<f32>(m2 + (<usize>p << 2), sqDevOf(row, s / <f32>L, L));
  }
}

/** planeNormalize, and act = relu(out) as reluForward gives it, in one pass. */
export function planeNormalizeRelu(out: usize, act: usize, x: usize, M: usize, Sc: usize, T: usize, P: i32, L: i32): void {
  const L4 = L & ~3;
  const zero = f32x4.splat(0);
  for (let p = 0; p < P; p++) {
    const off = (<usize>p * <usize>L) << 2;
    const m = load<f32>(M + (<usize>p << 2));
    const sc = load<f32>(Sc + (<usize>p << 2));
    const t = load<f32>(T + (<usize>p << 2));
    const mv = f32x4.splat(m), sv = f32x4.splat(sc), tv = f32x4.splat(t);
    for (let i = 0; i < L4; i += 4) {
      const q = off + (<usize>i << 2);
      const y = f32x4.add(f32x4.mul(f32x4.sub(v128.load(x + q), mv), sv), tv);
      v128.store(out + q, y);
      v128.store(act + q, v128.and(y, f32x4.gt(y, zero)));
    }
    for (let i = L4; i < L; i++) {
      const q = off + (<usize>i << 2);
      const y = (load<f32>(x + q) - m) * sc + t;
      store<f32>(out + q, y);
      store<f32>(act + q, y > 0 ? y : 0);
    }
  }
}

/** out[p*L + i] = (x[p*L + i] - M[p]) * Sc[p] + T[p]. */
export function planeNormalize(out: usize, x: usize, M: usize, Sc: usize, T: usize, P: i32, L: i32): void {
  const L4 = L & ~3;
  for (let p = 0; p < P; p++) {
    const off = (<usize>p * <usize>L) << 2;
    const m = load<f32>(M + (<usize>p << 2));
    const sc = load<f32>(Sc + (<usize>p << 2));
    const t = load<f32>(T + (<usize>p << 2));
    const mv = f32x4.splat(m), sv = f32x4.splat(sc), tv = f32x4.splat(t);
    for (let i = 0; i < L4; i += 4) {
      const q = off + (<usize>i << 2);
      v128.store(out + q, f32x4.add(f32x4.mul(f32x4.sub(v128.load(x + q), mv), sv), tv));
    }
    for (let i = L4; i < L; i++) {
      const q = off + (<usize>i << 2);
      store<f32>(out + q, (load<f32>(x + q) - m) * sc + t);
    }
  }
}

/** sumD[p] = sum_i dout[p*L + i];  sumDX[p] = sum_i dout[p*L + i] * (x[p*L + i] - M[p]). */
export function planeBackwardSums(sumD: usize, sumDX: usize, dout: usize, x: usize, M: usize, P: i32, L: i32): void {
  planeBackwardSumsOf(sumD, sumDX, 0, dout, 0, x, M, P, L, false);
}

/**
 * planeBackwardSums of the gradient through a ReLU, which it also stores: dnorm[q] = act[q] > 0 ? dact[q] : 0
 * (as reluBackward into zeros), then the sums of dnorm and dnorm * (x - M[p]) in planeBackwardSums' order.
 */
export function planeReluBackwardSums(dnorm: usize, sumD: usize, sumDX: usize, dact: usize, act: usize, x: usize, M: usize, P: i32, L: i32): void {
  planeBackwardSumsOf(sumD, sumDX, dnorm, dact, act, x, M, P, L, true);
}

/**
 * The sums of planeBackwardSums over d = dout, or (relu) over d = act > 0 ? dout : 0, which is also
 * stored in dnorm. Two independent pairs of sums, eight values a step (see sumOf).
 */
// @ts-ignore: decorator
@inline
function planeBackwardSumsOf(sumD: usize, sumDX: usize, dnorm: usize, dout: usize, act: usize, x: usize, M: usize, P: i32, L: i32, relu: bool): void {
  const L4 = L & ~3;
  const L8 = L & ~7;
  const zero = f32x4.splat(0);
  for (let p = 0; p < P; p++) {
    const off = (<usize>p * <usize>L) << 2;
    const m = load<f32>(M + (<usize>p << 2));
    const mv = f32x4.splat(m);
    let a0 = f32x4.splat(0), b0 = f32x4.splat(0), a1 = f32x4.splat(0), b1 = f32x4.splat(0);
    let i = 0;
    for (; i < L8; i += 8) {
      const q = off + (<usize>i << 2);
      let d0 = v128.load(dout + q);
      let d1 = v128.load(dout + q, 16);
      if (relu) {
        d0 = v128.and(d0, f32x4.gt(v128.load(act + q), zero));
        d1 = v128.and(d1, f32x4.gt(v128.load(act + q, 16), zero));
        v128.store(dnorm + q, d0);
        v128.store(dnorm + q, d1, 16);
      }
      a0 = f32x4.add(a0, d0);
      a1 = f32x4.add(a1, d1);
      b0 = f32x4.add(b0, f32x4.mul(d0, f32x4.sub(v128.load(x + q), mv)));
      b1 = f32x4.add(b1, f32x4.mul(d1, f32x4.sub(v128.load(x + q, 16), mv)));
    }
    for (; i < L4; i += 4) {
      const q = off + (<usize>i << 2);
      let d = v128.load(dout + q);
      if (relu) {
        d = v128.and(d, f32x4.gt(v128.load(act + q), zero));
        v128.store(dnorm + q, d);
      }
      a0 = f32x4.add(a0, d);
      b0 = f32x4.add(b0, f32x4.mul(d, f32x4.sub(v128.load(x + q), mv)));
    }
    let sa = laneSum(f32x4.add(a0, a1));
    let sb = laneSum(f32x4.add(b0, b1));
    for (; i < L; i++) {
      const q = off + (<usize>i << 2);
      let d = load<f32>(dout + q);
      if (relu) {
        d = load<f32>(act + q) > 0 ? d : 0;
        store<f32>(dnorm + q, d);
      }
      sa += d;
      sb += d * (load<f32>(x + q) - m);
    }
    store<f32>(sumD + (<usize>p << 2), sa);
    store<f32>(sumDX + (<usize>p << 2), sb);
  }
}

/** dinp[p*L + i] = A[p] * dout[p*L + i] + Bc[p] * (x[p*L + i] - M[p]) + Cc[p]: planeBackwardApply into zeros, without reading them. */
export function planeBackwardSet(dinp: usize, dout: usize, x: usize, M: usize, A: usize, Bc: usize, Cc: usize, P: i32, L: i32): void {
  planeBackwardTo(dinp, dout, x, M, A, Bc, Cc, P, L, true);
}

/** dinp[p*L + i] += A[p] * dout[p*L + i] + Bc[p] * (x[p*L + i] - M[p]) + Cc[p]. */
export function planeBackwardApply(dinp: usize, dout: usize, x: usize, M: usize, A: usize, Bc: usize, Cc: usize, P: i32, L: i32): void {
  planeBackwardTo(dinp, dout, x, M, A, Bc, Cc, P, L, false);
}

// @ts-ignore: decorator
@inline
function planeBackwardTo(dinp: usize, dout: usize, x: usize, M: usize, A: usize, Bc: usize, Cc: usize, P: i32, L: i32, set: bool): void {
  const L4 = L & ~3;
  for (let p = 0; p < P; p++) {
    const off = (<usize>p * <usize>L) << 2;
    const m = load<f32>(M + (<usize>p << 2));
    const a = load<f32>(A + (<usize>p << 2));
    const bc = load<f32>(Bc + (<usize>p << 2));
    const cc = load<f32>(Cc + (<usize>p << 2));
    const mv = f32x4.splat(m), av = f32x4.splat(a), bv = f32x4.splat(bc), cv = f32x4.splat(cc);
    for (let i = 0; i < L4; i += 4) {
      const q = off + (<usize>i << 2);
      const g = f32x4.add(f32x4.add(f32x4.mul(av, v128.load(dout + q)), f32x4.mul(bv, f32x4.sub(v128.load(x + q), mv))), cv);
      v128.store(dinp + q, set ? g : f32x4.add(v128.load(dinp + q), g));
    }
    for (let i = L4; i < L; i++) {
      const q = off + (<usize>i << 2);
      const g = a * load<f32>(dout + q) + bc * (load<f32>(x + q) - m) + cc;
      if (set) store<f32>(dinp + q, g);
      else addTo(dinp + q, g);
    }
  }
}
