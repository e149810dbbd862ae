// The chart views in both languages: every chart key has its Chinese text (same placeholders), and the
// figures render their captions and controls in Chinese when the page language is zh (server rendering).
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { classificationReport } from '../telemetry/classification-report';
import { DEFAULT_SETTINGS } from '../session/settings';
import { setApp } from '../state/app';
import { DICTIONARIES, initLang, type MessageKey, translate } from '../i18n';
import { chartsEn, chartsZh } from '../i18n/dict/charts';
import { createAppStore, type TrainerLike } from '../state/store';
import { TelemetryHub } from '../state/telemetry';
import { BnStepByStep } from './bn-step';
import { ClassificationReport, ConfusionMatrix, ReportTable } from './classification-report';
import { DecisionBoundary } from './decision-boundary';
import { HistogramsChart } from './histograms';

function app(dataset: 'mnist' | 'spiral') {
  setApp({ store: createAppStore({} as TrainerLike, { settings: { ...DEFAULT_SETTINGS, dataset }, runs: ['plain', 'batch'] }), trainer: {} as TrainerLike, hub: new TelemetryHub() });
}
const caption = (html: string) => /<figcaption[^>]*>(.*?)<\/figcaption>/.exec(html)?.[1].replace(/<[^>]+>/g, '');
const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

afterEach(() => initLang('en', null));

describe('chart dictionary', () => {
  it('has every chart key in Chinese, non-empty, with the same placeholders, and useT() knows them', () => {
    const keys = Object.keys(chartsEn) as (keyof typeof chartsEn)[];
    expect(Object.keys(chartsZh).sort()).toEqual([...keys].sort());
    for (const k of keys) {
      expect(chartsZh[k].trim().length, k).toBeGreaterThan(0);
      expect(chartsZh[k], k).not.toBe(chartsEn[k]);
      expect(holes(chartsZh[k]), k).toEqual(holes(chartsEn[k]));
      expect(DICTIONARIES.en[k as MessageKey], k).toBe(chartsEn[k]);
      expect(DICTIONARIES.zh[k as MessageKey], k).toBe(chartsZh[k]);
    }
    expect(translate('zh', 'report.cell', { t: 1, p: 0, count: 2, share: '20.0' })).toBe('真实 1，预测 0：2（占类别 1 的 20.0%）');
  });
});

describe('figures in Chinese', () => {
  it('captions, controls and empty states follow the language', () => {
    initLang('zh', null);
    app('spiral');
    const hist = renderToStaticMarkup(h(HistogramsChart));
    expect(caption(hist)).toMatch(/^激活值直方图/);
    expect(hist).toContain('随时间变化');
    expect(hist).toContain('保存 PNG');
    expect(hist).not.toContain('Over time');
    const db = renderToStaticMarkup(h(DecisionBoundary));
    expect(caption(db)).toMatch(/^决策边界/);
    expect(db).toContain('尚无数据');
    const report = renderToStaticMarkup(h(ClassificationReport));
    expect(caption(report)).toMatch(/^分类报告/);
    expect(report).toContain('刷新');
    const bn = renderToStaticMarkup(h(BnStepByStep));
    expect(caption(bn)).toMatch(/^批归一化逐步计算/);
    expect(bn).toContain('>单元<');
    expect(bn).toContain('>评估<');

    const r = classificationReport([5, 1, 0, 2, 7, 1, 0, 0, 4], 3);
    const table = renderToStaticMarkup(h(ReportTable, { report: r }));
    for (const label of ['精确率', '召回率', '支持数', '微平均', '宏平均', '加权平均']) expect(table).toContain(label);
    expect(renderToStaticMarkup(h(ConfusionMatrix, { report: r }))).toContain('<title>真实 1，预测 0：2（占类别 1 的 20.0%）</title>');
  });

  it('keeps the English names in English', () => {
    initLang('en', null);
    app('mnist');
    const bn = renderToStaticMarkup(h(BnStepByStep));
    expect(caption(bn)).toMatch(/^Batch norm step by step/);
    for (const s of ['>Layer<', '>Unit<', '>Training<', '>Evaluation<', 'Save PNG']) expect(bn).toContain(s);
    expect(caption(renderToStaticMarkup(h(HistogramsChart)))).toMatch(/^Activation histograms/);
  });
});
