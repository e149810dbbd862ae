// The WebAssembly SIMD kernels (wasm/kernels.as.ts, compiled at build time by scripts/build-wasm.mjs)
// and the memory they work in.
//
// The kernels read and write float32 arrays in place, by byte offset into a WebAssembly.Memory. A
// model keeps its float32 arrays (parameters, gradients, workspaces) in a SimdArena: Float32Array
// views into one memory (a "space") with an instance of the kernels over it, so that a product of
// arrays that share a space runs without copying anything. An arena never grows a space (growing a
// WebAssembly.Memory detaches every view of it): when one is full it opens another. A product whose
// arrays are not all in one space (an array from elsewhere, or a full arena) still runs in SIMD:
// the arrays are copied into a scratch space, which may grow because only this module views it.
//
// The TypeScript kernels (matmul.ts) stay the reference and the fallback: useSimd(false), the
// environment variable NORMSCOPE_NO_SIMD=1 in Node, or a platform without WebAssembly SIMD.
import { kernelsWasmBase64 } from './wasm/kernels-wasm';

interface KernelExports {
  /** O[m*ldo + n] += sum_k X[m*ldx + k] * Y[n*ldy + k] (pointers in bytes, sizes in floats) */
  gemmNT(o: number, x: number, y: number, M: number, N: number, K: number, ldo: number, ldx: number, ldy: number): void;
  /** O[m*ldo + n] += sum_k X[m*xm + k*xk] * Y[k*ldy + n] */
  gemmNN(o: number, x: number, y: number, M: number, N: number, K: number, ldo: number, xm: number, xk: number, ldy: number, pack: number): void;
  /** 96 * iterations FLOPs of independent f32x4 multiply-adds (the benchmark's ceiling) */
  simdPeak(iterations: number): number;
  fillRows(o: number, bias: number, B: number, C: number): void;
  reluForward(out: number, inp: number, N: number): void;
  sigmoidForward(out: number, inp: number, N: number): void;
  sigmoidBackward(dinp: number, dout: number, out: number, N: number): void;
  reluBackward(dinp: number, dout: number, out: number, N: number): void;
  reluBackwardSet(dinp: number, dout: number, out: number, N: number): void;
  colSums(sum: number, x: number, B: number, C: number): void;
  colSquaredDeviations(acc: number, x: number, mean: number, B: number, C: number): void;
  normalizeRows(out: number, x: number, mean: number, rstd: number, gamma: number, beta: number, B: number, C: number): void;
  normBackwardSums(sumD: number, sumDX: number, dout: number, x: number, mean: number, rstd: number, B: number, C: number): void;
  normBackwardApply(dinp: number, dout: number, x: number, mean: number, rstd: number, gamma: number, meanG: number, meanGX: number, B: number, C: number): void;
  conv2dForward(out: number, col: number, inp: number, w: number, bias: number, N: number, C: number, H: number, W: number, OC: number, K: number, S: number, P: number, OH: number, OW: number): void;
  conv2dBackward(dinp: number, dw: number, dbias: number, col: number, dcol: number, dout: number, inp: number, w: number, N: number, C: number, H: number, W: number, OC: number, K: number, S: number, P: number, OH: number, OW: number): void;
  maxpoolForward(out: number, inp: number, planes: number, H: number, W: number, S: number, OH: number, OW: number): void;
  maxpoolBackward(dinp: number, dout: number, inp: number, out: number, planes: number, H: number, W: number, S: number, OH: number, OW: number): void;
  maxpool2BackwardSet(dinp: number, dout: number, inp: number, out: number, planes: number, OH: number, OW: number): void;
  planeSums(sum: number, x: number, P: number, L: number): void;
  planeSqDev(acc: number, x: number, M: number, P: number, L: number): void;
  planeNormalize(out: number, x: number, M: number, Sc: number, T: number, P: number, L: number): void;
  planeNormalizeRelu(out: number, act: number, x: number, M: number, Sc: number, T: number, P: number, L: number): void;
  planeMoments(sum: number, m2: number, x: number, P: number, L: number): void;
  planeBackwardSums(sumD: number, sumDX: number, dout: number, x: number, M: number, P: number, L: number): void;
  planeBackwardApply(dinp: number, dout: number, x: number, M: number, A: number, Bc: number, Cc: number, P: number, L: number): void;
  planeBackwardSet(dinp: number, dout: number, x: number, M: number, A: number, Bc: number, Cc: number, P: number, L: number): void;
  planeReluBackwardSums(dnorm: number, sumD: number, sumDX: number, dact: number, act: number, x: number, M: number, P: number, L: number): void;
}

const PAGE = 65536;
/** Bytes at the start of every space that no array uses (offset 0 is never a valid array). */
const RESERVED = 64;
/** Every space starts with a packing area for gemmNN (8 columns of Y for up to 8192 values of k). */
const PACK_FLOATS = 8 * 8192;
const PACK_BYTES = PACK_FLOATS * 4;
/** Where arrays start in a space: after the reserved bytes and the packing area. */
const FIRST = RESERVED + PACK_BYTES;

/** The packing area to pass to gemmNN for a product over K, or 0 (read Y in place) when it is too small. */
function packFor(K: number): number {
  return K * 8 <= PACK_FLOATS ? RESERVED : 0;
}

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The compiled kernels, or null where WebAssembly or its SIMD is not available. */
const kernelModule: WebAssembly.Module | null = (() => {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = decodeBase64(kernelsWasmBase64);
    return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    return null;
  }
})();

/** One WebAssembly.Memory and an instance of the kernels over it. */
class Space {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;

  constructor(module: WebAssembly.Module, bytes: number) {
    this.memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
    this.kernels = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as KernelExports;
  }
}

/** The space each arena's memory belongs to, found from any view's buffer (spaces of arenas never grow). */
const spaceOfBuffer = new WeakMap<ArrayBufferLike, Space>();

/** True when SIMD kernels can run here at all. */
export function simdSupported(): boolean {
  return kernelModule !== null;
}

let enabled = kernelModule !== null && !(typeof process !== 'undefined' && process.env?.NORMSCOPE_NO_SIMD === '1');

/** Turns the SIMD kernels on or off (tests, benchmarks); returns whether float32 work now uses them. */
export function useSimd(on: boolean): boolean {
  enabled = on && kernelModule !== null;
  return enabled;
}

/** Whether float32 products and passes use the SIMD kernels now. */
export function simdEnabled(): boolean {
  return enabled;
}

/**
 * Float32 arrays carved out of WebAssembly memories, 16-byte aligned, never freed one by one (the
 * arena and its memories go with the model that owns them).
 */
export class SimdArena {
  private space: Space | null = null;
  private top = 0;
  private end = 0;
  /** Bytes of the spaces opened so far. */
  reservedBytes = 0;

  /** `reserveFloats`: the size of the first space, enough for everything a model will ask for. */
  constructor(private readonly reserveFloats: number) {
    if (kernelModule === null) throw new Error('SimdArena: WebAssembly SIMD is not available');
  }

  /**
   * A zeroed Float32Array of n elements in the arena; an ordinary one if no WebAssembly memory can be
   * had (e.g. a browser out of address space for memories): the kernels then copy it, or the
   * TypeScript kernels run, so a model still trains.
   */
  alloc(n: number): Float32Array {
    const bytes = ((n * 4 + 15) & ~15) || 16;
    if (this.space === null || this.top + bytes > this.end) {
      try {
        this.open(Math.max(bytes, this.reserveFloats * 4));
      } catch {
        return new Float32Array(n);
      }
    }
    const a = new Float32Array(this.space!.memory.buffer, this.top, n);
    this.top += bytes;
    return a;
  }

  /** Floats that alloc can still hand out from the current space (0 before the first alloc). */
  room(): number {
    return this.space === null ? 0 : (this.end - this.top) >> 2;
  }

  /** Whether `a` lives in the space that new arrays come from (so products with them run in place). */
  holds(a: ArrayBufferView): boolean {
    return this.space !== null && a.buffer === this.space.memory.buffer;
  }

  private open(bytes: number): void {
    const size = Math.ceil((bytes + FIRST) / PAGE) * PAGE;
    const space = new Space(kernelModule!, size);
    spaceOfBuffer.set(space.memory.buffer, space);
    this.space = space;
    this.top = FIRST;
    this.end = size;
    this.reservedBytes += size;
  }
}

// ---------------------------------------------------------------------------------------------------
// Scratch: a space of its own for operands that do not share an arena's space. It grows as needed;
// its views are made afresh for every call.

let scratch: Space | null = null;

function scratchSpace(bytes: number): Space {
  if (scratch === null) scratch = new Space(kernelModule!, bytes + FIRST);
  const have = scratch.memory.buffer.byteLength;
  if (have < bytes + FIRST) scratch.memory.grow(Math.ceil((bytes + FIRST - have) / PAGE));
  return scratch;
}

/** The kernels of the arena space that holds all three arrays, or null. */
function homeOf(a: Float32Array, b: Float32Array, c: Float32Array): KernelExports | null {
  if (a.buffer !== b.buffer || a.buffer !== c.buffer) return null;
  return spaceOfBuffer.get(a.buffer)?.kernels ?? null;
}

/**
 * Runs `call` with the byte offsets of copies of the first `lengths[i]` elements of `arrays` in the
 * scratch space; the first array is the output: copied in, accumulated into, and copied back.
 * Returns false (and does nothing) when no scratch memory can be had.
 */
function viaScratch(arrays: Float32Array[], lengths: number[], call: (k: KernelExports, ptrs: number[]) => void): boolean {
  let total = 0;
  const offsets = lengths.map((n) => {
    const off = FIRST + total;
    total += (n * 4 + 15) & ~15;
    return off;
  });
  let s: Space;
  try {
    s = scratchSpace(total);
  } catch {
    return false;
  }
  const heap = new Float32Array(s.memory.buffer);
  arrays.forEach((a, i) => heap.set(a.subarray(0, lengths[i]), offsets[i] >> 2));
  call(s.kernels, offsets);
  arrays[0].set(new Float32Array(s.memory.buffer, offsets[0], lengths[0]));
  return true;
}

// ---------------------------------------------------------------------------------------------------
// The three products of a linear layer, out (B,OC), inp (B,C), W (OC,C). All accumulate (+=). Each
// returns false, having done nothing, only if its operands needed copies and no scratch memory could
// be had (the caller then runs the TypeScript kernel).

/** out (B,OC) += inp (B,C) @ W^T, W (OC,C). */
export function simdForward(out: Float32Array, inp: Float32Array, W: Float32Array, B: number, C: number, OC: number): boolean {
  const k = homeOf(out, inp, W);
  if (k === null) return viaScratch([out, inp, W], [B * OC, B * C, OC * C], (s, [o, x, w]) => s.gemmNT(o, x, w, B, OC, C, OC, C, C));
  k.gemmNT(out.byteOffset, inp.byteOffset, W.byteOffset, B, OC, C, OC, C, C);
  return true;
}

/** dinp (B,C) += dout (B,OC) @ W (OC,C). */
export function simdBackwardInput(dinp: Float32Array, dout: Float32Array, W: Float32Array, B: number, C: number, OC: number): boolean {
  const k = homeOf(dinp, dout, W);
  if (k === null) return viaScratch([dinp, dout, W], [B * C, B * OC, OC * C], (s, [o, x, w]) => s.gemmNN(o, x, w, B, C, OC, C, OC, 1, C, packFor(OC)));
  k.gemmNN(dinp.byteOffset, dout.byteOffset, W.byteOffset, B, C, OC, C, OC, 1, C, packFor(OC));
  return true;
}

/** dW (OC,C) += dout^T (OC,B) @ inp (B,C). */
export function simdBackwardWeight(dW: Float32Array, dout: Float32Array, inp: Float32Array, B: number, C: number, OC: number): boolean {
  const k = homeOf(dW, dout, inp);
  if (k === null) return viaScratch([dW, dout, inp], [OC * C, B * OC, B * C], (s, [o, x, y]) => s.gemmNN(o, x, y, OC, C, B, C, 1, OC, C, packFor(B)));
  k.gemmNN(dW.byteOffset, dout.byteOffset, inp.byteOffset, OC, C, B, C, 1, OC, C, packFor(B));
  return true;
}

/**
 * GFLOP/s of independent f32x4 multiply-adds in WebAssembly on this core: the ceiling the products
 * above can approach (best of `trials` runs of about `ms` milliseconds). Null without SIMD.
 */
export function measureSimdPeak(trials = 5, ms = 100): number | null {
  if (kernelModule === null) return null;
  const k = new Space(kernelModule, PAGE).kernels;
  let iterations = 1 << 16;
  for (;;) {
    const t0 = performance.now();
    k.simdPeak(iterations);
    if (performance.now() - t0 >= ms / 4 || iterations >= 1 << 30) break;
    iterations *= 2;
  }
  let best = 0;
  for (let t = 0; t < trials; t++) {
    const t0 = performance.now();
    k.simdPeak(iterations);
    const s = (performance.now() - t0) / 1000;
    best = Math.max(best, (96 * iterations) / s / 1e9);
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------
// Fused element-wise and per-column passes. They run in SIMD only when every array is float32 in one
// arena space (a model's own arrays) and return false otherwise, and the caller runs its TypeScript
// kernel: these passes are O(B*C), a copy would cost as much as the pass.

type Maybe = Float32Array | Float64Array | null;

/** The space that holds every given array (nulls skipped), when SIMD is on and they are all float32 there. */
function spaceOfAll(arrays: readonly Maybe[]): Space | null {
  if (!enabled) return null;
  let buffer: ArrayBufferLike | null = null;
  for (const a of arrays) {
    if (a === null) continue;
    if (!(a instanceof Float32Array)) return null;
    if (buffer === null) buffer = a.buffer;
    else if (a.buffer !== buffer) return null;
  }
  return buffer === null ? null : spaceOfBuffer.get(buffer) ?? null;
}

/** `count` scratch arrays of C floats in a space's packing area (free between products), or null if too small. */
function columnTemps(space: Space, C: number, count: number): Float32Array[] | null {
  if (count * C > PACK_FLOATS) return null;
  const out: Float32Array[] = [];
  for (let i = 0; i < count; i++) out.push(new Float32Array(space.memory.buffer, RESERVED + 4 * i * C, C));
  return out;
}

/** out (B,C) rows = bias (C), or zeros without a bias. */
export function simdFillRows(out: Maybe, bias: Maybe, B: number, C: number): boolean {
  const s = spaceOfAll([out, bias]);
  if (s === null) return false;
  s.kernels.fillRows(out!.byteOffset, bias === null ? 0 : bias.byteOffset, B, C);
  return true;
}

/** out = relu(inp) over N elements. */
export function simdReluForward(out: Maybe, inp: Maybe, N: number): boolean {
  const s = spaceOfAll([out, inp]);
  if (s === null) return false;
  s.kernels.reluForward(out!.byteOffset, inp!.byteOffset, N);
  return true;
}

/** dinp += dout where out > 0. */
export function simdReluBackward(dinp: Maybe, dout: Maybe, out: Maybe, N: number): boolean {
  const s = spaceOfAll([dinp, dout, out]);
  if (s === null) return false;
  s.kernels.reluBackward(dinp!.byteOffset, dout!.byteOffset, out!.byteOffset, N);
  return true;
}

/** dinp = out > 0 ? dout : 0 (set, not accumulated). */
export function simdReluBackwardSet(dinp: Maybe, dout: Maybe, out: Maybe, N: number): boolean {
  const s = spaceOfAll([dinp, dout, out]);
  if (s === null) return false;
  s.kernels.reluBackwardSet(dinp!.byteOffset, dout!.byteOffset, out!.byteOffset, N);
  return true;
}

/** out = sigmoid(inp) over N elements (float32 exp to about 2 ulp, where TypeScript rounds a float64 result). */
export function simdSigmoidForward(out: Maybe, inp: Maybe, N: number): boolean {
  const s = spaceOfAll([out, inp]);
  if (s === null) return false;
  s.kernels.sigmoidForward(out!.byteOffset, inp!.byteOffset, N);
  return true;
}

/** dinp += dout * s * (1 - s), s = out. */
export function simdSigmoidBackward(dinp: Maybe, dout: Maybe, out: Maybe, N: number): boolean {
  const s = spaceOfAll([dinp, dout, out]);
  if (s === null) return false;
  s.kernels.sigmoidBackward(dinp!.byteOffset, dout!.byteOffset, out!.byteOffset, N);
  return true;
}

/** Batch statistics of the columns of inp (B,C): mean, rstd = 1/sqrt(biased var + eps) and var (see batchnorm.ts). */
export function simdBatchnormStats(mean: Maybe, rstd: Maybe, variance: Maybe, inp: Maybe, B: number, C: number, eps: number): boolean {
  const s = spaceOfAll([mean, rstd, inp]);
  if (s === null || variance === null) return false;
  const m = mean!;
  const r = rstd!;
  m.fill(0, 0, C);
  s.kernels.colSums(m.byteOffset, inp!.byteOffset, B, C);
  for (let c = 0; c < C; c++) m[c] /= B;
  r.fill(0, 0, C);
  s.kernels.colSquaredDeviations(r.byteOffset, inp!.byteOffset, m.byteOffset, B, C);
  for (let c = 0; c < C; c++) {
    const v = r[c] / B;
    variance[c] = v;
    r[c] = 1 / Math.sqrt(v + eps);
  }
  return true;
}

/** Batch norm's training forward: statistics, then out = gamma (inp - mean) rstd + beta. */
export function simdBatchnormForward(out: Maybe, mean: Maybe, rstd: Maybe, variance: Maybe, inp: Maybe, gamma: Maybe, beta: Maybe, B: number, C: number, eps: number): boolean {
  const s = spaceOfAll([out, mean, rstd, inp, gamma, beta]);
  if (s === null || !simdBatchnormStats(mean, rstd, variance, inp, B, C, eps)) return false;
  s.kernels.normalizeRows(out!.byteOffset, inp!.byteOffset, mean!.byteOffset, rstd!.byteOffset, gamma!.byteOffset, beta!.byteOffset, B, C);
  return true;
}

/** Batch norm's backward (accumulating; the formulas are batchnorm.ts's batchnormBackward). */
export function simdBatchnormBackward(
  dinp: Maybe, dgamma: Maybe, dbeta: Maybe, dout: Maybe, inp: Maybe, gamma: Maybe, mean: Maybe, rstd: Maybe, B: number, C: number,
): boolean {
  const s = spaceOfAll([dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd]);
  const t = s === null ? null : columnTemps(s, C, 2);
  if (s === null || t === null) return false;
  normBackward(s, t[0], t[1], dinp!, dgamma!, dbeta!, dout!, inp!, gamma!, mean!, rstd!, null, null, B, C);
  return true;
}

/**
 * The backward of batch norm (r, d null) or of renorm with r, d held constant, where `g` holds
 * gamma (batch norm) or gamma * r (renorm, see batchrenorm.ts):
 *   dbeta += sum_b dout;  dgamma += sum_b dout xhat  (renorm: r sum_b dout xhat + d sum_b dout)
 *   dx += rstd (dout g - mean_b(dout g) - xhat mean_b(dout g xhat))
 * With r = 1 and d = 0 both do the same operations, so renorm gives batch norm's bits.
 */
function normBackward(
  s: Space, sumD: Float32Array, sumDX: Float32Array,
  dinp: Float32Array | Float64Array, dgamma: Float32Array | Float64Array, dbeta: Float32Array | Float64Array,
  dout: Float32Array | Float64Array, inp: Float32Array | Float64Array, g: Float32Array | Float64Array,
  mean: Float32Array | Float64Array, rstd: Float32Array | Float64Array, r: Maybe, d: Maybe, B: number, C: number,
): void {
  sumD.fill(0);
  sumDX.fill(0);
  const k = s.kernels;
  k.normBackwardSums(sumD.byteOffset, sumDX.byteOffset, dout.byteOffset, inp.byteOffset, mean.byteOffset, rstd.byteOffset, B, C);
  for (let c = 0; c < C; c++) {
    dbeta[c] += sumD[c];
    dgamma[c] += r === null || d === null ? sumDX[c] : r[c] * sumDX[c] + d[c] * sumD[c];
    // sumD, sumDX become mean_b(dout g) and mean_b(dout g xhat)
    sumD[c] = (sumD[c] * g[c]) / B;
    sumDX[c] = (sumDX[c] * g[c]) / B;
  }
  k.normBackwardApply(dinp.byteOffset, dout.byteOffset, inp.byteOffset, mean.byteOffset, rstd.byteOffset, g.byteOffset, sumD.byteOffset, sumDX.byteOffset, B, C);
}

/** Renorm's normalisation y = gamma (x - mean) (rstd r) + (gamma d + beta), as batchrenorm.ts's batchrenormApply. */
export function simdBatchrenormApply(
  out: Maybe, inp: Maybe, gamma: Maybe, beta: Maybe, mean: Maybe, rstd: Maybe, r: Maybe, d: Maybe, B: number, C: number,
): boolean {
  const s = spaceOfAll([out, inp, gamma, beta, mean, rstd, r, d]);
  const t = s === null ? null : columnTemps(s, C, 2);
  if (s === null || t === null) return false;
  const [rstdR, shift] = t;
  for (let c = 0; c < C; c++) {
    rstdR[c] = rstd![c] * r![c];
    shift[c] = gamma![c] * d![c] + beta![c];
  }
  s.kernels.normalizeRows(out!.byteOffset, inp!.byteOffset, mean!.byteOffset, rstdR.byteOffset, gamma!.byteOffset, shift.byteOffset, B, C);
  return true;
}

/** Renorm's backward with r and d constant, as batchrenorm.ts's batchrenormBackward. */
export function simdBatchrenormBackward(
  dinp: Maybe, dgamma: Maybe, dbeta: Maybe, dout: Maybe, inp: Maybe, gamma: Maybe, mean: Maybe, rstd: Maybe,
  r: Maybe, d: Maybe, B: number, C: number,
): boolean {
  const s = spaceOfAll([dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd, r, d]);
  const t = s === null ? null : columnTemps(s, C, 3);
  if (s === null || t === null) return false;
  const [sumD, sumDX, gr] = t;
  for (let c = 0; c < C; c++) gr[c] = gamma![c] * r![c];
  normBackward(s, sumD, sumDX, dinp!, dgamma!, dbeta!, dout!, inp!, gr, mean!, rstd!, r, d, B, C);
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Convolutional layers (conv2d.ts, maxpool.ts, batchnorm2d.ts, groupnorm.ts). Like the passes above,
// they run in SIMD only when every array is float32 in one arena space, and return false otherwise.

/** Sizes of a convolution, as conv2d.ts's ConvGeometry. */
interface ConvDims { C: number; H: number; W: number; OC: number; K: number; S: number; P: number; OH: number; OW: number }

/** out (N, OC, OH, OW) = conv(inp (N, C, H, W)) + bias, through col: one sample's columns (C*K*K, OH*OW), reused. */
export function simdConv2dForward(out: Maybe, col: Maybe, inp: Maybe, weight: Maybe, bias: Maybe, N: number, g: ConvDims): boolean {
  const s = spaceOfAll([out, col, inp, weight, bias]);
  if (s === null) return false;
  s.kernels.conv2dForward(out!.byteOffset, col!.byteOffset, inp!.byteOffset, weight!.byteOffset, bias === null ? 0 : bias.byteOffset,
    N, g.C, g.H, g.W, g.OC, g.K, g.S, g.P, g.OH, g.OW);
  return true;
}

/** Accumulating backward of simdConv2dForward from its input (dinp, dbias may be null; col, dcol are one sample's scratch). */
export function simdConv2dBackward(dinp: Maybe, dweight: Maybe, dbias: Maybe, col: Maybe, dcol: Maybe, dout: Maybe, inp: Maybe, weight: Maybe, N: number, g: ConvDims): boolean {
  const s = spaceOfAll([dinp, dweight, dbias, col, dcol, dout, inp, weight]);
  if (s === null) return false;
  s.kernels.conv2dBackward(dinp === null ? 0 : dinp.byteOffset, dweight!.byteOffset, dbias === null ? 0 : dbias.byteOffset, col!.byteOffset, dcol!.byteOffset,
    dout!.byteOffset, inp!.byteOffset, weight!.byteOffset, N, g.C, g.H, g.W, g.OC, g.K, g.S, g.P, g.OH, g.OW);
  return true;
}

/** Max pooling of `planes` planes of H x W by windows of S x S (see maxpool.ts). */
export function simdMaxpoolForward(out: Maybe, inp: Maybe, planes: number, H: number, W: number, S: number, OH: number, OW: number): boolean {
  const s = spaceOfAll([out, inp]);
  if (s === null) return false;
  s.kernels.maxpoolForward(out!.byteOffset, inp!.byteOffset, planes, H, W, S, OH, OW);
  return true;
}

export function simdMaxpoolBackward(dinp: Maybe, dout: Maybe, inp: Maybe, out: Maybe, planes: number, H: number, W: number, S: number, OH: number, OW: number): boolean {
  const s = spaceOfAll([dinp, dout, inp, out]);
  if (s === null) return false;
  s.kernels.maxpoolBackward(dinp!.byteOffset, dout!.byteOffset, inp!.byteOffset, out!.byteOffset, planes, H, W, S, OH, OW);
  return true;
}

/** 2x2 windows that tile the planes (H = 2 OH, W = 2 OW): maxpoolBackward setting every dinp value instead of adding. */
export function simdMaxpool2BackwardSet(dinp: Maybe, dout: Maybe, inp: Maybe, out: Maybe, planes: number, OH: number, OW: number): boolean {
  const s = spaceOfAll([dinp, dout, inp, out]);
  if (s === null) return false;
  s.kernels.maxpool2BackwardSet(dinp!.byteOffset, dout!.byteOffset, inp!.byteOffset, out!.byteOffset, planes, OH, OW);
  return true;
}

/**
 * The per-plane kernels with `count` scratch arrays of P floats in the space's packing area, for a
 * norm of a convolutional layer to fill with its per-plane coefficients; null when SIMD cannot run
 * on these arrays (or P is too large for the scratch).
 */
export interface PlaneKernels {
  temps: Float32Array[];
  sums(sum: Float32Array, x: FloatArrayLike, P: number, L: number): void;
  sqDev(acc: Float32Array, x: FloatArrayLike, M: Float32Array, P: number, L: number): void;
  normalize(out: FloatArrayLike, x: FloatArrayLike, M: Float32Array, Sc: Float32Array, T: Float32Array, P: number, L: number): void;
  /** normalize, and act = relu(out), in one pass. */
  normalizeRelu(out: FloatArrayLike, act: FloatArrayLike, x: FloatArrayLike, M: Float32Array, Sc: Float32Array, T: Float32Array, P: number, L: number): void;
  /** Per plane: the sum of its values and the sum of their squared deviations from the plane's own mean. */
  moments(sum: Float32Array, m2: Float32Array, x: FloatArrayLike, P: number, L: number): void;
  backwardSums(sumD: Float32Array, sumDX: Float32Array, dout: FloatArrayLike, x: FloatArrayLike, M: Float32Array, P: number, L: number): void;
  backwardApply(dinp: FloatArrayLike, dout: FloatArrayLike, x: FloatArrayLike, M: Float32Array, A: Float32Array, Bc: Float32Array, Cc: Float32Array, P: number, L: number): void;
  /** backwardApply setting dinp instead of adding to it. */
  backwardSet(dinp: FloatArrayLike, dout: FloatArrayLike, x: FloatArrayLike, M: Float32Array, A: Float32Array, Bc: Float32Array, Cc: Float32Array, P: number, L: number): void;
  /** dnorm = act > 0 ? dact : 0 (set), then backwardSums of dnorm. */
  reluBackwardSums(dnorm: FloatArrayLike, sumD: Float32Array, sumDX: Float32Array, dact: FloatArrayLike, act: FloatArrayLike, x: FloatArrayLike, M: Float32Array, P: number, L: number): void;
}
type FloatArrayLike = Float32Array | Float64Array;

/** The plane kernels of each space, made once (their scratch views are set on every call). */
const planeKernelsOfSpace = new WeakMap<Space, PlaneKernels>();

export function simdPlaneKernels(arrays: readonly Maybe[], P: number, count: number): PlaneKernels | null {
  const s = spaceOfAll(arrays);
  const temps = s === null ? null : columnTemps(s, P, count);
  if (s === null || temps === null) return null;
  let ops = planeKernelsOfSpace.get(s);
  if (ops === undefined) {
    const k = s.kernels;
    ops = {
      temps,
      sums: (sum, x, n, L) => k.planeSums(sum.byteOffset, x.byteOffset, n, L),
      sqDev: (acc, x, M, n, L) => k.planeSqDev(acc.byteOffset, x.byteOffset, M.byteOffset, n, L),
      normalize: (out, x, M, Sc, T, n, L) => k.planeNormalize(out.byteOffset, x.byteOffset, M.byteOffset, Sc.byteOffset, T.byteOffset, n, L),
      normalizeRelu: (out, act, x, M, Sc, T, n, L) => k.planeNormalizeRelu(out.byteOffset, act.byteOffset, x.byteOffset, M.byteOffset, Sc.byteOffset, T.byteOffset, n, L),
      moments: (sum, m2, x, n, L) => k.planeMoments(sum.byteOffset, m2.byteOffset, x.byteOffset, n, L),
      backwardSums: (sumD, sumDX, dout, x, M, n, L) => k.planeBackwardSums(sumD.byteOffset, sumDX.byteOffset, dout.byteOffset, x.byteOffset, M.byteOffset, n, L),
      backwardApply: (dinp, dout, x, M, A, Bc, Cc, n, L) => k.planeBackwardApply(dinp.byteOffset, dout.byteOffset, x.byteOffset, M.byteOffset, A.byteOffset, Bc.byteOffset, Cc.byteOffset, n, L),
      backwardSet: (dinp, dout, x, M, A, Bc, Cc, n, L) => k.planeBackwardSet(dinp.byteOffset, dout.byteOffset, x.byteOffset, M.byteOffset, A.byteOffset, Bc.byteOffset, Cc.byteOffset, n, L),
      reluBackwardSums: (dnorm, sumD, sumDX, dact, act, x, M, n, L) => k.planeReluBackwardSums(dnorm.byteOffset, sumD.byteOffset, sumDX.byteOffset, dact.byteOffset, act.byteOffset, x.byteOffset, M.byteOffset, n, L),
    };
    planeKernelsOfSpace.set(s, ops);
  }
  ops.temps = temps;
  return ops;
}
