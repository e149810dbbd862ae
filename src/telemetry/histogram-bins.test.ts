// StableBins: the nice-range rule, exact counting against the bin edges, and the range policy over long
// simulated trainings: no rebin under fluctuation, grow only after persistent overflow, shrink only
// after shrinkPatience narrow updates, union of runs, determinism, domains, NaN and infinities.
import { fc, test as fcTest } from '../testing/property';
import { U64 } from '../testing/bounds';
import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { niceRange, StableBins } from './histogram-bins';

function normals(rng: Rng, n: number, scale = 1, shift = 0): Float32Array {
  return Float32Array.from({ length: n }, () => shift + scale * rng.normal());
}

/** One update of one run: observe, then count. Returns the count outside the range (in no bin). */
function update(bins: StableBins, values: Float32Array, out = new Float32Array(bins.bins)): number {
  bins.observe(values, values.length);
  return bins.count(values, values.length, out);
}

/** True if x is (within rounding) an integer multiple of unit: k unit and x / unit take a handful of
 * roundings, a few u relative; 1e-9 (~1e7 u) only separates "on the grid" from "off it by a visible amount". */
function onGrid(x: number, unit: number): boolean {
  const k = Math.round(x / unit);
  return Math.abs(x - k * unit) <= 1e-9 * Math.max(unit, Math.abs(x));
}

describe('niceRange', () => {
  it('gives round ranges for typical activations', () => {
    expect(niceRange(0.001, 0.999, 1.25, 0, 1)).toEqual([0, 1]); // sigmoid
    // a subnormal lower edge: lo / unit underflows to -0, the range must still contain it (found by fast-check)
    expect(niceRange(-5e-324, 8.000000000000002, 1)[0]).toBeLessThanOrEqual(-5e-324);
    expect(niceRange(-0.99, 0.99, 1.25, -1, 1)).toEqual([-1, 1]); // tanh
    expect(niceRange(0, 3.7, 1.25)).toEqual([0, 5]); // relu: stays >= 0
    expect(niceRange(-2.3, 2.7, 1.25)).toEqual([-3, 4]);
    expect(niceRange(0.3, 0.7, 2, 0, 1)).toEqual([0.1, 0.9]); // 0.1 exactly, not 0.1 + 1e-17
    expect(niceRange(-7, -2, 2)).toEqual([-10, 0]); // one-signed negative stays <= 0
    expect(niceRange(0, 40, 2)).toEqual([0, 60]);
    expect(niceRange(0, 0, 1.25)).toEqual([-0.0008, 0.0008]); // all zeros: a small symmetric range
    expect(niceRange(5, 5, 1.25)).toEqual([4.6, 5.4]);
  });

  fcTest.prop([
    fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.double({ min: 1, max: 4, noNaN: true }),
  ])('contains the extent, is on a 1-2-5 grid, keeps the sign, and is not much wider than needed', (a, w, factor) => {
    const b = a + w;
    const [lo, hi] = niceRange(a, b, factor);
    expect(lo).toBeLessThan(hi);
    expect(lo).toBeLessThanOrEqual(a);
    expect(hi).toBeGreaterThanOrEqual(b);
    if (a >= 0 && b > 0) expect(lo).toBeGreaterThanOrEqual(0);
    if (b <= 0 && a < 0) expect(hi).toBeLessThanOrEqual(0);
    // Some unit u = m 10^e, m in {1, 2, 5}, divides both edges; it was chosen >= 1/8 of the width before
    // rounding outward added at most 2u, so u >= 1/10 of the final width.
    const width = hi - lo;
    const units = [-1, 0, 1].flatMap((d) => [1, 2, 5].map((m) => m * 10 ** (Math.floor(Math.log10(width / 10)) + d)));
    expect(units.some((u) => u >= (width / 10) * (1 - 1e-12) && onGrid(lo, u) && onGrid(hi, u))).toBe(true);
    const span = Math.max(w, 1e-6 * Math.max(Math.abs(a), Math.abs(b)), 1e-30); // 1e-30: the narrowest range
    // widened g times, each edge moved out by less than a unit (<= 2.5/8 of the width): <= 1.625 g span,
    // and the zero anchor can add at most the gap to 0 on one side.
    if (w > 1e-6 * Math.max(Math.abs(a), Math.abs(b)) && !(a > 0 && a < factor * span) && !(b < 0 && -b < factor * span)) {
      expect(width).toBeLessThanOrEqual(factor * span * 1.625 * (1 + 1e-9) + 1e-300);
    }
  });

  it('gives a valid range even for data outside the domain', () => {
    expect(niceRange(2, 3, 2, 0, 1)).toEqual([0.9, 1]);
    expect(niceRange(-5, -4, 2, 0)).toEqual([0, 0.001]); // E clamped to {0}: 1e-3 wide, doubled, cut at 0
  });

  fcTest.prop([fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'never leaves the domain', (x, y) => {
      const [lo, hi] = niceRange(Math.min(x, y), Math.max(x, y), 2, 0, 1);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThan(hi);
    });
});

describe('StableBins counting', () => {
  fcTest.prop([fc.array(fc.oneof(fc.double({ min: -20, max: 20, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity)), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 50 })])(
    'each value lands in the bin whose edges hold it; outside values are in no bin, counted below or above', (vals, nb) => {
      const bins = new StableBins({ bins: nb });
      const v = Float64Array.from(vals);
      bins.observe(Float64Array.of(-5, 5));
      bins.commit();
      const out = new Float32Array(nb);
      const clipped = bins.count(v, v.length, out);
      const sides = [bins.countedBelow, bins.countedAbove];
      const want = new Float32Array(nb);
      let wantBelow = 0;
      let wantAbove = 0;
      for (const x of vals) {
        if (Number.isNaN(x)) continue;
        if (x < bins.lo) { wantBelow++; continue; }
        if (x > bins.hi) { wantAbove++; continue; }
        const single = new Float32Array(nb);
        bins.count([x], 1, single);
        const i = single.findIndex((c) => c === 1);
        // edge(i) = lo + i (hi - lo) / n and the bin index floor((x - lo) n / (hi - lo)) each round by a
        // few u of |lo| + |hi|, so x may sit that far past its bin's edge
        const slack = 8 * U64 * (Math.abs(bins.lo) + Math.abs(bins.hi));
        expect(bins.edge(i) - slack).toBeLessThanOrEqual(x);
        expect(x).toBeLessThanOrEqual(bins.edge(i + 1) + slack);
        want[i]++;
      }
      expect(clipped).toBe(wantBelow + wantAbove);
      expect(sides).toEqual([wantBelow, wantAbove]);
      expect(Array.from(out)).toEqual(Array.from(want));
    });

  it('puts lo in the first bin and hi in the last, unclipped; edges split [lo, hi] evenly', () => {
    const bins = new StableBins({ bins: 4 });
    update(bins, Float32Array.of(-1, 1));
    const { lo, hi } = bins;
    const out = new Float32Array(4);
    expect(bins.count([lo, hi, (lo + hi) / 2], 3, out)).toBe(0);
    expect(Array.from(out)).toEqual([1, 0, 1, 1]);
    expect(bins.edge(0)).toBe(lo);
    expect(bins.edge(4)).toBe(hi);
    expect(bins.edge(2)).toBeCloseTo((lo + hi) / 2, 12);
    expect(bins.binWidth).toBeCloseTo((hi - lo) / 4, 12);
  });

  it('overwrites out, uses only the first n values, and checks its arguments', () => {
    const bins = new StableBins({ bins: 3 });
    update(bins, Float32Array.of(0, 1));
    const out = new Float32Array(3).fill(7);
    bins.count([0.5, 1e9], 1, out);
    expect(out.reduce((s, c) => s + c, 0)).toBe(1);
    expect(() => bins.count([1], 1, new Float32Array(2))).toThrow(RangeError);
    expect(() => bins.count([1], 2, out)).toThrow(RangeError);
    expect(() => bins.observe([1], 2)).toThrow(RangeError);
    expect(() => new StableBins({ bins: 0 })).toThrow(RangeError);
    expect(() => new StableBins({ domain: { lo: 1, hi: 0 } })).toThrow(RangeError);
  });
});

describe('StableBins range policy', () => {
  it('initialises at the first commit from the data: version 1, the data inside, a round range', () => {
    const bins = new StableBins();
    expect([bins.version, bins.initialized]).toEqual([0, false]);
    const rng = new Rng(1);
    const v = normals(rng, 6000);
    const out = new Float32Array(40);
    const clipped = update(bins, v, out);
    expect([bins.version, bins.initialized]).toEqual([1, true]);
    expect(bins.lo).toBeLessThan(-3);
    expect(bins.hi).toBeGreaterThan(3);
    expect(bins.hi - bins.lo).toBeLessThan(12);
    expect(clipped).toBeLessThanOrEqual(12); // at most the 0.1% tails
    expect(out.reduce((s, c) => s + c, 0)).toBe(6000 - clipped); // the tails outside are in no bin
  });

  it('does not rebin under fluctuations: 3000 updates of fresh batches with a jittering scale', () => {
    const bins = new StableBins();
    const rng = new Rng(2);
    for (let t = 0; t < 3000; t++) {
      const scale = 1 + 0.15 * Math.sin(t / 37) + 0.05 * rng.normal();
      update(bins, normals(rng, 600, scale, 0.1 * Math.sin(t / 101)));
    }
    expect(bins.version).toBe(1);
  });

  it('identical inputs give identical bins: two instances fed the same updates agree at every step', () => {
    const a = new StableBins();
    const b = new StableBins();
    const rng = new Rng(3);
    for (let t = 0; t < 600; t++) {
      const v = normals(rng, 500, Math.exp(t / 150));
      const ca = new Float32Array(40);
      const cb = new Float32Array(40);
      update(a, v, ca);
      update(b, v, cb);
      expect([a.lo, a.hi, a.version]).toEqual([b.lo, b.hi, b.version]);
      expect(ca).toEqual(cb);
    }
    expect(a.version).toBeGreaterThan(1); // the scale grew e^4: it did have to grow
  });

  it('grows only after overflowPatience consecutive updates with > 1% counted outside, to 2x headroom', () => {
    const bins = new StableBins({ overflowPatience: 3 });
    const rng = new Rng(4);
    update(bins, normals(rng, 6000));
    const [lo0, hi0] = [bins.lo, bins.hi];
    // Two wide updates, one normal, two wide: never 3 in a row.
    for (const wide of [true, true, false, true, true, false]) update(bins, normals(rng, 6000, wide ? 5 : 1));
    expect([bins.lo, bins.hi, bins.version]).toEqual([lo0, hi0, 1]);
    // A lone outlier batch of 0.5% huge values: clipped, not rebinned.
    for (let t = 0; t < 10; t++) {
      const v = normals(rng, 6000);
      for (let i = 0; i < 30; i++) v[i] = 1e6;
      expect(update(bins, v)).toBeGreaterThanOrEqual(30);
    }
    expect(bins.version).toBe(1);
    // Three wide updates in a row: the next commit (decisions look at the previous update's counts)
    // grows, covering the new data with room to spare.
    for (let t = 0; t < 3; t++) update(bins, normals(rng, 6000, 5));
    expect(bins.version).toBe(1);
    const clipped = update(bins, normals(rng, 6000, 5));
    expect(bins.version).toBe(2);
    expect(bins.hi).toBeGreaterThan(2 * 5 * 3);
    expect(bins.lo).toBeLessThan(-2 * 5 * 3);
    expect(clipped / 6000).toBeLessThan(0.003);
  });

  it('follows a steadily growing scale with few rebins (each at least doubles the headroom)', () => {
    const bins = new StableBins();
    const rng = new Rng(5);
    let rebins = 0;
    let lastVersion = 0;
    for (let t = 0; t <= 3000; t++) {
      const scale = 100 ** (t / 3000); // 1 -> 100
      const clipped = update(bins, normals(rng, 1000, scale));
      if (bins.version !== lastVersion) { rebins++; lastVersion = bins.version; }
      if (t > 100 && clipped > 0.05 * 1000) expect.fail(`update ${t}: ${clipped} of 1000 clipped`);
    }
    expect(rebins).toBeGreaterThan(2);
    expect(rebins).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(100)) + 1);
    expect(bins.hi).toBeGreaterThan(300);
  });

  it('by default follows the recent data: a burst 1000x wider (batch 2) grows at once, and 21 commits after it the range is back', () => {
    const bins = new StableBins();
    const rng = new Rng(16);
    for (let t = 0; t < 5; t++) update(bins, normals(rng, 2000, 1));
    const width0 = bins.hi - bins.lo;
    update(bins, normals(rng, 2000, 1000));
    update(bins, normals(rng, 2000, 1000));
    update(bins, normals(rng, 2000, 1000)); // judged with the previous two: overflowPatience = 2
    expect(bins.hi).toBeGreaterThan(2000);
    const grown = bins.version;
    for (let t = 0; t < 20; t++) update(bins, normals(rng, 2000, 1));
    expect(bins.version).toBe(grown); // 20 narrow updates judged at 20 commits: the last one is judged next
    update(bins, normals(rng, 2000, 1));
    expect(bins.version).toBeGreaterThan(grown);
    expect(bins.hi - bins.lo).toBeLessThanOrEqual(2 * width0);
  });

  it('shrinks at the commit after 200 consecutive narrow updates, and never again while the data stays put', () => {
    const bins = new StableBins({ shrinkPatience: 200 });
    const rng = new Rng(6);
    update(bins, normals(rng, 2000, 10));
    const width0 = bins.hi - bins.lo;
    // 150 narrow, one wide (resets the run), then narrow again.
    for (let t = 0; t < 150; t++) update(bins, normals(rng, 2000, 0.5));
    update(bins, normals(rng, 2000, 10));
    for (let t = 0; t < 200; t++) update(bins, normals(rng, 2000, 0.5));
    expect(bins.version).toBe(1); // the 200th narrow update's counts are judged at the next commit
    update(bins, normals(rng, 2000, 0.5));
    expect(bins.version).toBe(2);
    expect(bins.hi - bins.lo).toBeLessThanOrEqual(width0 / 4);
    expect(bins.lo).toBeLessThan(-1.5);
    expect(bins.hi).toBeGreaterThan(1.5);
    for (let t = 0; t < 1000; t++) update(bins, normals(rng, 2000, 0.5));
    expect(bins.version).toBe(2);
  });

  it('measures the central 98% rounded outward to sub-bins: one sub-bin under 1/8 of the range shrinks, 1/8 does not', () => {
    const make = () => {
      const bins = new StableBins();
      bins.observe(Float32Array.from({ length: 2001 }, (_, i) => -10 + i / 100));
      bins.commit();
      return bins;
    };
    expect(make().subBins).toBe(280); // 40 bins x 7
    const threshold = make().subBins / 8; // 35 sub-bins
    const run = (span: number): number => {
      const bins = make();
      const fw = (bins.hi - bins.lo) / bins.subBins;
      // Evenly spread from the middle of sub-bin 10 to the middle of sub-bin 10 + span - 1.
      const n = 2000;
      const v = Float64Array.from({ length: n }, (_, i) => bins.lo + (10.5 + ((span - 1) * i) / (n - 1)) * fw);
      for (let t = 0; t < 201; t++) update(bins, v as unknown as Float32Array);
      return bins.version;
    };
    expect(run(threshold - 1)).toBe(2);
    expect(run(threshold)).toBe(1);
  });

  it('decides only on counted evidence: commits without counts change nothing and keep the run going', () => {
    const rng = new Rng(10);
    const bins = new StableBins({ overflowPatience: 3 });
    update(bins, normals(rng, 2000));
    // Observe+commit every 4th frame, count every frame (like a dashboard revisiting ranges rarely).
    for (let frame = 1; frame <= 16; frame++) {
      const v = normals(rng, 2000, 6);
      if (frame % 4 === 0) { bins.observe(v); bins.commit(); }
      bins.count(v, v.length, new Float32Array(40));
      // Evidence of 4 frames per commit: commits at frames 4, 8, 12 see wide data; the third grows.
      expect(bins.version).toBe(frame < 12 ? 1 : 2);
    }
    // Extra commits without counts in between neither decide nor break the run of wide commits.
    const again = new StableBins({ overflowPatience: 3 });
    update(again, normals(rng, 2000));
    for (let t = 0; t < 3; t++) {
      const v = normals(rng, 2000, 6);
      again.observe(v);
      again.commit(); // judges the previous counts
      again.observe(v);
      again.commit(); // nothing counted since: no decision
      again.count(v, v.length, new Float32Array(40));
    }
    expect(again.version).toBe(1);
    update(again, normals(rng, 2000, 6));
    expect(again.version).toBe(2);
  });

  it('the outside fraction is of the non-NaN values', () => {
    const rng = new Rng(11);
    const bins = new StableBins();
    update(bins, normals(rng, 1000));
    // 60% NaN; 2% of the rest (0.8% of all) far outside: more than 1% of the counted values.
    const v = normals(rng, 1000);
    for (let i = 0; i < 600; i++) v[i] = NaN;
    for (let i = 600; i < 608; i++) v[i] = 1e4;
    for (let t = 0; t < 4; t++) update(bins, v);
    expect(bins.version).toBe(2);
  });

  it('does not call a layer of constant zeros (dead ReLUs) narrow forever: no version churn', () => {
    const bins = new StableBins({ domain: { lo: 0 } });
    const zeros = new Float32Array(600);
    for (let t = 0; t < 1000; t++) update(bins, zeros);
    expect(bins.version).toBe(1);
    expect(bins.lo).toBe(0);
    expect(bins.hi).toBeGreaterThan(0);
  });

  it('decides on the union of the runs of an update', () => {
    const bins = new StableBins();
    const rng = new Rng(7);
    const plain = normals(rng, 3000, 10);
    const bn = normals(rng, 3000, 1);
    bins.observe(plain, plain.length);
    bins.observe(bn, bn.length);
    const out = new Float32Array(40);
    bins.count(plain, plain.length, out); // commits the union
    bins.count(bn, bn.length, out);
    expect(bins.hi).toBeGreaterThan(30);
    expect(bins.lo).toBeLessThan(-30);
    expect(bins.version).toBe(1);
  });

  it('keeps to the domain: sigmoid outputs in [0, 1], ReLU outputs from 0', () => {
    const sig = new StableBins({ domain: { lo: 0, hi: 1 } });
    const relu = new StableBins({ domain: { lo: 0 } });
    const rng = new Rng(8);
    for (let t = 0; t < 50; t++) {
      const z = normals(rng, 1000, 1 + t / 5);
      update(sig, z.map((x) => 1 / (1 + Math.exp(-x))));
      update(relu, z.map((x) => Math.max(0, x)));
    }
    expect([sig.lo, sig.hi]).toEqual([0, 1]);
    expect(relu.lo).toBe(0);
  });

  it('ignores NaN; infinities count as outside but never stretch the range; all-infinite data does not initialise', () => {
    const bins = new StableBins();
    const out = new Float32Array(40);
    bins.observe([Infinity, -Infinity, NaN]);
    expect(bins.commit()).toBe(false);
    expect(bins.version).toBe(0);
    const rng = new Rng(9);
    const v = normals(rng, 1000);
    for (let i = 0; i < 100; i++) v[i] = i % 2 ? Infinity : NaN; // 5% +inf, 5% NaN
    for (let t = 0; t < 30; t++) update(bins, v, out);
    expect(Number.isFinite(bins.hi)).toBe(true);
    expect(bins.hi).toBeLessThan(10);
    expect(out.reduce((s, c) => s + c, 0)).toBe(900); // 5% NaN skipped, 5% +inf above the range
    expect(bins.countedAbove).toBe(50);
    // 5% outside forever: the overflow rule keeps firing, but the target is the same range: no churn.
    expect(bins.version).toBeLessThanOrEqual(2);
  });

  it('commit() reports a change; without observations it does nothing; reset() starts over', () => {
    const bins = new StableBins();
    expect(bins.commit()).toBe(false);
    bins.observe(Float32Array.of(1, 2, 3));
    expect(bins.commit()).toBe(true);
    bins.observe(Float32Array.of(1, 2, 3));
    expect(bins.commit()).toBe(false);
    bins.reset();
    expect([bins.initialized, bins.version, bins.lo, bins.hi]).toEqual([false, 2, 0, 1]);
    bins.observe(Float32Array.of(-100, 100));
    expect(bins.commit()).toBe(true);
    expect(bins.version).toBe(3);
    expect(bins.lo).toBeLessThanOrEqual(-100);
  });
});
