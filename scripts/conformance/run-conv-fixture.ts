// Runs one layer-list (convolutional) conformance fixture (../shared/conformance/README.md,
// "Convolutional fixtures") through the engine's ConvNet in float32: set the given parameters, train
// one step per batch, and report what PyTorch reported. Parameters come nested ([out][in][k][k] for a
// conv, [out][in] for a linear layer) and are flattened row-major; results are nested back the same way.
import { ConvNet } from '../../src/engine/index';
import { planConvNet, type ConvNetSpec, type PlannedLayer } from '../../src/engine/index';
import type { LayerParams } from '../../src/engine/index';
import { EngineError, type OptimizerSpec } from '../../src/engine/index';
import { matrix, type FixtureResult } from './run-fixture';

export interface ConvFixture {
  name: string;
  model: ConvNetSpec;
  optimizer: OptimizerSpec;
  params: Record<string, unknown>[];
  batches: { x: number[][]; y: number[] }[];
  evalX: number[][];
}

type Nested = number | Nested[];

/** The dimensions of a layer's W: [out, in, k, k] or [out, in]. */
function weightDims(p: Extract<PlannedLayer, { type: 'conv' | 'linear' }>): number[] {
  const [C, H, W] = p.inShape;
  return p.type === 'conv' ? [p.spec.out, C, p.geometry.K, p.geometry.K] : [p.spec.out, C * H * W];
}

/** Flattens a nested array of exactly `dims`, refusing any other shape or a non-finite number. */
function flatten(v: unknown, dims: number[], what: string): Float32Array {
  const out = new Float32Array(dims.reduce((a, b) => a * b, 1));
  let k = 0;
  const walk = (a: unknown, d: number, where: string): void => {
    if (!Array.isArray(a) || a.length !== dims[d]) {
      throw new EngineError(`${where}: expected ${dims[d]} values, got ${Array.isArray(a) ? a.length : typeof a} (shape [${dims.join(', ')}])`);
    }
    for (let i = 0; i < a.length; i++) {
      if (d + 1 < dims.length) walk(a[i], d + 1, `${where}[${i}]`);
      else {
        const x = a[i];
        if (typeof x !== 'number' || !Number.isFinite(x)) throw new EngineError(`${where}[${i}] is not a finite number`);
        out[k++] = x;
      }
    }
  };
  walk(v, 0, what);
  return out;
}

function nest(a: ArrayLike<number>, dims: number[], offset = 0): Nested[] {
  const stride = dims.slice(1).reduce((x, y) => x * y, 1);
  return Array.from({ length: dims[0] }, (_, i) => (dims.length === 1 ? a[offset + i] : nest(a, dims.slice(1), offset + i * stride)));
}

function paramsIn(plan: PlannedLayer[], params: unknown): LayerParams<Float32Array>[] {
  const layers = plan.filter((p): p is Extract<PlannedLayer, { type: 'conv' | 'linear' }> => p.type === 'conv' || p.type === 'linear');
  if (!Array.isArray(params) || params.length !== layers.length) {
    throw new EngineError(`parameter shape does not match the model: expected ${layers.length} entries (one per conv or linear layer), got ${Array.isArray(params) ? params.length : typeof params}`);
  }
  return layers.map((l, i) => {
    const p = params[i] as Record<string, unknown> | null;
    const where = `params[${i}] (${l.type})`;
    try {
      const out: LayerParams<Float32Array> = { W: flatten(p?.W, weightDims(l), `${where}.W`), b: flatten(p?.b, [l.spec.out], `${where}.b`) };
      if (l.spec.norm !== 'none') {
        out.gamma = flatten(p?.gamma, [l.spec.out], `${where}.gamma`);
        out.beta = flatten(p?.beta, [l.spec.out], `${where}.beta`);
      } else if (p?.gamma !== undefined || p?.beta !== undefined) {
        throw new EngineError(`${where} has gamma/beta but the layer has no norm`);
      }
      return out;
    } catch (e) {
      throw new EngineError(`parameter shape does not match the model: ${(e as Error).message}`);
    }
  });
}

function paramsOut(plan: PlannedLayer[], list: LayerParams<Float64Array>[]): LayerParams<Nested[]>[] {
  const layers = plan.filter((p): p is Extract<PlannedLayer, { type: 'conv' | 'linear' }> => p.type === 'conv' || p.type === 'linear');
  return layers.map((l, i) => {
    const p = list[i];
    const out: LayerParams<Nested[]> = { W: nest(p.W, weightDims(l)), b: Array.from(p.b) };
    if (p.gamma) {
      out.gamma = Array.from(p.gamma);
      out.beta = Array.from(p.beta!);
    }
    return out;
  });
}

function rowsOf(a: ArrayLike<number>, R: number, C: number): number[][] {
  return Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => a[r * C + c]));
}

export function runConvFixture(f: ConvFixture): FixtureResult {
  const plan = planConvNet(f.model);
  const model = new ConvNet(f.model, f.optimizer, { dtype: 'float32' });
  model.setParams(paramsIn(plan, f.params));
  const I = model.inputSize;
  const O = model.classes;
  if (!Array.isArray(f.batches) || f.batches.length === 0) throw new EngineError('fixture has no batches');
  const batches = f.batches.map((b, i) => {
    const N = Array.isArray(b?.x) ? b.x.length : 0;
    if (N < 1) throw new EngineError(`batch ${i}: x has no samples`);
    if (!Array.isArray(b.y) || b.y.length !== N) throw new EngineError(`batch ${i}: ${N} samples of x but ${Array.isArray(b.y) ? b.y.length : 'no'} labels`);
    for (const t of b.y) {
      if (!Number.isInteger(t) || t < 0 || t >= O) throw new EngineError(`batch ${i}: label ${String(t)} out of range [0, ${O})`);
    }
    return { x: matrix(b.x, N, I, `batch ${i} x (a sample must be ${f.model.inputShape.join('x')} = ${I} values)`), y: Int32Array.from(b.y), N };
  });
  const R = Array.isArray(f.evalX) ? f.evalX.length : 0;
  const evalX = matrix(f.evalX, R, I, `evalX (a sample must be ${I} values)`);

  const losses: number[] = [];
  let logits0: number[][] = [];
  let grads0: LayerParams<Nested[]>[] = [];
  batches.forEach(({ x, y, N }, i) => {
    const loss = model.computeGradients(x, y, N);
    if (i === 0) {
      logits0 = rowsOf(model.trainLogits(), N, O);
      grads0 = paramsOut(plan, model.getGrads());
    }
    model.optimizer.step(model.params);
    losses.push(loss);
  });
  const evalLogits: number[][] = [];
  if (R > 0) model.forwardEval(evalX, R, { mode: 'eval' }, (_, rows, logits) => evalLogits.push(...rowsOf(logits, rows, O)));
  return {
    losses,
    logits0,
    grads0: grads0 as FixtureResult['grads0'],
    params: paramsOut(plan, model.getParams()) as FixtureResult['params'],
    running: model.weightLayers.slice(0, -1).map((l) => (l.runningMean ? { mean: Array.from(l.runningMean), var: Array.from(l.runningVar!) } : null)),
    evalLogits,
  };
}
