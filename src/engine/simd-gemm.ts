// A WebAssembly SIMD kernel for float32 matrix products, used by matmul.ts where the platform has
// WebAssembly SIMD (every current browser and Node >= 16). The module is a few hundred bytes,
// assembled below (no toolchain, nothing fetched):
//
//   gemm(x, y, o, M, N, K4): for m < M, n < N (both even):  o[m*N + n] = sum_k X[m,k] * Y[n,k]
//
// X is M rows and Y is N rows of K4*4 float32 each (k padded with zeros to a multiple of 4), o is
// M x N float32; all are byte offsets into the module's memory. A 2x2 tile of outputs is kept in four
// f32x4 accumulators: per 4 values of k, 4 loads, 4 multiplies and 4 adds do 16 multiply-adds; the
// four lanes are summed at the end. Products are float32 with float32 sums (as PyTorch's float32 is),
// so results differ from the float64-accumulating JavaScript kernel by float32 round-off.

const enc = {
  u32(n: number): number[] { // unsigned LEB128
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n !== 0) b |= 0x80;
      out.push(b);
    } while (n !== 0);
    return out;
  },
  i32(n: number): number[] { // signed LEB128
    const out: number[] = [];
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
      out.push(b | 0x80);
    }
  },
  str(s: string): number[] { return [...enc.u32(s.length), ...Array.from(s, (c) => c.charCodeAt(0))]; },
  section(id: number, body: number[]): number[] { return [id, ...enc.u32(body.length), ...body]; },
  vec(items: number[][]): number[] { return [...enc.u32(items.length), ...items.flat()]; },
};

// Opcodes used.
const I32 = 0x7f, V128 = 0x7b;
const get = (i: number) => [0x20, ...enc.u32(i)];
const set = (i: number) => [0x21, ...enc.u32(i)];
const i32c = (v: number) => [0x41, ...enc.i32(v)];
const ADD = 0x6a, MUL = 0x6c, LT_U = 0x49, SHL = 0x74;
const v128load = (offset: number) => [0xfd, 0x00, 4, ...enc.u32(offset)];
const f32x4add = [0xfd, 0xe4, 0x01];
const f32x4mul = [0xfd, 0xe6, 0x01];
const lane = (i: number) => [0xfd, 0x1f, i];
const f32add = 0x92;
const f32store = [0x38, 2, 0];
const v128zero = [0xfd, 0x0c, ...new Array(16).fill(0)];

// Locals: params 0..5 = x, y, o, M, N, K4; then m, n, k, pa0, pa1, pb0, pb1, po (i32) and four v128 accumulators.
const [X, Y, O, M, N, K4] = [0, 1, 2, 3, 4, 5];
const [m, n, k, pa0, pa1, pb0, pb1, po] = [6, 7, 8, 9, 10, 11, 12, 13];
const [c00, c01, c10, c11] = [14, 15, 16, 17];

function body(): number[] {
  const rowBytes = [...get(K4), ...i32c(4), SHL]; // K4 * 16 bytes per packed row
  const hsum = (acc: number) => [...get(acc), ...lane(0), ...get(acc), ...lane(1), f32add, ...get(acc), ...lane(2), f32add, ...get(acc), ...lane(3), f32add];
  const store = (acc: number, off: number[]) => [...get(po), ...off, ADD, ...hsum(acc), ...f32store];
  const mac = (acc: number, a: number, b: number) => [...get(acc), ...get(a), ...get(b), ...f32x4mul, ...f32x4add, ...set(acc)];
  const code = [
    ...i32c(0), ...set(m),
    0x02, 0x40, 0x03, 0x40, // block loop (m)
    ...get(m), ...get(M), LT_U, 0x45, 0x0d, 1, // if !(m < M) break
    // pa0 = x + m * rowBytes; pa1 = pa0 + rowBytes
    ...get(X), ...get(m), ...rowBytes, MUL, ADD, ...set(pa0),
    ...get(pa0), ...rowBytes, ADD, ...set(pa1),
    ...i32c(0), ...set(n),
    0x02, 0x40, 0x03, 0x40, // block loop (n)
    ...get(n), ...get(N), LT_U, 0x45, 0x0d, 1,
    ...get(Y), ...get(n), ...rowBytes, MUL, ADD, ...set(pb0),
    ...get(pb0), ...rowBytes, ADD, ...set(pb1),
    ...v128zero, ...set(c00), ...v128zero, ...set(c01), ...v128zero, ...set(c10), ...v128zero, ...set(c11),
    ...i32c(0), ...set(k),
    0x02, 0x40, 0x03, 0x40, // block loop (k): k counts bytes, to K4 * 16
    ...get(k), ...rowBytes, LT_U, 0x45, 0x0d, 1,
    // four loads into the locals a/b reuse: keep them on locals 18..21
    ...get(pa0), ...get(k), ADD, ...v128load(0), ...set(18),
    ...get(pa1), ...get(k), ADD, ...v128load(0), ...set(19),
    ...get(pb0), ...get(k), ADD, ...v128load(0), ...set(20),
    ...get(pb1), ...get(k), ADD, ...v128load(0), ...set(21),
    ...mac(c00, 18, 20), ...mac(c01, 18, 21), ...mac(c10, 19, 20), ...mac(c11, 19, 21),
    ...get(k), ...i32c(16), ADD, ...set(k),
    0x0c, 0, 0x0b, 0x0b, // br loop; end loop; end block
    // po = o + (m * N + n) * 4
    ...get(O), ...get(m), ...get(N), MUL, ...get(n), ADD, ...i32c(2), SHL, ADD, ...set(po),
    ...store(c00, i32c(0)), ...store(c01, i32c(4)),
    ...store(c10, [...get(N), ...i32c(2), SHL]), ...store(c11, [...get(N), ...i32c(2), SHL, ...i32c(4), ADD]),
    ...get(n), ...i32c(2), ADD, ...set(n),
    0x0c, 0, 0x0b, 0x0b,
    ...get(m), ...i32c(2), ADD, ...set(m),
    0x0c, 0, 0x0b, 0x0b,
    0x0b, // end function
  ];
  const locals = enc.vec([[...enc.u32(8), I32], [...enc.u32(8), V128]]);
  const fn = [...locals, ...code];
  return [...enc.u32(fn.length), ...fn];
}

export function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  const type = enc.section(1, enc.vec([[0x60, ...enc.vec([[I32], [I32], [I32], [I32], [I32], [I32]]), 0x00]]));
  const func = enc.section(3, enc.vec([[0]]));
  const memory = enc.section(5, enc.vec([[0x00, 1]]));
  const exports = enc.section(7, enc.vec([[...enc.str('gemm'), 0x00, 0], [...enc.str('mem'), 0x02, 0]]));
  const code = enc.section(10, enc.vec([body()]));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...func, ...memory, ...exports, ...code]);
}

export interface SimdGemm {
  /** O[m*om + n*on] += sum_k X[m*xm + k*xk] * Y[n*ym + k*yk] over float32 arrays. */
  accumulate(O: Float32Array, om: number, on: number, M: number, N: number, K: number,
    X: Float32Array, xm: number, xk: number, Y: Float32Array, ym: number, yk: number): void;
}

/** The SIMD kernel, or null where WebAssembly SIMD is not available (then matmul.ts stays in JavaScript). */
export function createSimdGemm(): SimdGemm | null {
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(gemmModuleBytes()), {});
  } catch {
    return null;
  }
  const gemm = instance.exports.gemm as (x: number, y: number, o: number, M: number, N: number, K4: number) => void;
  const memory = instance.exports.mem as WebAssembly.Memory;
  let heap = new Float32Array(memory.buffer);
  const ensure = (floats: number) => {
    const need = floats * 4 - memory.buffer.byteLength;
    if (need > 0) memory.grow(Math.ceil(need / 65536));
    if (heap.buffer !== memory.buffer) heap = new Float32Array(memory.buffer);
  };
  return {
    accumulate(O, om, on, M, N, K, X, xm, xk, Y, ym, yk) {
      const Mp = (M + 1) & ~1;
      const Np = (N + 1) & ~1;
      const K4 = (K + 3) >> 2;
      const row = K4 * 4;
      const xOff = 0;
      const yOff = Mp * row;
      const oOff = yOff + Np * row;
      ensure(oOff + Mp * Np);
      const h = heap;
      // Pack X and Y rows with k contiguous, zero padding past K and in the padding rows.
      packRows(h, xOff, X, xm, xk, M, Mp, K, row);
      packRows(h, yOff, Y, ym, yk, N, Np, K, row);
      gemm(xOff * 4, yOff * 4, oOff * 4, Mp, Np, K4);
      for (let i = 0; i < M; i++) {
        const src = oOff + i * Np;
        const dst = i * om;
        for (let j = 0; j < N; j++) O[dst + j * on] += h[src + j];
      }
    },
  };
}

function packRows(h: Float32Array, off: number, A: Float32Array, am: number, ak: number, R: number, Rp: number, K: number, row: number): void {
  for (let r = 0; r < R; r++) {
    const d = off + r * row;
    const s = r * am;
    if (ak === 1) h.set(A.subarray(s, s + K), d);
    else for (let k = 0; k < K; k++) h[d + k] = A[s + k * ak];
    h.fill(0, d + K, d + row);
  }
  h.fill(0, off + R * row, off + Rp * row);
}
