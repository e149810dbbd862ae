// Batch normalization over the batch dimension (BatchNorm1d), Ioffe & Szegedy (2015), eqs. (1)-(4):
//   mean_c = 1/B sum_b x_bc                       (1)
//   var_c  = 1/B sum_b (x_bc - mean_c)^2          (2) biased, as in training
//   xhat   = (x - mean_c) / sqrt(var_c + eps)     (3)
//   y      = gamma_c * xhat + beta_c              (4) gamma, beta: one per unit, shared by all samples
// inp, out are (B, C) row-major; mean, rstd, variance, gamma, beta are (C).
import { simdBatchnormBackward, simdBatchnormForward, simdBatchnormStats } from './simd-kernels';
import type { FloatArray } from './types';

/**
 * The batch statistics of every unit: mean (1), the biased variance (2) and rstd = 1/sqrt(var + eps).
 * The variance is kept as computed: rebuilding it as 1/rstd^2 - eps cancels when var << eps.
 */
export function batchnormStats(
  mean: FloatArray, rstd: FloatArray, variance: FloatArray, inp: FloatArray, B: number, C: number, eps: number,
): void {
  if (simdBatchnormStats(mean, rstd, variance, inp, B, C, eps)) return; // the same passes in WebAssembly SIMD
  // Column means and variances (two passes: numerically safer than E[x^2] - E[x]^2).
  for (let c = 0; c < C; c++) mean[c] = 0;
  for (let b = 0; b < B; b++) {
    const row = b * C;
    for (let c = 0; c < C; c++) mean[c] += inp[row + c];
  }
  for (let c = 0; c < C; c++) mean[c] /= B;
  for (let c = 0; c < C; c++) rstd[c] = 0; // holds the sum of squares first
  for (let b = 0; b < B; b++) {
    const row = b * C;
    for (let c = 0; c < C; c++) {
      const d = inp[row + c] - mean[c];
      rstd[c] += d * d;
    }
  }
  for (let c = 0; c < C; c++) {
    const v = rstd[c] / B;
    variance[c] = v;
    rstd[c] = 1 / Math.sqrt(v + eps);
  }
}

/** Training-mode forward: normalises with the batch statistics; stores mean, rstd = 1/sqrt(var+eps) and var. */
export function batchnormForward(
  out: FloatArray, mean: FloatArray, rstd: FloatArray, variance: FloatArray,
  inp: FloatArray, gamma: FloatArray, beta: FloatArray,
  B: number, C: number, eps: number,
): void {
  if (simdBatchnormForward(out, mean, rstd, variance, inp, gamma, beta, B, C, eps)) return;
  batchnormStats(mean, rstd, variance, inp, B, C, eps);
  for (let b = 0; b < B; b++) {
    const row = b * C;
    for (let c = 0; c < C; c++) out[row + c] = gamma[c] * (inp[row + c] - mean[c]) * rstd[c] + beta[c];
  }
}

/**
 * Backward of the training-mode forward, accumulating. With xhat = (x - mean) * rstd and g = dout * gamma:
 *   dbeta  += sum_b dout,   dgamma += sum_b dout * xhat
 *   dx = rstd * (g - mean_b(g) - xhat * mean_b(g * xhat))
 */
export function batchnormBackward(
  dinp: FloatArray, dgamma: FloatArray, dbeta: FloatArray,
  dout: FloatArray, inp: FloatArray, gamma: FloatArray, mean: FloatArray, rstd: FloatArray,
  B: number, C: number,
): void {
  if (simdBatchnormBackward(dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd, B, C)) return;
  for (let c = 0; c < C; c++) {
    let sumD = 0;
    let sumDX = 0;
    const m = mean[c];
    const r = rstd[c];
    const g = gamma[c];
    for (let b = 0; b < B; b++) {
      const i = b * C + c;
      const xhat = (inp[i] - m) * r;
      const d = dout[i];
      sumD += d;
      sumDX += d * xhat;
    }
    dbeta[c] += sumD;
    dgamma[c] += sumDX;
    const meanG = (sumD * g) / B;
    const meanGX = (sumDX * g) / B;
    for (let b = 0; b < B; b++) {
      const i = b * C + c;
      const xhat = (inp[i] - m) * r;
      dinp[i] += r * (dout[i] * g - meanG - xhat * meanGX);
    }
  }
}

/**
 * Running statistics, PyTorch convention (momentum is the weight of the new batch):
 *   running_mean = (1 - momentum) running_mean + momentum mean
 *   running_var  = (1 - momentum) running_var  + momentum var * B / (B - 1)   (unbiased)
 * with var the biased batch variance the forward stored.
 */
export function batchnormUpdateRunning(
  runningMean: FloatArray, runningVar: FloatArray,
  mean: FloatArray, variance: FloatArray, B: number, C: number, momentum: number,
): void {
  const unbias = B / (B - 1);
  for (let c = 0; c < C; c++) {
    runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean[c];
    runningVar[c] = (1 - momentum) * runningVar[c] + momentum * variance[c] * unbias;
  }
}

/** Evaluation-mode forward: y = gamma (x - running_mean) / sqrt(running_var + eps) + beta. */
export function batchnormEvalForward(
  out: FloatArray, inp: FloatArray,
  runningMean: FloatArray, runningVar: FloatArray, gamma: FloatArray, beta: FloatArray,
  B: number, C: number, eps: number,
): void {
  for (let b = 0; b < B; b++) {
    const row = b * C;
    for (let c = 0; c < C; c++) {
      out[row + c] = gamma[c] * (inp[row + c] - runningMean[c]) / Math.sqrt(runningVar[c] + eps) + beta[c];
    }
  }
}
