import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../telemetry/frame';
import type { ConvRunFrame } from '../telemetry/conv-telemetry';
import { channelMeanRange, summarizeCnnHistograms, summarizeCnnMaps, summarizeCnnStats, summarizeCnnStep } from './cnn-summaries';

const col = (ys: number[]) => ({ x: Float64Array.from(ys, (_, i) => i * 10), y: Float32Array.from(ys), count: Uint32Array.from(ys, () => 1) });

/** A CNN frame at step 1200: a plain run and a batch-norm run, conv 1 with 2 channels and 4 bins over [-2, 2). */
function cnnFrame(): TelemetryFrame {
  const hist = (output: boolean) => ({
    lo: -2, hi: 2, bins: 4,
    // channel 0: all in bin 3 (centre 1.5); channel 1: half in bin 0 (-1.5), half in bin 1 (-0.5)
    input: Float32Array.from([0, 0, 0, 8, 4, 4, 0, 0]),
    output: output ? Float32Array.from([0, 4, 4, 0, 4, 4, 0, 0]) : null,
    outside: new Float32Array(8),
  });
  const conv = (norm: boolean): ConvRunFrame => ({
    layers: [{ channels: 2, H: 28, W: 28, groups: 1, hist: hist(norm),
      series: norm ? { batchMean: [col([0.1]), col([0.2])], batchVar: [col([1]), col([2])], runningMean: [col([0.05, 0.125]), col([-0.25])], runningVar: [col([0.9]), col([1.5])] } : null }],
    maps: { index: 7, label: 3, input: new Float32Array(784), layers: [new Float32Array(8 * 784).fill(0.5), new Float32Array(16 * 196).fill(0.25)] },
    detail: norm ? { layer: 0, channel: 1, norm: 'batch', N: 60, C: 8, H: 28, W: 28, groups: 1, groupChannels: [1, 1], count: 47040, mean: 0.0123, variance: 0.456, eps: 1e-5, mapIndex: [0], maps: new Float32Array(0), outMaps: new Float32Array(0) } : null,
  } as ConvRunFrame);
  return { step: 1200, runs: [{ id: 'plain', norm: 'none', conv: conv(false) }, { id: 'batch', norm: 'batch', conv: conv(true) }] } as unknown as TelemetryFrame;
}

describe('CNN views\' text summaries', () => {
  const f = cnnFrame();
  it('channel means from the bins: the smallest and the largest', () => {
    expect(channelMeanRange(Float32Array.from([0, 0, 0, 8, 4, 4, 0, 0]), 2, 4, -2, 2)).toEqual([-1, 1.5]);
    expect(channelMeanRange(new Float32Array(8), 2, 4, -2, 2)).toBeNull();
  });
  it('per-channel activations: the norm run by default, before and after the norm; a chosen run without a norm', () => {
    expect(summarizeCnnHistograms(f, 0, null, 'en')).toBe('Step 1,200, conv 1 (8 channels, 28 × 28), Batch norm: channel means before the norm from -1 to 1.5; after it from -1 to 0');
    expect(summarizeCnnHistograms(f, 0, 'plain', 'en')).toBe('Step 1,200, conv 1 (8 channels, 28 × 28), Plain: channel means from -1 to 1.5');
    expect(summarizeCnnHistograms(f, 0, null, 'zh')).toBe('第 1,200 步，卷积层 1（8 个通道，28 × 28），批归一化：归一化前各通道均值从 -1 到 1.5；归一化后从 -1 到 0');
  });
  it('channel statistics: the latest running estimate of each channel', () => {
    expect(summarizeCnnStats(f, 0, 'mean', 'en')).toBe('Step 1,200, conv 1 (8 channels, 28 × 28), Batch norm: running mean per channel c1 0.125, c2 -0.25');
    expect(summarizeCnnStats(f, 0, 'var', 'zh')).toBe('第 1,200 步，卷积层 1（8 个通道，28 × 28），批归一化：各通道的滑动方差 c1 0.9, c2 1.5');
  });
  it('feature maps: the test image and each run\'s mean activation per conv layer', () => {
    expect(summarizeCnnMaps(f, 'en')).toBe('Step 1,200, test image 7 (label 3), mean activation: Plain conv 1 0.5, conv 2 0.25; Batch norm conv 1 0.5, conv 2 0.25');
  });
  it('step by step: the values that form the shown channel\'s mean and variance', () => {
    expect(summarizeCnnStep(f, null, 'en')).toBe('Step 1,200, Batch norm, conv 1 (8 channels, 28 × 28), channel 2: 47,040 values give mean 0.0123 and variance 0.456');
  });
  it('says there is no data yet without a frame or CNN telemetry', () => {
    expect(summarizeCnnMaps(null, 'en')).toBe('No data yet');
    expect(summarizeCnnStats({ step: 5, runs: [] } as unknown as TelemetryFrame, 0, 'mean', 'zh')).toBe('尚无数据');
    expect(summarizeCnnHistograms(null, 1, null, 'en')).toBe('No data yet');
    expect(summarizeCnnStep(null, null, 'en')).toBe('No data yet');
  });
});
