import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { FrameBuilder } from '../telemetry/frame';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import { bnNumbers, formatEps, formatNum } from './bn-step-numbers';

function detail() {
  const ds = make2d('spiral', { seed: 1, trainCount: 300, testCount: 100, noise: 0.1 });
  const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [8, 8], act: 'sigmoid', batch: 32, evalEvery: 50, steps: 1e9 }, ['plain', 'batch']);
  const b = new FrameBuilder(s);
  for (let i = 0; i < 200; i++) { b.beforeStep(s); s.trainStep(); b.afterStep(s); }
  return b.build(s, 1, 'running', { layer: 1, unit: 3 }, null).bnDetail!;
}

describe('bnNumbers', () => {
  const d = detail();

  it('training mode: m is the batch size, and the batch statistics reproduce (1)-(4)', () => {
    const n = bnNumbers(d, 'train');
    expect(n.m).toBe(32);
    expect(n.eps).toBe(1e-5);
    expect(n.rows).toHaveLength(6);
    const mu = Array.from(d.x).reduce((s, v) => s + v, 0) / n.m;
    const v = Array.from(d.x).reduce((s, x) => s + (x - mu) ** 2, 0) / n.m;
    // the frame carries float32 statistics of values of order 1 (fixed seed): ~1e-7 relative, far inside
    // 4 and 3 decimals, which are what the panel prints
    expect(n.mean).toBeCloseTo(mu, 4);
    expect(n.variance).toBeCloseTo(v, 3);
    for (const r of n.rows) {
      expect(r.xhat).toBeCloseTo((r.x - n.mean) / Math.sqrt(n.variance + n.eps), 3);
      expect(r.y).toBeCloseTo(n.gamma * r.xhat + n.beta, 3);
    }
  });

  it('the spread of x-hat: the standard deviation of the engine\'s x-hat over the batch; 1 when var >> eps, below 1 when eps matters', () => {
    const n = bnNumbers(d, 'train');
    const xs = Array.from(d.xhat);
    const mean = xs.reduce((a, v) => a + v, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / xs.length);
    // float32 x-hat values: the sd agrees to about 1e-4 relative
    expect(n.xhatStd).toBeCloseTo(sd, 3);
    expect(n.xhatStd).toBeGreaterThan(0.99); // eps = 1e-5 against a variance far above it
    const bigEps = bnNumbers({ ...d, eps: d.variance }, 'train');
    expect(bigEps.xhatStd).toBeCloseTo(Math.SQRT1_2, 10); // var = eps: sqrt(1/2)
  });

  it('evaluation mode: the running estimates replace mu and sigma^2, gamma and beta stay', () => {
    const n = bnNumbers(d, 'eval', 4);
    expect(n.rows).toHaveLength(4);
    expect(n.mean).toBe(d.runningMean);
    expect(n.variance).toBe(d.runningVar);
    expect(n.gamma).toBe(d.gamma);
    for (const r of n.rows) {
      expect(r.x).toBe(d.x[r.i - 1]);
      expect(r.xhat).toBeCloseTo((r.x - d.runningMean) / Math.sqrt(d.runningVar + d.eps), 10);
      expect(r.y).toBeCloseTo(d.gamma * r.xhat + d.beta, 10);
    }
  });

  it('shows no more rows than the batch has', () => {
    const small = { ...d, x: d.x.slice(0, 3), xhat: d.xhat.slice(0, 3), y: d.y.slice(0, 3) };
    expect(bnNumbers(small, 'train').rows).toHaveLength(3);
    expect(bnNumbers(small, 'eval').m).toBe(3);
  });
});

describe('formats', () => {
  it('writes eps as 1e-5 below 0.001 and as decimals above', () => {
    expect(formatEps(1e-5)).toBe('1e-5');
    expect(formatEps(2.5e-7)).toBe('2.5e-7');
    expect(formatEps(0.001)).toBe('0.001');
    expect(formatEps(0.1)).toBe('0.1');
    expect(formatEps(1)).toBe('1');
  });
  it('writes numbers with a real minus sign', () => {
    expect(formatNum(-1.23456)).toBe('−1.2346');
    expect(formatNum(0)).toBe('0.0000');
    expect(formatNum(1.5e-6)).toBe('1.500e−6');
    expect(formatNum(NaN)).toBe('NaN');
  });
});
