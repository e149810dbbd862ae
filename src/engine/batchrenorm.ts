// Batch renormalization (Ioffe, 2017, Algorithm 1). In training, with the batch statistics of unit c
//   mu_B = 1/B sum_b x_bc,   sigma_B = sqrt(1/B sum_b (x_bc - mu_B)^2 + eps)    (biased, as batch norm)
// and the running ones mu = running_mean, sigma = sqrt(running_var + eps):
//   r = clip(sigma_B / sigma, 1/rmax, rmax),   d = clip((mu_B - mu) / sigma, -dmax, dmax)
//   xhat = (x - mu_B) / sigma_B * r + d,       y = gamma xhat + beta
// r and d are per unit and constants of the backward pass (stop-gradient). Where neither is clipped,
// xhat = (x - mu) / sigma: training normalises as evaluation will. With rmax = 1, dmax = 0 (r = 1,
// d = 0) this is batch norm, to the last bit. The running statistics are updated as batch norm's
// (batchnormUpdateRunning, after r and d are computed from the old ones), and evaluation is batch
// norm's evaluation forward (batchnormEvalForward).
// inp, out are (B, C) row-major; mean, rstd, variance, r, d, gamma, beta, runningMean, runningVar are (C).
import { batchnormStats } from './batchnorm';
import { simdBatchrenormApply, simdBatchrenormBackward } from './simd-kernels';
import type { FloatArray } from './types';

/** r and d of every unit from the batch statistics (mean, rstd = 1/sigma_B) and the running ones. */
export function batchrenormCorrection(
  r: FloatArray, d: FloatArray,
  mean: FloatArray, rstd: FloatArray, runningMean: FloatArray, runningVar: FloatArray,
  C: number, eps: number, rmax: number, dmax: number,
): void {
  const rmin = 1 / rmax;
  const dmin = 0 - dmax; // +0, not -0, when dmax = 0
  for (let c = 0; c < C; c++) {
    const sigma = Math.sqrt(runningVar[c] + eps);
    const rc = 1 / rstd[c] / sigma;
    const dc = (mean[c] - runningMean[c]) / sigma;
    r[c] = rc < rmin ? rmin : rc > rmax ? rmax : rc;
    d[c] = dc < dmin ? dmin : dc > dmax ? dmax : dc;
  }
}

/**
 * The normalisation with given batch statistics and given r, d:
 *   y = gamma (x - mean) (rstd r) + (gamma d + beta)
 * (with r = 1, d = 0 the same operations as batchnormForward, so the same bits).
 */
export function batchrenormApply(
  out: FloatArray, inp: FloatArray, gamma: FloatArray, beta: FloatArray,
  mean: FloatArray, rstd: FloatArray, r: FloatArray, d: FloatArray,
  B: number, C: number,
): void {
  if (simdBatchrenormApply(out, inp, gamma, beta, mean, rstd, r, d, B, C)) return; // WebAssembly SIMD, a model's arrays
  for (let b = 0; b < B; b++) {
    const row = b * C;
    for (let c = 0; c < C; c++) {
      out[row + c] = gamma[c] * (inp[row + c] - mean[c]) * (rstd[c] * r[c]) + (gamma[c] * d[c] + beta[c]);
    }
  }
}

/**
 * Training-mode forward: batch statistics (mean, rstd, variance), then r and d against the running
 * statistics, then the normalisation. Does not update the running statistics (batchnormUpdateRunning does).
 */
export function batchrenormForward(
  out: FloatArray, mean: FloatArray, rstd: FloatArray, variance: FloatArray, r: FloatArray, d: FloatArray,
  inp: FloatArray, gamma: FloatArray, beta: FloatArray, runningMean: FloatArray, runningVar: FloatArray,
  B: number, C: number, eps: number, rmax: number, dmax: number,
): void {
  batchnormStats(mean, rstd, variance, inp, B, C, eps);
  batchrenormCorrection(r, d, mean, rstd, runningMean, runningVar, C, eps, rmax, dmax);
  batchrenormApply(out, inp, gamma, beta, mean, rstd, r, d, B, C);
}

/**
 * Backward with r and d held constant, accumulating. With xhat_B = (x - mean) rstd, it is batch
 * norm's backward with gamma r in place of gamma:
 *   g = dout * gamma * r,  dx = rstd * (g - mean_b(g) - xhat_B * mean_b(g * xhat_B))
 *   dgamma += sum_b dout * (r xhat_B + d) = r sum_b dout xhat_B + d sum_b dout,  dbeta += sum_b dout
 */
export function batchrenormBackward(
  dinp: FloatArray, dgamma: FloatArray, dbeta: FloatArray,
  dout: FloatArray, inp: FloatArray, gamma: FloatArray, mean: FloatArray, rstd: FloatArray,
  r: FloatArray, d: FloatArray, B: number, C: number,
): void {
  if (simdBatchrenormBackward(dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd, r, d, B, C)) return;
  for (let c = 0; c < C; c++) {
    let sumD = 0;
    let sumDX = 0;
    const m = mean[c];
    const rs = rstd[c];
    const g = gamma[c] * r[c];
    for (let b = 0; b < B; b++) {
      const i = b * C + c;
      const xhat = (inp[i] - m) * rs;
      const dy = dout[i];
      sumD += dy;
      sumDX += dy * xhat;
    }
    dbeta[c] += sumD;
    dgamma[c] += r[c] * sumDX + d[c] * sumD;
    const meanG = (sumD * g) / B;
    const meanGX = (sumDX * g) / B;
    for (let b = 0; b < B; b++) {
      const i = b * C + c;
      const xhat = (inp[i] - m) * rs;
      dinp[i] += rs * (dout[i] * g - meanG - xhat * meanGX);
    }
  }
}

/**
 * How many of the C units have r, and how many have d, at a clipping limit (for telemetry). A value
 * counts as clipped when it is within a relative 1e-6 of the limit (r and d may be stored in float32).
 * With rmax = 1 every r is at its limit, with dmax = 0 every d.
 */
export function countRenormClipped(
  r: FloatArray, d: FloatArray, C: number, rmax: number, dmax: number,
): { r: number; d: number } {
  const tol = 1e-6;
  const rmin = 1 / rmax;
  let nr = 0;
  let nd = 0;
  for (let c = 0; c < C; c++) {
    if (r[c] >= rmax * (1 - tol) || r[c] <= rmin * (1 + tol)) nr++;
    if (Math.abs(d[c]) >= dmax * (1 - tol)) nd++;
  }
  return { r: nr, d: nd };
}
