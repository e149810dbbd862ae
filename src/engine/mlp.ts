// The multilayer perceptron that the worker, the CLI and the conformance runner share:
// hidden layers (linear, activation, optional batch, layer, renorm or group norm), a linear output layer, and
// softmax cross-entropy. Build it from a spec, train it one mini-batch at a time, evaluate it.
import { crossentropyBackward, crossentropyForward } from './crossentropy';
import { HiddenLayer, usesBatchStatistics, type NormMode, type NormSettings, type Workspace } from './hidden-layer';
import { initBias, initWeights, parseInit } from './init';
import { matmulBackward, matmulForward } from './matmul';
import { createOptimizer, type Optimizer, type Param } from './optimizer';
import { Rng } from './rng';
import { SimdArena, simdEnabled } from './simd-kernels';
import { validateEps, validateModelSpec, validateMomentum, validateRenormLimits } from './spec';
import { EngineError, type Dtype, type FloatArray, type InitSpec, type ModelSpec, type OptimizerSpec } from './types';

export interface MlpOptions {
  dtype?: Dtype;
  /** Weight initialisation (default normal:0.1); biases 0, gamma 1, beta 0. */
  init?: InitSpec;
  /** Seed of the weights' RNG (default 1); ignored when `rng` is given. */
  seed?: number;
  rng?: Rng;
}

/** The parameters of one linear layer (hidden layers first, then the output layer), flat row-major. */
export interface LayerParams<T = FloatArray> {
  W: T;
  b: T;
  gamma?: T;
  beta?: T;
}

export interface EvalResult {
  loss: number;
  accuracy: number;
  /** (N, outputSize) logits, when asked for. */
  logits: Float32Array | null;
}

export interface EvaluateOptions {
  /**
   * 'eval' (running statistics, the default) or 'batch-stats' (each chunk normalised as in training, by
   * its own statistics; renorm also applies its r and d against the running statistics).
   */
  mode?: Exclude<NormMode, 'train'>;
  /** Rows per forward pass (default 1000; with batch-stats this is the batch whose statistics are used). */
  chunk?: number;
  keepLogits?: boolean;
}

export class Mlp {
  readonly spec: ModelSpec;
  readonly dtype: Dtype;
  readonly layers: HiddenLayer[];
  readonly Wout: FloatArray;
  readonly bout: FloatArray;
  readonly dWout: FloatArray;
  readonly dbout: FloatArray;
  readonly params: Param[];
  readonly optimizer: Optimizer;
  private readonly make: (n: number) => FloatArray;
  /**
   * Float32 with the SIMD kernels on: every array of the model (parameters, gradients, workspaces)
   * lives in WebAssembly memory, so the kernels work on them in place. Null otherwise.
   */
  private readonly arena: SimdArena | null;
  /** The rows of x copied into the arena when x lives elsewhere (training, evaluation). */
  private xTrain: FloatArray;
  private xEval: FloatArray;
  private readonly lastInputSize: number;
  /** logits, probabilities and dlogits of the last training step, (capacity, outputSize). */
  private logits: FloatArray;
  private probs: FloatArray;
  private dlogits: FloatArray;
  private evalLogits: FloatArray;
  private evalProbs: FloatArray;
  private capacity = 0;
  private evalCapacity = 0;
  /** Rows of the last training step. */
  lastBatchSize = 0;
  steps = 0;

  constructor(spec: ModelSpec, optimizer: OptimizerSpec, options: MlpOptions = {}) {
    validateModelSpec(spec);
    this.spec = structuredClone(spec);
    this.dtype = options.dtype ?? 'float32';
    if (this.dtype !== 'float32' && this.dtype !== 'float64') throw new EngineError(`dtype must be float32 or float64, got ${String(this.dtype)}`);
    const arena = this.dtype === 'float32' && simdEnabled() ? new SimdArena(arenaReserve(spec)) : null;
    this.arena = arena;
    this.make = this.dtype === 'float64' ? (n) => new Float64Array(n) : arena ? (n) => arena.alloc(n) : (n) => new Float32Array(n);
    this.xTrain = this.xEval = this.make(0);
    let inSize = spec.inputSize;
    this.layers = spec.hidden.map((h) => {
      const layer = new HiddenLayer(inSize, h, spec.normPlacement, this.make);
      inSize = h.units;
      return layer;
    });
    this.lastInputSize = inSize;
    const O = spec.outputSize;
    this.Wout = this.make(O * inSize);
    this.bout = this.make(O);
    this.dWout = this.make(O * inSize);
    this.dbout = this.make(O);
    this.logits = this.probs = this.dlogits = this.evalLogits = this.evalProbs = this.make(0);
    this.params = this.collectParams();
    this.initialize(options.init ?? 'normal:0.1', options.rng ?? new Rng(options.seed ?? 1));
    // The optimizer's state is only read by its own JavaScript loops: ordinary arrays.
    this.optimizer = createOptimizer(optimizer, this.dtype === 'float64' ? (n) => new Float64Array(n) : (n) => new Float32Array(n));
  }

  private collectParams(): Param[] {
    const list: Param[] = [];
    this.layers.forEach((l, i) => {
      const p = `hidden${i + 1}`;
      list.push({ name: `${p}.W`, value: l.W, grad: l.dW }, { name: `${p}.b`, value: l.b, grad: l.db });
      if (l.gamma) list.push({ name: `${p}.gamma`, value: l.gamma, grad: l.dgamma! }, { name: `${p}.beta`, value: l.beta!, grad: l.dbeta! });
    });
    list.push({ name: 'output.W', value: this.Wout, grad: this.dWout }, { name: 'output.b', value: this.bout, grad: this.dbout });
    return list;
  }

  /** Draws every weight matrix from `init` in layer order (hidden layers, then output); the rest is 0/1. */
  initialize(init: InitSpec, rng: Rng): void {
    const parsed = parseInit(init);
    for (const l of this.layers) {
      initWeights(l.W, parsed, l.inputSize, l.units, rng);
      initBias(l.b, parsed, l.inputSize, rng); // 0 but for pytorch
      l.gamma?.fill(1);
      l.beta?.fill(0);
      l.runningMean?.fill(0);
      l.runningVar?.fill(1);
    }
    initWeights(this.Wout, parsed, this.lastInputSize, this.spec.outputSize, rng);
    initBias(this.bout, parsed, this.lastInputSize, rng);
  }

  /** Number of trainable scalars. */
  parameterCount(): number {
    return this.params.reduce((n, p) => n + p.value.length, 0);
  }

  // ---- live settings -------------------------------------------------------------------------
  setEps(eps: number): void {
    validateEps(eps);
    this.spec.eps = eps;
  }

  setMomentum(momentum: number): void {
    validateMomentum(momentum);
    this.spec.momentum = momentum;
  }

  /**
   * Batch renormalization's limits for the next training steps: r in [1/rmax, rmax] (rmax >= 1),
   * d in [-dmax, dmax] (dmax >= 0). Stored in spec.rmax / spec.dmax; no effect on the other norms.
   */
  setRenormLimits(rmax: number, dmax: number): void {
    validateRenormLimits(rmax, dmax);
    this.spec.rmax = rmax;
    this.spec.dmax = dmax;
  }

  /** The renorm limits in use: the spec's, or the defaults rmax 1, dmax 0 (exactly batch norm). */
  getRenormLimits(): { rmax: number; dmax: number } {
    return { rmax: this.spec.rmax ?? 1, dmax: this.spec.dmax ?? 0 };
  }

  // ---- parameters --------------------------------------------------------------------------------
  /** Copies of all parameters, one entry per linear layer (hidden layers, then the output layer). */
  getParams(): LayerParams<Float64Array>[] {
    const out: LayerParams<Float64Array>[] = this.layers.map((l) => ({
      W: Float64Array.from(l.W), b: Float64Array.from(l.b),
      ...(l.gamma ? { gamma: Float64Array.from(l.gamma), beta: Float64Array.from(l.beta!) } : {}),
    }));
    out.push({ W: Float64Array.from(this.Wout), b: Float64Array.from(this.bout) });
    return out;
  }

  /** Copies of the gradients of the last step, in the layout of getParams. */
  getGrads(): LayerParams<Float64Array>[] {
    const out: LayerParams<Float64Array>[] = this.layers.map((l) => ({
      W: Float64Array.from(l.dW), b: Float64Array.from(l.db),
      ...(l.gamma ? { gamma: Float64Array.from(l.dgamma!), beta: Float64Array.from(l.dbeta!) } : {}),
    }));
    out.push({ W: Float64Array.from(this.dWout), b: Float64Array.from(this.dbout) });
    return out;
  }

  /** Sets every parameter; each array must have exactly the model's length. */
  setParams(params: readonly LayerParams<ArrayLike<number>>[]): void {
    const n = this.layers.length + 1;
    if (!Array.isArray(params) || params.length !== n) {
      throw new EngineError(`parameter shape does not match the model: expected ${n} layers of parameters, got ${Array.isArray(params) ? params.length : typeof params}`);
    }
    const targets: [string, FloatArray | null, ArrayLike<number> | undefined][] = [];
    this.layers.forEach((l, i) => {
      const p = params[i];
      targets.push([`layer ${i + 1} W`, l.W, p?.W], [`layer ${i + 1} b`, l.b, p?.b],
        [`layer ${i + 1} gamma`, l.gamma, p?.gamma], [`layer ${i + 1} beta`, l.beta, p?.beta]);
    });
    targets.push(['output W', this.Wout, params[n - 1]?.W], ['output b', this.bout, params[n - 1]?.b],
      ['output gamma', null, params[n - 1]?.gamma], ['output beta', null, params[n - 1]?.beta]);
    for (const [name, dst, src] of targets) {
      if (dst === null) {
        if (src !== undefined && src !== null) throw new EngineError(`parameter shape does not match the model: ${name} given but the layer has no norm`);
        continue;
      }
      if (!src || src.length !== dst.length) {
        throw new EngineError(`parameter shape does not match the model: ${name} needs ${dst.length} values, got ${src ? src.length : 'none'}`);
      }
      for (let i = 0; i < src.length; i++) {
        if (!Number.isFinite(src[i])) throw new EngineError(`parameter ${name}[${i}] is not a finite number`);
      }
    }
    for (const [, dst, src] of targets) if (dst && src) dst.set(src as ArrayLike<number>);
  }

  // ---- training ----------------------------------------------------------------------------------
  private ensureCapacity(B: number): void {
    for (const l of this.layers) l.train.ensure(B);
    if (B > this.capacity) {
      const cap = Math.max(B, this.capacity * 2);
      const n = cap * this.spec.outputSize;
      this.logits = this.make(n);
      this.probs = this.make(n);
      this.dlogits = this.make(n);
      if (this.arena) this.xTrain = this.make(cap * this.spec.inputSize);
      this.capacity = cap;
    }
  }

  private checkBatch(x: ArrayLike<number>, y: ArrayLike<number>, B: number, training: boolean): void {
    if (!Number.isInteger(B) || B < 1) throw new EngineError(`batch size must be an integer >= 1, got ${B}`);
    if (training && B < 2 && this.layers.some((l) => usesBatchStatistics(l.normKind))) {
      throw new EngineError('batch norm (and renorm) in training needs more than one sample per batch (got a batch of 1)');
    }
    const need = B * this.spec.inputSize;
    if (!x || x.length < need) throw new EngineError(`input has ${x ? x.length : 0} values, ${B} rows of ${this.spec.inputSize} need ${need}`);
    if (!y || y.length < B) throw new EngineError(`labels: need ${B}, got ${y ? y.length : 0}`);
    const O = this.spec.outputSize;
    for (let i = 0; i < B; i++) {
      const t = y[i];
      if (!Number.isInteger(t) || t < 0 || t >= O) throw new EngineError(`label ${String(t)} at row ${i} is out of range [0, ${O})`);
    }
  }

  /** x itself, or its first B rows copied into `buffer` when the model has an arena that x is not in. */
  private inArena(x: FloatArray, B: number, buffer: FloatArray): FloatArray {
    if (this.arena === null || !(x instanceof Float32Array) || this.arena.holds(x)) return x;
    const n = B * this.spec.inputSize;
    buffer.set(x.subarray(0, n));
    return buffer.subarray(0, n);
  }

  /** Forward pass of B rows through all layers, using the given workspaces; returns the last hidden output. */
  private forwardHidden(x: FloatArray, B: number, mode: NormMode, ws: (l: HiddenLayer) => Workspace): FloatArray {
    const { eps, momentum } = this.spec;
    const settings: NormSettings = { eps, momentum, ...this.getRenormLimits() };
    let inp = x;
    for (const l of this.layers) {
      const w = ws(l);
      l.forward(w, inp, B, mode, settings);
      inp = l.output(w);
    }
    return inp;
  }

  /**
   * Forward and backward of one mini-batch in training mode: fills every gradient and returns the loss.
   * Running statistics (batch norm, renorm) are updated unless `updateRunning` is false (gradient checks).
   */
  computeGradients(x: FloatArray, y: ArrayLike<number>, B: number, updateRunning = true): number {
    this.checkBatch(x, y, B, true);
    this.ensureCapacity(B);
    x = this.inArena(x, B, this.xTrain);
    const O = this.spec.outputSize;
    const H = this.lastInputSize;
    const last = this.forwardHidden(x, B, updateRunning ? 'train' : 'batch-stats', (l) => l.train);
    matmulForward(this.logits, last, this.Wout, this.bout, B, H, O);
    const loss = crossentropyForward(this.probs, this.logits, y, B, O);

    for (const l of this.layers) l.zeroGrad(l.train, B);
    this.dWout.fill(0);
    this.dbout.fill(0);
    this.dlogits.fill(0, 0, B * O);
    crossentropyBackward(this.dlogits, this.probs, y, B, O);
    const L = this.layers.length;
    const dlast = L > 0 ? this.layers[L - 1].doutput(this.layers[L - 1].train) : null;
    matmulBackward(dlast, this.dWout, this.dbout, this.dlogits, last, this.Wout, B, H, O);
    for (let i = L - 1; i >= 0; i--) {
      const l = this.layers[i];
      const prev = i > 0 ? this.layers[i - 1] : null;
      const inp = prev ? prev.output(prev.train) : x;
      const dinp = prev ? prev.doutput(prev.train) : null;
      l.backward(l.train, dinp, inp, B);
    }
    this.lastBatchSize = B;
    return loss;
  }

  /** One optimisation step on a mini-batch (x is (B, inputSize), y is (B)); returns the loss before the update. */
  trainStep(x: FloatArray, y: ArrayLike<number>, B: number): number {
    const loss = this.computeGradients(x, y, B);
    this.optimizer.step(this.params);
    this.steps++;
    return loss;
  }

  /** Logits of the last training step, (B, outputSize), a view without copying. */
  trainLogits(): FloatArray {
    return this.logits.subarray(0, this.lastBatchSize * this.spec.outputSize);
  }

  // ---- evaluation --------------------------------------------------------------------------------
  private ensureEvalCapacity(R: number): void {
    for (const l of this.layers) l.evalWs.ensure(R);
    if (R > this.evalCapacity) {
      this.evalLogits = this.make(R * this.spec.outputSize);
      this.evalProbs = this.make(R * this.spec.outputSize);
      if (this.arena) this.xEval = this.make(R * this.spec.inputSize);
      this.evalCapacity = R;
    }
  }

  /**
   * Runs N rows of x through the network in chunks, without touching the training workspaces, and
   * calls `visit(start, R, logits)` while each layer's evalWs holds rows [start, start + R).
   */
  forwardEval(x: FloatArray, N: number, opts: { mode?: Exclude<NormMode, 'train'>; chunk?: number }, visit: (start: number, R: number, logits: FloatArray) => void): void {
    const I = this.spec.inputSize;
    const O = this.spec.outputSize;
    const mode = opts.mode ?? 'eval';
    const chunk = Math.max(1, Math.floor(opts.chunk ?? 1000));
    if (!Number.isInteger(N) || N < 0 || x.length < N * I) throw new EngineError(`evaluation input has ${x.length} values, ${N} rows of ${I} need ${N * I}`);
    const batchStats = mode === 'batch-stats' && this.layers.some((l) => usesBatchStatistics(l.normKind));
    if (batchStats && chunk < 2) {
      throw new EngineError('batch statistics need chunks of at least 2 rows');
    }
    if (batchStats && N === 1) {
      throw new EngineError('batch statistics need at least 2 rows');
    }
    for (let start = 0; start < N;) {
      let R = Math.min(chunk, N - start);
      // Batch statistics of a single row are meaningless: a trailing row joins the chunk before it.
      if (mode === 'batch-stats' && N - start - R === 1) R += 1;
      this.ensureEvalCapacity(R);
      const xs = this.inArena(x.subarray(start * I, (start + R) * I), R, this.xEval);
      const last = this.forwardHidden(xs, R, mode, (l) => l.evalWs);
      matmulForward(this.evalLogits, last, this.Wout, this.bout, R, this.lastInputSize, O);
      visit(start, R, this.evalLogits);
      start += R;
    }
  }

  /** Loss, accuracy and (optionally) logits on N rows, in evaluation mode by default. */
  evaluate(x: FloatArray, y: ArrayLike<number>, N: number, opts: EvaluateOptions = {}): EvalResult {
    if (N < 1) throw new EngineError('evaluation needs at least one row');
    this.checkBatch(x, y, N, false);
    const O = this.spec.outputSize;
    const logits = opts.keepLogits ? new Float32Array(N * O) : null;
    const labels = Int32Array.from({ length: N }, (_, i) => y[i]);
    let lossSum = 0;
    let correct = 0;
    this.forwardEval(x, N, opts, (start, R, out) => {
      lossSum += R * crossentropyForward(this.evalProbs, out, labels.subarray(start, start + R), R, O);
      for (let r = 0; r < R; r++) {
        let best = 0;
        for (let j = 1; j < O; j++) if (out[r * O + j] > out[r * O + best]) best = j;
        if (best === y[start + r]) correct++;
      }
      logits?.set(out.subarray(0, R * O), start * O);
    });
    return { loss: lossSum / N, accuracy: correct / N, logits };
  }
}

/** Rows of training and of evaluation batches that the first arena space is sized for. */
const ARENA_TRAIN_ROWS = 512;
const ARENA_EVAL_ROWS = 1000;

/**
 * Floats a model's arena reserves up front: parameters and gradients, and workspaces for batches of
 * up to ARENA_TRAIN_ROWS and evaluation chunks of up to ARENA_EVAL_ROWS, so that all of them share
 * one WebAssembly memory (larger batches still work; their products copy operands). The memory is
 * reserved, not touched: the system backs only the pages that are used.
 */
function arenaReserve(spec: ModelSpec): number {
  let weights = 0;
  let units = 0;
  let inSize = spec.inputSize;
  for (const h of spec.hidden) {
    weights += inSize * h.units;
    units += h.units;
    inSize = h.units;
  }
  weights += inSize * spec.outputSize;
  const L = spec.hidden.length;
  // per row: 8 arrays of every hidden layer's units, per-sample statistics, logits/probs/dlogits, x
  const perRow = 8 * units + 2 * L * 32 + 3 * spec.outputSize + spec.inputSize;
  const fixed = 2 * weights + 16 * (units + spec.outputSize) + 64 * (4 * L + 8);
  return fixed + perRow * (2 * ARENA_TRAIN_ROWS + ARENA_EVAL_ROWS);
}
