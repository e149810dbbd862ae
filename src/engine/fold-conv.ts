// Folding BatchNorm2d into the convolution before it (the layer-list network of convnet.ts). In
// evaluation mode BatchNorm2d is a fixed affine map per channel c, the same at every position,
//   n_c = s_c z_c + t_c,   s_c = gamma_c / sqrt(running_var_c + eps),   t_c = beta_c - running_mean_c s_c,
// and z_c = W_c * x + b_c is the conv's output channel c, so (placement pre)
//   W'_c = s_c W_c  (every input channel and kernel position),   b'_c = (b_c - running_mean_c) s_c + beta_c.
// After the activation (placement post) the map would have to pass through max pooling (only for
// s_c > 0) and the next conv's zero padding (whose zeros would have to become t_c): not exact, so it
// is refused, as are group norm (per-sample statistics) and a norm on a linear layer of this network.
// Computed in float64 from the model's stored values.
import { ConvNet } from './convnet';
import type { ConvNetSpec } from './convnet-spec';
import type { ParameterCounts } from './fold';
import type { LayerParams } from './mlp';
import { EngineError, type Dtype, type FloatArray } from './types';
import { WeightLayer } from './weight-layer';

const BYTES: Record<Dtype, number> = { float32: 4, float64: 8 };

export interface ConvFoldResult {
  /** The spec with every norm 'none' (no groups). */
  spec: ConvNetSpec;
  /** One entry per weight layer, for ConvNet.setParams. */
  params: LayerParams<Float64Array>[];
  counts: { before: ParameterCounts; after: ParameterCounts };
}

/** Trainable scalars, running-statistics buffers, and their bytes at the model's dtype. */
export function convNetCounts(model: ConvNet): ParameterCounts {
  const parameters = model.parameterCount();
  const buffers = model.weightLayers.reduce((n, l) => n + (l.runningMean ? 2 * l.runningMean.length : 0), 0);
  return { parameters, buffers, bytes: (parameters + buffers) * BYTES[model.dtype] };
}

/** Folds every BatchNorm2d (placement pre) into its conv; the result gives the model's evaluation logits. */
export function foldConvBatchNorm(model: ConvNet): ConvFoldResult {
  const eps = model.spec.eps;
  model.weightLayers.forEach((l, i) => {
    const where = `layer ${i + 1} (${l.type})`;
    if (l.normKind === 'group') {
      throw new EngineError(`cannot fold ${where}: group norm normalises each sample by its own statistics, which no fixed conv reproduces; only batch norm (in evaluation mode) folds`);
    }
    if (l.normKind === 'batch' && l.placement === 'post') {
      throw new EngineError(`cannot fold ${where}: its batch norm comes after the activation, and the fixed map would have to pass through max pooling and the next conv's zero padding; only batch norm right after a conv (placement pre) folds`);
    }
  });
  const params = model.getParams().map(({ W, b }) => ({ W, b }));
  model.weightLayers.forEach((l: WeightLayer, i) => {
    if (!l.runningMean) return;
    const { W, b } = params[i];
    const F = l.fanIn;
    for (let c = 0; c < l.channels; c++) {
      const s = l.gamma![c] / Math.sqrt(l.runningVar![c] + eps);
      for (let k = 0; k < F; k++) W[c * F + k] *= s;
      b[c] = (b[c] - l.runningMean[c]) * s + l.beta![c];
    }
  });
  const spec = structuredClone(model.spec);
  spec.layers = spec.layers.map((layer) => {
    if (layer.type !== 'conv' && layer.type !== 'linear') return layer;
    const { groups: _groups, ...rest } = layer;
    return { ...rest, norm: 'none' as const };
  });
  const parameters = params.reduce((n, p) => n + p.W.length + p.b.length, 0);
  return { spec, params, counts: { before: convNetCounts(model), after: { parameters, buffers: 0, bytes: parameters * BYTES[model.dtype] } } };
}

/** The folded network as a ConvNet (plain SGD at lr 0: it is for evaluation). */
export function buildFoldedConvNet(fold: ConvFoldResult, dtype: Dtype = 'float32'): ConvNet {
  const m = new ConvNet(fold.spec, { type: 'sgd', lr: 0, momentum: 0, weightDecay: 0 }, { dtype });
  m.setParams(fold.params);
  return m;
}

/** The folded network for a JSON download: the spec, each layer's W flat (a conv's as (out, in, k, k)) and b. */
export function foldedConvNetJson(fold: ConvFoldResult): { model: ConvNetSpec; params: { W: number[]; b: number[] }[]; counts: ConvFoldResult['counts'] } {
  return {
    model: structuredClone(fold.spec),
    params: fold.params.map(({ W, b }) => ({ W: Array.from(W), b: Array.from(b) })),
    counts: structuredClone(fold.counts),
  };
}

/** Anything that evaluates in chunks as Mlp and ConvNet do. */
interface ForwardEval {
  forwardEval(x: FloatArray, N: number, opts: { mode?: 'eval'; chunk?: number }, visit: (start: number, R: number, logits: FloatArray) => void): void;
}

/** max |logits_a - logits_b| over N rows of x, both in evaluation mode; `classes` logits per row. */
export function maxLogitGap(a: ForwardEval, b: ForwardEval, x: FloatArray, N: number, classes: number, chunk = 100): number {
  const first = new Float64Array(N * classes);
  a.forwardEval(x, N, { mode: 'eval', chunk }, (start, R, logits) => {
    for (let i = 0; i < R * classes; i++) first[start * classes + i] = logits[i];
  });
  let max = 0;
  b.forwardEval(x, N, { mode: 'eval', chunk }, (start, R, logits) => {
    for (let i = 0; i < R * classes; i++) {
      const d = Math.abs(logits[i] - first[start * classes + i]);
      if (d > max || Number.isNaN(d)) max = d;
    }
  });
  return max;
}
