import { describe, expect, it } from 'vitest';
import {
  SUMMARY_TEXTS, formatNumber, summarizeAccuracy, summarizeBnStep, summarizeDecisionGrid, summarizeFold, summarizeGradients,
  summarizeHistograms, summarizeLandscape, summarizeLoss, summarizeMoments, summarizePercentiles, summarizeRenorm, summarizeReport, summarizeSweep,
} from './summaries';
import { classificationReport } from '../telemetry/classification-report';
import type { DecisionGrid } from '../session/session';
import type { FoldReport } from '../session/fold-report';
import { buildTestFrame } from './test-frames.test-support';

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
    expect(summarizeMoments(frame, 1, 'en')).toContain(`Step 120, layer 2, batch mean and variance before the norm: Plain mean ${formatNumber(last(m.zMean.y))}, variance ${formatNumber(last(m.zVar.y))}; Batch norm mean`);
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
    expect(summarizeHistograms(frame, 1, 'en')).toContain(`Step 120, layer 2 activations: Plain from ${formatNumber(l.stages[2]!.stats[4])} to ${formatNumber(l.stages[2]!.stats[5])}`);
    expect(summarizeHistograms(frame, 1, 'zh')).toMatch(/^第 120 步，第 2 层激活值：/);
  });

  it('renorm: no data without a renorm run; limits and clipped shares with one', () => {
    expect(summarizeRenorm(frame, 'en')).toBe('No data yet');
    const renorm = buildTestFrame(60, ['renorm']);
    expect(summarizeRenorm(renorm, 'en')).toMatch(/^Step 60: rmax [\d.]+, dmax [\d.]+; units at the r limit (\d+\.\d%|none yet), at the d limit (\d+\.\d%|none yet)$/);
  });

  it('batch norm step by step: the unit\'s batch and running moments', () => {
    expect(summarizeBnStep(null, 0, 'en')).toBe('No data yet');
    const d = frame.bnDetail!;
    expect(summarizeBnStep(d, 120, 'en')).toBe(`Step 120, Batch norm, layer ${d.layer + 1} unit ${d.unit + 1}: batch mean ${formatNumber(d.mean)}, variance ${formatNumber(d.variance)}; running mean ${formatNumber(d.runningMean)}, variance ${formatNumber(d.runningVar)}`);
  });

  it('classification report: accuracy and macro F1 per run', () => {
    // 2 classes: 8 right of 10
    const r = classificationReport([4, 1, 1, 4], 2);
    expect(summarizeReport({ plain: r }, 500, 'en')).toBe(`Step 500, whole test set in evaluation mode: Plain accuracy 80.0%, macro F1 0.8`);
    expect(summarizeReport({}, 500, 'en')).toBe('No data yet');
  });

  it('decision boundary: class shares of the plane and mean confidence', () => {
    const grid: DecisionGrid = {
      extent: 1.5, resolution: 2, classes: 2, points: new Float32Array(0), labels: new Uint8Array(0),
      runs: { batch: { predicted: Uint8Array.from([0, 0, 0, 1]), confidence: Float32Array.from([1, 0.5, 1, 0.5]) } },
    };
    expect(summarizeDecisionGrid(grid, 1200, 'en')).toBe('Step 1,200, share of the plane per predicted class and mean confidence: Batch norm 75% / 25%, confidence 75.0%');
    expect(summarizeDecisionGrid(null, 0, 'zh')).toBe('尚无数据');
  });

  it('landscape: nothing while the measurement is off', () => {
    expect(summarizeLandscape(frame, 'en')).toBe('No data yet');
  });

  it('fold: the outcome of the last fold', () => {
    const report = { run: 'batch', step: 2000, rows: 10000, maxAbsDiff: 3.1e-6, maxAbsLogit: 12, accuracy: 0.9612, foldedAccuracy: 0.9612 } as FoldReport;
    expect(summarizeFold(report, 'en')).toBe('Batch norm folded at step 2,000: largest logit difference 3.10e-6, accuracy 96.1%, folded 96.1%');
    expect(summarizeFold(null, 'en')).toBe('No data yet');
  });

  it('sweep: final accuracy per batch size and series', () => {
    expect(summarizeSweep([], 'en')).toBe('No data yet');
    const series = [
      { id: 'plain' as const, norm: 'none' as const, points: [{ batch: 8, acc: 0.912, diverged: false }, { batch: 64, acc: 0, diverged: true }] },
      { id: 'batch-stats' as const, norm: 'batch' as const, points: [{ batch: 8, acc: 0.95, diverged: false }] },
    ];
    expect(summarizeSweep(series, 'en')).toBe('Final test accuracy per batch size: Plain batch 8 91.2%, batch 64 diverged; batch norm, batch statistics batch 8 95.0%');
    expect(summarizeSweep(series, 'zh')).toMatch(/^各批大小的最终测试准确率：无归一化 批大小 8 91\.2%，批大小 64 已发散；/);
  });
});
