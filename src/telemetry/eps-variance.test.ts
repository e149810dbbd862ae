// Epsilon has one owner, the session's settings; a live change applies from the next step. A frame
// shows the batch variance of the last step, so it must be the variance that step normalised with:
// the one the batch-norm kernel stored beside mean and rstd, not 1/rstd^2 - eps rebuilt afterwards
// (that needs the step's eps, and cancels catastrophically when the variance is far below eps).
import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import { FrameBuilder } from './frame';

const B = 16;
const U32 = 2 ** -24;

/** The biased variance of each unit's input to the norm over the last batch, in float64 (eq. 2), and max |x|. */
function referenceVariance(session: TrainingSession): { v: number[]; X: number } {
  const l = session.runs[0].watched[0];
  const x = l.normInput(B);
  const U = l.units;
  let X = 0;
  for (let i = 0; i < B * U; i++) X = Math.max(X, Math.abs(x[i]));
  const v = Array.from({ length: U }, (_, u) => {
    let mean = 0;
    for (let b = 0; b < B; b++) mean += x[b * U + u] / B;
    let s = 0;
    for (let b = 0; b < B; b++) s += (x[b * U + u] - mean) ** 2 / B;
    return s;
  });
  return { v, X };
}

/**
 * The float32 kernel's variance against the float64 one: B squared deviations summed in float32,
 * (B + 4) u relative, plus the square of its mean's error, (B + 1) u X (deviations from a mean off by
 * delta carry delta^2 more). Twice that as the margin. Relative to var alone: eps plays no part.
 */
const bound = (v: number, X: number) => 2 * ((B + 4) * U32 * v + ((B + 1) * U32 * X) ** 2);

function session(eps: number, scale: number): { s: TrainingSession; builder: FrameBuilder; step: () => void } {
  const ds = make2d('xor', { seed: 1, trainCount: 200, testCount: 50, noise: 0.1 });
  for (let i = 0; i < ds.trainX.length; i++) ds.trainX[i] *= scale;
  const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [6], act: 'tanh', batch: B, lr: 0.05, eps, evalEvery: 100, steps: 1e9 }, ['batch']);
  const builder = new FrameBuilder(s);
  return { s, builder, step: () => { builder.beforeStep(s); s.trainStep(); builder.afterStep(s); } };
}

describe('batch variance in frames', () => {
  it('is the variance the kernel stored, also right after a live eps change', () => {
    const { s, builder, step } = session(1e-5, 1);
    const check = (seq: number, eps: number) => {
      const frame = builder.build(s, seq, 'paused', { layer: 0, unit: 0 }, null);
      const shown = frame.runs[0].layers[0].running!.batchVar;
      const stored = s.runs[0].watched[0].batchVariance();
      const bn = frame.bnDetail!;
      // the frame carries the kernel's float32 values themselves
      expect(Array.from(shown)).toEqual(Array.from(stored.subarray(0, shown.length)));
      expect(bn.variance).toBe(stored[0]);
      expect(bn.eps).toBe(eps);
      const { v, X } = referenceVariance(s);
      v.forEach((want, u) => expect(Math.abs(shown[u] - want), `unit ${u}`).toBeLessThanOrEqual(bound(want, X)));
    };
    for (let i = 0; i < 3; i++) step();
    s.applyLive({ eps: 0.5 });
    check(1, 1e-5); // the last step still used 1e-5
    step();
    check(2, 0.5);
  });

  it('keeps its precision when the variance is far below eps (inputs scaled by 1e-4, eps 1)', () => {
    const { s, builder, step } = session(1, 1e-4);
    for (let i = 0; i < 3; i++) step();
    const frame = builder.build(s, 1, 'paused', { layer: 0, unit: 0 }, null);
    const shown = frame.runs[0].layers[0].running!.batchVar;
    const { v, X } = referenceVariance(s);
    const rstd = s.runs[0].watched[0].batchRstd();
    v.forEach((want, u) => {
      expect(want, `unit ${u} is in the regime`).toBeLessThan(1e-6);
      expect(Math.abs(shown[u] - want), `unit ${u}`).toBeLessThanOrEqual(bound(want, X));
      // what the rebuild gave: rstd = 1/sqrt(1 + var) rounds to within u32 of 1, so 1/rstd^2 - 1 keeps
      // nothing of var (a relative error of order 1 or more)
      const rebuilt = 1 / (rstd[u] * rstd[u]) - 1;
      expect(Math.abs(rebuilt - want) / want, `unit ${u}, rebuilt`).toBeGreaterThan(0.5);
    });
    expect(Math.abs(frame.bnDetail!.variance - v[0])).toBeLessThanOrEqual(bound(v[0], X));
  });
});
