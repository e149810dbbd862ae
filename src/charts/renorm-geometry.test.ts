import { describe, expect, it } from 'vitest';
import { frameSeries } from '../state/export';
import { cols, testFrame, testRenormFrame, testRenormRecord } from '../state/run-record.test-support';
import { pinnedLineId, pinnedLines } from './pinned-geometry';
import { dotPinnedLines } from './pinned-draw';
import { RENORM_PANELS, RENORM_SERIES_NAMES, renormLimitDomain, renormRuns } from './renorm-geometry';
import { ValuePool } from './y-domain';

const entries = () => [{ key: 'save-1', record: testRenormRecord('pinned renorm') }];

describe('renorm geometry', () => {
  it('names the series a saved record holds for each panel, and each panel reads the live frame\'s', () => {
    const f = testRenormFrame();
    const saved = frameSeries(f).filter((s) => s.run === 'renorm').map((s) => s.series);
    expect(saved).toEqual(expect.arrayContaining([...RENORM_SERIES_NAMES]));
    const rn = f.runs[1].renorm!;
    expect(RENORM_PANELS.map((p) => [p.r(rn), p.d(rn)])).toEqual([[rn.rmax, rn.dmax], [rn.clippedR, rn.clippedD]]);
  });

  it('fits the limits panel to the live run and the shown pinned lines, from 0 to at least 1', () => {
    const pool = new ValuePool();
    const none = new Set<string>();
    const bare = renormLimitDomain([], [], pool, none, null);
    expect(bare[0]).toBe(0);
    expect(bare[1]).toBeGreaterThanOrEqual(1);
    const live = testRenormFrame().runs[1].renorm!; // rmax up to 2.5, dmax up to 3
    const onlyLive = renormLimitDomain([live], [], pool, none, null);
    expect(onlyLive[1]).toBeGreaterThanOrEqual(3);
    // A pinned dmax reaching 30 widens it; hidden, it does not.
    const pinned = pinnedLines(entries(), 'renormDmax').map((l) => ({ ...l, y: Float32Array.from(l.y, (v) => v * 10) }));
    expect(renormLimitDomain([live], pinned, pool, none, null)[1]).toBeGreaterThanOrEqual(30);
    expect(renormLimitDomain([live], pinned, pool, new Set([pinnedLineId('save-1', 'renorm')]), null)).toEqual(onlyLive);
    // Only pins: their values alone.
    expect(renormLimitDomain([], pinned, pool, none, null)[1]).toBeGreaterThanOrEqual(30);
    // Zoomed to steps 0..100, the pinned 30 at step 300 stays out (one point past the window is kept for the line's edge).
    expect(renormLimitDomain([], pinned, pool, none, [0, 50])[1]).toBeLessThan(30);
  });

  it('draws every live renorm run, a pair with its own settings too, and fits the limits to all of them', () => {
    const f = testRenormFrame();
    const other = { ...f.runs[1], id: 'renorm:eps=1', renorm: { ...f.runs[1].renorm!, dmax: cols([[0, 0], [300, 7]], 0) } };
    const pair = { ...f, runs: [...f.runs, other] };
    expect(renormRuns(pair).map((r) => r.id)).toEqual(['renorm', 'renorm:eps=1']);
    expect(renormRuns(testFrame())).toEqual([]);
    const pool = new ValuePool();
    expect(renormLimitDomain(renormRuns(pair).map((r) => r.renorm), [], pool, new Set(), null)[1]).toBeGreaterThanOrEqual(7);
  });

  it('dots the finite points of each shown pinned line, muted', () => {
    const arcs: { x: number; y: number; alpha: number }[] = [];
    const state = { globalAlpha: 1, fillStyle: '' };
    const ctx = Object.assign(state, {
      save() {}, restore() { state.globalAlpha = 1; }, beginPath() {}, moveTo() {}, fill() {},
      arc(x: number, y: number) { arcs.push({ x, y, alpha: state.globalAlpha }); },
    }) as unknown as CanvasRenderingContext2D;
    const lines = pinnedLines(entries(), 'renormClippedD'); // steps 0, 100, 300; NaN at 100
    dotPinnedLines(ctx, lines, new Set(), () => 'c', (v) => v, (v) => v);
    expect(arcs.map((a) => [a.x, a.y])).toEqual([[0, 1], [300, 0]]);
    expect(arcs.every((a) => a.alpha < 1)).toBe(true);
    arcs.length = 0;
    dotPinnedLines(ctx, lines, new Set([lines[0].id]), () => 'c', (v) => v, (v) => v);
    expect(arcs).toHaveLength(0);
  });
});
