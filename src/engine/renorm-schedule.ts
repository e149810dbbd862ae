// Batch renormalization's schedule of limits (Ioffe, 2017, section 4.1): rmax = 1 and dmax = 0 (plain
// batch norm) for a warm-up, then relaxed to their final values. The paper (Inception on ImageNet):
// "rmax = 1, dmax = 0 for the first 5000 training steps, after which these were gradually relaxed to
// reach rmax = 3 at 40k steps, and dmax = 5 at 25k steps". "Gradually" is not specified; we ramp
// linearly:
//   step <  warmup:  rmax = 1, dmax = 0
//   step >= warmup:  rmax = 1 + (rmaxFinal - 1) min(1, (step - warmup) / rmaxRampSteps)
//                    dmax =      dmaxFinal      min(1, (step - warmup) / dmaxRampSteps)
// (a ramp of 0 steps jumps to the final value at the end of the warm-up).
import { EngineError } from './types';

export interface RenormSchedule {
  /** Steps at rmax = 1, dmax = 0 (exactly batch norm). */
  warmup: number;
  /** rmax after its ramp (>= 1). */
  rmaxFinal: number;
  /** dmax after its ramp (>= 0). */
  dmaxFinal: number;
  /** Steps after the warm-up over which rmax rises linearly from 1 to rmaxFinal. */
  rmaxRampSteps: number;
  /** Steps after the warm-up over which dmax rises linearly from 0 to dmaxFinal. */
  dmaxRampSteps: number;
}

/** The paper's schedule, for runs of the paper's length (rmax 3 at step 40,000, dmax 5 at 25,000). */
export const PAPER_RENORM_SCHEDULE: Readonly<RenormSchedule> = {
  warmup: 5000, rmaxFinal: 3, dmaxFinal: 5, rmaxRampSteps: 35_000, dmaxRampSteps: 20_000,
};

/**
 * The default here: the paper's schedule with every step count divided by 10, for our runs of 5,000
 * to 50,000 steps: batch norm for 500 steps, then rmax reaches 3 at step 4,000 and dmax 5 at 2,500.
 */
export const DEFAULT_RENORM_SCHEDULE: Readonly<RenormSchedule> = {
  warmup: 500, rmaxFinal: 3, dmaxFinal: 5, rmaxRampSteps: 3500, dmaxRampSteps: 2000,
};

export function validateRenormSchedule(s: RenormSchedule): void {
  const bad = (what: string): never => { throw new EngineError(`renorm schedule: ${what}`); };
  if (s === null || typeof s !== 'object') bad('missing');
  for (const k of ['warmup', 'rmaxRampSteps', 'dmaxRampSteps'] as const) {
    const v = s[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(`${k} must be a finite number of steps >= 0, got ${String(v)}`);
  }
  if (typeof s.rmaxFinal !== 'number' || !Number.isFinite(s.rmaxFinal) || !(s.rmaxFinal >= 1)) bad(`rmaxFinal must be a finite number >= 1, got ${String(s.rmaxFinal)}`);
  if (typeof s.dmaxFinal !== 'number' || !Number.isFinite(s.dmaxFinal) || !(s.dmaxFinal >= 0)) bad(`dmaxFinal must be a finite number >= 0, got ${String(s.dmaxFinal)}`);
}

/** Share of a ramp done `t` steps after the warm-up: 0 before, 1 after `steps` (at once if steps = 0). */
function rampShare(t: number, steps: number): number {
  if (t < 0) return 0;
  return steps <= 0 ? 1 : Math.min(1, t / steps);
}

/**
 * The limits for training step `step` (the number of steps already taken, so the first step is 0):
 * what a session passes to Mlp.setRenormLimits before each step.
 */
export function renormLimits(step: number, schedule: RenormSchedule = DEFAULT_RENORM_SCHEDULE): { rmax: number; dmax: number } {
  validateRenormSchedule(schedule);
  if (typeof step !== 'number' || !Number.isFinite(step) || step < 0) throw new EngineError(`renorm schedule: step must be a finite number >= 0, got ${String(step)}`);
  const t = step - schedule.warmup;
  return {
    rmax: 1 + (schedule.rmaxFinal - 1) * rampShare(t, schedule.rmaxRampSteps),
    dmax: schedule.dmaxFinal * rampShare(t, schedule.dmaxRampSteps),
  };
}
