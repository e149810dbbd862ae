import { describe, expect, it } from 'vitest';
import { testFrame, testRecord } from '../state/run-record.test-support';
import { allPinned, layerSeriesKey, pinnedByLayer, pinnedPanel } from './pinned-layers';
import { pinnedLineId } from './pinned-geometry';
import { MOMENT_SERIES_NAMES, momentDomains, pinnedMoment } from './moments-geometry';
import { BAND_SERIES, bandDomains, pinnedBands } from './percentiles-geometry';
import { channelBatchSeries, channelBatchSeriesNames } from './cnn-geometry';
import { ValuePool } from './y-domain';

const entries = () => [{ key: 'save-1', record: testRecord('first') }];
const kindOf = (id: string) => id.split(':')[0];

describe('pinned lines by layer', () => {
  it('groups the saved series of several names by series and layer', () => {
    const g = pinnedByLayer(entries(), MOMENT_SERIES_NAMES);
    // the test record saves zMean and zVar of layer 0 for both runs; norm and running moments are null there
    expect([...g.keys()].sort()).toEqual([layerSeriesKey('zMean', 0), layerSeriesKey('zVar', 0)]);
    expect(g.get(layerSeriesKey('zMean', 0))!.map((l) => l.id)).toEqual([pinnedLineId('save-1', 'plain'), pinnedLineId('save-1', 'batch')]);
    expect(allPinned(g)).toHaveLength(4);
    expect(pinnedMoment(g, 0, 1, 'z')).toHaveLength(2);
    expect(pinnedMoment(g, 0, 0, 'norm')).toHaveLength(0);
    expect(pinnedMoment(g, 3, 0, 'z')).toHaveLength(0);
  });

  it('puts a pinned run in the panel of its own id, else of the first live run of its kind, else none', () => {
    expect(pinnedPanel('batch', ['plain', 'batch'], kindOf)).toBe('batch');
    expect(pinnedPanel('batch:eps=1', ['plain', 'batch', 'batch:lr=1'], kindOf)).toBe('batch');
    expect(pinnedPanel('batch:eps=1', ['plain', 'batch:eps=1'], kindOf)).toBe('batch:eps=1');
    expect(pinnedPanel('layer', ['plain', 'batch'], kindOf)).toBeNull();
  });

  it('counts pinned moments and bands in the y domains and the step axis, hidden ones not', () => {
    const frame = testFrame();
    frame.step = 10;
    const big = testRecord('big');
    for (const run of big.runs) for (const s of run.series) if (s.series === 'zMean' || s.series === 'p85') { s.y[0] = 40; s.x[0] = 500; }
    const g = pinnedByLayer([{ key: 'big', record: big }], [...MOMENT_SERIES_NAMES, ...BAND_SERIES]);
    const pool = new ValuePool();
    expect(momentDomains(frame, pool)[0][0][1]).toBeLessThan(1);
    expect(momentDomains(frame, pool, {}, g)[0][0][1]).toBeGreaterThanOrEqual(40);
    const hideAll = new Set(allPinned(g).map((l) => l.id));
    expect(momentDomains(frame, pool, { hidden: hideAll }, g)[0][0][1]).toBeLessThan(1);
    const d = bandDomains(frame, 0, pool, {}, pinnedBands(g, 0));
    expect(d.y[1]).toBeGreaterThanOrEqual(40);
    expect(d.x[1]).toBeGreaterThanOrEqual(500);
    expect(bandDomains(frame, 0, pool).y[1]).toBeLessThan(40);
  });

  it('names the CNN channel series as the export does', () => {
    expect(channelBatchSeries(2, 'var')).toBe('channel3BatchVar');
    expect(channelBatchSeriesNames(2)).toEqual(['channel1BatchMean', 'channel1BatchVar', 'channel2BatchMean', 'channel2BatchVar']);
  });
});
