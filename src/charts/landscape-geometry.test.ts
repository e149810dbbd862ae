import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { FrameBuilder, type LandscapeFrame, type TelemetryFrame } from '../telemetry/frame';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import {
  LANDSCAPE_SERIES_NAMES, PANELS, clampLayer, cosineDomain, costAtMeasurement, costFigures, hasPoints, icsLayers, landscapeDomains, landscapeTips, panelAt, panelGrid,
  pinnedPanel, pinnedPanelLines,
} from './landscape-geometry';
import { frameSeries } from '../state/export';
import { recordFromFrame } from '../state/run-record';
import { isRunKind } from '../session/run-kinds';
import { pinnedByLayer } from './pinned-layers';
import { pinnedLineId } from './pinned-geometry';

function frame(every: number, steps = 60, hidden = [12, 8]): TelemetryFrame {
  const ds = make2d('spiral', { seed: 1, trainCount: 400, testCount: 100, noise: 0.1 });
  const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'spiral', hidden, act: 'sigmoid', batch: 16, lr: 0.5, evalEvery: 1000, steps: 1e9, landscapeEvery: every }, ['plain', 'batch']);
  const b = new FrameBuilder(s);
  for (let i = 0; i < steps; i++) { b.beforeStep(s); s.trainStep(); b.afterStep(s); }
  return b.build(s, 1, 'paused', { layer: 0, unit: 0 }, null);
}

describe('landscape geometry', () => {
  const on = frame(10);
  const off = frame(0, 5);

  it('knows whether there is anything to draw, and how many ICS layers', () => {
    expect(hasPoints(on.landscape)).toBe(true);
    expect(hasPoints(off.landscape)).toBe(false);
    expect(hasPoints(null)).toBe(false);
    expect(icsLayers(on.landscape)).toBe(3);
    expect(icsLayers(null)).toBe(0);
  });

  it('panels draw the right series', () => {
    const run = on.landscape!.runs[1];
    const [lo, hi] = PANELS.find((p) => p.key === 'loss')!.band!(run, 0);
    expect([lo, hi]).toEqual([run.lossMin, run.lossMax]);
    expect(PANELS.find((p) => p.key === 'gradPred')!.band!(run, 0)).toEqual([run.gradPredMin, run.gradPredMax]);
    expect(PANELS.find((p) => p.key === 'beta')!.line!(run, 0)).toBe(run.betaSmooth);
    expect(PANELS.find((p) => p.key === 'icsDist')!.line!(run, 2)).toBe(run.icsDist[2]);
    expect(PANELS.find((p) => p.key === 'icsCos')!.line!(run, 1)).toBe(run.icsCos[1]);
  });

  it('every panel domain holds its values (positive ones on log panels); the cosine ends at 1', () => {
    for (const layer of [0, 1, 2]) {
      const d = landscapeDomains(on, layer);
      expect(d.x).toEqual([0, 60]);
      PANELS.forEach((p, k) => {
        const [a, b] = d.y[k];
        expect(a).toBeLessThan(b);
        if (p.log) expect(a).toBeGreaterThan(0);
        for (const run of on.landscape!.runs) {
          const series = [...(p.band ? p.band(run, layer) : []), ...(p.line ? [p.line(run, layer)] : [])];
          for (const s of series) {
            for (const v of s.y) {
              if (!Number.isFinite(v) || (p.log && v <= 0)) continue;
              expect(v).toBeGreaterThanOrEqual(a);
              expect(v).toBeLessThanOrEqual(b);
            }
          }
        }
      });
      expect(d.y[PANELS.findIndex((p) => p.key === 'icsCos')][1]).toBe(1);
    }
    // no data: sane defaults
    const empty = landscapeDomains(off, 0);
    PANELS.forEach((p, k) => expect(empty.y[k][0]).toBeLessThan(empty.y[k][1]));
  });

  it('rounds the cosine axis to 1, 2 or 5 times a power of ten below 1, never under -1', () => {
    expect(cosineDomain(null)).toEqual([0.99, 1]);
    expect(cosineDomain([1, 1])).toEqual([0.9999, 1]);
    expect(cosineDomain([0.995, 1])[0]).toBeCloseTo(0.99, 12);
    expect(cosineDomain([0.97, 0.99])[0]).toBeCloseTo(0.95, 12);
    expect(cosineDomain([0.85, 0.99])[0]).toBeCloseTo(0.8, 12);
    expect(cosineDomain([-0.5, 0.2])).toEqual([-1, 1]);
  });

  it('chooses the output layer by default and keeps a choice in range', () => {
    expect(clampLayer(null, 4)).toBe(3);
    expect(clampLayer(7, 4)).toBe(3);
    expect(clampLayer(-2, 4)).toBe(0);
    expect(clampLayer(1, 4)).toBe(1);
    expect(clampLayer(2, 0)).toBe(0);
  });

  it('lays the five panels out in 3, 2 or 1 columns', () => {
    const wide = panelGrid(960, 5, 170, 16);
    expect(wide.cols).toBe(3);
    expect(wide.height).toBe(2 * 170 + 16);
    expect(wide.origin(4)).toEqual({ x: wide.pw + 16, y: 170 + 16 });
    expect(panelGrid(500, 5, 100, 10)).toMatchObject({ cols: 2, height: 3 * 100 + 2 * 10 });
    const narrow = panelGrid(300, 5, 100, 10);
    expect(narrow.cols).toBe(1);
    expect(narrow.pw).toBe(300);
    expect(narrow.origin(2)).toEqual({ x: 0, y: 220 });
  });

  it('gives the cost as a percentage of training time and milliseconds each', () => {
    const base = on.landscape!;
    const withCost = (fraction: number, msEach: number, measurements = 3): LandscapeFrame => ({ ...base, cost: { measurements, msEach, fraction } });
    expect(costFigures(withCost(0.183, 12.34))).toEqual({ percent: '18', ms: '12' });
    expect(costFigures(withCost(0.0654, 9.46))).toEqual({ percent: '6.5', ms: '9.5' });
    expect(costFigures(withCost(NaN, NaN, 0))).toBeNull();
    expect(costFigures(null)).toBeNull();
    const real = costFigures(base);
    expect(real).not.toBeNull();
    expect(Number(real!.percent)).toBeGreaterThan(0);
  });

  it('takes the cost figures again only when a new measurement arrived (the share drifts every frame)', () => {
    const base = on.landscape!;
    const withCost = (fraction: number, measurements: number): LandscapeFrame => ({ ...base, cost: { measurements, msEach: 5, fraction } });
    const a = costAtMeasurement(null, withCost(0.1, 3));
    expect(a.figures).toEqual({ percent: '10', ms: '5.0' });
    expect(costAtMeasurement(a, withCost(0.093, 3))).toBe(a); // same measurements: the same figures object
    expect(costAtMeasurement(a, withCost(0.093, 4)).figures).toEqual({ percent: '9.3', ms: '5.0' });
    expect(costAtMeasurement(a, null).figures).toBeNull();
  });

  it('finds the panel under the pointer, and nothing over a gap or past the last panel', () => {
    const grid = panelGrid(900, 5, 170, 16); // 3 columns of 289 px, 2 rows
    expect(grid.cols).toBe(3);
    expect(panelAt(grid, 5, 170, 16, 10, 10)).toBe(0);
    expect(panelAt(grid, 5, 170, 16, 289 + 16 + 5, 100)).toBe(1);
    expect(panelAt(grid, 5, 170, 16, 295, 100)).toBe(-1); // the gap between columns
    expect(panelAt(grid, 5, 170, 16, 10, 170 + 16 + 10)).toBe(3);
    expect(panelAt(grid, 5, 170, 16, 2 * (289 + 16) + 10, 170 + 16 + 10)).toBe(-1); // no sixth panel
    expect(panelAt(grid, 5, 170, 16, -1, 10)).toBe(-1);
  });

  it('tooltips read the measurement nearest to the pointer: band low and high, or the line', () => {
    const land = on.landscape!;
    const loss = PANELS.find((p) => p.key === 'loss')!;
    const tips = landscapeTips(land, loss, 0, 33);
    expect(tips.map((t) => t.id)).toEqual(['plain', 'batch']);
    const run = land.runs[1];
    const i = Array.from(run.lossMin.x).indexOf(tips[1].step);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(Math.abs(tips[1].step - 33)).toBeLessThanOrEqual(5);
    expect(tips[1]).toMatchObject({ lo: run.lossMin.y[i], hi: run.lossMax.y[i], value: run.loss.y[i] });
    const beta = landscapeTips(land, PANELS.find((p) => p.key === 'beta')!, 0, 1e9)[0];
    expect(beta.step).toBe(land.runs[0].betaSmooth.x.at(-1));
    expect(beta.lo).toBeNaN();
    expect(landscapeTips(off.landscape, loss, 0, 3)).toEqual([]);
  });

  describe('pinned runs', () => {
    // a saved record of the `on` frame (trained 60 steps, measured at steps 0, 10, ..., 50), pinned as 'save-1'
    const pinnedGroups = (f: TelemetryFrame, key = 'save-1') => pinnedByLayer(
      [{ key, record: recordFromFrame(f, f.settings ?? { ...DEFAULT_SETTINGS }, (id) => (isRunKind(id) ? id : null), { name: 'pinned', savedAt: new Date(0), thumbnail: null }) }],
      LANDSCAPE_SERIES_NAMES);
    const groups = pinnedGroups(on);

    it('names the series a saved record holds for each panel', () => {
      const saved = frameSeries(on).filter((s) => s.run === 'batch').map((s) => s.series);
      expect(saved).toEqual(expect.arrayContaining([...LANDSCAPE_SERIES_NAMES]));
      expect(LANDSCAPE_SERIES_NAMES).toHaveLength(8);
    });

    it('draws each panel\'s band edges and line of every pinned run, as saved', () => {
      const run = on.landscape!.runs[1];
      const loss = pinnedPanel(groups, PANELS[0], 2, 3);
      const batch = (ls: readonly { runId: string; y: Float32Array }[]) => Array.from(ls.find((l) => l.runId === 'batch')!.y);
      expect(loss.lo.map((l) => l.runId)).toEqual(['plain', 'batch']);
      expect(batch(loss.lo)).toEqual(Array.from(run.lossMin.y));
      expect(batch(loss.hi)).toEqual(Array.from(run.lossMax.y));
      expect(batch(loss.line)).toEqual(Array.from(run.loss.y));
      const grad = pinnedPanel(groups, PANELS[1], 2, 3);
      expect([grad.lo.length, grad.hi.length, grad.line.length]).toEqual([2, 2, 0]);
      expect(batch(pinnedPanel(groups, PANELS[2], 2, 3).line)).toEqual(Array.from(run.betaSmooth.y));
      // ICS: the chosen layer's
      expect(batch(pinnedPanel(groups, PANELS[3], 1, 3).line)).toEqual(Array.from(run.icsDist[1].y));
      expect(batch(pinnedPanel(groups, PANELS[4], 0, 3).line)).toEqual(Array.from(run.icsCos[0].y));
      // every line once: 2 runs x (3 + 2 + 1 + 1 + 1)
      expect(PANELS.flatMap((p) => pinnedPanelLines(pinnedPanel(groups, p, 2, 3)))).toHaveLength(16);
    });

    it('shows a pinned network of another depth output beside output, hidden layer beside the same hidden layer', () => {
      const deep = pinnedGroups(frame(10, 30, [12, 8, 6])); // ICS layers 0, 1, 2 hidden, 3 the output
      const ics = PANELS[3];
      const ys = (layer: number) => pinnedPanel(deep, ics, layer, 3).line.map((l) => l.y);
      const deepRun = deep.get('icsDist@3')!.find((l) => l.runId === 'batch')!;
      expect(ys(2)).toContain(deepRun.y); // the live output layer (2 of 3): the pinned output (3)
      expect(ys(0)).toContain(deep.get('icsDist@0')!.find((l) => l.runId === 'batch')!.y);
      // a shallower pinned network: the live hidden layer 2 of 4 has no match in it, the output does
      expect(pinnedPanel(groups, ics, 2, 4).line).toEqual([]);
      expect(pinnedPanel(groups, ics, 3, 4).line.map((l) => l.y)).toContain(groups.get('icsDist@2')!.find((l) => l.runId === 'batch')!.y);
      // before the live runs have a measurement (no layers yet), the output
      expect(pinnedPanel(groups, ics, 0, 0).line.map((l) => l.y)).toContain(groups.get('icsDist@2')!.find((l) => l.runId === 'batch')!.y);
    });

    it('fits the domains to the shown pinned lines: x reaches their last step, y their values', () => {
      const early = frame(10, 20);
      const bare = landscapeDomains(early, 2);
      expect(bare.x).toEqual([0, 20]);
      const scaled = new Map([...groups].map(([k, ls]) => [k, ls.map((l) => ({ ...l, y: Float32Array.from(l.y, (v) => (k.startsWith('landscapeLoss') ? v + 100 : v)) }))]));
      const panels = PANELS.map((p) => pinnedPanel(scaled, p, 2, 3));
      const none = new Set<string>();
      const pinnedD = landscapeDomains(early, 2, undefined, { panels, hidden: none });
      expect(pinnedD.x).toEqual([0, 50]); // the pins' last measurement: step 50
      expect(pinnedD.y[0][1]).toBeGreaterThanOrEqual(100);
      // hidden by the legend toggles, a pinned run does not count in y (x still reaches the pins)
      const hidden = new Set([pinnedLineId('save-1', 'plain'), pinnedLineId('save-1', 'batch')]);
      expect(landscapeDomains(early, 2, undefined, { panels, hidden }).y).toEqual(bare.y);
      // on another axis (examples seen), x ends where `end` puts the last step
      expect(landscapeDomains(early, 2, undefined, { panels, hidden: none }, (s) => s * 64).x).toEqual([0, 3500]); // 50 x 64 = 3,200, niced
    });

    it('tooltips take each run\'s own step where the pointer is (an examples-seen axis)', () => {
      const beta = PANELS.find((p) => p.key === 'beta')!;
      const tips = landscapeTips(on.landscape, beta, 0, (rid) => (rid === 'plain' ? 0 : 50));
      expect(tips.map((t) => [t.id, t.step])).toEqual([['plain', 0], ['batch', 50]]);
    });
  });
});
