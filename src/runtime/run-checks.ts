// The checks and notices every trainer request shares: refused input gets a SessionError naming what
// was wrong and what is allowed; nothing changes.
import { RUN_KINDS } from '../session/run-kinds';
import { MAX_RUNS, runSpecOf } from '../session/run-spec';
import { SessionError } from '../session/session';

/** Rethrows anything as a SessionError with the same message (what the page shows). */
export function fail(e: unknown): never {
  throw e instanceof SessionError ? e : new SessionError(e instanceof Error ? e.message : String(e));
}

/** Runs are 1 to MAX_RUNS distinct canonical run ids (run-spec.ts: 'batch', 'batch:eps=1'). */
export function checkRunIds(runs: unknown): asserts runs is string[] {
  const ok = Array.isArray(runs) && runs.length > 0 && runs.length <= MAX_RUNS && new Set(runs).size === runs.length
    && runs.every((r) => typeof r === 'string' && runSpecOf(r) !== null);
  if (!ok) fail(`runs must be 1 to ${MAX_RUNS} distinct runs, each ${RUN_KINDS.join('|')} with optional own settings (batch:eps=1); got ${JSON.stringify(runs).slice(0, 200)}`);
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
