// 2-D convolution as PyTorch's Conv2d (a cross-correlation; square kernel, stride S, zero padding P, bias):
//   out[n,o,i,j] = bias[o] + sum_{c,ki,kj} W[o,c,ki,kj] * inp[n, c, i*S + ki - P, j*S + kj - P]   (0 outside)
// inp is (N, C, H, W), out (N, OC, OH, OW), W (OC, C, K, K), bias (OC), all row-major;
// OH = floor((H + 2P - K) / S) + 1, OW likewise.
//
// Computed per sample as im2col and a product. col_n is (C*K*K, OH*OW): row (c, ki, kj), column (i, j),
//   col_n[(c*K + ki)*K + kj, i*OW + j] = inp[n, c, i*S + ki - P, j*S + kj - P]
//   forward    out_n (OC, OH*OW)  = bias + W (OC, CKK) @ col_n
//   backward   dW   += dout_n @ col_n^T          dbias += row sums of dout_n
//              dcol  = W^T @ dout_n              dinp_n += col2im(dcol)  (the adjoint of im2col)
// Both passes build one sample's columns at a time in a scratch area of (CKK, OH*OW) (the backward pass
// builds them again from the input): a few tens of kilobytes that stay in cache, where keeping every
// sample's columns (megabytes at batch 60) would write them out in the forward pass and read them
// back from memory in the backward one.
import { gemmAccumulate } from './matmul';
import { simdConv2dBackward, simdConv2dForward } from './simd-kernels';
import type { FloatArray } from './types';

/** The sizes of one convolution: input (C, H, W), output (OC, OH, OW), kernel K, stride S, padding P. */
export interface ConvGeometry {
  C: number; H: number; W: number;
  OC: number; K: number; S: number; P: number;
  OH: number; OW: number;
}

/** The output size of a convolution of `size` inputs (0 or less when the kernel does not fit). */
export function convOutputSize(size: number, K: number, S: number, P: number): number {
  return Math.floor((size + 2 * P - K) / S) + 1;
}

export function convGeometry(C: number, H: number, W: number, OC: number, K: number, S: number, P: number): ConvGeometry {
  return { C, H, W, OC, K, S, P, OH: convOutputSize(H, K, S, P), OW: convOutputSize(W, K, S, P) };
}

/** Floats of one sample's columns: C*K*K rows of OH*OW. */
export function colSize(g: ConvGeometry): number {
  return g.C * g.K * g.K * g.OH * g.OW;
}

/** The output columns j in [j0, j1) whose input column j*S + kj - P lies in [0, W). */
function columnRange(kj: number, g: ConvGeometry): [number, number] {
  const a = g.P - kj;
  const j0 = a > 0 ? Math.ceil(a / g.S) : 0;
  const b = g.W - 1 + g.P - kj;
  const j1 = b < 0 ? 0 : Math.min(g.OW, Math.floor(b / g.S) + 1);
  return [j0, Math.max(j0, j1)];
}

/** col[colOff + ...] (CKK, OH*OW) = the patches of the sample at inp[inOff + ...] (C, H, W). */
export function im2col(col: FloatArray, colOff: number, inp: FloatArray, inOff: number, g: ConvGeometry): void {
  const { C, H, W, K, S, P, OH, OW } = g;
  let r = colOff;
  for (let c = 0; c < C; c++) {
    for (let ki = 0; ki < K; ki++) {
      for (let kj = 0; kj < K; kj++) {
        const [j0, j1] = columnRange(kj, g);
        for (let i = 0; i < OH; i++) {
          const h = i * S + ki - P;
          if (h < 0 || h >= H) {
            col.fill(0, r, r + OW);
          } else {
            const src = inOff + (c * H + h) * W + kj - P;
            for (let j = 0; j < j0; j++) col[r + j] = 0;
            for (let j = j0; j < j1; j++) col[r + j] = inp[src + j * S];
            for (let j = j1; j < OW; j++) col[r + j] = 0;
          }
          r += OW;
        }
      }
    }
  }
}

/** dinp[inOff + ...] (C, H, W) += the adjoint of im2col applied to dcol (CKK, OH*OW). */
export function col2im(dinp: FloatArray, inOff: number, dcol: FloatArray, g: ConvGeometry): void {
  const { C, H, W, K, S, P, OH, OW } = g;
  let r = 0;
  for (let c = 0; c < C; c++) {
    for (let ki = 0; ki < K; ki++) {
      for (let kj = 0; kj < K; kj++) {
        const [j0, j1] = columnRange(kj, g);
        for (let i = 0; i < OH; i++) {
          const h = i * S + ki - P;
          if (h >= 0 && h < H) {
            const dst = inOff + (c * H + h) * W + kj - P;
            for (let j = j0; j < j1; j++) dinp[dst + j * S] += dcol[r + j];
          }
          r += OW;
        }
      }
    }
  }
}

/** Forward of N samples; col is one sample's scratch (CKK, OH*OW). bias may be null (no bias). */
export function conv2dForward(
  out: FloatArray, col: FloatArray, inp: FloatArray, weight: FloatArray, bias: FloatArray | null, N: number, g: ConvGeometry,
): void {
  if (simdConv2dForward(out, col, inp, weight, bias, N, g)) return;
  const { C, H, W, OC, K, OH, OW } = g;
  const PP = OH * OW;
  const CKK = C * K * K;
  for (let n = 0; n < N; n++) {
    const o = n * OC * PP;
    im2col(col, 0, inp, n * C * H * W, g);
    for (let oc = 0; oc < OC; oc++) out.fill(bias === null ? 0 : bias[oc], o + oc * PP, o + (oc + 1) * PP);
    // out_n[oc, p] += sum_k W[oc, k] col_n[k, p]
    gemmAccumulate(out, PP, 1, OC, PP, CKK, weight, CKK, 1, col, 1, PP, o, 0, 0);
  }
}

/**
 * Backward of N samples, accumulating into dweight, dbias (unless null) and dinp (unless null: the
 * input is data). inp is the forward pass's input; col and dcol are one sample's scratch (CKK, OH*OW).
 */
export function conv2dBackward(
  dinp: FloatArray | null, dweight: FloatArray, dbias: FloatArray | null, col: FloatArray, dcol: FloatArray,
  dout: FloatArray, inp: FloatArray, weight: FloatArray, N: number, g: ConvGeometry,
): void {
  if (simdConv2dBackward(dinp, dweight, dbias, col, dcol, dout, inp, weight, N, g)) return;
  const { C, H, W, OC, K, OH, OW } = g;
  const PP = OH * OW;
  const CKK = C * K * K;
  for (let n = 0; n < N; n++) {
    const d = n * OC * PP;
    if (dbias !== null) {
      for (let oc = 0; oc < OC; oc++) {
        let s = 0;
        for (let p = d + oc * PP; p < d + (oc + 1) * PP; p++) s += dout[p];
        dbias[oc] += s;
      }
    }
    // dW[oc, k] += sum_p dout_n[oc, p] col_n[k, p]
    im2col(col, 0, inp, n * C * H * W, g);
    gemmAccumulate(dweight, CKK, 1, OC, CKK, PP, dout, PP, 1, col, PP, 1, 0, d, 0);
    if (dinp !== null) {
      // dcol[k, p] = sum_oc W[oc, k] dout_n[oc, p]
      dcol.fill(0, 0, CKK * PP);
      gemmAccumulate(dcol, PP, 1, CKK, PP, OC, weight, 1, CKK, dout, 1, PP, 0, 0, d);
      col2im(dinp, n * C * H * W, dcol, g);
    }
  }
}
