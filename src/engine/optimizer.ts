// Optimizers over a list of parameters, as PyTorch implements them (torch.optim.SGD, torch.optim.Adam
// with L2 weight decay added to the gradient, not decoupled). Weight decay applies to every parameter.
//   SGD:  g = grad + wd p;  buf = momentum buf + g (buf = g on its first step);  p -= lr buf
//         (without momentum: p -= lr g)
//   Adam: g = grad + wd p;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
//         p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
import { EngineError, type FloatArray, type OptimizerSpec } from './types';

export interface Param {
  /** e.g. "hidden1.W", "output.b" */
  name: string;
  value: FloatArray;
  grad: FloatArray;
}

export interface Optimizer {
  readonly spec: OptimizerSpec;
  step(params: readonly Param[]): void;
  /** Live change of hyperparameters (the type cannot change); state (buffers, moments) is kept. */
  update(change: Partial<Omit<OptimizerSpec, 'type'>>): void;
  /** Forget momentum buffers and moments. */
  reset(): void;
  /** A parameter's array was replaced by `to`, a copy of `from` (a model moved its arrays): its state follows it. */
  moved(from: FloatArray, to: FloatArray): void;
}

/** Re-keys the state of `from` to `to` in a map of per-parameter state. */
function rekey<T>(state: Map<FloatArray, T>, from: FloatArray, to: FloatArray): void {
  const v = state.get(from);
  if (v === undefined) return;
  state.delete(from);
  state.set(to, v);
}

export function validateOptimizer(spec: OptimizerSpec): void {
  const bad = (what: string) => { throw new EngineError(`optimizer: ${what}`); };
  const finiteNonNeg = (v: unknown, name: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(`${name} must be a finite number >= 0, got ${String(v)}`);
  };
  if (spec === null || typeof spec !== 'object') bad('missing');
  if (spec.type !== 'sgd' && spec.type !== 'adam') bad(`type must be "sgd" or "adam", got ${JSON.stringify((spec as { type?: unknown }).type)}`);
  finiteNonNeg(spec.lr, 'lr');
  finiteNonNeg(spec.weightDecay, 'weightDecay');
  if (spec.type === 'sgd') finiteNonNeg(spec.momentum, 'momentum');
  else {
    for (const k of ['beta1', 'beta2'] as const) {
      const v = spec[k];
      if (typeof v !== 'number' || !(v >= 0 && v < 1)) bad(`${k} must be in [0, 1), got ${String(v)}`);
    }
    if (typeof spec.eps !== 'number' || !(spec.eps > 0) || !Number.isFinite(spec.eps)) bad(`eps must be > 0, got ${String(spec.eps)}`);
  }
}

export function createOptimizer(spec: OptimizerSpec, makeArray: (n: number) => FloatArray): Optimizer {
  validateOptimizer(spec);
  return spec.type === 'sgd' ? new Sgd({ ...spec }, makeArray) : new Adam({ ...spec }, makeArray);
}

class Sgd implements Optimizer {
  private buffers = new Map<FloatArray, FloatArray>();
  constructor(public spec: Extract<OptimizerSpec, { type: 'sgd' }>, private makeArray: (n: number) => FloatArray) {}

  step(params: readonly Param[]): void {
    const { lr, momentum, weightDecay: wd } = this.spec;
    for (const { value: p, grad } of params) {
      const n = p.length;
      if (momentum === 0) {
        if (wd === 0) for (let i = 0; i < n; i++) p[i] -= lr * grad[i];
        else for (let i = 0; i < n; i++) p[i] -= lr * (grad[i] + wd * p[i]);
        continue;
      }
      let buf = this.buffers.get(p);
      if (!buf) {
        buf = this.makeArray(n);
        for (let i = 0; i < n; i++) buf[i] = grad[i] + wd * p[i];
        this.buffers.set(p, buf);
      } else {
        for (let i = 0; i < n; i++) buf[i] = momentum * buf[i] + grad[i] + wd * p[i];
      }
      for (let i = 0; i < n; i++) p[i] -= lr * buf[i];
    }
  }

  update(change: Partial<Omit<OptimizerSpec, 'type'>>): void {
    const next = { ...this.spec, ...change } as typeof this.spec;
    validateOptimizer(next);
    this.spec = next;
  }

  reset(): void {
    this.buffers.clear();
  }

  moved(from: FloatArray, to: FloatArray): void {
    rekey(this.buffers, from, to);
  }
}

class Adam implements Optimizer {
  private moments = new Map<FloatArray, { m: FloatArray; v: FloatArray }>();
  private t = 0;
  constructor(public spec: Extract<OptimizerSpec, { type: 'adam' }>, private makeArray: (n: number) => FloatArray) {}

  step(params: readonly Param[]): void {
    const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd } = this.spec;
    this.t++;
    const bc1 = 1 - Math.pow(b1, this.t);
    const sqrtBc2 = Math.sqrt(1 - Math.pow(b2, this.t));
    const stepSize = lr / bc1;
    for (const { value: p, grad } of params) {
      const n = p.length;
      let st = this.moments.get(p);
      if (!st) {
        st = { m: this.makeArray(n), v: this.makeArray(n) };
        this.moments.set(p, st);
      }
      const { m, v } = st;
      for (let i = 0; i < n; i++) {
        const g = grad[i] + wd * p[i];
        const mi = b1 * m[i] + (1 - b1) * g;
        const vi = b2 * v[i] + (1 - b2) * g * g;
        m[i] = mi;
        v[i] = vi;
        p[i] -= (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps);
      }
    }
  }

  update(change: Partial<Omit<OptimizerSpec, 'type'>>): void {
    const next = { ...this.spec, ...change } as typeof this.spec;
    validateOptimizer(next);
    this.spec = next;
  }

  reset(): void {
    this.moments.clear();
    this.t = 0;
  }

  moved(from: FloatArray, to: FloatArray): void {
    rekey(this.moments, from, to);
  }
}
