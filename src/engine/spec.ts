// Validation of a model spec: every value the engine cannot honour is refused with a clear message.
import { divisors } from './groupnorm';
import { EngineError, type ModelSpec, type NormKind } from './types';

const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'];
const NORMS: readonly NormKind[] = ['none', 'batch', 'layer', 'renorm', 'group'];

function positiveInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

export function validateModelSpec(spec: ModelSpec): void {
  const bad = (what: string): never => { throw new EngineError(`model: ${what}`); };
  if (spec === null || typeof spec !== 'object') bad('missing');
  if (!positiveInt(spec.inputSize)) bad(`inputSize must be an integer >= 1, got ${String(spec.inputSize)}`);
  if (!positiveInt(spec.outputSize)) bad(`outputSize must be an integer >= 1, got ${String(spec.outputSize)}`);
  if (!Array.isArray(spec.hidden)) bad('hidden must be a list of layers');
  spec.hidden.forEach((h, i) => {
    const where = `hidden layer ${i + 1}`;
    if (h === null || typeof h !== 'object') bad(`${where} is not an object`);
    if (!positiveInt(h.units)) bad(`${where}: units must be an integer >= 1, got ${String(h.units)}`);
    if (!ACTIVATIONS.includes(h.activation)) bad(`${where}: activation must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(h.activation)}`);
    if (!NORMS.includes(h.norm)) bad(`${where}: norm must be one of ${NORMS.join(', ')}, got ${JSON.stringify(h.norm)}`);
    if (h.groups !== undefined) {
      if (h.norm !== 'group') bad(`${where}: groups is only used by group norm (norm "group"), but the layer's norm is ${JSON.stringify(h.norm)}`);
      if (!positiveInt(h.groups) || h.units % h.groups !== 0) {
        bad(`${where}: groups must divide its ${h.units} units, got ${JSON.stringify(h.groups)}; use one of ${divisors(h.units).join(', ')}`);
      }
    }
  });
  if (spec.normPlacement !== 'pre' && spec.normPlacement !== 'post') bad(`normPlacement must be "pre" or "post", got ${JSON.stringify(spec.normPlacement)}`);
  validateEps(spec.eps);
  validateMomentum(spec.momentum);
  validateRenormLimits(spec.rmax === undefined ? 1 : spec.rmax, spec.dmax === undefined ? 0 : spec.dmax);
}

export function validateEps(eps: unknown): void {
  if (typeof eps !== 'number' || !Number.isFinite(eps) || !(eps > 0)) {
    throw new EngineError(`eps must be a finite number > 0, got ${String(eps)}`);
  }
}

export function validateMomentum(momentum: unknown): void {
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
    throw new EngineError(`running-statistics momentum must be in [0, 1], got ${String(momentum)}`);
  }
}

/** Batch renormalization's limits: rmax >= 1 (r in [1/rmax, rmax]) and dmax >= 0 (d in [-dmax, dmax]), finite. */
export function validateRenormLimits(rmax: unknown, dmax: unknown): void {
  if (typeof rmax !== 'number' || !Number.isFinite(rmax) || !(rmax >= 1)) {
    throw new EngineError(`renorm rmax must be a finite number >= 1, got ${String(rmax)}`);
  }
  if (typeof dmax !== 'number' || !Number.isFinite(dmax) || !(dmax >= 0)) {
    throw new EngineError(`renorm dmax must be a finite number >= 0, got ${String(dmax)}`);
  }
}
