// The check of the landscape note's direction against the β-smoothness the chart shows.
import { describe, expect, it } from 'vitest';
import type { SeriesColumns } from '../telemetry/bounded-series';
import type { LandscapeFrame, LandscapeRunFrame } from '../telemetry/frame';
import { betaComparison } from './landscape-geometry';

const cols = (y: number[]): SeriesColumns => ({ x: Float64Array.from(y, (_, i) => i * 100), y: Float32Array.from(y) } as unknown as SeriesColumns);
const run = (id: string, beta: number[]) => ({ id, betaSmooth: cols(beta) } as unknown as LandscapeRunFrame);
const land = (...runs: LandscapeRunFrame[]) => ({ runs } as unknown as LandscapeFrame);

describe('betaComparison', () => {
  it('medians of the last measurements: batch norm higher than plain does not agree with the paper', () => {
    const c = betaComparison(land(run('plain', [5, 2, 2.09, 2.1, 2.0, 2.2]), run('batch', [1, 9, 9.77, 10, 9.5, 9.9])))!;
    expect(c.lower).toBe(false);
    expect(c.bn).toBeCloseTo(9.77, 5);
    expect(c.plain).toBeCloseTo(2.09, 5);
    expect(c.n).toBe(5);
  });

  it('lower with batch norm agrees; non-finite measurements are skipped', () => {
    const c = betaComparison(land(run('plain', [8, NaN, 9]), run('batch', [1, 2, Infinity])))!;
    expect(c.lower).toBe(true);
    expect(c.n).toBe(2);
  });

  it('null without both runs or without measurements', () => {
    expect(betaComparison(land(run('plain', [1]))) ).toBeNull();
    expect(betaComparison(land(run('plain', []), run('batch', [1])))).toBeNull();
    expect(betaComparison(null)).toBeNull();
  });
});
