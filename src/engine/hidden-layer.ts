// One hidden layer: linear, then activation and an optional norm in either order.
//   pre:  z = W x + b,  n = norm(z),  a = act(n)     (Ioffe & Szegedy: BN before the nonlinearity)
//   post: z = W x + b,  h = act(z),   a = norm(h)    (the seed article's code)
// Parameters and their gradients live here; the values of a batch live in a Workspace, so that an
// evaluation pass does not overwrite what the last training step left for the telemetry to read.
import { activationBackward, activationForward } from './activation';
import { batchnormBackward, batchnormEvalForward, batchnormForward, batchnormStats, batchnormUpdateRunning } from './batchnorm';
import { batchrenormApply, batchrenormBackward, batchrenormForward } from './batchrenorm';
import { defaultGroups, groupnormBackward, groupnormForward } from './groupnorm';
import { layernormBackward, layernormForward } from './layernorm';
import { matmulBackward, matmulForward } from './matmul';
import type { Activation, FloatArray, HiddenLayerSpec, NormKind, NormPlacement } from './types';

export type MakeArray = (n: number) => FloatArray;

/**
 * How a forward pass treats the norms that keep running statistics (batch norm, renorm):
 * 'train' normalises as training does and updates the running statistics; 'batch-stats' normalises as
 * training does without updating them (for batch norm: with the batch's own statistics; for renorm:
 * with r and d against the running statistics); 'eval' uses the running statistics. Layer and group
 * norm are the same in every mode.
 */
export type NormMode = 'train' | 'eval' | 'batch-stats';

/** The model-wide settings the norms read at every forward pass. */
export interface NormSettings {
  eps: number;
  /** running-statistics momentum (batch norm, renorm) */
  momentum: number;
  /** renorm's limits on r and d */
  rmax: number;
  dmax: number;
}

/** Norms that normalise over the batch and keep running statistics for evaluation. */
export function usesBatchStatistics(kind: NormKind): boolean {
  return kind === 'batch' || kind === 'renorm';
}

/** The values of one batch through one layer; arrays are (capacity, units) row-major, first B rows used. */
export class Workspace {
  capacity = 0;
  /** z = W x + b */
  z!: FloatArray;
  /** act(.) output: act(norm(z)) for pre, act(z) for post or no norm */
  act!: FloatArray;
  /** norm(.) output, or null without a norm */
  norm!: FloatArray | null;
  dz!: FloatArray;
  dact!: FloatArray;
  dnorm!: FloatArray | null;
  /** batch norm, renorm: per unit (units); layer norm: per sample (capacity); group norm: (capacity, groups) */
  mean!: FloatArray;
  rstd!: FloatArray;
  /** batch norm, renorm: the biased batch variance per unit (units), as the forward computed it; else unused */
  variance!: FloatArray;
  /** renorm only, per unit (units): the r and d of the last training-mode pass, else null */
  readonly r: FloatArray | null;
  readonly d: FloatArray | null;
  private readonly hasNorm: boolean;

  /** `groups`: how many statistics per sample group norm keeps (1 for the other norms). */
  constructor(private readonly units: number, norm: NormKind, private readonly groups: number, private readonly make: MakeArray) {
    this.hasNorm = norm !== 'none';
    this.r = norm === 'renorm' ? make(units).fill(1) : null;
    this.d = norm === 'renorm' ? make(units) : null;
    this.ensure(1);
  }

  ensure(B: number): void {
    if (B <= this.capacity) return;
    const cap = Math.max(B, this.capacity * 2);
    const n = cap * this.units;
    this.z = this.make(n);
    this.act = this.make(n);
    this.dz = this.make(n);
    this.dact = this.make(n);
    this.norm = this.hasNorm ? this.make(n) : null;
    this.dnorm = this.hasNorm ? this.make(n) : null;
    this.mean = this.make(Math.max(cap * this.groups, this.units));
    this.rstd = this.make(Math.max(cap * this.groups, this.units));
    if (this.variance === undefined) this.variance = this.make(this.units);
    this.capacity = cap;
  }
}

export class HiddenLayer {
  readonly units: number;
  readonly activation: Activation;
  readonly normKind: NormKind;
  /** Group norm: its number of groups G (the spec's, or defaultGroups(units)); 1 for the other norms. */
  readonly groups: number;
  readonly W: FloatArray;
  readonly b: FloatArray;
  readonly gamma: FloatArray | null;
  readonly beta: FloatArray | null;
  readonly dW: FloatArray;
  readonly db: FloatArray;
  readonly dgamma: FloatArray | null;
  readonly dbeta: FloatArray | null;
  readonly runningMean: FloatArray | null;
  readonly runningVar: FloatArray | null;
  /** What the last training step computed (read by telemetry). */
  readonly train: Workspace;
  /** Scratch for evaluation passes. */
  readonly evalWs: Workspace;
  /**
   * Renorm only: when true, training-mode passes keep the r and d already in the workspace instead
   * of computing them from the batch. The backward pass treats r and d as constants, so a
   * finite-difference gradient check must hold them fixed; nothing else sets this.
   */
  holdRenormCorrection = false;

  constructor(readonly inputSize: number, spec: HiddenLayerSpec, readonly placement: NormPlacement, make: MakeArray) {
    const U = spec.units;
    this.units = U;
    this.activation = spec.activation;
    this.normKind = spec.norm;
    this.groups = spec.norm === 'group' ? (spec.groups ?? defaultGroups(U)) : 1;
    this.W = make(U * inputSize);
    this.b = make(U);
    this.dW = make(U * inputSize);
    this.db = make(U);
    const hasNorm = spec.norm !== 'none';
    this.gamma = hasNorm ? make(U).fill(1) : null;
    this.beta = hasNorm ? make(U) : null;
    this.dgamma = hasNorm ? make(U) : null;
    this.dbeta = hasNorm ? make(U) : null;
    const running = usesBatchStatistics(spec.norm);
    this.runningMean = running ? make(U) : null;
    this.runningVar = running ? make(U).fill(1) : null;
    this.train = new Workspace(U, spec.norm, this.groups, make);
    this.evalWs = new Workspace(U, spec.norm, this.groups, make);
  }

  /** The layer's output, the input of the next layer. */
  output(ws: Workspace): FloatArray {
    return this.placement === 'post' && ws.norm ? ws.norm : ws.act;
  }

  /** The gradient of the output, which the next layer's backward fills. */
  doutput(ws: Workspace): FloatArray {
    return this.placement === 'post' && ws.dnorm ? ws.dnorm : ws.dact;
  }

  /** The input of the norm: z for pre, act(z) for post. */
  normInput(ws: Workspace): FloatArray {
    return this.placement === 'pre' ? ws.z : ws.act;
  }

  /** The input of the activation: norm(z) for pre with a norm, else z. */
  activationInput(ws: Workspace): FloatArray {
    return this.placement === 'pre' && ws.norm ? ws.norm : ws.z;
  }

  forward(ws: Workspace, inp: FloatArray, B: number, mode: NormMode, settings: NormSettings): void {
    const U = this.units;
    const N = B * U;
    matmulForward(ws.z, inp, this.W, this.b, B, this.inputSize, U);
    if (!ws.norm) {
      activationForward(this.activation, ws.act, ws.z, N);
      return;
    }
    if (this.placement === 'pre') {
      this.normForward(ws, ws.z, B, mode, settings);
      activationForward(this.activation, ws.act, ws.norm, N);
    } else {
      activationForward(this.activation, ws.act, ws.z, N);
      this.normForward(ws, ws.act, B, mode, settings);
    }
  }

  private normForward(ws: Workspace, x: FloatArray, B: number, mode: NormMode, settings: NormSettings): void {
    const U = this.units;
    const out = ws.norm!;
    const gamma = this.gamma!;
    const beta = this.beta!;
    const { eps, momentum } = settings;
    const kind = this.normKind;
    if (kind === 'layer') {
      layernormForward(out, ws.mean, ws.rstd, x, gamma, beta, B, U, eps);
      return;
    }
    if (kind === 'group') {
      groupnormForward(out, ws.mean, ws.rstd, x, gamma, beta, B, U, this.groups, eps);
      return;
    }
    const rm = this.runningMean!;
    const rv = this.runningVar!;
    if (mode === 'eval') {
      batchnormEvalForward(out, x, rm, rv, gamma, beta, B, U, eps);
      return;
    }
    if (kind === 'batch') {
      batchnormForward(out, ws.mean, ws.rstd, ws.variance, x, gamma, beta, B, U, eps);
    } else if (this.holdRenormCorrection) {
      batchnormStats(ws.mean, ws.rstd, ws.variance, x, B, U, eps);
      batchrenormApply(out, x, gamma, beta, ws.mean, ws.rstd, ws.r!, ws.d!, B, U);
    } else {
      batchrenormForward(out, ws.mean, ws.rstd, ws.variance, ws.r!, ws.d!, x, gamma, beta, rm, rv, B, U, eps, settings.rmax, settings.dmax);
    }
    if (mode === 'train') batchnormUpdateRunning(rm, rv, ws.mean, ws.variance, B, U, momentum);
  }

  /** Zeroes the gradients of the parameters and of the first B rows of the workspace. */
  zeroGrad(ws: Workspace, B: number): void {
    const N = B * this.units;
    this.dW.fill(0);
    this.db.fill(0);
    this.dgamma?.fill(0);
    this.dbeta?.fill(0);
    ws.dz.fill(0, 0, N);
    ws.dact.fill(0, 0, N);
    ws.dnorm?.fill(0, 0, N);
  }

  /** Backward from doutput(ws) (already filled); accumulates into dinp unless it is null (data input). */
  backward(ws: Workspace, dinp: FloatArray | null, inp: FloatArray, B: number): void {
    const U = this.units;
    const N = B * U;
    if (!ws.norm) {
      activationBackward(this.activation, ws.dz, ws.dact, ws.act, N);
    } else if (this.placement === 'pre') {
      activationBackward(this.activation, ws.dnorm!, ws.dact, ws.act, N);
      this.normBackward(ws, ws.dz, ws.dnorm!, ws.z, B);
    } else {
      this.normBackward(ws, ws.dact, ws.dnorm!, ws.act, B);
      activationBackward(this.activation, ws.dz, ws.dact, ws.act, N);
    }
    // A bias that feeds batch norm directly has a gradient of exactly zero: BN subtracts the batch
    // mean, so sum_b dz_bc = 0 for every unit c. Computing that sum in float32 leaves round-off of
    // about 1e-9, which Adam divides by its own tiny sqrt(v) and turns into full lr-sized steps
    // (PyTorch's float64 leaves 1e-17, below Adam's eps). So it is not computed: db stays 0.
    // The same holds for renorm: it subtracts mu_B too, and r, d are constants of the backward pass
    // (d does move with the bias through mu_B, but d is stop-gradient). It does not hold for group
    // (or layer) norm: their means are over units, not over the batch, so shifting one unit's bias
    // changes its output; only the sum of db over the units of a group (of the layer) is zero.
    const biasFeedsBatchNorm = this.placement === 'pre' && usesBatchStatistics(this.normKind);
    matmulBackward(dinp, this.dW, biasFeedsBatchNorm ? null : this.db, ws.dz, inp, this.W, B, this.inputSize, U);
  }

  private normBackward(ws: Workspace, dx: FloatArray, dout: FloatArray, x: FloatArray, B: number): void {
    const U = this.units;
    const gamma = this.gamma!;
    const kind = this.normKind;
    if (kind === 'layer') layernormBackward(dx, this.dgamma!, this.dbeta!, dout, x, gamma, ws.mean, ws.rstd, B, U);
    else if (kind === 'group') groupnormBackward(dx, this.dgamma!, this.dbeta!, dout, x, gamma, ws.mean, ws.rstd, B, U, this.groups);
    else if (kind === 'renorm') batchrenormBackward(dx, this.dgamma!, this.dbeta!, dout, x, gamma, ws.mean, ws.rstd, ws.r!, ws.d!, B, U);
    else batchnormBackward(dx, this.dgamma!, this.dbeta!, dout, x, gamma, ws.mean, ws.rstd, B, U);
  }
}
