// The layers a session's telemetry watches, one interface for both networks: the Mlp's hidden layers
// (units) and the ConvNet's conv layers (channels; the logits' layer is not watched in either). The
// values of a stage come as (rows, units) row-major, rows = samples x positions: a hidden layer's
// arrays as they are, a conv layer's (N, C, H*W) maps transposed to (N*H*W, C) into a scratch (once per
// training step and stage), so that per-unit statistics are per-channel statistics over N x H x W,
// exactly what BatchNorm2d computes.
import { ConvNet } from '../engine/convnet';
import type { HiddenLayer } from '../engine/hidden-layer';
import type { Mlp } from '../engine/mlp';
import type { Activation, FloatArray, NormKind } from '../engine/types';
import type { WeightLayer } from '../engine/weight-layer';
import type { NetModel } from './net-model';

export type WatchedStage = 'z' | 'norm' | 'act';

export interface WatchedLayer {
  /** Units of a hidden layer, channels of a conv layer. */
  readonly units: number;
  /** Positions per channel (H*W of a conv layer's output; 1 for a hidden layer). */
  readonly positions: number;
  /** [H, W] of a conv layer's feature maps, null for a hidden layer. */
  readonly mapShape: [number, number] | null;
  readonly activation: Activation;
  readonly normKind: NormKind;
  /** Group norm's groups (1 for the other norms). */
  readonly groups: number;
  readonly W: FloatArray;
  readonly dW: FloatArray;
  readonly gamma: FloatArray | null;
  readonly beta: FloatArray | null;
  readonly runningMean: FloatArray | null;
  readonly runningVar: FloatArray | null;
  /** The engine's batch statistics of the last training step (batch norm: per unit/channel first). */
  batchMean(): FloatArray;
  batchRstd(): FloatArray;
  /** Batch norm and renorm: the biased batch variance per unit/channel, as the forward stored it. */
  batchVariance(): FloatArray;
  /** A stage's values after the last training step, (N * positions, units); null for 'norm' without a norm. */
  stage(stage: WatchedStage, N: number): FloatArray | null;
  /** The activation's input (norm(z) for pre with a norm, else z), same layout. */
  activationInput(N: number): FloatArray;
  /** The norm's input (z for pre, act(z) for post), same layout. */
  normInput(N: number): FloatArray;
}

class DenseWatch implements WatchedLayer {
  readonly positions = 1;
  readonly mapShape = null;
  constructor(private readonly l: HiddenLayer) {}
  get units() { return this.l.units; }
  get activation() { return this.l.activation; }
  get normKind() { return this.l.normKind; }
  get groups() { return this.l.groups; }
  get W() { return this.l.W; }
  get dW() { return this.l.dW; }
  get gamma() { return this.l.gamma; }
  get beta() { return this.l.beta; }
  get runningMean() { return this.l.runningMean; }
  get runningVar() { return this.l.runningVar; }
  batchMean() { return this.l.train.mean; }
  batchRstd() { return this.l.train.rstd; }
  batchVariance() { return this.l.train.variance; }
  stage(stage: WatchedStage): FloatArray | null {
    const ws = this.l.train;
    return stage === 'z' ? ws.z : stage === 'act' ? ws.act : ws.norm;
  }
  activationInput() { return this.l.activationInput(this.l.train); }
  normInput() { return this.l.normInput(this.l.train); }
}

/** (N, C, P) row-major to (N*P, C) row-major. */
export function channelsLast(dst: Float32Array, src: ArrayLike<number>, N: number, C: number, P: number): void {
  for (let n = 0; n < N; n++) {
    const sBase = n * C * P;
    const dBase = n * P * C;
    for (let c = 0; c < C; c++) {
      const s = sBase + c * P;
      for (let p = 0; p < P; p++) dst[dBase + p * C + c] = src[s + p];
    }
  }
}

class ConvWatch implements WatchedLayer {
  readonly positions: number;
  readonly mapShape: [number, number];
  /** Transposed copies per source array, and the training step they were made at. */
  private readonly copies = new Map<FloatArray, { at: number; N: number; data: Float32Array }>();
  constructor(private readonly l: WeightLayer, private readonly model: ConvNet, shape: [number, number]) {
    this.positions = l.HW;
    this.mapShape = shape;
  }
  get units() { return this.l.channels; }
  get activation() { return this.l.activation as Activation; }
  get normKind() { return this.l.normKind as NormKind; }
  get groups() { return this.l.groups; }
  get W() { return this.l.W; }
  get dW() { return this.l.dW; }
  get gamma() { return this.l.gamma; }
  get beta() { return this.l.beta; }
  get runningMean() { return this.l.runningMean; }
  get runningVar() { return this.l.runningVar; }
  batchMean() { return this.l.train.mean; }
  batchRstd() { return this.l.train.rstd; }
  batchVariance() { return this.l.train.variance; }

  private transposed(src: FloatArray, N: number): Float32Array {
    const n = N * this.l.outSize;
    let c = this.copies.get(src);
    if (c && c.at === this.model.steps && c.N === N) return c.data;
    if (!c || c.data.length < n) c = { at: -1, N: 0, data: new Float32Array(n) };
    channelsLast(c.data, src, N, this.l.channels, this.l.HW);
    c.at = this.model.steps;
    c.N = N;
    this.copies.set(src, c);
    return c.data;
  }
  stage(stage: WatchedStage, N: number): FloatArray | null {
    const ws = this.l.train;
    const src = stage === 'z' ? ws.z : stage === 'act' ? ws.act : ws.norm;
    return src ? this.transposed(src, N) : null;
  }
  activationInput(N: number) {
    const ws = this.l.train;
    return this.transposed(this.l.placement === 'pre' && ws.norm ? ws.norm : ws.z, N);
  }
  normInput(N: number) {
    return this.transposed(this.l.normInput('train'), N);
  }
}

/** The watched layers of a model: the Mlp's hidden layers, the ConvNet's conv layers. */
export function watchedLayers(model: NetModel): WatchedLayer[] {
  if (model instanceof ConvNet) {
    return model.plan.flatMap((p, i) => {
      const l = model.layers[i];
      return p.type === 'conv' ? [new ConvWatch(l as WeightLayer, model, [p.outShape[1], p.outShape[2]])] : [];
    });
  }
  return (model as Mlp).layers.map((l) => new DenseWatch(l));
}
