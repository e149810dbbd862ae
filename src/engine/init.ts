// Weight initialisation. Weights are (fanOut, fanIn); biases 0, gamma 1, beta 0 are set by the model.
//   normal:STD  w ~ N(0, STD^2)
//   xavier      w ~ N(0, 2 / (fanIn + fanOut))      Glorot & Bengio (2010), normal variant, gain 1
//   he          w ~ N(0, 2 / fanIn)                 He et al. (2015), PyTorch kaiming_normal_ (fan_in, relu)
//   pytorch     w, b ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn))   PyTorch's default for Linear and Conv2d
//               (kaiming_uniform_ with a = sqrt(5) gives that bound for the weights); the only init
//               whose biases are not 0 (initBias)
import { Rng } from './rng';
import { EngineError, type FloatArray, type InitSpec } from './types';

export type ParsedInit = { kind: 'normal'; std: number } | { kind: 'xavier' } | { kind: 'he' } | { kind: 'pytorch' };

export function parseInit(spec: InitSpec): ParsedInit {
  if (spec === 'xavier' || spec === 'he' || spec === 'pytorch') return { kind: spec };
  const m = /^normal:(.+)$/.exec(spec);
  if (m) {
    const std = Number(m[1]);
    if (Number.isFinite(std) && std > 0) return { kind: 'normal', std };
  }
  throw new EngineError(`init "${spec}" is not accepted: use normal:STD (STD > 0, e.g. normal:0.1), xavier, he or pytorch`);
}

/** The standard deviation of the weights (pytorch: of U(-a, a), a / sqrt(3)). */
export function initStd(init: ParsedInit, fanIn: number, fanOut: number): number {
  if (init.kind === 'normal') return init.std;
  if (init.kind === 'xavier') return Math.sqrt(2 / (fanIn + fanOut));
  if (init.kind === 'pytorch') return 1 / Math.sqrt(3 * fanIn);
  return Math.sqrt(2 / fanIn);
}

/**
 * Fills the first `count` weights of w (default fanIn * fanOut: a (fanOut, fanIn) matrix) from rng,
 * in order: N(0, std^2), or U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for pytorch. A conv's weights are
 * (out, in * k * k) with fanIn = in * k * k.
 */
export function initWeights(w: FloatArray, init: ParsedInit, fanIn: number, fanOut: number, rng: Rng, count = fanIn * fanOut): void {
  if (init.kind === 'pytorch') {
    const bound = 1 / Math.sqrt(fanIn);
    for (let i = 0; i < count; i++) w[i] = bound * (2 * rng.uniform() - 1);
    return;
  }
  const std = initStd(init, fanIn, fanOut);
  for (let i = 0; i < count; i++) w[i] = std * rng.normal();
}

/** Biases: U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for pytorch (drawn from rng), else 0 (nothing drawn). */
export function initBias(b: FloatArray, init: ParsedInit, fanIn: number, rng: Rng): void {
  if (init.kind !== 'pytorch') {
    b.fill(0);
    return;
  }
  const bound = 1 / Math.sqrt(fanIn);
  for (let i = 0; i < b.length; i++) b[i] = bound * (2 * rng.uniform() - 1);
}
