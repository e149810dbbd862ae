// Export of a CNN session (arch cnn): the settings line names arch=cnn, and the batch-norm run's
// per-channel statistics over the steps come out as series of their own, per conv layer.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import { FrameBuilder } from '../telemetry/frame';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import { frameSeries, frameToCsv, frameToJson } from './export';

const n = 60;
const ds: Dataset = {
  name: 'mnist', inputSize: 784, numClasses: 10,
  trainX: Float32Array.from({ length: n * 784 }, (_, i) => ((i * 7919) % 256) / 255), trainY: Uint8Array.from({ length: n }, (_, i) => i % 10),
  testX: Float32Array.from({ length: n * 784 }, (_, i) => ((i * 104729) % 256) / 255), testY: Uint8Array.from({ length: n }, (_, i) => i % 10),
  trainCount: n, testCount: n,
};

describe('export with arch cnn', () => {
  it('writes arch=cnn and each channel\'s batch and running statistics', () => {
    const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, arch: 'cnn', act: 'relu', batch: 6, init: 'pytorch' }, ['plain', 'batch']);
    const b = new FrameBuilder(s);
    for (let i = 0; i < 40; i++) { b.beforeStep(s); s.trainStep(); b.afterStep(s); }
    const frame = b.build(s, 1, 'paused', { layer: 0, unit: 0 }, null);
    expect(frameToCsv(frame).split('\n').find((l) => l.startsWith('# settings:'))).toContain('arch=cnn');
    const series = frameSeries(frame).filter((x) => x.run === 'batch' && x.series.startsWith('channel'));
    // 8 + 16 channels, four series each, sampled at steps 20 and 40
    expect(series).toHaveLength(4 * (8 + 16));
    expect(series.find((x) => x.series === 'channel16RunningVar' && x.layer === 1)!.columns.x.slice(0, 2)).toEqual(Float64Array.from([20, 40]));
    expect(frameSeries(frame).some((x) => x.run === 'plain' && x.series.startsWith('channel'))).toBe(false);
    const json = JSON.parse(frameToJson(frame));
    expect(json.settings.arch).toBe('cnn');
  });
});
