// Runs one conformance fixture (see ../shared/conformance/README.md) through the engine in float32:
// set the given parameters, train one step per batch, and report what PyTorch reported.
// Beyond the fixtures' norms (none, batch, layer) the model may use 'renorm' (optional rmax and dmax
// on the model, defaults 1 and 0: exactly batch norm; its running statistics are reported as batch
// norm's) and 'group' (optional `groups` on the hidden layer); the engine's spec validation refuses
// malformed ones. Both have gamma and beta like the other norms.
import { Mlp, type LayerParams } from '../../src/engine/index';
import { EngineError, type ModelSpec, type OptimizerSpec } from '../../src/engine/index';

export interface Fixture {
  name: string;
  model: ModelSpec;
  optimizer: OptimizerSpec;
  params: LayerParams<number[] | number[][]>[];
  batches: { x: number[][]; y: number[] }[];
  evalX: number[][];
}

type Nested = number[] | number[][];
export interface FixtureResult {
  losses: number[];
  logits0: number[][];
  grads0: LayerParams<Nested>[];
  params: LayerParams<Nested>[];
  running: ({ mean: number[]; var: number[] } | null)[];
  evalLogits: number[][];
}

/** Flattens rows (R, C) into a Float32Array, refusing any other shape. */
export function matrix(rows: unknown, R: number, C: number, what: string): Float32Array {
  if (!Array.isArray(rows) || rows.length !== R) {
    throw new EngineError(`${what}: expected ${R} rows, got ${Array.isArray(rows) ? rows.length : typeof rows}`);
  }
  const out = new Float32Array(R * C);
  rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== C) {
      throw new EngineError(`${what}: row ${r} should have ${C} values, got ${Array.isArray(row) ? row.length : typeof row}`);
    }
    row.forEach((v, c) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new EngineError(`${what}[${r}][${c}] is not a finite number`);
      out[r * C + c] = v;
    });
  });
  return out;
}

function vector(v: unknown, n: number, what: string): Float32Array {
  if (!Array.isArray(v) || v.length !== n) throw new EngineError(`${what}: expected ${n} values, got ${Array.isArray(v) ? v.length : typeof v}`);
  return matrix([v], 1, n, what);
}

function rowsOf(a: ArrayLike<number>, R: number, C: number): number[][] {
  return Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => a[r * C + c]));
}

/** Shapes of every linear layer: [out, in, hasNorm]. */
function layerShapes(m: ModelSpec): [number, number, boolean][] {
  const shapes: [number, number, boolean][] = [];
  let inSize = m.inputSize;
  for (const h of m.hidden) {
    shapes.push([h.units, inSize, h.norm !== 'none']);
    inSize = h.units;
  }
  shapes.push([m.outputSize, inSize, false]);
  return shapes;
}

function paramsIn(m: ModelSpec, params: unknown): LayerParams<Float32Array>[] {
  const shapes = layerShapes(m);
  if (!Array.isArray(params) || params.length !== shapes.length) {
    throw new EngineError(`parameter shape does not match the model: expected ${shapes.length} layers, got ${Array.isArray(params) ? params.length : typeof params}`);
  }
  return shapes.map(([O, I, norm], i) => {
    const p = params[i] as Record<string, unknown>;
    const where = i < shapes.length - 1 ? `params[${i}] (hidden layer ${i + 1})` : `params[${i}] (output layer)`;
    try {
      const out: LayerParams<Float32Array> = { W: matrix(p?.W, O, I, `${where}.W`), b: vector(p?.b, O, `${where}.b`) };
      if (norm) {
        out.gamma = vector(p?.gamma, O, `${where}.gamma`);
        out.beta = vector(p?.beta, O, `${where}.beta`);
      } else if (p?.gamma !== undefined || p?.beta !== undefined) {
        throw new EngineError(`${where} has gamma/beta but the layer has no norm`);
      }
      return out;
    } catch (e) {
      throw new EngineError(`parameter shape does not match the model: ${(e as Error).message}`);
    }
  });
}

function paramsOut(m: ModelSpec, list: LayerParams<Float64Array>[]): LayerParams<Nested>[] {
  return layerShapes(m).map(([O, I], i) => {
    const p = list[i];
    const out: LayerParams<Nested> = { W: rowsOf(p.W, O, I), b: Array.from(p.b) };
    if (p.gamma) {
      out.gamma = Array.from(p.gamma);
      out.beta = Array.from(p.beta!);
    }
    return out;
  });
}

export function runFixture(f: Fixture): FixtureResult {
  if (!f || typeof f !== 'object') throw new EngineError('fixture is not an object');
  const m = f.model;
  const model = new Mlp(m, f.optimizer, { dtype: 'float32' });
  model.setParams(paramsIn(m, f.params));
  if (!Array.isArray(f.batches) || f.batches.length === 0) throw new EngineError('fixture has no batches');
  const batches = f.batches.map((b, i) => {
    const B = Array.isArray(b?.x) ? b.x.length : 0;
    if (B < 1) throw new EngineError(`batch ${i}: x has no rows`);
    if (!Array.isArray(b.y) || b.y.length !== B) throw new EngineError(`batch ${i}: ${B} rows of x but ${Array.isArray(b.y) ? b.y.length : 'no'} labels`);
    for (const t of b.y) {
      if (!Number.isInteger(t) || t < 0 || t >= m.outputSize) throw new EngineError(`batch ${i}: label ${String(t)} out of range [0, ${m.outputSize})`);
    }
    return { x: matrix(b.x, B, m.inputSize, `batch ${i} x (input width must be ${m.inputSize})`), y: Int32Array.from(b.y), B };
  });
  const R = Array.isArray(f.evalX) ? f.evalX.length : 0;
  const evalX = matrix(f.evalX, R, m.inputSize, `evalX (input width must be ${m.inputSize})`);

  const losses: number[] = [];
  let logits0: number[][] = [];
  let grads0: LayerParams<Nested>[] = [];
  batches.forEach(({ x, y, B }, i) => {
    const loss = model.computeGradients(x, y, B);
    if (i === 0) {
      logits0 = rowsOf(model.trainLogits(), B, m.outputSize);
      grads0 = paramsOut(m, model.getGrads());
    }
    model.optimizer.step(model.params);
    losses.push(loss);
  });
  const evalLogits: number[][] = [];
  if (R > 0) {
    model.forwardEval(evalX, R, { mode: 'eval' }, (start, rows, logits) => {
      evalLogits.push(...rowsOf(logits, rows, m.outputSize));
    });
  }
  return {
    losses,
    logits0,
    grads0,
    params: paramsOut(m, model.getParams()),
    running: model.layers.map((l) => (l.runningMean ? { mean: Array.from(l.runningMean), var: Array.from(l.runningVar!) } : null)),
    evalLogits,
  };
}
