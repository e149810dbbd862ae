import { describe, expect, it } from 'vitest';
import {
  SUMMARY_TEXTS, formatNumber, summarizeAccuracy, summarizeGradients, summarizeHistograms, summarizeLoss,
  summarizeMoments, summarizePercentiles, summarizeRenorm,
} from './summaries';
import { buildTestFrame } from './test-frames';

const frame = buildTestFrame(120);
const last = (a: ArrayLike<number>) => a[a.length - 1];
const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('chart summaries', () => {
  it('every text has a Chinese version with the same placeholders', () => {
    for (const k of Object.keys(SUMMARY_TEXTS.en) as (keyof typeof SUMMARY_TEXTS.en)[]) {
      expect(SUMMARY_TEXTS.zh[k].length).toBeGreaterThan(0);
      expect(holes(SUMMARY_TEXTS.zh[k])).toEqual(holes(SUMMARY_TEXTS.en[k]));
    }
  });

  it('formats numbers to three significant digits', () => {
    expect(formatNumber(0.031234)).toBe('0.0312');
    expect(formatNumber(0.98)).toBe('0.98');
    expect(formatNumber(1234.5)).toBe('1230');
    expect(formatNumber(2.5e-5)).toBe('2.50e-5');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });

  it('says there is no data before the first frame', () => {
    for (const s of [summarizeLoss(null, 'en'), summarizeAccuracy(null, 'en'), summarizeGradients(null, 'en'),
      summarizeMoments(null, 0, 'en'), summarizePercentiles(null, 0, 'en'), summarizeHistograms(null, 0, 'en'), summarizeRenorm(null, 'en')]) {
      expect(s).toBe('No data yet');
    }
    expect(summarizeLoss(null, 'zh')).toBe('尚无数据');
  });

  it('loss: the step and every run\'s latest training loss', () => {
    const [plain, batch] = frame.runs;
    expect(summarizeLoss(frame, 'en')).toBe(`Step 120, training loss: Plain ${formatNumber(plain.lastLoss)}, Batch norm ${formatNumber(batch.lastLoss)}`);
    expect(summarizeLoss(frame, 'zh')).toBe(`第 120 步，训练损失：无归一化 ${formatNumber(plain.lastLoss)}，批归一化 ${formatNumber(batch.lastLoss)}`);
    const diverged = { ...frame, runs: [{ ...plain, divergedAt: 80 }, batch] };
    expect(summarizeLoss(diverged, 'en')).toMatch(/^Step 120, training loss: Plain diverged, Batch norm /);
  });

  it('accuracy: the latest evaluation as a percentage', () => {
    const v = last(frame.runs[1].testAcc.y);
    expect(summarizeAccuracy(frame, 'en')).toContain(`Batch norm ${(v * 100).toFixed(1)}%`);
    expect(summarizeAccuracy(frame, 'en')).toMatch(/^Step 120, test accuracy: Plain \d+\.\d%, Batch norm \d+\.\d%$/);
  });

  it('layer moments: mean and variance of z in the chosen layer', () => {
    const m = frame.runs[0].layers[1].moments;
    expect(summarizeMoments(frame, 1, 'en')).toContain(`Layer 2, batch mean and variance before the norm: Plain mean ${formatNumber(last(m.zMean.y))}, variance ${formatNumber(last(m.zVar.y))}; Batch norm mean`);
    expect(summarizeMoments(frame, 7, 'en')).toBe('No data yet');
  });

  it('gradients: one norm per layer and run', () => {
    const s = summarizeGradients(frame, 'en');
    expect(s).toBe(`Step 120, gradient norm per layer: ${frame.runs.map((r) => `${r.id === 'plain' ? 'Plain' : 'Batch norm'} ${r.layers.map((l) => formatNumber(l.gradNorm)).join(' / ')}`).join('; ')}`);
  });

  it('percentiles and histograms: the chosen layer, per run', () => {
    const b = frame.runs[1].layers[0].bands;
    expect(summarizePercentiles(frame, 0, 'en')).toContain(`Batch norm ${formatNumber(last(b.p50.y))} (${formatNumber(last(b.p15.y))} to ${formatNumber(last(b.p85.y))})`);
    const l = frame.runs[0].layers[1];
    expect(summarizeHistograms(frame, 1, 'en')).toContain(`Layer 2 activations: Plain from ${formatNumber(l.stages[2]!.stats[4])} to ${formatNumber(l.stages[2]!.stats[5])}`);
    expect(summarizeHistograms(frame, 1, 'zh')).toMatch(/^第 2 层激活值：/);
  });

  it('renorm: no data without a renorm run; limits and clipped shares with one', () => {
    expect(summarizeRenorm(frame, 'en')).toBe('No data yet');
    const renorm = buildTestFrame(60, ['renorm']);
    expect(summarizeRenorm(renorm, 'en')).toMatch(/^Step 60: rmax [\d.]+, dmax [\d.]+; units at the r limit (\d+\.\d%|none yet), at the d limit (\d+\.\d%|none yet)$/);
  });
});
