// Epsilon has one owner, the session's settings; a live change applies from the next step. A frame
// shows the batch variance of the last step, so it must be the variance that step normalised with:
// rebuilt from the kernel's rstd = 1/sqrt(var + eps) with the eps of that step, not the current one.
import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import { FrameBuilder } from './frame';

const B = 16;

/** The biased variance of each unit's input to the norm over the last batch, in float64 (eq. 2). */
function kernelVariance(session: TrainingSession): number[] {
  const l = session.runs[0].watched[0];
  const x = l.normInput(B);
  const U = l.units;
  return Array.from({ length: U }, (_, u) => {
    let mean = 0;
    for (let b = 0; b < B; b++) mean += x[b * U + u] / B;
    let v = 0;
    for (let b = 0; b < B; b++) v += (x[b * U + u] - mean) ** 2 / B;
    return v;
  });
}

describe('batch variance in frames', () => {
  it('is the variance the step used, also right after a live eps change', () => {
    const ds = make2d('xor', { seed: 1, trainCount: 200, testCount: 50, noise: 0.1 });
    const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [6], act: 'tanh', batch: B, lr: 0.05, eps: 1e-5, evalEvery: 100, steps: 1e9 }, ['batch']);
    const builder = new FrameBuilder(s);
    const step = () => { builder.beforeStep(s); s.trainStep(); builder.afterStep(s); };
    const check = (seq: number, eps: number) => {
      const frame = builder.build(s, seq, 'paused', { layer: 0, unit: 0 }, null);
      const shown = frame.runs[0].layers[0].running!.batchVar;
      const bn = frame.bnDetail!;
      const want = kernelVariance(s);
      // The kernel sums B float32 squares and rounds 1/sqrt(var + eps) to float32: a relative error of
      // at most about (B + 4) 2^-24 of var + eps, which is what 1/rstd^2 - eps keeps.
      want.forEach((v, u) => expect(Math.abs(shown[u] - v), `unit ${u}`).toBeLessThanOrEqual((B + 4) * 2 ** -24 * (v + eps) * 2));
      expect(bn.eps).toBe(eps);
      expect(Math.abs(bn.variance - want[0])).toBeLessThanOrEqual((B + 4) * 2 ** -24 * (want[0] + eps) * 2);
    };
    for (let i = 0; i < 3; i++) step();
    s.applyLive({ eps: 0.5 });
    check(1, 1e-5); // the last step still used 1e-5
    step();
    check(2, 0.5);
  });
});
