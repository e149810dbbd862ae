import { describe, expect, it } from 'vitest';
import { ValuePool, niceDomain, quantileSorted, stepDomain, stickyDomain, stickyLogDomain } from './y-domain';

describe('ValuePool', () => {
  it('gives the extent of finite values', () => {
    const p = new ValuePool();
    p.add([3, NaN, -1, Infinity]);
    p.add(new Float32Array([7]));
    expect(p.domain()).toEqual([-1, 7]);
  });
  it('ignores outliers with percentiles', () => {
    const p = new ValuePool();
    const v = Array.from({ length: 1000 }, (_, i) => i / 1000);
    v[500] = 1e6;
    p.add(v);
    const [lo, hi] = p.domain(0.01, 0.99)!;
    expect(lo).toBeGreaterThan(0.005);
    expect(hi).toBeLessThan(1);
  });
  it('keeps positive values only for log scales and grows past its buffer', () => {
    const p = new ValuePool();
    p.add(new Float64Array(5000).fill(2), 5000, true);
    p.add([0, -3], 2, true);
    expect(p.n).toBe(5000);
    expect(p.domain()).toEqual([2, 2]);
  });
  it('is null when empty', () => { expect(new ValuePool().domain()).toBeNull(); });
});

describe('niceDomain', () => {
  it('nices linear domains with headroom', () => {
    const [a, b] = niceDomain([0.13, 2.3]);
    expect(a).toBeLessThanOrEqual(0.13);
    expect(b).toBeGreaterThanOrEqual(2.3);
  });
  it('spans decades on log scales', () => { expect(niceDomain([0.03, 2.3], true)).toEqual([0.01, 10]); });
  it('keeps narrow log ranges narrow', () => {
    const [a, b] = niceDomain([0.7, 1.3], true);
    expect(a).toBeGreaterThan(0.5); expect(a).toBeLessThanOrEqual(0.7);
    expect(b).toBeLessThan(2); expect(b).toBeGreaterThanOrEqual(1.3);
  });
  it('widens a single value', () => { const [a, b] = niceDomain([1, 1]); expect(a).toBeLessThan(1); expect(b).toBeGreaterThan(1); });
  it('quantileSorted interpolates', () => { expect(quantileSorted([0, 10], 0.25)).toBe(2.5); });
  it('step domains are nice and start at 0', () => { expect(stepDomain(537)).toEqual([0, 600]); });
});

describe('stickyDomain', () => {
  it('keeps the previous domain while the next fits and is not much smaller', () => {
    expect(stickyDomain([0, 10], [1, 9])).toEqual([0, 10]);
    expect(stickyDomain([0, 10], [0, 11])).toEqual([0, 11]);
    expect(stickyDomain([0, 10], [4, 6])).toEqual([4, 6]);
    expect(stickyDomain(null, [1, 2])).toEqual([1, 2]);
  });
  it('on a log axis, keeps or grows the previous domain while the next spans more than half of it, in decades', () => {
    expect(stickyLogDomain([1e-4, 1], [1e-3, 1e-1])).toEqual([1e-3, 1e-1]); // 2 of 4 decades: too small, taken
    expect(stickyLogDomain([1e-4, 1], [2e-4, 0.5])).toEqual([1e-4, 1]);
    expect(stickyLogDomain([1e-4, 1], [1e-3, 2])).toEqual([1e-4, 2]); // pokes out: grown to hold it
    expect(stickyLogDomain([0.01, 0.02], [0.1, 0.2])).toEqual([0.1, 0.2]); // moved away: taken
    expect(stickyLogDomain([0.012, 0.034], [0.013, 0.033])).toEqual([0.012, 0.034]);
    expect(stickyLogDomain([0, 1], [0, 1])).toEqual([0, 1]);
    expect(stickyLogDomain(null, [0.1, 10])).toEqual([0.1, 10]);
  });
});
