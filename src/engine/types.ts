// Shared types of the engine. Pure TypeScript: no DOM, no UI libraries.

/** Every kernel works on either precision: float32 in the app, float64 in gradient checks. */
export type FloatArray = Float32Array | Float64Array;
export type Dtype = 'float32' | 'float64';

export type Activation = 'sigmoid' | 'tanh' | 'relu';
/**
 * `batch`: batch norm (Ioffe & Szegedy, 2015); `layer`: layer norm (Ba et al., 2016); `renorm`: batch
 * renormalization (Ioffe, 2017), batch norm corrected towards the running statistics by r and d;
 * `group`: group norm (Wu & He, 2018) over contiguous groups of units, per sample.
 */
export type NormKind = 'none' | 'batch' | 'layer' | 'renorm' | 'group';
/** `pre`: a = act(norm(W x + b)); `post`: a = norm(act(W x + b)). */
export type NormPlacement = 'pre' | 'post';

export interface HiddenLayerSpec {
  units: number;
  activation: Activation;
  norm: NormKind;
  /**
   * Group norm only: the number of groups G the units are split into (contiguous, units / G each;
   * must divide units). Default: defaultGroups(units), the largest divisor of units that is at most
   * the Group Normalization paper's G = 32 and leaves at least 8 units per group (100 units: 10
   * groups of 10). G = 1 is layer norm.
   */
  groups?: number;
}

export interface ModelSpec {
  inputSize: number;
  hidden: HiddenLayerSpec[];
  outputSize: number;
  normPlacement: NormPlacement;
  /** Added to the variance before the square root in batch and layer norm. */
  eps: number;
  /** Running-statistics momentum of batch norm (PyTorch convention: weight of the new batch). */
  momentum: number;
  /**
   * Batch renormalization's limits: r = clip(sigma_B / sigma, 1/rmax, rmax) (rmax >= 1) and
   * d = clip((mu_B - mu) / sigma, -dmax, dmax) (dmax >= 0). Defaults 1 and 0, where renorm is exactly
   * batch norm. Ignored by the other norms; changed during training with Mlp.setRenormLimits.
   */
  rmax?: number;
  dmax?: number;
}

export type OptimizerSpec =
  | { type: 'sgd'; lr: number; momentum: number; weightDecay: number }
  | { type: 'adam'; lr: number; beta1: number; beta2: number; eps: number; weightDecay: number };

/**
 * `normal:STD` (N(0, STD^2)), `xavier` (Glorot normal), `he` (Kaiming normal, fan-in), `pytorch`
 * (PyTorch's default: weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in))).
 */
export type InitSpec = string;

/** Thrown for any input the engine refuses: the message says what is wrong. */
export class EngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineError';
  }
}
