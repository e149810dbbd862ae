import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { FrameBuilder } from '../telemetry/frame';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import { frameSeries, frameToCsv, frameToJson } from './export';

describe('export of the loss landscape', () => {
  const ds = make2d('xor', { seed: 1, trainCount: 300, testCount: 100, noise: 0.1 });
  const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [8, 8], batch: 16, evalEvery: 100, landscapeEvery: 5 }, ['plain', 'batch']);
  const b = new FrameBuilder(s);
  for (let i = 0; i < 12; i++) { b.beforeStep(s); s.trainStep(); b.afterStep(s); }
  const frame = b.build(s, 1, 'paused', { layer: 0, unit: 0 }, null);

  it('has every landscape series of every run, ICS per linear layer', () => {
    const names = frameSeries(frame).filter((x) => x.run === 'batch').map((x) => `${x.series}:${x.layer ?? ''}`);
    expect(names).toEqual(expect.arrayContaining([
      'landscapeLoss:', 'landscapeLossMin:', 'landscapeLossMax:', 'gradPredMin:', 'gradPredMax:', 'betaSmooth:',
      'icsDist:0', 'icsDist:1', 'icsDist:2', 'icsCos:0', 'icsCos:1', 'icsCos:2',
    ]));
    const csv = frameToCsv(frame);
    expect(csv).toContain('\nplain,betaSmooth,,0,0,1,');
    expect(csv).toContain('\nbatch,icsCos,0,10,10,1,1,1,1\n');
    const json = JSON.parse(frameToJson(frame));
    const beta = json.runs[1].series.find((x: { series: string }) => x.series === 'betaSmooth');
    expect(beta.step).toEqual([0, 5, 10]);
  });

  it('leaves a frame without measurements as it was', () => {
    const off = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'xor', hidden: [8], batch: 16 }, ['plain']);
    const f = new FrameBuilder(off).build(off, 1, 'paused', { layer: 0, unit: 0 }, null);
    expect(frameSeries(f).map((x) => x.series)).not.toContain('betaSmooth');
    expect(frameToCsv(f)).not.toMatch(/betaSmooth|icsDist/);
  });
});
