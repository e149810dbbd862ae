// The layer-list network (a small convolutional network): conv / maxpool / flatten / linear layers
// (convnet-spec.ts), softmax cross-entropy on the last layer's outputs. Build it from a spec, train
// it one mini-batch at a time (the optimizers of optimizer.ts), evaluate it. Inputs are (N, C, H, W)
// row-major. Float32 with the SIMD kernels on keeps every array in one WebAssembly memory (an arena),
// as Mlp does, so the kernels work in place.
//
// Views read a layer's arrays directly (no copies): `layers[i]` is a WeightLayer (see weight-layer.ts
// for what it exposes), a PoolLayer or a FlattenLayer; the training workspaces hold the last step.
// A batch larger than the arena was sized for moves every array into a new, larger arena (the layers
// stay the same objects, their arrays are replaced by copies): read arrays through the layers.
// (A WebAssembly memory cannot grow without invalidating every view of it, so the arena cannot either.)
import { crossentropyBackward, crossentropyForward } from './crossentropy';
import { colSize } from './conv2d';
import { planConvNet, type ConvNetSpec, type PlannedLayer, type Shape3 } from './convnet-spec';
import type { MakeArray, NormMode } from './hidden-layer';
import { initBias, initWeights, parseInit } from './init';
import type { EvalResult, EvaluateOptions, LayerParams } from './mlp';
import { createOptimizer, type Optimizer, type Param } from './optimizer';
import { PoolLayer } from './pool-layer';
import { Rng } from './rng';
import { SimdArena, simdEnabled } from './simd-kernels';
import { validateEps, validateMomentum } from './spec';
import { EngineError, type Dtype, type FloatArray, type InitSpec, type OptimizerSpec } from './types';
import { WeightLayer, type Phase } from './weight-layer';

/** flatten: (C, H, W) to C*H*W features, the same values in the same order; it owns no arrays. */
export class FlattenLayer {
  readonly type = 'flatten';
  constructor(readonly inShape: Shape3, readonly outShape: Shape3) {}
}

export type NetLayer = WeightLayer | PoolLayer | FlattenLayer;

export interface ConvNetOptions {
  dtype?: Dtype;
  /** Weight initialisation (default he); biases 0 (pytorch: drawn as the weights), gamma 1, beta 0. */
  init?: InitSpec;
  /** Seed of the weights' RNG (default 1); ignored when `rng` is given. */
  seed?: number;
  rng?: Rng;
  /**
   * Float32 with SIMD: the largest training batch and evaluation chunk the arena is first sized for
   * (defaults ARENA_TRAIN_ROWS and CONVNET_EVAL_CHUNK). A larger one moves the model into a larger
   * arena once (a copy of every parameter): callers that know their batch size (the CLI, the page's
   * session) pass it.
   */
  arenaRows?: { train: number; eval: number };
}

/** Evaluation rows per forward pass by default (a conv layer's maps are large per row). */
export const CONVNET_EVAL_CHUNK = 100;

export class ConvNet {
  readonly spec: ConvNetSpec;
  readonly plan: readonly PlannedLayer[];
  readonly dtype: Dtype;
  readonly layers: readonly NetLayer[];
  /** The layers with weights, in order (the last gives the logits). */
  readonly weightLayers: readonly WeightLayer[];
  readonly params: Param[];
  readonly optimizer: Optimizer;
  readonly inputSize: number;
  readonly classes: number;
  private make: MakeArray;
  private arena: SimdArena | null;
  /** The rows the arena was sized for. */
  private arenaRows: { train: number; eval: number };
  /** For each layer, the nearest layer before it that owns its output (skipping flatten), or -1 (the input). */
  private readonly source: number[];
  private xTrain: FloatArray;
  private xEval: FloatArray;
  private probs: FloatArray;
  private evalProbs: FloatArray;
  private capacity = 0;
  private evalCapacity = 0;
  lastBatchSize = 0;
  steps = 0;

  constructor(spec: ConvNetSpec, optimizer: OptimizerSpec, options: ConvNetOptions = {}) {
    this.plan = planConvNet(spec);
    this.spec = structuredClone(spec);
    this.dtype = options.dtype ?? 'float32';
    if (this.dtype !== 'float32' && this.dtype !== 'float64') throw new EngineError(`dtype must be float32 or float64, got ${String(this.dtype)}`);
    this.arenaRows = options.arenaRows ?? { train: ARENA_TRAIN_ROWS, eval: CONVNET_EVAL_CHUNK };
    const arena = this.dtype === 'float32' && simdEnabled() ? new SimdArena(arenaReserve(this.plan, this.arenaRows)) : null;
    this.arena = arena;
    this.make = this.dtype === 'float64' ? (n) => new Float64Array(n) : arena ? (n) => arena.alloc(n) : (n) => new Float32Array(n);
    const [C, H, W] = spec.inputShape;
    this.inputSize = C * H * W;
    this.layers = this.plan.map((p) => (p.type === 'maxpool' ? new PoolLayer(p, this.make)
      : p.type === 'flatten' ? new FlattenLayer(p.inShape, p.outShape) : new WeightLayer(p, this.make)));
    this.weightLayers = this.layers.filter((l): l is WeightLayer => l instanceof WeightLayer);
    this.classes = this.weightLayers[this.weightLayers.length - 1].channels;
    this.source = this.layers.map((_, i) => {
      let j = i - 1;
      while (j >= 0 && this.layers[j] instanceof FlattenLayer) j--;
      return j;
    });
    this.xTrain = this.xEval = this.probs = this.evalProbs = this.make(0);
    this.params = this.weightLayers.flatMap((l, i) => {
      const p = `layer${i + 1}`;
      const list: Param[] = [{ name: `${p}.W`, value: l.W, grad: l.dW }, { name: `${p}.b`, value: l.b, grad: l.db }];
      if (l.gamma) list.push({ name: `${p}.gamma`, value: l.gamma, grad: l.dgamma! }, { name: `${p}.beta`, value: l.beta!, grad: l.dbeta! });
      return list;
    });
    this.initialize(options.init ?? 'he', options.rng ?? new Rng(options.seed ?? 1));
    this.optimizer = createOptimizer(optimizer, this.dtype === 'float64' ? (n) => new Float64Array(n) : (n) => new Float32Array(n));
  }

  /** Draws every weight tensor (then, for pytorch, its bias) from `init` in layer order (fan-in C*K*K for a conv); gamma 1, beta 0. */
  initialize(init: InitSpec, rng: Rng): void {
    const parsed = parseInit(init);
    for (const l of this.weightLayers) {
      const K2 = l.geometry ? l.geometry.K * l.geometry.K : 1;
      // fan-out as PyTorch counts it for a conv: out * k * k
      initWeights(l.W, parsed, l.fanIn, l.channels * K2, rng, l.channels * l.fanIn);
      initBias(l.b, parsed, l.fanIn, rng);
      l.gamma?.fill(1);
      l.beta?.fill(0);
      l.runningMean?.fill(0);
      l.runningVar?.fill(1);
    }
  }

  parameterCount(): number {
    return this.params.reduce((n, p) => n + p.value.length, 0);
  }

  setEps(eps: number): void {
    validateEps(eps);
    this.spec.eps = eps;
  }

  setMomentum(momentum: number): void {
    validateMomentum(momentum);
    this.spec.momentum = momentum;
  }

  // ---- parameters --------------------------------------------------------------------------------
  /** Copies of all parameters, one entry per weight layer; a conv's W is (out, in, k, k) flattened. */
  getParams(): LayerParams<Float64Array>[] {
    return this.weightLayers.map((l) => ({
      W: Float64Array.from(l.W), b: Float64Array.from(l.b),
      ...(l.gamma ? { gamma: Float64Array.from(l.gamma), beta: Float64Array.from(l.beta!) } : {}),
    }));
  }

  /** Copies of the gradients of the last step, in the layout of getParams. */
  getGrads(): LayerParams<Float64Array>[] {
    return this.weightLayers.map((l) => ({
      W: Float64Array.from(l.dW), b: Float64Array.from(l.db),
      ...(l.gamma ? { gamma: Float64Array.from(l.dgamma!), beta: Float64Array.from(l.dbeta!) } : {}),
    }));
  }

  /** Sets every parameter; each array must have exactly the model's length (flat, row-major). */
  setParams(params: readonly LayerParams<ArrayLike<number>>[]): void {
    const n = this.weightLayers.length;
    if (!Array.isArray(params) || params.length !== n) {
      throw new EngineError(`parameter shape does not match the model: expected ${n} layers of parameters, got ${Array.isArray(params) ? params.length : typeof params}`);
    }
    const targets: [string, FloatArray | null, ArrayLike<number> | undefined][] = [];
    this.weightLayers.forEach((l, i) => {
      const p = params[i];
      const where = `layer ${i + 1} (${l.type})`;
      targets.push([`${where} W`, l.W, p?.W], [`${where} b`, l.b, p?.b], [`${where} gamma`, l.gamma, p?.gamma], [`${where} beta`, l.beta, p?.beta]);
    });
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

  // ---- arena --------------------------------------------------------------------------------------
  /**
   * Moves the model into a new arena when the current one has less than `floats` left (what growing a
   * workspace to `rows` would allocate), sized for `rows` more of that kind. Returns whether it moved.
   */
  private makeRoom(floats: number, rows: { train: number; eval: number }): boolean {
    if (this.arena === null || this.arena.room() >= floats + ALLOC_SLACK) return false;
    const arena = new SimdArena(arenaReserve(this.plan, rows));
    const make = (n: number) => arena.alloc(n);
    const copies = new Map<FloatArray, FloatArray>();
    for (const l of this.layers) {
      if (l instanceof WeightLayer) l.moveTo(make, (from, to) => copies.set(from, to));
      else if (l instanceof PoolLayer) l.moveTo(make);
    }
    for (const p of this.params) {
      const value = copies.get(p.value)!;
      this.optimizer.moved(p.value, value);
      p.value = value;
      p.grad = copies.get(p.grad)!;
    }
    this.arena = arena;
    this.make = make;
    this.arenaRows = rows;
    this.xTrain = this.xEval = this.probs = this.evalProbs = make(0);
    this.capacity = this.evalCapacity = 0;
    return true;
  }

  // ---- training ----------------------------------------------------------------------------------
  private ensureCapacity(N: number): void {
    if (N > this.capacity) {
      // the workspaces grow to max(N, twice their size), as WeightWorkspace.ensure does
      const rows = Math.max(N, 2 * this.capacity);
      this.makeRoom(rows * arenaFloats(this.plan).perTrainRow, { train: Math.max(rows, this.arenaRows.train), eval: Math.max(this.evalCapacity, this.arenaRows.eval) });
    }
    for (const l of this.layers) if (!(l instanceof FlattenLayer)) l.train.ensure(N);
    if (N > this.capacity) {
      const cap = Math.max(N, this.capacity * 2);
      this.probs = this.make(cap * this.classes);
      if (this.arena) this.xTrain = this.make(cap * this.inputSize);
      this.capacity = cap;
    }
  }

  private checkBatch(x: ArrayLike<number>, y: ArrayLike<number>, N: number, training: boolean): void {
    if (!Number.isInteger(N) || N < 1) throw new EngineError(`batch size must be an integer >= 1, got ${N}`);
    if (training) {
      this.weightLayers.forEach((l, i) => {
        if (l.normKind === 'batch' && N * l.HW < 2) {
          throw new EngineError(`batch norm in training needs more than one value per channel: layer ${i + 1} (${l.type}) has ${N} sample(s) x ${l.HW} position(s) = ${N * l.HW}`);
        }
      });
    }
    const need = N * this.inputSize;
    if (!x || x.length < need) throw new EngineError(`input has ${x ? x.length : 0} values, ${N} samples of ${this.spec.inputShape.join('x')} need ${need}`);
    if (!y || y.length < N) throw new EngineError(`labels: need ${N}, got ${y ? y.length : 0}`);
    for (let i = 0; i < N; i++) {
      const t = y[i];
      if (!Number.isInteger(t) || t < 0 || t >= this.classes) throw new EngineError(`label ${String(t)} at sample ${i} is out of range [0, ${this.classes})`);
    }
  }

  /** x itself, or its first N samples copied into `buffer` when the model has an arena that x is not in. */
  private inArena(x: FloatArray, N: number, buffer: FloatArray): FloatArray {
    if (this.arena === null || !(x instanceof Float32Array) || this.arena.holds(x)) return x;
    const n = N * this.inputSize;
    buffer.set(x.subarray(0, n));
    return buffer.subarray(0, n);
  }

  /** The output of layer i (of the input x for i = -1), skipping flatten layers. */
  private outputOf(i: number, phase: Phase, x: FloatArray): FloatArray {
    const j = i < 0 ? -1 : this.layers[i] instanceof FlattenLayer ? this.source[i] : i;
    return j < 0 ? x : (this.layers[j] as WeightLayer | PoolLayer).output(phase);
  }

  /** Runs N samples through every layer; returns the logits (N, classes). */
  private forwardAll(phase: Phase, x: FloatArray, N: number, mode: NormMode): FloatArray {
    const { eps, momentum } = this.spec;
    this.layers.forEach((l, i) => {
      if (l instanceof FlattenLayer) return;
      const inp = this.outputOf(i - 1, phase, x);
      if (l instanceof PoolLayer) l.forward(phase, inp, N);
      else l.forward(phase, inp, N, mode, eps, momentum);
    });
    return this.outputOf(this.layers.length - 1, phase, x);
  }

  /**
   * Forward and backward of one mini-batch in training mode: fills every gradient, returns the loss.
   * Running statistics are updated unless `updateRunning` is false (gradient checks).
   */
  computeGradients(x: FloatArray, y: ArrayLike<number>, N: number, updateRunning = true): number {
    this.checkBatch(x, y, N, true);
    this.ensureCapacity(N);
    x = this.inArena(x, N, this.xTrain);
    const O = this.classes;
    const logits = this.forwardAll('train', x, N, updateRunning ? 'train' : 'batch-stats');
    const loss = crossentropyForward(this.probs, logits, y, N, O);
    // A pooling layer sets its input's gradient: the layer before it needs not clear it.
    this.layers.forEach((l, i) => {
      if (!(l instanceof FlattenLayer)) l.zeroGrad(N, this.layers[i + 1] instanceof PoolLayer);
    });
    const last = this.weightLayers[this.weightLayers.length - 1];
    crossentropyBackward(last.doutput(), this.probs, y, N, O);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i];
      if (l instanceof FlattenLayer) continue;
      const j = this.source[i];
      const prev = j >= 0 ? (this.layers[j] as WeightLayer | PoolLayer) : null;
      l.backward(prev ? prev.doutput() : null, prev ? prev.output('train') : x, N);
    }
    this.lastBatchSize = N;
    return loss;
  }

  /** One optimisation step on a mini-batch (x is (N, C, H, W), y is (N)); returns the loss before the update. */
  trainStep(x: FloatArray, y: ArrayLike<number>, N: number): number {
    const loss = this.computeGradients(x, y, N);
    this.optimizer.step(this.params);
    this.steps++;
    return loss;
  }

  /** Logits of the last training step, (N, classes), a view without copying. */
  trainLogits(): FloatArray {
    return this.weightLayers[this.weightLayers.length - 1].output('train').subarray(0, this.lastBatchSize * this.classes);
  }

  // ---- evaluation --------------------------------------------------------------------------------
  private ensureEvalCapacity(R: number): void {
    if (R > this.evalCapacity) {
      const rows = Math.max(R, 2 * this.evalCapacity);
      this.makeRoom(rows * arenaFloats(this.plan).perEvalRow, { train: Math.max(this.capacity, this.arenaRows.train), eval: Math.max(rows, this.arenaRows.eval) });
    }
    for (const l of this.layers) if (!(l instanceof FlattenLayer)) l.evalWs.ensure(R);
    if (R > this.evalCapacity) {
      this.evalProbs = this.make(R * this.classes);
      if (this.arena) this.xEval = this.make(R * this.inputSize);
      this.evalCapacity = R;
    }
  }

  /**
   * Runs N samples of x through the network in chunks (evaluation mode by default), without touching
   * the training workspaces, and calls `visit(start, R, logits)` while every layer's evalWs holds
   * samples [start, start + R).
   */
  forwardEval(x: FloatArray, N: number, opts: { mode?: Exclude<NormMode, 'train'>; chunk?: number }, visit: (start: number, R: number, logits: FloatArray) => void): void {
    const I = this.inputSize;
    const mode = opts.mode ?? 'eval';
    const chunk = Math.max(1, Math.floor(opts.chunk ?? CONVNET_EVAL_CHUNK));
    if (!Number.isInteger(N) || N < 0 || x.length < N * I) throw new EngineError(`evaluation input has ${x.length} values, ${N} samples of ${I} need ${N * I}`);
    for (let start = 0; start < N;) {
      let R = Math.min(chunk, N - start);
      // With batch statistics a chunk of one sample may leave a channel a single value: join it to the one before.
      if (mode === 'batch-stats' && N - start - R === 1) R += 1;
      if (mode === 'batch-stats') {
        this.weightLayers.forEach((l, i) => {
          if (l.normKind === 'batch' && R * l.HW < 2) throw new EngineError(`batch statistics need more than one value per channel: layer ${i + 1} has ${R * l.HW}`);
        });
      }
      this.ensureEvalCapacity(R);
      const xs = this.inArena(x.subarray(start * I, (start + R) * I), R, this.xEval);
      visit(start, R, this.forwardAll('eval', xs, R, mode));
      start += R;
    }
  }

  /** Loss, accuracy and (optionally) logits on N samples, in evaluation mode by default. */
  evaluate(x: FloatArray, y: ArrayLike<number>, N: number, opts: EvaluateOptions = {}): EvalResult {
    if (N < 1) throw new EngineError('evaluation needs at least one sample');
    this.checkBatch(x, y, N, false);
    const O = this.classes;
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

/** Samples of training batches that the first arena is sized for by default. */
const ARENA_TRAIN_ROWS = 128;

/** Floats an arena may lose to alignment over all the arrays of one workspace growth (16 bytes each). */
const ALLOC_SLACK = 1024;

/**
 * Floats a model's arena reserves: parameters and gradients, training workspaces for batches up to
 * rows.train (twice: a workspace that grows leaves its old arrays behind) and evaluation chunks up to
 * rows.eval (likewise). Reserved, not touched: the system backs only used pages.
 */
function arenaReserve(plan: readonly PlannedLayer[], rows: { train: number; eval: number }): number {
  const { fixed, perTrainRow, perEvalRow } = arenaFloats(plan);
  return fixed + perTrainRow * 2 * Math.max(1, Math.ceil(rows.train)) + perEvalRow * 2 * Math.max(1, Math.ceil(rows.eval)) + 4 * ALLOC_SLACK;
}

/** Upper bounds of the floats a model allocates: once, per training row and per evaluation row. */
function arenaFloats(plan: readonly PlannedLayer[]): { fixed: number; perTrainRow: number; perEvalRow: number } {
  let fixed = 0;
  let perTrainRow = 0;
  let perEvalRow = 0;
  const [C, H, W] = plan[0].inShape;
  perTrainRow += C * H * W;
  perEvalRow += C * H * W;
  for (const p of plan) {
    const out = p.outShape[0] * p.outShape[1] * p.outShape[2];
    if (p.type === 'conv' || p.type === 'linear') {
      const [I1, I2, I3] = p.inShape;
      const weights = p.outShape[0] * (p.type === 'conv' ? p.inShape[0] * p.geometry.K * p.geometry.K : I1 * I2 * I3);
      fixed += 2 * weights + 16 * p.outShape[0] + 64 * 16;
      const col = p.type === 'conv' ? colSize(p.geometry) : 0;
      fixed += 3 * col; // one sample's columns (training, evaluation), dcol
      perTrainRow += 6 * out + 2 * p.groups + 2 * p.outShape[0];
      perEvalRow += 3 * out + 2 * p.groups;
    } else if (p.type === 'maxpool') {
      perTrainRow += 2 * out;
      perEvalRow += out;
    }
  }
  const classes = plan[plan.length - 1].outShape[0];
  perTrainRow += classes;
  perEvalRow += classes;
  return { fixed, perTrainRow, perEvalRow };
}
