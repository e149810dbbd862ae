// Batch normalization of convolutional feature maps (PyTorch's BatchNorm2d): each channel c is
// normalised over the batch AND every position, the M = N*H*W values x[n, c, h, w]:
//   mean_c = 1/M sum_{n,h,w} x,   var_c = 1/M sum_{n,h,w} (x - mean_c)^2   (biased, in training)
//   y = gamma_c (x - mean_c) / sqrt(var_c + eps) + beta_c
// The running variance takes the unbiased var_c * M / (M - 1), so a channel needs M >= 2 values in
// training. With HW = 1 this is BatchNorm1d over (N, C).
// inp, out are (N, C, HW) row-major (NCHW with the positions flattened); mean, rstd, variance, gamma, beta are (C).
import { activationBackwardSet, reluForward } from './activation';
import { batchnormUpdateRunning } from './batchnorm';
import { simdPlaneKernels } from './simd-kernels';
import type { FloatArray } from './types';

/** Channel statistics: mean, the biased variance over N*HW values, and rstd = 1/sqrt(var + eps). */
export function batchnorm2dStats(
  mean: FloatArray, rstd: FloatArray, variance: FloatArray, inp: FloatArray, N: number, C: number, HW: number, eps: number,
): void {
  const M = N * HW;
  const P = N * C;
  const k = simdPlaneKernels([mean, rstd, inp], P, 2);
  if (k !== null) {
    // Each plane (n, c): its sum and squared deviations from its own mean, in one read of the maps;
    // then per channel (float64): sum of squared deviations from the channel mean
    //   = sum_n [m2_n + HW (mean_n - mean_c)^2]   (the parallel-variance identity).
    const [sums, m2] = k.temps;
    k.moments(sums, m2, inp, P, HW);
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let n = 0; n < N; n++) s += sums[n * C + c];
      const m = s / M;
      let v = 0;
      for (let n = 0; n < N; n++) {
        const d = sums[n * C + c] / HW - m;
        v += m2[n * C + c] + HW * d * d;
      }
      mean[c] = m;
      variance[c] = v / M;
      rstd[c] = 1 / Math.sqrt(v / M + eps);
    }
    return;
  }
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let n = 0; n < N; n++) {
      const o = (n * C + c) * HW;
      for (let i = o; i < o + HW; i++) s += inp[i];
    }
    const m = s / M;
    mean[c] = m;
    let v = 0;
    for (let n = 0; n < N; n++) {
      const o = (n * C + c) * HW;
      for (let i = o; i < o + HW; i++) {
        const d = inp[i] - m;
        v += d * d;
      }
    }
    variance[c] = v / M;
    rstd[c] = 1 / Math.sqrt(v / M + eps);
  }
}

/**
 * y = gamma_c (x - mean_c) rstd_c + beta_c over (N, C, HW); mean, rstd per channel. With `relu`, also
 * relu = max(y, 0) (as reluForward), in the same pass in SIMD.
 */
function normalizeChannels(
  out: FloatArray, inp: FloatArray, mean: FloatArray, rstd: FloatArray, gamma: FloatArray, beta: FloatArray,
  N: number, C: number, HW: number, relu: FloatArray | null,
): void {
  const P = N * C;
  const k = simdPlaneKernels([out, inp, mean, rstd, gamma, beta, relu], P, 3);
  if (k !== null) {
    const [Mexp, Sc, T] = k.temps;
    for (let p = 0; p < P; p++) {
      const c = p % C;
      Mexp[p] = mean[c];
      Sc[p] = gamma[c] * rstd[c];
      T[p] = beta[c];
    }
    if (relu !== null) k.normalizeRelu(out, relu, inp, Mexp, Sc, T, P, HW);
    else k.normalize(out, inp, Mexp, Sc, T, P, HW);
    return;
  }
  normalizeChannelsTs(out, inp, mean, rstd, gamma, beta, N, C, HW);
  if (relu !== null) reluForward(relu, out, P * HW);
}

function normalizeChannelsTs(
  out: FloatArray, inp: FloatArray, mean: FloatArray, rstd: FloatArray, gamma: FloatArray, beta: FloatArray,
  N: number, C: number, HW: number,
): void {
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const o = (n * C + c) * HW;
      const m = mean[c], r = rstd[c], g = gamma[c], b = beta[c];
      for (let i = o; i < o + HW; i++) out[i] = g * (inp[i] - m) * r + b;
    }
  }
}

/**
 * Training-mode forward: statistics of the batch (stored in mean, rstd, variance), then the normalisation;
 * with `relu` (a ReLU after the norm), also relu = max(out, 0), fused in SIMD.
 */
export function batchnorm2dForward(
  out: FloatArray, mean: FloatArray, rstd: FloatArray, variance: FloatArray,
  inp: FloatArray, gamma: FloatArray, beta: FloatArray,
  N: number, C: number, HW: number, eps: number, relu: FloatArray | null = null,
): void {
  batchnorm2dStats(mean, rstd, variance, inp, N, C, HW, eps);
  normalizeChannels(out, inp, mean, rstd, gamma, beta, N, C, HW, relu);
}

/**
 * Backward of the training-mode forward, accumulating. With xhat = (x - mean) rstd, g = dout gamma,
 * and means over the N*HW values of the channel:
 *   dbeta += sum dout,  dgamma += sum dout xhat,  dx += rstd (g - mean(g) - xhat mean(g xhat))
 */
export function batchnorm2dBackward(
  dinp: FloatArray, dgamma: FloatArray, dbeta: FloatArray,
  dout: FloatArray, inp: FloatArray, gamma: FloatArray, mean: FloatArray, rstd: FloatArray,
  N: number, C: number, HW: number,
): void {
  const M = N * HW;
  const P = N * C;
  const k = simdPlaneKernels([dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd], P, 6);
  if (k !== null) {
    const [sD, sDX, Mexp, A, Bc, Cc] = k.temps;
    for (let p = 0; p < P; p++) Mexp[p] = mean[p % C];
    k.backwardSums(sD, sDX, dout, inp, Mexp, P, HW);
    planeCoefficients(k.temps, dgamma, dbeta, gamma, rstd, N, C, HW);
    k.backwardApply(dinp, dout, inp, Mexp, A, Bc, Cc, P, HW);
    return;
  }
  for (let c = 0; c < C; c++) {
    const m = mean[c], r = rstd[c], g = gamma[c];
    let sumD = 0;
    let sumDX = 0;
    for (let n = 0; n < N; n++) {
      const o = (n * C + c) * HW;
      for (let i = o; i < o + HW; i++) {
        const d = dout[i];
        sumD += d;
        sumDX += d * (inp[i] - m) * r;
      }
    }
    dbeta[c] += sumD;
    dgamma[c] += sumDX;
    const meanG = (sumD * g) / M;
    const meanGX = (sumDX * g) / M;
    for (let n = 0; n < N; n++) {
      const o = (n * C + c) * HW;
      for (let i = o; i < o + HW; i++) dinp[i] += r * (dout[i] * g - meanG - (inp[i] - m) * r * meanGX);
    }
  }
}

/**
 * From the per-plane sums sD = sum dout, sDX = sum dout (x - mean) of the SIMD path (temps [sD, sDX,
 * Mexp, A, Bc, Cc], planes (n, c)): dbeta, dgamma accumulated per channel, and each plane's coefficients
 * of dx = A dout + Bc (x - mean) + Cc, i.e. (r g) dout + (-r^2 mean(g xhat)) (x - mean) + (-r mean(g)).
 */
function planeCoefficients(
  temps: Float32Array[], dgamma: FloatArray, dbeta: FloatArray, gamma: FloatArray, rstd: FloatArray, N: number, C: number, HW: number,
): void {
  const [sD, sDX, , A, Bc, Cc] = temps;
  const M = N * HW;
  for (let c = 0; c < C; c++) {
    let sumD = 0;
    let sumDXc = 0;
    for (let n = 0; n < N; n++) {
      sumD += sD[n * C + c];
      sumDXc += sDX[n * C + c];
    }
    const r = rstd[c], g = gamma[c];
    const sumDX = sumDXc * r; // sum dout xhat
    dbeta[c] += sumD;
    dgamma[c] += sumDX;
    A[c] = r * g;
    Bc[c] = -r * r * (g * sumDX) / M;
    Cc[c] = -r * (g * sumD) / M;
  }
  for (let p = N * C - 1; p >= C; p--) {
    const c = p % C;
    A[p] = A[c];
    Bc[p] = Bc[c];
    Cc[p] = Cc[c];
  }
}

/**
 * The backward of batch norm followed by a ReLU (act = relu(norm)), setting the layer's two intermediate
 * gradients rather than adding to them: dnorm = act > 0 ? dact : 0, dz = batchnorm2dBackward of dnorm
 * (both the first N*C*HW values, written without being cleared first); dgamma, dbeta accumulate. In
 * SIMD, one pass finds dnorm and its sums, a second writes dz.
 */
export function batchnorm2dReluBackwardSet(
  dz: FloatArray, dnorm: FloatArray, dgamma: FloatArray, dbeta: FloatArray, dact: FloatArray, act: FloatArray,
  z: FloatArray, gamma: FloatArray, mean: FloatArray, rstd: FloatArray, N: number, C: number, HW: number,
): void {
  const P = N * C;
  const k = simdPlaneKernels([dz, dnorm, dgamma, dbeta, dact, act, z, gamma, mean, rstd], P, 6);
  if (k !== null) {
    const [sD, sDX, Mexp, A, Bc, Cc] = k.temps;
    for (let p = 0; p < P; p++) Mexp[p] = mean[p % C];
    k.reluBackwardSums(dnorm, sD, sDX, dact, act, z, Mexp, P, HW);
    planeCoefficients(k.temps, dgamma, dbeta, gamma, rstd, N, C, HW);
    k.backwardSet(dz, dnorm, z, Mexp, A, Bc, Cc, P, HW);
    return;
  }
  activationBackwardSet('relu', dnorm, dact, act, P * HW);
  dz.fill(0, 0, P * HW);
  batchnorm2dBackward(dz, dgamma, dbeta, dnorm, z, gamma, mean, rstd, N, C, HW);
}

/** Running statistics after a training batch of N*HW values per channel (unbiased variance, PyTorch's momentum). */
export function batchnorm2dUpdateRunning(
  runningMean: FloatArray, runningVar: FloatArray, mean: FloatArray, variance: FloatArray,
  N: number, C: number, HW: number, momentum: number,
): void {
  batchnormUpdateRunning(runningMean, runningVar, mean, variance, N * HW, C, momentum);
}

/**
 * Evaluation-mode forward: y = gamma (x - running_mean) / sqrt(running_var + eps) + beta. `rstd` is
 * scratch of C values (it receives 1/sqrt(running_var + eps)). `relu` as in batchnorm2dForward.
 */
export function batchnorm2dEvalForward(
  out: FloatArray, rstd: FloatArray, inp: FloatArray,
  runningMean: FloatArray, runningVar: FloatArray, gamma: FloatArray, beta: FloatArray,
  N: number, C: number, HW: number, eps: number, relu: FloatArray | null = null,
): void {
  for (let c = 0; c < C; c++) rstd[c] = 1 / Math.sqrt(runningVar[c] + eps);
  normalizeChannels(out, inp, runningMean, rstd, gamma, beta, N, C, HW, relu);
}
