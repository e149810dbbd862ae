// Weight initialisation. Weights are (fanOut, fanIn); biases 0, gamma 1, beta 0 are set by the model.
//   normal:STD  w ~ N(0, STD^2)
//   xavier      w ~ N(0, 2 / (fanIn + fanOut))      Glorot & Bengio (2010), normal variant, gain 1
//   he          w ~ N(0, 2 / fanIn)                 He et al. (2015), PyTorch kaiming_normal_ (fan_in, relu)
import { Rng } from './rng';
import { EngineError, type FloatArray, type InitSpec } from './types';

export type ParsedInit = { kind: 'normal'; std: number } | { kind: 'xavier' } | { kind: 'he' };

export function parseInit(spec: InitSpec): ParsedInit {
  if (spec === 'xavier' || spec === 'he') return { kind: spec };
  const m = /^normal:(.+)$/.exec(spec);
  if (m) {
    const std = Number(m[1]);
    if (Number.isFinite(std) && std > 0) return { kind: 'normal', std };
  }
  throw new EngineError(`init "${spec}" is not accepted: use normal:STD (STD > 0, e.g. normal:0.1), xavier or he`);
}

export function initStd(init: ParsedInit, fanIn: number, fanOut: number): number {
  if (init.kind === 'normal') return init.std;
  if (init.kind === 'xavier') return Math.sqrt(2 / (fanIn + fanOut));
  return Math.sqrt(2 / fanIn);
}

/** Fills w (fanOut, fanIn) with N(0, std^2) samples drawn from rng, row by row. */
export function initWeights(w: FloatArray, init: ParsedInit, fanIn: number, fanOut: number, rng: Rng): void {
  const std = initStd(init, fanIn, fanOut);
  const n = fanIn * fanOut;
  for (let i = 0; i < n; i++) w[i] = std * rng.normal();
}
