// One hidden layer: linear, then activation and an optional norm in either order.
//   pre:  z = W x + b,  n = norm(z),  a = act(n)     (Ioffe & Szegedy: BN before the nonlinearity)
//   post: z = W x + b,  h = act(z),   a = norm(h)    (the seed article's code)
// Parameters and their gradients live here; the values of a batch live in a Workspace, so that an
// evaluation pass does not overwrite what the last training step left for the telemetry to read.
import { activationBackward, activationForward } from './activation';
import { batchnormBackward, batchnormEvalForward, batchnormForward, batchnormUpdateRunning } from './batchnorm';
import { layernormBackward, layernormForward } from './layernorm';
import { matmulBackward, matmulForward } from './matmul';
import type { Activation, FloatArray, HiddenLayerSpec, NormKind, NormPlacement } from './types';

export type MakeArray = (n: number) => FloatArray;

/** How a forward pass treats batch norm: batch statistics (and maybe update the running ones), or running ones. */
export type NormMode = 'train' | 'eval' | 'batch-stats';

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
  /** batch norm: per unit (units); layer norm: per sample (capacity) */
  mean!: FloatArray;
  rstd!: FloatArray;

  constructor(private readonly units: number, private readonly hasNorm: boolean, private readonly make: MakeArray) {
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
    this.mean = this.make(Math.max(cap, this.units));
    this.rstd = this.make(Math.max(cap, this.units));
    this.capacity = cap;
  }
}

export class HiddenLayer {
  readonly units: number;
  readonly activation: Activation;
  readonly normKind: NormKind;
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

  constructor(readonly inputSize: number, spec: HiddenLayerSpec, readonly placement: NormPlacement, make: MakeArray) {
    const U = spec.units;
    this.units = U;
    this.activation = spec.activation;
    this.normKind = spec.norm;
    this.W = make(U * inputSize);
    this.b = make(U);
    this.dW = make(U * inputSize);
    this.db = make(U);
    const hasNorm = spec.norm !== 'none';
    this.gamma = hasNorm ? make(U).fill(1) : null;
    this.beta = hasNorm ? make(U) : null;
    this.dgamma = hasNorm ? make(U) : null;
    this.dbeta = hasNorm ? make(U) : null;
    this.runningMean = spec.norm === 'batch' ? make(U) : null;
    this.runningVar = spec.norm === 'batch' ? make(U).fill(1) : null;
    this.train = new Workspace(U, hasNorm, make);
    this.evalWs = new Workspace(U, hasNorm, make);
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

  forward(ws: Workspace, inp: FloatArray, B: number, mode: NormMode, eps: number, momentum: number): void {
    const U = this.units;
    const N = B * U;
    matmulForward(ws.z, inp, this.W, this.b, B, this.inputSize, U);
    if (!ws.norm) {
      activationForward(this.activation, ws.act, ws.z, N);
      return;
    }
    if (this.placement === 'pre') {
      this.normForward(ws, ws.z, B, mode, eps, momentum);
      activationForward(this.activation, ws.act, ws.norm, N);
    } else {
      activationForward(this.activation, ws.act, ws.z, N);
      this.normForward(ws, ws.act, B, mode, eps, momentum);
    }
  }

  private normForward(ws: Workspace, x: FloatArray, B: number, mode: NormMode, eps: number, momentum: number): void {
    const U = this.units;
    const out = ws.norm!;
    const gamma = this.gamma!;
    const beta = this.beta!;
    if (this.normKind === 'layer') {
      layernormForward(out, ws.mean, ws.rstd, x, gamma, beta, B, U, eps);
    } else if (mode === 'eval') {
      batchnormEvalForward(out, x, this.runningMean!, this.runningVar!, gamma, beta, B, U, eps);
    } else {
      batchnormForward(out, ws.mean, ws.rstd, x, gamma, beta, B, U, eps);
      if (mode === 'train') batchnormUpdateRunning(this.runningMean!, this.runningVar!, ws.mean, ws.rstd, B, U, eps, momentum);
    }
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
    const biasFeedsBatchNorm = this.placement === 'pre' && this.normKind === 'batch';
    matmulBackward(dinp, this.dW, biasFeedsBatchNorm ? null : this.db, ws.dz, inp, this.W, B, this.inputSize, U);
  }

  private normBackward(ws: Workspace, dx: FloatArray, dout: FloatArray, x: FloatArray, B: number): void {
    const kernel = this.normKind === 'layer' ? layernormBackward : batchnormBackward;
    kernel(dx, this.dgamma!, this.dbeta!, dout, x, this.gamma!, ws.mean, ws.rstd, B, this.units);
  }
}
