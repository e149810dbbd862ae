// The loss landscape along the gradient and internal covariate shift, measured on one network and one
// mini-batch, after Santurkar, Tsipras, Ilyas & Madry (2018), "How Does Batch Normalization Help
// Optimization?" (Section 3.1, Figure 4; Definition 2.1, Figure 5).
//
// At parameters w with mini-batch loss L and gradient g = grad L(w), for each step size eta of a grid:
//   loss range               min / max over eta of  L(w - eta g)
//   gradient predictiveness  min / max over eta of  ||grad L(w - eta g) - g||
//   effective beta-smoothness      max over eta of  ||grad L(w - eta g) - g|| / ||eta g||
// and, per linear layer i (hidden layers, then the output layer), their ICS:
//   G_i  = layer i's gradient at w,
//   G'_i = layer i's gradient after layers 1..i-1 took the step  w_j - lr g_j  (j < i), the rest as at w,
//   ICS_i = ||G_i - G'_i||  and  cos(G_i, G'_i) = <G_i, G'_i> / (||G_i|| ||G'_i||).
// A layer's gradient is all of its parameters (W, b, and gamma, beta where it has a norm) as one vector.
// Layer 1 has no layers below it: G' = G, so ICS_1 = 0 and cos = 1 by definition (not recomputed).
//
// Choices:
// - g is the gradient of the data loss (cross-entropy) alone: weight decay is left out, and so is what
//   the optimizer does with g. The landscape is the loss's, probed along its own gradient, as in the
//   paper. ICS uses the plain gradient step w_j - lr g_j whatever the optimizer: with SGD momentum or
//   Adam the real update differs (a momentum buffer, per-parameter scaling), and reproducing it would
//   mean reading the optimizer's state, which this never touches; the measure is Definition 2.1 with
//   plain SGD at the session's learning rate.
// - Every loss and gradient is on the same batch with batch statistics, exactly as the training step
//   sees it, but with updateRunning = false: batch norm's running estimates do not move.
// - The parameters are copied to a scratch buffer first and written back bit for bit at the end; the
//   gradients and the training workspaces are left overwritten (the next training step recomputes
//   them), so measure before a training step, on the batch that step is about to use.
import type { Mlp } from '../../engine/mlp';
import type { FloatArray } from '../../engine/types';

/** Step sizes as multiples of the learning rate: 8 points log-spaced from 0.5 to 4 (ratio 8^(1/7) ~ 1.346). */
export const ETA_MULTIPLES: readonly number[] = Array.from({ length: 8 }, (_, k) => 0.5 * 8 ** (k / 7));

/** What one measurement found; the probe reuses this object (and its arrays) for every measurement. */
export interface LandscapeResult {
  /** L(w) on the batch. */
  loss: number;
  /** ||g||. */
  gradNorm: number;
  /** The step sizes eta used (the grid times the learning rate). */
  etas: Float64Array;
  /** Per eta: L(w - eta g). */
  lossAt: Float64Array;
  /** Per eta: ||grad L(w - eta g) - g||. */
  gradDiff: Float64Array;
  lossMin: number;
  lossMax: number;
  gradPredMin: number;
  gradPredMax: number;
  /** max over eta of ||grad L(w - eta g) - g|| / (eta ||g||). */
  betaSmooth: number;
  /** Per linear layer (hidden layers, then the output layer): ||G - G'|| and cos(G, G'). */
  icsDist: Float64Array;
  icsCos: Float64Array;
}

/** Forward-backward passes one measurement costs: g, one per step size, one per layer above the first. */
export function passesPerMeasurement(linearLayers: number, etas = ETA_MULTIPLES.length): number {
  return 1 + etas + Math.max(0, linearLayers - 1);
}

/** The measurement on one model, with scratch allocated once for that model. */
export class LandscapeProbe {
  /** Linear layers: the hidden layers, then the output layer. */
  readonly layers: number;
  private readonly values: FloatArray[];
  private readonly grads: FloatArray[];
  /** Offset of each parameter in the flat scratch buffers, and the layer it belongs to. */
  private readonly offsets: number[];
  private readonly layerOf: number[];
  /** w at the start (exact: every float32 is a float64), and g. */
  private readonly saved: Float64Array;
  private readonly g: Float64Array;
  /**
   * Flat scratch: the current gradient, and the next parameters in the model's precision. The model's
   * arrays may be views of WebAssembly memory, which JavaScript loops read slowly; the loops run on
   * these plain arrays, and only native set() copies touch the model's (about 5x faster here).
   */
  private readonly gradNow: Float64Array;
  private readonly next: FloatArray;
  readonly result: LandscapeResult;

  constructor(private readonly model: Mlp) {
    this.layers = model.layers.length + 1;
    this.values = model.params.map((p) => p.value);
    this.grads = model.params.map((p) => p.grad);
    this.offsets = [];
    let n = 0;
    for (const p of model.params) { this.offsets.push(n); n += p.value.length; }
    // Names are "hidden<k>.<W|b|gamma|beta>" (k from 1) or "output.<W|b>".
    this.layerOf = model.params.map((p) => {
      const m = /^hidden(\d+)\./.exec(p.name);
      return m ? Number(m[1]) - 1 : this.layers - 1;
    });
    this.saved = new Float64Array(n);
    this.g = new Float64Array(n);
    this.gradNow = new Float64Array(n);
    this.next = model.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
    const E = ETA_MULTIPLES.length;
    this.result = {
      loss: NaN, gradNorm: NaN, etas: new Float64Array(E), lossAt: new Float64Array(E), gradDiff: new Float64Array(E),
      lossMin: NaN, lossMax: NaN, gradPredMin: NaN, gradPredMax: NaN, betaSmooth: NaN,
      icsDist: new Float64Array(this.layers), icsCos: new Float64Array(this.layers),
    };
  }

  /**
   * Measures at the model's current parameters on the batch x (B, inputSize), labels y (B), with step
   * sizes relative to `lr`. The parameters and batch-norm running statistics are as before afterwards;
   * the gradients and training workspaces are not. Returns the probe's result object.
   */
  measure(x: FloatArray, y: ArrayLike<number>, B: number, lr: number): LandscapeResult {
    const { model, values, offsets, saved, g } = this;
    const r = this.result;
    const P = values.length;
    for (let p = 0; p < P; p++) saved.set(values[p], offsets[p]);
    try {
      r.loss = model.computeGradients(x, y, B, false);
      this.readGradients(g);
      let g2 = 0;
      for (let i = 0; i < g.length; i++) g2 += g[i] * g[i];
      r.gradNorm = Math.sqrt(g2);
      this.alongGradient(x, y, B, lr);
      this.covariateShift(x, y, B, lr);
    } finally {
      this.restore();
    }
    return r;
  }

  /** Loss and gradient at w - eta g for every eta of the grid. */
  private alongGradient(x: FloatArray, y: ArrayLike<number>, B: number, lr: number): void {
    const { model, saved, g, gradNow, next } = this;
    const r = this.result;
    const n = g.length;
    let lossMin = Infinity;
    let lossMax = -Infinity;
    let predMin = Infinity;
    let predMax = -Infinity;
    let beta = -Infinity;
    for (let k = 0; k < ETA_MULTIPLES.length; k++) {
      const eta = ETA_MULTIPLES[k] * lr;
      for (let i = 0; i < n; i++) next[i] = saved[i] - eta * g[i];
      this.writeParams(next);
      const loss = model.computeGradients(x, y, B, false);
      this.readGradients(gradNow);
      let d2 = 0;
      for (let i = 0; i < n; i++) { const d = gradNow[i] - g[i]; d2 += d * d; }
      const diff = Math.sqrt(d2);
      r.etas[k] = eta;
      r.lossAt[k] = loss;
      r.gradDiff[k] = diff;
      // Math.min/max propagate NaN: a step that leaves the finite numbers shows as "no value".
      lossMin = Math.min(lossMin, loss);
      lossMax = Math.max(lossMax, loss);
      predMin = Math.min(predMin, diff);
      predMax = Math.max(predMax, diff);
      beta = Math.max(beta, diff / (eta * r.gradNorm));
    }
    r.lossMin = lossMin;
    r.lossMax = lossMax;
    r.gradPredMin = predMin;
    r.gradPredMax = predMax;
    r.betaSmooth = beta;
  }

  /** Definition 2.1: layer i's gradient after the layers below it took their step, layer by layer. */
  private covariateShift(x: FloatArray, y: ArrayLike<number>, B: number, lr: number): void {
    const { model, values, offsets, saved, g, layerOf, gradNow, next } = this;
    const r = this.result;
    const P = values.length;
    this.restore();
    for (let i = 0; i < next.length; i++) next[i] = saved[i];
    r.icsDist[0] = 0;
    r.icsCos[0] = 1;
    for (let layer = 1; layer < this.layers; layer++) {
      // Layers 0..layer-2 stepped already; now layer - 1 does.
      for (let p = 0; p < P; p++) {
        if (layerOf[p] !== layer - 1) continue;
        const o = offsets[p];
        const end = o + values[p].length;
        for (let i = o; i < end; i++) next[i] = saved[i] - lr * g[i];
        values[p].set(next.subarray(o, end));
      }
      model.computeGradients(x, y, B, false);
      this.readGradients(gradNow);
      let d2 = 0;
      let dot = 0;
      let n1 = 0;
      let n2 = 0;
      for (let p = 0; p < P; p++) {
        if (layerOf[p] !== layer) continue;
        const o = offsets[p];
        const end = o + values[p].length;
        for (let i = o; i < end; i++) {
          const a = g[i];
          const b = gradNow[i];
          const d = b - a;
          d2 += d * d;
          dot += a * b;
          n1 += a * a;
          n2 += b * b;
        }
      }
      r.icsDist[layer] = Math.sqrt(d2);
      // Rounding can put |cos| a hair above 1 for nearly parallel vectors: clamp into [-1, 1].
      r.icsCos[layer] = Math.max(-1, Math.min(1, dot / Math.sqrt(n1 * n2)));
    }
  }

  private restore(): void {
    const { values, offsets, saved } = this;
    // saved holds float32 values exactly, so the conversion in set() gives back the same bits
    for (let p = 0; p < values.length; p++) values[p].set(saved.subarray(offsets[p], offsets[p] + values[p].length));
  }

  /** Every parameter's gradient into the flat `out` (native copies). */
  private readGradients(out: Float64Array): void {
    const { grads, offsets } = this;
    for (let p = 0; p < grads.length; p++) out.set(grads[p], offsets[p]);
  }

  /** The flat `flat` into the model's parameters (native copies). */
  private writeParams(flat: FloatArray): void {
    const { values, offsets } = this;
    for (let p = 0; p < values.length; p++) values[p].set(flat.subarray(offsets[p], offsets[p] + values[p].length));
  }
}
