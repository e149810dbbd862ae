// The batch-norm computation of one unit of the current batch, as the step-by-step panel shows it
// with formulas (1)-(4): the inputs x_i, the batch mean and biased variance, eps, the normalised x-hat_i,
// gamma and beta, the outputs y_i, and the running estimates.
import type { TrainingSession } from '../session/session';

export interface BnDetail {
  run: string;
  layer: number;
  unit: number;
  /** (1) mean, (2) biased variance of the batch, eps, (3) normalised values, (4) gamma, beta, outputs. */
  x: Float32Array;
  mean: number;
  variance: number;
  eps: number;
  xhat: Float32Array;
  gamma: number;
  beta: number;
  y: Float32Array;
  runningMean: number;
  runningVar: number;
  momentum: number;
}

/**
 * The batch-norm computation of one unit in the last batch, from the first batch-norm run: gamma and
 * beta as that forward pass used them (the optimizer has moved them since); the running estimates
 * after this batch's update.
 */
export function bnDetail(session: TrainingSession, selected: { layer: number; unit: number }, usedGamma: Float32Array[], usedBeta: Float32Array[]): BnDetail | null {
  const run = session.runs.find((r) => r.norm === 'batch');
  if (!run) return null;
  // The CNN's conv channels have N x H x W values each: its own panel (conv-bn-detail.ts) shows them.
  const l = run.watched[selected.layer];
  const B = run.model.lastBatchSize;
  if (!l || l.positions !== 1 || selected.unit >= l.units || B < 2) return null;
  const U = l.units;
  const u = selected.unit;
  const inp = l.normInput(B);
  const norm = l.stage('norm', B)!;
  const eps = run.stepEps; // the eps of the step these statistics come from (the run may keep its own)
  const x = new Float32Array(B);
  const xhat = new Float32Array(B);
  const y = new Float32Array(B);
  const mean = l.batchMean()[u];
  const rstd = l.batchRstd()[u];
  const variance = l.batchVariance()[u]; // as the kernel stored it, not 1/rstd^2 - eps (cancels when var << eps)
  for (let b = 0; b < B; b++) {
    x[b] = inp[b * U + u];
    xhat[b] = (x[b] - mean) * rstd;
    y[b] = norm[b * U + u];
  }
  return {
    run: run.id, layer: selected.layer, unit: u, x, mean, variance, eps, xhat,
    gamma: usedGamma[selected.layer][u], beta: usedBeta[selected.layer][u], y, runningMean: l.runningMean![u], runningVar: l.runningVar![u],
    momentum: session.settings.momentum,
  };
}
