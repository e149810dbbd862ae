// Softmax cross-entropy, mean over the batch. logits, probs, dlogits are (B, V); targets are (B).
//   loss_b = logsumexp(z_b) - z_b[y_b],  logsumexp(z) = max(z) + log sum_j exp(z_j - max(z))
//   dloss/dz_bj = (softmax(z_b)_j - [j = y_b]) / B
import type { FloatArray } from './types';

export type Labels = ArrayLike<number>;

/** Writes the softmax probabilities and returns the mean loss. Labels must already be validated. */
export function crossentropyForward(
  probs: FloatArray, logits: FloatArray, targets: Labels, B: number, V: number,
): number {
  let total = 0;
  for (let b = 0; b < B; b++) {
    const row = b * V;
    let max = -Infinity;
    for (let j = 0; j < V; j++) if (logits[row + j] > max) max = logits[row + j];
    let sum = 0;
    for (let j = 0; j < V; j++) {
      const e = Math.exp(logits[row + j] - max);
      probs[row + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < V; j++) probs[row + j] *= inv;
    total += max + Math.log(sum) - logits[row + targets[b]];
  }
  return total / B;
}

/** Accumulates the gradient of the mean loss into dlogits. */
export function crossentropyBackward(
  dlogits: FloatArray, probs: FloatArray, targets: Labels, B: number, V: number,
): void {
  const scale = 1 / B;
  for (let b = 0; b < B; b++) {
    const row = b * V;
    for (let j = 0; j < V; j++) dlogits[row + j] += probs[row + j] * scale;
    dlogits[row + targets[b]] -= scale;
  }
}
