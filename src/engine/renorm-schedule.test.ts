import { describe, expect, it } from 'vitest';
import { DEFAULT_RENORM_SCHEDULE, PAPER_RENORM_SCHEDULE, renormLimits, type RenormSchedule } from './renorm-schedule';

describe('renorm schedule', () => {
  it('is batch norm during the warm-up, then ramps linearly to the final limits', () => {
    const at = (step: number) => renormLimits(step, DEFAULT_RENORM_SCHEDULE);
    expect(at(0)).toEqual({ rmax: 1, dmax: 0 });
    expect(at(499)).toEqual({ rmax: 1, dmax: 0 });
    expect(at(500)).toEqual({ rmax: 1, dmax: 0 });
    expect(at(1500).rmax).toBeCloseTo(1 + 2 * (1000 / 3500), 12);
    expect(at(1500).dmax).toBeCloseTo(5 * (1000 / 2000), 12);
    expect(at(2500)).toEqual({ rmax: 1 + 2 * (2000 / 3500), dmax: 5 });
    expect(at(4000)).toEqual({ rmax: 3, dmax: 5 });
    expect(at(50_000)).toEqual({ rmax: 3, dmax: 5 });
    expect(renormLimits(1234)).toEqual(at(1234));
  });

  it('reaches the paper\'s limits at the paper\'s steps (rmax 3 at 40k, dmax 5 at 25k)', () => {
    expect(renormLimits(5000, PAPER_RENORM_SCHEDULE)).toEqual({ rmax: 1, dmax: 0 });
    expect(renormLimits(25_000, PAPER_RENORM_SCHEDULE).dmax).toBe(5);
    expect(renormLimits(24_000, PAPER_RENORM_SCHEDULE).dmax).toBeLessThan(5);
    expect(renormLimits(40_000, PAPER_RENORM_SCHEDULE).rmax).toBe(3);
    expect(renormLimits(39_000, PAPER_RENORM_SCHEDULE).rmax).toBeLessThan(3);
  });

  it('never decreases and stays within [1, rmaxFinal] x [0, dmaxFinal]', () => {
    let prev = { rmax: 1, dmax: 0 };
    for (let step = 0; step <= 5000; step += 37) {
      const l = renormLimits(step);
      expect(l.rmax).toBeGreaterThanOrEqual(prev.rmax);
      expect(l.dmax).toBeGreaterThanOrEqual(prev.dmax);
      expect(l.rmax).toBeLessThanOrEqual(3);
      expect(l.dmax).toBeLessThanOrEqual(5);
      prev = l;
    }
  });

  it('jumps at the end of the warm-up when a ramp has no steps', () => {
    const s: RenormSchedule = { warmup: 10, rmaxFinal: 2, dmaxFinal: 1, rmaxRampSteps: 0, dmaxRampSteps: 0 };
    expect(renormLimits(9, s)).toEqual({ rmax: 1, dmax: 0 });
    expect(renormLimits(10, s)).toEqual({ rmax: 2, dmax: 1 });
  });

  it('refuses a bad schedule or step with a clear message', () => {
    const s = DEFAULT_RENORM_SCHEDULE;
    expect(() => renormLimits(-1, s)).toThrow('renorm schedule: step must be a finite number >= 0, got -1');
    expect(() => renormLimits(NaN, s)).toThrow(/step/);
    expect(() => renormLimits(0, { ...s, rmaxFinal: 0.5 })).toThrow('renorm schedule: rmaxFinal must be a finite number >= 1, got 0.5');
    expect(() => renormLimits(0, { ...s, dmaxFinal: -1 })).toThrow(/dmaxFinal/);
    expect(() => renormLimits(0, { ...s, warmup: -5 })).toThrow(/warmup must be a finite number of steps >= 0, got -5/);
    expect(() => renormLimits(0, { ...s, dmaxRampSteps: Infinity })).toThrow(/dmaxRampSteps/);
  });
});
