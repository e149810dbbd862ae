// The checks and notices every trainer request shares: refused input gets a SessionError naming what
// was wrong and what is allowed; nothing changes.
import { isRunKind, RUN_KINDS, type RunKind } from '../session/run-kinds';
import { SessionError } from '../session/session';

/** Rethrows anything as a SessionError with the same message (what the page shows). */
export function fail(e: unknown): never {
  throw e instanceof SessionError ? e : new SessionError(e instanceof Error ? e.message : String(e));
}

export function checkRunKinds(runs: unknown): asserts runs is RunKind[] {
  if (!Array.isArray(runs) || runs.length === 0 || !runs.every((r) => typeof r === 'string' && isRunKind(r))) {
    fail(`runs must be a non-empty list of ${RUN_KINDS.join(', ')}; got ${JSON.stringify(runs)}`);
  }
}

/** The hidden layer and unit the BN detail follows must exist in `hidden`. */
export function checkSelection(hidden: readonly number[], layer: number, unit: number): void {
  if (!(Number.isInteger(layer) && layer >= 0 && layer < hidden.length)) fail(`layer must be 0 to ${hidden.length - 1}, got ${layer}`);
  if (!(Number.isInteger(unit) && unit >= 0 && unit < hidden[layer])) fail(`unit must be 0 to ${hidden[layer] - 1}, got ${unit}`);
}

/** Steps one stepOnce() may train. */
export function checkStepCount(n: number): void {
  if (!(Number.isInteger(n) && n >= 1 && n <= 100_000)) fail(`steps must be an integer from 1 to 100000, got ${n}`);
}

/** Why training stopped by itself. */
export function stopNotice(everyRunDiverged: boolean, steps: number): string {
  return everyRunDiverged ? 'every run diverged: reset to start again' : `reached ${steps} steps`;
}
