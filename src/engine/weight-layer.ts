// A layer with weights in the layer-list network: a convolution or a linear map, then an optional
// norm and an activation in either order (as hidden-layer.ts for the fully connected network):
//   pre:  z = layer(x),  n = norm(z),  a = act(n)        post:  z = layer(x),  h = act(z),  a = norm(h)
// Values are (N, C, HW) row-major: C channels of HW positions (a linear layer: C units, HW = 1).
// Batch norm is BatchNorm2d over N*HW values per channel (BatchNorm1d when HW = 1); group norm is per
// sample over each group's channels and positions. The identity activation ('linear') aliases its
// input, so the logits' layer stores z once.
//
// What a view can read without copying (the arrays of `train` after a training step, the first
// N*C*HW values): normInput() and normOutput() (before and after the norm), z, act; the batch
// statistics mean and rstd = 1/sqrt(var + eps) (batch norm: per channel; group norm: (N, groups));
// runningMean and runningVar (batch norm).
import { activationBackwardSet, activationForward } from './activation';
import {
  batchnorm2dBackward, batchnorm2dEvalForward, batchnorm2dForward, batchnorm2dReluBackwardSet, batchnorm2dUpdateRunning,
} from './batchnorm2d';
import { colSize, conv2dBackward, conv2dForward, type ConvGeometry } from './conv2d';
import type { PlannedLayer } from './convnet-spec';
import type { NetActivation, NetNorm } from './convnet-spec';
import { groupnormBackward, groupnormForward } from './groupnorm';
import type { MakeArray, NormMode } from './hidden-layer';
import { matmulBackward, matmulForward } from './matmul';
import type { FloatArray, NormPlacement } from './types';

export type Phase = 'train' | 'eval';

/** The values of one batch through one weight layer; per-sample arrays hold `capacity` samples. */
export class WeightWorkspace {
  capacity = 0;
  z!: FloatArray;
  act!: FloatArray;
  norm!: FloatArray | null;
  dz!: FloatArray;
  dact!: FloatArray;
  dnorm!: FloatArray | null;
  /** batch norm: (C) per channel; group norm: (capacity, groups) */
  mean!: FloatArray;
  rstd!: FloatArray;
  /** batch norm: the biased batch variance per channel (C), as the forward computed it; else unused */
  variance!: FloatArray;
  /** conv: one sample's columns (scratch of both passes); else empty */
  col!: FloatArray;
  /** conv, training: one sample's column gradients */
  dcol!: FloatArray;

  constructor(private readonly layer: WeightLayer, readonly training: boolean, private readonly make: MakeArray) {
    this.ensure(1);
  }

  ensure(N: number): void {
    if (N <= this.capacity) return;
    const l = this.layer;
    const cap = Math.max(N, this.capacity * 2);
    const n = cap * l.outSize;
    const empty = this.make(0);
    const hasNorm = l.normKind !== 'none';
    const identity = l.activation === 'linear';
    this.z = this.make(n);
    this.norm = hasNorm ? this.make(n) : null;
    this.act = identity ? (l.placement === 'pre' && this.norm ? this.norm : this.z) : this.make(n);
    if (this.training) {
      this.dz = this.make(n);
      this.dnorm = hasNorm ? this.make(n) : null;
      this.dact = identity ? (l.placement === 'pre' && this.dnorm ? this.dnorm : this.dz) : this.make(n);
    } else {
      this.dz = this.dact = empty;
      this.dnorm = null;
    }
    const stats = l.normKind === 'group' ? cap * l.groups : l.channels;
    this.mean = this.make(Math.max(stats, l.channels));
    this.rstd = this.make(Math.max(stats, l.channels));
    if (this.variance === undefined) this.variance = this.make(l.channels);
    const g = l.geometry;
    if (this.col === undefined) this.col = g === null ? empty : this.make(colSize(g));
    if (this.dcol === undefined) this.dcol = g !== null && this.training ? this.make(colSize(g)) : empty;
    this.capacity = cap;
  }
}

export class WeightLayer {
  readonly type: 'conv' | 'linear';
  /** Values of one input sample (C*H*W). */
  readonly inSize: number;
  /** Output channels (or units). */
  readonly channels: number;
  /** Positions per output channel (OH*OW; 1 for a linear layer). */
  readonly HW: number;
  /** Values of one output sample: channels * HW. */
  readonly outSize: number;
  /** Inputs of one output value: C*K*K for a conv, inSize for a linear layer. */
  readonly fanIn: number;
  readonly geometry: ConvGeometry | null;
  readonly normKind: NetNorm;
  readonly activation: NetActivation;
  readonly placement: NormPlacement;
  /** Group norm: its number of groups; 1 otherwise. */
  readonly groups: number;
  // The arrays below are replaced (by copies) when the model moves to a larger arena (moveTo): read
  // them through the layer each time rather than keeping them.
  /** conv (OC, C, K, K) = (OC, C*K*K); linear (out, in). */
  W: FloatArray;
  b: FloatArray;
  gamma: FloatArray | null;
  beta: FloatArray | null;
  dW: FloatArray;
  db: FloatArray;
  dgamma: FloatArray | null;
  dbeta: FloatArray | null;
  runningMean: FloatArray | null;
  runningVar: FloatArray | null;
  /** What the last training step computed (read by views). */
  train: WeightWorkspace;
  /** Scratch of evaluation passes. */
  evalWs: WeightWorkspace;

  constructor(plan: Extract<PlannedLayer, { type: 'conv' | 'linear' }>, make: MakeArray) {
    this.type = plan.type;
    const [C, H, W] = plan.inShape;
    this.inSize = C * H * W;
    this.channels = plan.outShape[0];
    this.HW = plan.outShape[1] * plan.outShape[2];
    this.outSize = this.channels * this.HW;
    this.geometry = plan.type === 'conv' ? plan.geometry : null;
    this.fanIn = plan.type === 'conv' ? C * plan.geometry.K * plan.geometry.K : this.inSize;
    this.normKind = plan.spec.norm;
    this.activation = plan.spec.activation;
    this.placement = plan.placement;
    this.groups = plan.groups;
    const O = this.channels;
    this.W = make(O * this.fanIn);
    this.dW = make(O * this.fanIn);
    this.b = make(O);
    this.db = make(O);
    const hasNorm = this.normKind !== 'none';
    this.gamma = hasNorm ? make(O).fill(1) : null;
    this.beta = hasNorm ? make(O) : null;
    this.dgamma = hasNorm ? make(O) : null;
    this.dbeta = hasNorm ? make(O) : null;
    this.runningMean = this.normKind === 'batch' ? make(O) : null;
    this.runningVar = this.normKind === 'batch' ? make(O).fill(1) : null;
    this.train = new WeightWorkspace(this, true, make);
    this.evalWs = new WeightWorkspace(this, false, make);
  }

  /**
   * Moves every array into new ones from `make`: parameters, gradients and running statistics copied,
   * workspaces made afresh (empty; the next pass sizes them). Calls moved(old, new) for each array copied.
   */
  moveTo(make: MakeArray, moved: (from: FloatArray, to: FloatArray) => void): void {
    const copy = (a: FloatArray): FloatArray => {
      const c = make(a.length);
      c.set(a);
      moved(a, c);
      return c;
    };
    const copyOrNull = (a: FloatArray | null) => (a === null ? null : copy(a));
    this.W = copy(this.W);
    this.b = copy(this.b);
    this.dW = copy(this.dW);
    this.db = copy(this.db);
    this.gamma = copyOrNull(this.gamma);
    this.beta = copyOrNull(this.beta);
    this.dgamma = copyOrNull(this.dgamma);
    this.dbeta = copyOrNull(this.dbeta);
    this.runningMean = copyOrNull(this.runningMean);
    this.runningVar = copyOrNull(this.runningVar);
    this.train = new WeightWorkspace(this, true, make);
    this.evalWs = new WeightWorkspace(this, false, make);
  }

  ws(phase: Phase): WeightWorkspace {
    return phase === 'train' ? this.train : this.evalWs;
  }

  /** The layer's output, the input of the next layer. */
  output(phase: Phase): FloatArray {
    const ws = this.ws(phase);
    return this.placement === 'post' && ws.norm ? ws.norm : ws.act;
  }

  /** The gradient of the output (training), which the next layer's backward fills. */
  doutput(): FloatArray {
    const ws = this.train;
    return this.placement === 'post' && ws.dnorm ? ws.dnorm : ws.dact;
  }

  /** The input of the norm: z (pre) or act(z) (post). */
  normInput(phase: Phase): FloatArray {
    const ws = this.ws(phase);
    return this.placement === 'pre' ? ws.z : ws.act;
  }

  /** The output of the norm, or null without one. */
  normOutput(phase: Phase): FloatArray | null {
    return this.ws(phase).norm;
  }

  /**
   * The variances of the last training step's batch statistics, written into `out` without
   * allocating: per channel for batch norm (C values, as its kernel stored them), per sample and group
   * for group norm (N * groups values, N the last batch size; var = 1/rstd^2 - eps, as group norm keeps
   * only rstd). Returns how many were written (0 without a norm).
   */
  batchVariance(out: FloatArray, N: number, eps: number): number {
    if (this.normKind === 'none') return 0;
    if (this.normKind === 'batch') {
      out.set(this.train.variance.subarray(0, this.channels));
      return this.channels;
    }
    const n = N * this.groups;
    const rstd = this.train.rstd;
    for (let i = 0; i < n; i++) out[i] = 1 / (rstd[i] * rstd[i]) - eps;
    return n;
  }

  forward(phase: Phase, inp: FloatArray, N: number, mode: NormMode, eps: number, momentum: number): void {
    const ws = this.ws(phase);
    if (this.geometry !== null) conv2dForward(ws.z, ws.col, inp, this.W, this.b, N, this.geometry);
    else matmulForward(ws.z, inp, this.W, this.b, N, this.inSize, this.channels);
    if (!ws.norm) {
      this.activate(ws.act, ws.z, N);
    } else if (this.placement === 'pre') {
      // batch norm then ReLU: one pass writes both
      const fusedRelu = this.normKind === 'batch' && this.activation === 'relu';
      this.normForward(ws, ws.z, N, mode, eps, momentum, fusedRelu ? ws.act : null);
      if (!fusedRelu) this.activate(ws.act, ws.norm, N);
    } else {
      this.activate(ws.act, ws.z, N);
      this.normForward(ws, ws.act, N, mode, eps, momentum, null);
    }
  }

  private activate(out: FloatArray, inp: FloatArray, N: number): void {
    if (this.activation !== 'linear') activationForward(this.activation, out, inp, N * this.outSize);
  }

  /** The norm of x into ws.norm; batch norm also writes relu(ws.norm) into `relu` unless it is null. */
  private normForward(ws: WeightWorkspace, x: FloatArray, N: number, mode: NormMode, eps: number, momentum: number, relu: FloatArray | null): void {
    const { channels: C, HW } = this;
    const out = ws.norm!;
    if (this.normKind === 'group') {
      groupnormForward(out, ws.mean, ws.rstd, x, this.gamma!, this.beta!, N, C, this.groups, eps, HW);
      return;
    }
    if (mode === 'eval') {
      batchnorm2dEvalForward(out, ws.rstd, x, this.runningMean!, this.runningVar!, this.gamma!, this.beta!, N, C, HW, eps, relu);
      return;
    }
    batchnorm2dForward(out, ws.mean, ws.rstd, ws.variance, x, this.gamma!, this.beta!, N, C, HW, eps, relu);
    if (mode === 'train') batchnorm2dUpdateRunning(this.runningMean!, this.runningVar!, ws.mean, ws.variance, N, C, HW, momentum);
  }

  /**
   * Zeroes the parameter gradients and, unless the next layer sets rather than accumulates it
   * (`outputSet`: a pooling layer), the first N samples of doutput(). The layer's other gradients (dz,
   * and dact or dnorm) are set by its own backward pass, so they need no clearing.
   */
  zeroGrad(N: number, outputSet = false): void {
    this.dW.fill(0);
    this.db.fill(0);
    this.dgamma?.fill(0);
    this.dbeta?.fill(0);
    if (!outputSet) this.doutput().fill(0, 0, N * this.outSize);
  }

  /** Backward of a training forward from doutput() (filled); accumulates into dinp unless it is null (data). */
  backward(dinp: FloatArray | null, inp: FloatArray, N: number): void {
    const ws = this.train;
    const n = N * this.outSize;
    if (!ws.norm) {
      this.activationBackwardSet(ws.dz, ws.dact, ws.act, n);
    } else if (this.placement === 'pre') {
      if (this.normKind === 'batch' && this.activation === 'relu') {
        batchnorm2dReluBackwardSet(ws.dz, ws.dnorm!, this.dgamma!, this.dbeta!, ws.dact, ws.act, ws.z, this.gamma!, ws.mean, ws.rstd, N, this.channels, this.HW);
      } else {
        this.activationBackwardSet(ws.dnorm!, ws.dact, ws.act, n);
        ws.dz.fill(0, 0, n);
        this.normBackward(ws, ws.dz, ws.dnorm!, ws.z, N);
      }
    } else {
      ws.dact.fill(0, 0, n);
      this.normBackward(ws, ws.dact, ws.dnorm!, ws.act, N);
      this.activationBackwardSet(ws.dz, ws.dact, ws.act, n);
    }
    // A bias right before batch norm has a gradient of exactly zero (the norm subtracts the batch
    // mean of every channel); float32 round-off would leave ~1e-9 there, which Adam blows up into
    // full steps, so it is not computed (see hidden-layer.ts). Group norm's means are per sample:
    // there the bias gradient is real.
    const db = this.placement === 'pre' && this.normKind === 'batch' ? null : this.db;
    if (this.geometry !== null) conv2dBackward(dinp, this.dW, db, ws.col, ws.dcol, ws.dz, inp, this.W, N, this.geometry);
    else matmulBackward(dinp, this.dW, db, ws.dz, inp, this.W, N, this.inSize, this.channels);
  }

  /** dinp = the gradient through the activation (n values, set); the identity's arrays are one (aliased). */
  private activationBackwardSet(dinp: FloatArray, dout: FloatArray, out: FloatArray, n: number): void {
    if (this.activation !== 'linear') activationBackwardSet(this.activation, dinp, dout, out, n);
  }

  private normBackward(ws: WeightWorkspace, dx: FloatArray, dout: FloatArray, x: FloatArray, N: number): void {
    if (this.normKind === 'group') {
      groupnormBackward(dx, this.dgamma!, this.dbeta!, dout, x, this.gamma!, ws.mean, ws.rstd, N, this.channels, this.groups, this.HW);
    } else {
      batchnorm2dBackward(dx, this.dgamma!, this.dbeta!, dout, x, this.gamma!, ws.mean, ws.rstd, N, this.channels, this.HW);
    }
  }
}
