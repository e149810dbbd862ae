// Folding batch norm into the linear layers: in evaluation mode batch norm (and renorm, whose
// evaluation is the same) is a fixed affine map per unit,
//   n_c = s_c x_c + t_c,   s_c = gamma_c / sqrt(running_var_c + eps),   t_c = beta_c - running_mean_c s_c,
// which a neighbouring linear layer can absorb, leaving a plain network with the same logits.
//   pre  (z = W x + b, n = BN(z), a = act(n)):  into the layer's own linear map, row-wise:
//        W'_c = s_c W_c,   b'_c = (b_c - running_mean_c) s_c + beta_c
//   post (a = BN(act(W x + b))): into the NEXT linear layer (hidden or output), column-wise:
//        W_next' = W_next diag(s),   b_next' = b_next + W_next t
// Layer and group norm normalise each sample by its own statistics: no fixed linear map does that,
// so they are refused. Everything is computed in float64 from the model's stored values.
import { Mlp, type LayerParams } from './mlp';
import { EngineError, type Dtype, type FloatArray, type ModelSpec } from './types';

/** Trainable scalars, non-trainable buffers (running mean and variance), and their bytes at the model's dtype. */
export interface ParameterCounts {
  parameters: number;
  buffers: number;
  bytes: number;
}

export interface FoldResult {
  /** The model's spec with every hidden norm 'none' (no groups, rmax, dmax). */
  spec: ModelSpec;
  /** Parameters of the folded network, one entry per linear layer, for Mlp.setParams. */
  params: LayerParams<Float64Array>[];
  counts: { before: ParameterCounts; after: ParameterCounts };
}

const BYTES: Record<Dtype, number> = { float32: 4, float64: 8 };

/** The counts of a model; its bytes are those of its parameters and buffers at its own dtype. */
export function modelCounts(model: Mlp): ParameterCounts {
  const parameters = model.parameterCount();
  const buffers = model.layers.reduce((n, l) => n + (l.runningMean ? l.runningMean.length + l.runningVar!.length : 0), 0);
  return { parameters, buffers, bytes: (parameters + buffers) * BYTES[model.dtype] };
}

/** The network without its norms: same layers and activations, norm 'none'. */
function plainSpec(spec: ModelSpec): ModelSpec {
  return {
    inputSize: spec.inputSize, outputSize: spec.outputSize, normPlacement: spec.normPlacement,
    eps: spec.eps, momentum: spec.momentum,
    hidden: spec.hidden.map((h) => ({ units: h.units, activation: h.activation, norm: 'none' })),
  };
}

/**
 * Folds every batch norm / renorm of a trained model into its linear layers (see the top of the file).
 * The result gives the model's evaluation-mode logits; refuses layer and group norm.
 */
export function foldBatchNorm(model: Mlp): FoldResult {
  const { spec } = model;
  model.layers.forEach((l, i) => {
    if (l.normKind === 'layer' || l.normKind === 'group') {
      throw new EngineError(`cannot fold hidden layer ${i + 1}: ${l.normKind} norm normalises each sample by its own statistics, which no fixed linear layer reproduces; only batch norm and renorm (in evaluation mode) fold`);
    }
  });
  const params = model.getParams().map(({ W, b }) => ({ W, b }));
  const layerInputs = [spec.inputSize, ...spec.hidden.map((h) => h.units)];
  model.layers.forEach((l, i) => {
    if (!l.runningMean) return;
    const U = l.units;
    const s = new Float64Array(U);
    const t = new Float64Array(U);
    for (let c = 0; c < U; c++) {
      s[c] = l.gamma![c] / Math.sqrt(l.runningVar![c] + spec.eps);
      t[c] = l.beta![c] - l.runningMean[c] * s[c];
    }
    if (spec.normPlacement === 'pre') {
      const { W, b } = params[i];
      const I = layerInputs[i];
      for (let c = 0; c < U; c++) {
        for (let k = 0; k < I; k++) W[c * I + k] *= s[c];
        b[c] = (b[c] - l.runningMean[c]) * s[c] + l.beta![c];
      }
    } else {
      const { W, b } = params[i + 1]; // (O, U): the next layer reads this layer's U units
      const O = b.length;
      for (let o = 0; o < O; o++) {
        let shift = 0;
        for (let c = 0; c < U; c++) shift += W[o * U + c] * t[c];
        b[o] += shift;
        for (let c = 0; c < U; c++) W[o * U + c] *= s[c];
      }
    }
  });
  const folded = plainSpec(spec);
  const parameters = params.reduce((n, p) => n + p.W.length + p.b.length, 0);
  return {
    spec: folded,
    params,
    counts: { before: modelCounts(model), after: { parameters, buffers: 0, bytes: parameters * BYTES[model.dtype] } },
  };
}

/** The folded network as an Mlp of the given dtype (its optimizer is plain SGD at lr 0: it is for evaluation). */
export function buildFoldedMlp(fold: FoldResult, dtype: Dtype = 'float32'): Mlp {
  const m = new Mlp(fold.spec, { type: 'sgd', lr: 0, momentum: 0, weightDecay: 0 }, { dtype });
  m.setParams(fold.params);
  return m;
}

/** The folded network for a JSON download: the spec and each layer's W as rows [out][in], b, and the counts. */
export function foldedModelJson(fold: FoldResult): { model: ModelSpec; params: { W: number[][]; b: number[] }[]; counts: FoldResult['counts'] } {
  return {
    model: structuredClone(fold.spec),
    params: fold.params.map(({ W, b }) => {
      const O = b.length;
      const I = W.length / O;
      return { W: Array.from({ length: O }, (_, o) => Array.from(W.subarray(o * I, (o + 1) * I))), b: Array.from(b) };
    }),
    counts: structuredClone(fold.counts),
  };
}

/**
 * max |logits_a - logits_b| over N rows of x (N, inputSize), both in evaluation mode (running
 * statistics): how far a folded network is from the one it was folded from.
 */
export function maxLogitDifference(a: Mlp, b: Mlp, x: FloatArray, N: number, chunk = 1000): number {
  if (a.spec.inputSize !== b.spec.inputSize || a.spec.outputSize !== b.spec.outputSize) {
    throw new EngineError(`the two networks differ in shape: ${a.spec.inputSize} -> ${a.spec.outputSize} against ${b.spec.inputSize} -> ${b.spec.outputSize}`);
  }
  const O = a.spec.outputSize;
  const first = new Float64Array(N * O);
  a.forwardEval(x, N, { mode: 'eval', chunk }, (start, R, logits) => {
    for (let i = 0; i < R * O; i++) first[start * O + i] = logits[i];
  });
  let max = 0;
  b.forwardEval(x, N, { mode: 'eval', chunk }, (start, R, logits) => {
    for (let i = 0; i < R * O; i++) {
      const d = Math.abs(logits[i] - first[start * O + i]);
      if (d > max || Number.isNaN(d)) max = d; // once NaN, stays NaN
    }
  });
  return max;
}
