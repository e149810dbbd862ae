// Layer normalization (Ba et al., 2016): each sample is normalised over its C units, with the biased
// variance, the same in training and evaluation:
//   mean_b = 1/C sum_c x_bc,  var_b = 1/C sum_c (x_bc - mean_b)^2,
//   y_bc = gamma_c (x_bc - mean_b) / sqrt(var_b + eps) + beta_c
// inp, out are (B, C); mean, rstd are (B); gamma, beta are (C).
import type { FloatArray } from './types';

export function layernormForward(
  out: FloatArray, mean: FloatArray, rstd: FloatArray,
  inp: FloatArray, gamma: FloatArray, beta: FloatArray,
  B: number, C: number, eps: number,
): void {
  for (let b = 0; b < B; b++) {
    const row = b * C;
    let m = 0;
    for (let c = 0; c < C; c++) m += inp[row + c];
    m /= C;
    let v = 0;
    for (let c = 0; c < C; c++) {
      const d = inp[row + c] - m;
      v += d * d;
    }
    const r = 1 / Math.sqrt(v / C + eps);
    for (let c = 0; c < C; c++) out[row + c] = gamma[c] * (inp[row + c] - m) * r + beta[c];
    mean[b] = m;
    rstd[b] = r;
  }
}

/**
 * Backward, accumulating. Per sample, with xhat = (x - mean) rstd and g = dout * gamma:
 *   dx = rstd * (g - mean_c(g) - xhat * mean_c(g * xhat)),  dgamma += dout * xhat,  dbeta += dout
 */
export function layernormBackward(
  dinp: FloatArray, dgamma: FloatArray, dbeta: FloatArray,
  dout: FloatArray, inp: FloatArray, gamma: FloatArray, mean: FloatArray, rstd: FloatArray,
  B: number, C: number,
): void {
  for (let b = 0; b < B; b++) {
    const row = b * C;
    const m = mean[b];
    const r = rstd[b];
    let sumG = 0;
    let sumGX = 0;
    for (let c = 0; c < C; c++) {
      const xhat = (inp[row + c] - m) * r;
      const g = dout[row + c] * gamma[c];
      sumG += g;
      sumGX += g * xhat;
    }
    const meanG = sumG / C;
    const meanGX = sumGX / C;
    for (let c = 0; c < C; c++) {
      const i = row + c;
      const xhat = (inp[i] - m) * r;
      dbeta[c] += dout[i];
      dgamma[c] += dout[i] * xhat;
      dinp[i] += r * (dout[i] * gamma[c] - meanG - xhat * meanGX);
    }
  }
}
