// The "examples seen" x axis of a run (runs with their own batch size train on more or fewer rows per
// step than the others, so steps compare unlike amounts of data): the rows a run has trained on after
// `step` steps. A run with its own batch size B trained step * B; a run following the session's batch
// size trained, between two live changes of it, (steps in between) * (the size then). Pure: the loss
// and accuracy views map each run's steps through it when the axis shows examples.
import { runSpecOf } from '../state/chart-inputs';
import type { SettingChange } from '../state/setting-changes';

/**
 * Rows run `runId` trained on by the end of step `step`. `batchNow` is the session's batch size now,
 * `changes` the live changes since the runs started (a change's step is the first step with its value).
 */
export function examplesSeen(runId: string, step: number, batchNow: number, changes: readonly SettingChange[]): number {
  const own = runSpecOf(runId)?.overrides.batch;
  if (own !== undefined) return step * own;
  const batches = changes.filter((c) => c.key === 'batch').sort((a, b) => a.step - b.step);
  let size = batches.length > 0 ? batches[0].from : batchNow;
  let from = 1; // the first step trained at `size`
  let total = 0;
  for (const c of batches) {
    if (c.step > step) break;
    total += (c.step - from) * size;
    from = c.step;
    size = c.to;
  }
  return total + Math.max(0, step - from + 1) * size;
}

/** examplesSeen of one run as a function of the step, and back: piecewise linear, increasing. */
export interface ExamplesMap {
  (step: number): number;
  /** The (fractional) step at which the run had seen `examples` rows. */
  invert(examples: number): number;
}

/**
 * examplesSeen(runId, ·, batchNow, changes) as a map built once per draw: the stretches of steps at one
 * batch size (first step, rows seen before it, size), so a point costs a short scan and no allocation.
 */
export function examplesSeenMap(runId: string, batchNow: number, changes: readonly SettingChange[]): ExamplesMap {
  const own = runSpecOf(runId)?.overrides.batch;
  const stretches: { from: number; base: number; size: number }[] = [];
  if (own !== undefined) stretches.push({ from: 1, base: 0, size: own });
  else {
    const batches = changes.filter((c) => c.key === 'batch').sort((a, b) => a.step - b.step);
    let size = batches.length > 0 ? batches[0].from : batchNow;
    let from = 1;
    let base = 0;
    stretches.push({ from, base, size });
    for (const c of batches) {
      base += (c.step - from) * size;
      from = c.step;
      size = c.to;
      stretches.push({ from, base, size });
    }
  }
  const f = ((step: number) => {
    let s = stretches[0];
    for (let i = 1; i < stretches.length && stretches[i].from <= step; i++) s = stretches[i];
    return s.base + Math.max(0, step - s.from + 1) * s.size;
  }) as ExamplesMap;
  f.invert = (examples: number) => {
    let s = stretches[0];
    for (let i = 1; i < stretches.length && stretches[i].base <= examples; i++) s = stretches[i];
    return s.size > 0 ? (examples - s.base) / s.size + s.from - 1 : s.from - 1;
  };
  return f;
}

type Scale = (v: number) => number;

/**
 * `x` after `map`: a run's steps to pixels on an examples-seen axis. The result is flagged non-affine
 * (`log`, the flag the M4 reduction reads: ./m4.ts), so that pixel columns are taken from it point by
 * point: a map with batch changes is piecewise, and x may be a log-step scale, and two probes (x(0),
 * x(1)) would put every point of such a line in the wrong column, or all of them in one. It keeps x's
 * domain and range, so that two equal compositions compare equal (change markers re-render less).
 */
export function composeScale(x: Scale, map: ExamplesMap): Scale & { log: true } {
  const f = ((s: number) => x(map(s))) as Scale & { log: true; domain?: () => number[]; range?: () => number[] };
  const src = x as { domain?: () => number[]; range?: () => number[] };
  return Object.assign(f, { log: true as const, domain: src.domain, range: src.range });
}
