// Figures render, with their captions and empty states, before any data (server rendering: no effects run).
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { classificationReport } from '../telemetry/classification-report';
import { DEFAULT_SETTINGS } from '../session/settings';
import { setApp } from '../state/app';
import { createAppStore, type TrainerLike } from '../state/store';
import { TelemetryHub } from '../state/telemetry';
import { ConfusionMatrix, ClassificationReport, ReportTable } from './classification-report';
import { DecisionBoundary } from './decision-boundary';
import { HistogramsChart } from './histograms';

function app(dataset: 'mnist' | 'spiral') {
  setApp({ store: createAppStore({} as TrainerLike, { settings: { ...DEFAULT_SETTINGS, dataset }, runs: ['plain', 'batch'] }), trainer: {} as TrainerLike, hub: new TelemetryHub() });
}
const caption = (html: string) => /<figcaption[^>]*>(.*?)<\/figcaption>/.exec(html)?.[1].replace(/<[^>]+>/g, '');

describe('figures before data', () => {
  it('Activation histograms', () => {
    app('mnist');
    const html = renderToStaticMarkup(h(HistogramsChart));
    expect(caption(html)).toMatch(/^Activation histograms/);
    expect(html).toContain('No data yet');
    expect(html).toContain('Over time');
  });

  it('Decision boundary: a note for MNIST, an empty state for 2-D sets', () => {
    app('mnist');
    const m = renderToStaticMarkup(h(DecisionBoundary));
    expect(caption(m)).toMatch(/^Decision boundary/);
    expect(m).toContain('2-D data sets');
    app('spiral');
    expect(renderToStaticMarkup(h(DecisionBoundary))).toContain('No data yet');
  });

  it('Classification report', () => {
    app('mnist');
    const html = renderToStaticMarkup(h(ClassificationReport));
    expect(caption(html)).toMatch(/^Classification report/);
    expect(html).toContain('evaluation mode (running statistics)');
    expect(html).toContain('Refresh');
  });
});

describe('report views', () => {
  const r = classificationReport([5, 1, 0, 2, 7, 1, 0, 0, 4], 3);
  it('tabulates classes then the three averages', () => {
    const html = renderToStaticMarkup(h(ReportTable, { report: r }));
    for (const label of ['micro avg', 'macro avg', 'weighted avg', 'f1-score', 'support']) expect(html).toContain(label);
    expect(html).toContain('>20<');
  });
  it('titles every confusion cell with its count', () => {
    const html = renderToStaticMarkup(h(ConfusionMatrix, { report: r }));
    expect((html.match(/<rect/g) ?? []).length).toBe(9);
    expect(html).toContain('<title>true 1, predicted 0: 2 (20.0% of class 1)</title>');
  });
});

import { formatShare, formatStep, niceCeil, niceStepDomain, shares } from './histograms-geometry';

describe('histogram geometry', () => {
  it('rounds y maxima up in 1-2-2.5-5 steps', () => {
    expect([0.031, 0.2, 0.21, 0.24, 0.26, 0.6, 1.2].map(niceCeil)).toEqual([0.05, 0.2, 0.25, 0.25, 0.5, 1, 2]);
    expect(niceCeil(0)).toBe(1);
  });
  it('turns counts into shares, ignoring empty histograms', () => {
    const out = new Float64Array(3);
    expect(shares([1, 3, 0], 3, out)).toBe(0.75);
    expect(Array.from(out)).toEqual([0.25, 0.75, 0]);
    expect(shares([0, 0, 0], 3, out)).toBe(0);
  });
  it('nices the step domain so the axis moves in tick steps', () => {
    expect(niceStepDomain(3, 987)).toEqual([0, 1000]);
    expect(niceStepDomain(5, 5)).toEqual([4, 6]);
    expect(formatShare(0.125)).toBe('12.5%');
    expect(formatStep(12_000)).toBe('12k');
    expect(formatStep(950)).toBe('950');
  });
});
