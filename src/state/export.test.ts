import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { BoundedSeries, createSeriesColumns } from '../telemetry/bounded-series';
import type { TelemetryFrame } from '../telemetry/frame';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { createInThreadTrainer as createTrainer } from '../runtime/in-thread-trainer';
import { CSV_HEADER, exportFileName, frameSeries, frameToCsv, frameToJson, stepRanges } from './export';

function cols(points: [number, number, number, number][]) {
  const c = createSeriesColumns(points.length);
  points.forEach(([x, y, lo, hi], i) => { c.x[i] = x; c.y[i] = y; c.min[i] = lo; c.max[i] = hi; });
  return c;
}

const tiny: TelemetryFrame = {
  seq: 1, status: 'paused', notice: null, step: 20, epoch: 0, stepsPerSec: 0, examplesPerSec: 0,
  settings: { ...DEFAULT_SETTINGS, dataset: 'xor' }, bins: [], bnDetail: null,
  landscape: null,
  runs: [{
    id: 'plain', norm: 'none', placement: 'pre', divergedAt: null, lastLoss: 0.5,
    loss: cols([[1, 0.5, 0.25, 0.75], [2, NaN, NaN, NaN]]), testLoss: cols([[0, 0.7, 0.7, 0.7]]), testAcc: cols([]),
    testLossBatchStats: null, testAccBatchStats: null, renorm: null,
    layers: [{
      units: 2, activation: 'relu', norm: 'none', stages: [], gradNorm: 0, weightNorm: 0, updateRatio: 0, saturation: 0, running: null,
      bands: { p15: cols([[20, -1, -1, -1]]), p50: cols([]), p85: cols([]) },
      moments: { zMean: cols([[20, 0.125, 0.125, 0.125]]), zVar: cols([]), normMean: null, normVar: null, runningMean: null, runningVar: null },
    }],
  }],
};

describe('export', () => {
  it('writes CSV in long format after a settings header, empty cells for a run-level layer and NaN', () => {
    const text = frameToCsv(tiny, [{ step: 12, key: 'batch', from: 60, to: 2 }]);
    const lines = text.split('\n');
    const header = lines.filter((l) => l.startsWith('#'));
    expect(header[0]).toBe('# NormScope export at step 20, epoch 0; runs: plain');
    expect(header[1]).toMatch(/^# settings: dataset=xor arch=mlp hidden=100,100 .*batch=60 /);
    expect(header[2]).toBe('# changed at step 12: batch 60→2');
    expect(lines.filter((l) => !l.startsWith('#'))).toEqual([
      CSV_HEADER,
      'plain,loss,,1,1,1,0.5,0.25,0.75',
      'plain,loss,,2,2,1,,,',
      'plain,testLoss,,0,0,1,0.699999988079071,0.699999988079071,0.699999988079071',
      'plain,p15,0,20,20,1,-1,-1,-1',
      'plain,zMean,0,20,20,1,0.125,0.125,0.125',
      '',
    ]);
  });

  it('gives each point of a downsampled series its integer range of steps, contiguous and complete', () => {
    for (const [every, n] of [[1, 1000], [20, 777], [1, 3]] as const) {
      const series = new BoundedSeries(16);
      for (let k = 1; k <= n; k++) series.append(k * every, k);
      const c = series.toColumns();
      const { from, to } = stepRanges(c);
      expect(from[0]).toBe(every);
      expect(to[c.x.length - 1]).toBe(n * every);
      for (let i = 0; i < c.x.length; i++) {
        expect(Number.isInteger(from[i]) && Number.isInteger(to[i])).toBe(true);
        // a bucket of `count` appends spaced `every` apart spans (count - 1) * every steps
        expect(to[i] - from[i]).toBe((c.count[i] - 1) * every);
        if (i > 0) expect(from[i]).toBe(to[i - 1] + every);
      }
    }
  });

  it('names each run by its id and carries the settings a run keeps its own value of', () => {
    const own: TelemetryFrame = { ...tiny, runs: [tiny.runs[0], { ...tiny.runs[0], id: 'plain:eps=1,lr=0.5' }] };
    const csv = frameToCsv(own);
    expect(csv).toContain('# run plain:eps=1,lr=0.5 keeps its own: eps=1 lr=0.5\n');
    expect(csv).toContain('\nplain:eps=1,lr=0.5,loss,,1,1,1,0.5,0.25,0.75\n');
    const json = JSON.parse(frameToJson(own)) as { runs: { id: string; settings: object }[] };
    expect(json.runs.map((r) => [r.id, r.settings])).toEqual([['plain', {}], ['plain:eps=1,lr=0.5', { eps: 1, lr: 0.5 }]]);
  });

  it('writes JSON with the settings and every series, null for NaN', () => {
    const j = JSON.parse(frameToJson(tiny));
    expect(j.step).toBe(20);
    expect(j.settings.dataset).toBe('xor');
    expect(j.runs[0].id).toBe('plain');
    const loss = j.runs[0].series.find((s: { series: string }) => s.series === 'loss');
    expect(loss).toEqual({ series: 'loss', layer: null, step: [1, 2], value: [0.5, null], min: [0.25, null], max: [0.75, null] });
    expect(j.runs[0].series.map((s: { series: string }) => s.series)).toEqual(['loss', 'testLoss', 'testAcc', 'p15', 'p50', 'p85', 'zMean', 'zVar']);
    expect(exportFileName(tiny, 'json')).toBe('normscope-xor-step20.json');
  });

  it('exports every series of a real session frame, consistently in CSV and JSON', async () => {
    const settings: TrainSettings = { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [8, 8], act: 'tanh', batch: 16, evalEvery: 20 };
    const trainer = createTrainer({
      loadDataset: async (s) => make2d(s.dataset, { seed: s.seed, trainCount: 400, testCount: 200, noise: s.noise }),
      frameIntervalMs: 0,
    });
    await trainer.load(settings, ['plain', 'batch', 'layer']);
    await trainer.stepOnce(100);
    const frame = await trainer.nextFrame(0);
    await trainer.dispose();
    const series = frameSeries(frame);
    // 3 runs x (3 run series + 2 batch-stats for BN) + layers x (3 bands + 2 z moments + 2 norm + 2 running for BN)
    expect(series.filter((s) => s.layer === null)).toHaveLength(3 * 3 + 2);
    expect(series.filter((s) => s.run === 'batch' && s.layer === 1).map((s) => s.series))
      .toEqual(['p15', 'p50', 'p85', 'zMean', 'zVar', 'normMean', 'normVar', 'runningMean', 'runningVar']);
    expect(series.filter((s) => s.run === 'plain' && s.layer === 0)).toHaveLength(5);
    const csv = frameToCsv(frame).trim().split('\n').filter((l) => !l.startsWith('#'));
    const total = series.reduce((n, s) => n + s.columns.x.length, 0);
    expect(csv).toHaveLength(1 + total);
    expect(csv.slice(1).every((l) => l.split(',').length === 9)).toBe(true);
    // integer step ranges on every row
    expect(csv.slice(1).every((l) => /^\d+,\d+,\d+$/.test(l.split(',').slice(3, 6).join(',')))).toBe(true);
    expect(csv.filter((l) => l.startsWith('plain,loss,,')).length).toBe(100);
    const json = JSON.parse(frameToJson(frame));
    expect(json.runs.map((r: { id: string }) => r.id)).toEqual(['plain', 'batch', 'layer']);
    const jsonPoints = json.runs.flatMap((r: { series: { step: number[] }[] }) => r.series).reduce((n: number, s: { step: number[] }) => n + s.step.length, 0);
    expect(jsonPoints).toBe(total);
  });
});
