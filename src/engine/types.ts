// Shared types of the engine. Pure TypeScript: no DOM, no UI libraries.

/** Every kernel works on either precision: float32 in the app, float64 in gradient checks. */
export type FloatArray = Float32Array | Float64Array;
export type Dtype = 'float32' | 'float64';

export type Activation = 'sigmoid' | 'tanh' | 'relu';
export type NormKind = 'none' | 'batch' | 'layer';
/** `pre`: a = act(norm(W x + b)); `post`: a = norm(act(W x + b)). */
export type NormPlacement = 'pre' | 'post';

export interface HiddenLayerSpec {
  units: number;
  activation: Activation;
  norm: NormKind;
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
}

export type OptimizerSpec =
  | { type: 'sgd'; lr: number; momentum: number; weightDecay: number }
  | { type: 'adam'; lr: number; beta1: number; beta2: number; eps: number; weightDecay: number };

/** `normal:STD` (N(0, STD^2)), `xavier` (Glorot normal), `he` (Kaiming normal, fan-in). */
export type InitSpec = string;

/** Thrown for any input the engine refuses: the message says what is wrong. */
export class EngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineError';
  }
}
