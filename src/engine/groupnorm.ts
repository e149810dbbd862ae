// Group normalization (Wu & He, 2018) over units: the C units of a sample are split into G contiguous
// groups of K = C / G (as PyTorch's GroupNorm splits channels), and each group of each sample is
// normalised with its own mean and biased variance, the same in training and evaluation:
//   mean_bg = 1/K sum_{c in g} x_bc,  var_bg = 1/K sum_{c in g} (x_bc - mean_bg)^2,
//   y_bc = gamma_c (x_bc - mean_bg) / sqrt(var_bg + eps) + beta_c      (gamma, beta: one per unit)
// G = 1 is layer norm (same operations, same bits); G = C normalises every unit on its own (K = 1:
// the output is beta whatever the input).
// inp, out are (B, C) row-major; mean, rstd are (B, G); gamma, beta are (C).
//
// Over channels of feature maps (PyTorch's GroupNorm on (N, C, H, W)), each of the C channels has HW
// positions and a group holds its K channels at every position, K * HW values of one sample; gamma and
// beta stay per channel. With inp (B, C, HW) row-major a group's values are contiguous, so the same
// kernels serve both with HW = 1 for units (the same operations, the same bits as before).
import { simdPlaneKernels } from './simd-kernels';
import type { FloatArray } from './types';

/** The Group Normalization paper's default number of groups. */
export const PAPER_GROUPS = 32;

/**
 * The fewest units per group the default allows. The paper's groups are of channels, each with its
 * H x W positions; here a group of K units of one sample holds only K values, and normalising them
 * leaves K - 2 degrees of freedom: K = 2 keeps only the sign of x1 - x2 (with an input gradient of
 * order eps), K = 1 nothing (the output is beta). Explicit smaller groups are allowed.
 */
export const MIN_DEFAULT_GROUP_SIZE = 8;

/**
 * The number of groups used when a layer does not say: the largest divisor of the units that is at
 * most the paper's 32 and leaves at least 8 units per group (1, layer norm, if none does).
 * E.g. 100 units -> 10 groups of 10, 256 -> 32 of 8, 512 -> 32 of 16, 64 -> 8 of 8, 10 -> 1.
 */
export function defaultGroups(units: number): number {
  for (let g = Math.min(PAPER_GROUPS, Math.floor(units / MIN_DEFAULT_GROUP_SIZE)); g > 1; g--) if (units % g === 0) return g;
  return 1;
}

/** The divisors of n in increasing order (the numbers of groups that can split n units). */
export function divisors(n: number): number[] {
  const out: number[] = [];
  for (let g = 1; g <= n; g++) if (n % g === 0) out.push(g);
  return out;
}

export function groupnormForward(
  out: FloatArray, mean: FloatArray, rstd: FloatArray,
  inp: FloatArray, gamma: FloatArray, beta: FloatArray,
  B: number, C: number, G: number, eps: number, HW = 1,
): void {
  const K = C / G;
  if (HW > 1 && simdGroupnormForward(out, mean, rstd, inp, gamma, beta, B, C, G, eps, HW)) return;
  const L = K * HW;
  for (let b = 0; b < B; b++) {
    for (let g = 0; g < G; g++) {
      const start = (b * C + g * K) * HW;
      const end = start + L;
      let m = 0;
      for (let i = start; i < end; i++) m += inp[i];
      m /= L;
      let v = 0;
      for (let i = start; i < end; i++) {
        const dx = inp[i] - m;
        v += dx * dx;
      }
      const r = 1 / Math.sqrt(v / L + eps);
      for (let i = start, c = g * K; i < end; c++) {
        const gc = gamma[c], bc = beta[c];
        for (let e = i + HW; i < e; i++) out[i] = gc * (inp[i] - m) * r + bc;
      }
      mean[b * G + g] = m;
      rstd[b * G + g] = r;
    }
  }
}

/**
 * Backward, accumulating. Per sample and group, with xhat = (x - mean) rstd and t = dout * gamma:
 *   dx = rstd * (t - mean_g(t) - xhat * mean_g(t * xhat)),  dgamma += dout * xhat,  dbeta += dout
 * (the means over the K * HW values of the group).
 */
export function groupnormBackward(
  dinp: FloatArray, dgamma: FloatArray, dbeta: FloatArray,
  dout: FloatArray, inp: FloatArray, gamma: FloatArray, mean: FloatArray, rstd: FloatArray,
  B: number, C: number, G: number, HW = 1,
): void {
  const K = C / G;
  if (HW > 1 && simdGroupnormBackward(dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd, B, C, G, HW)) return;
  const L = K * HW;
  for (let b = 0; b < B; b++) {
    for (let g = 0; g < G; g++) {
      const start = (b * C + g * K) * HW;
      const end = start + L;
      const c0 = g * K;
      const m = mean[b * G + g];
      const r = rstd[b * G + g];
      let sumT = 0;
      let sumTX = 0;
      for (let i = start, c = c0; i < end; c++) {
        const gc = gamma[c];
        for (let e = i + HW; i < e; i++) {
          const xhat = (inp[i] - m) * r;
          const t = dout[i] * gc;
          sumT += t;
          sumTX += t * xhat;
        }
      }
      const meanT = sumT / L;
      const meanTX = sumTX / L;
      for (let i = start, c = c0; i < end; c++) {
        const gc = gamma[c];
        for (let e = i + HW; i < e; i++) {
          const xhat = (inp[i] - m) * r;
          dbeta[c] += dout[i];
          dgamma[c] += dout[i] * xhat;
          dinp[i] += r * (dout[i] * gc - meanT - xhat * meanTX);
        }
      }
    }
  }
}

// The same in WebAssembly SIMD over feature maps (HW > 1), with the per-plane kernels of
// simd-kernels.ts: statistics over the planes of the groups (B*G planes of K*HW values), the
// normalisation and backward over the planes of the channels (B*C planes of HW values).

function simdGroupnormForward(
  out: FloatArray, mean: FloatArray, rstd: FloatArray, inp: FloatArray, gamma: FloatArray, beta: FloatArray,
  B: number, C: number, G: number, eps: number, HW: number,
): boolean {
  const k = simdPlaneKernels([out, mean, rstd, inp, gamma, beta], B * C, 3);
  if (k === null) return false;
  const K = C / G;
  const L = K * HW;
  const [Mexp, Sc, T] = k.temps;
  k.sums(Sc, inp, B * G, L);
  for (let q = 0; q < B * G; q++) mean[q] = Sc[q] / L;
  k.sqDev(Sc, inp, mean as Float32Array, B * G, L);
  for (let q = 0; q < B * G; q++) rstd[q] = 1 / Math.sqrt(Sc[q] / L + eps);
  for (let p = 0; p < B * C; p++) {
    const c = p % C;
    const q = ((p - c) / C) * G + ((c / K) | 0);
    Mexp[p] = mean[q];
    Sc[p] = gamma[c] * rstd[q];
    T[p] = beta[c];
  }
  k.normalize(out, inp, Mexp, Sc, T, B * C, HW);
  return true;
}

function simdGroupnormBackward(
  dinp: FloatArray, dgamma: FloatArray, dbeta: FloatArray,
  dout: FloatArray, inp: FloatArray, gamma: FloatArray, mean: FloatArray, rstd: FloatArray,
  B: number, C: number, G: number, HW: number,
): boolean {
  const k = simdPlaneKernels([dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd], B * C, 6);
  if (k === null) return false;
  const K = C / G;
  const L = K * HW;
  const [sD, sDX, Mexp, A, Bc, Cc] = k.temps;
  for (let p = 0; p < B * C; p++) {
    const c = p % C;
    Mexp[p] = mean[((p - c) / C) * G + ((c / K) | 0)];
  }
  // Per channel plane: sD = sum dout, sDX = sum dout (x - mean).
  k.backwardSums(sD, sDX, dout, inp, Mexp, B * C, HW);
  for (let b = 0; b < B; b++) {
    for (let g = 0; g < G; g++) {
      const r = rstd[b * G + g];
      let sumT = 0;
      let sumTX = 0;
      for (let c = g * K; c < (g + 1) * K; c++) {
        const p = b * C + c;
        const dx = sDX[p] * r; // sum dout xhat over the plane
        dbeta[c] += sD[p];
        dgamma[c] += dx;
        sumT += gamma[c] * sD[p];
        sumTX += gamma[c] * dx;
      }
      const meanT = sumT / L;
      const meanTX = sumTX / L;
      for (let c = g * K; c < (g + 1) * K; c++) {
        const p = b * C + c;
        A[p] = r * gamma[c];
        Bc[p] = -r * r * meanTX;
        Cc[p] = -r * meanT;
      }
    }
  }
  k.backwardApply(dinp, dout, inp, Mexp, A, Bc, Cc, B * C, HW);
  return true;
}
