// The numbers of the "Batch norm step by step" panel, from a frame's BnDetail: Ioffe & Szegedy's
// Algorithm 1 for one unit over the current mini-batch, in training mode (the batch's own mean and
// variance) or evaluation mode (the running estimates replace them; gamma and beta are the same).
//   (1) mu_B = (1/m) sum x_i   (2) sigma^2_B = (1/m) sum (x_i - mu_B)^2
//   (3) xhat_i = (x_i - mu) / sqrt(sigma^2 + eps)   (4) y_i = gamma xhat_i + beta
// In training mode xhat and y are the engine's own values; in evaluation mode the panel computes them
// from the numbers it shows, so a reader can check them by hand.
import type { BnDetail } from '../telemetry/frame';

export type BnMode = 'train' | 'eval';

export interface BnRow {
  i: number;
  x: number;
  xhat: number;
  y: number;
}

export interface BnNumbers {
  mode: BnMode;
  /** Batch size in use. */
  m: number;
  /** The mean and variance used in (3): the batch's (training) or the running estimates (evaluation). */
  mean: number;
  variance: number;
  eps: number;
  gamma: number;
  beta: number;
  /**
   * The standard deviation of x̂ over this batch: σ_B / √(σ² + ε) with σ² from (3). In training mode
   * √(σ_B² / (σ_B² + ε)): 1 when σ_B² >> ε, below 1 when ε is not small next to it.
   */
  xhatStd: number;
  /** The first few samples. */
  rows: BnRow[];
}

export function bnNumbers(d: BnDetail, mode: BnMode, shown = 6): BnNumbers {
  const m = d.x.length;
  const n = Math.min(shown, m);
  const rows: BnRow[] = [];
  if (mode === 'train') {
    for (let i = 0; i < n; i++) rows.push({ i: i + 1, x: d.x[i], xhat: d.xhat[i], y: d.y[i] });
    return { mode, m, mean: d.mean, variance: d.variance, eps: d.eps, gamma: d.gamma, beta: d.beta, xhatStd: Math.sqrt(d.variance / (d.variance + d.eps)), rows };
  }
  const scale = 1 / Math.sqrt(d.runningVar + d.eps);
  for (let i = 0; i < n; i++) {
    const xhat = (d.x[i] - d.runningMean) * scale;
    rows.push({ i: i + 1, x: d.x[i], xhat, y: d.gamma * xhat + d.beta });
  }
  return { mode, m, mean: d.runningMean, variance: d.runningVar, eps: d.eps, gamma: d.gamma, beta: d.beta, xhatStd: Math.sqrt(d.variance) * scale, rows };
}

/**
 * Epsilon as the panel writes it: plain decimals from 0.001 up ("0.001", "0.1"), otherwise the
 * shortest exponent form without "+" ("1e-5", "2.5e-7", "1e-10").
 */
export function formatEps(eps: number): string {
  if (!Number.isFinite(eps)) return String(eps);
  if (eps === 0 || (Math.abs(eps) >= 1e-3 && Math.abs(eps) < 1e6)) return String(eps);
  return eps.toExponential().replace('e+', 'e');
}

/** A number with 4 significant digits, or fixed 4 decimals near 1, with a real minus sign. */
export function formatNum(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  const s = a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3).replace('e+', 'e') : v.toFixed(4);
  return s.replace(/-/g, '−');
}
