// Group normalization (Wu & He, 2018) over units: the C units of a sample are split into G contiguous
// groups of K = C / G (as PyTorch's GroupNorm splits channels), and each group of each sample is
// normalised with its own mean and biased variance, the same in training and evaluation:
//   mean_bg = 1/K sum_{c in g} x_bc,  var_bg = 1/K sum_{c in g} (x_bc - mean_bg)^2,
//   y_bc = gamma_c (x_bc - mean_bg) / sqrt(var_bg + eps) + beta_c      (gamma, beta: one per unit)
// G = 1 is layer norm (same operations, same bits); G = C normalises every unit on its own (K = 1:
// the output is beta whatever the input).
// inp, out are (B, C) row-major; mean, rstd are (B, G); gamma, beta are (C).
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
  B: number, C: number, G: number, eps: number,
): void {
  const K = C / G;
  for (let b = 0; b < B; b++) {
    for (let g = 0; g < G; g++) {
      const start = b * C + g * K;
      const end = start + K;
      let m = 0;
      for (let i = start; i < end; i++) m += inp[i];
      m /= K;
      let v = 0;
      for (let i = start; i < end; i++) {
        const dx = inp[i] - m;
        v += dx * dx;
      }
      const r = 1 / Math.sqrt(v / K + eps);
      for (let i = start, c = g * K; i < end; i++, c++) out[i] = gamma[c] * (inp[i] - m) * r + beta[c];
      mean[b * G + g] = m;
      rstd[b * G + g] = r;
    }
  }
}

/**
 * Backward, accumulating. Per sample and group, with xhat = (x - mean) rstd and t = dout * gamma:
 *   dx = rstd * (t - mean_g(t) - xhat * mean_g(t * xhat)),  dgamma += dout * xhat,  dbeta += dout
 * (the means over the K units of the group).
 */
export function groupnormBackward(
  dinp: FloatArray, dgamma: FloatArray, dbeta: FloatArray,
  dout: FloatArray, inp: FloatArray, gamma: FloatArray, mean: FloatArray, rstd: FloatArray,
  B: number, C: number, G: number,
): void {
  const K = C / G;
  for (let b = 0; b < B; b++) {
    for (let g = 0; g < G; g++) {
      const start = b * C + g * K;
      const end = start + K;
      const c0 = g * K;
      const m = mean[b * G + g];
      const r = rstd[b * G + g];
      let sumT = 0;
      let sumTX = 0;
      for (let i = start, c = c0; i < end; i++, c++) {
        const xhat = (inp[i] - m) * r;
        const t = dout[i] * gamma[c];
        sumT += t;
        sumTX += t * xhat;
      }
      const meanT = sumT / K;
      const meanTX = sumTX / K;
      for (let i = start, c = c0; i < end; i++, c++) {
        const xhat = (inp[i] - m) * r;
        dbeta[c] += dout[i];
        dgamma[c] += dout[i] * xhat;
        dinp[i] += r * (dout[i] * gamma[c] - meanT - xhat * meanTX);
      }
    }
  }
}
