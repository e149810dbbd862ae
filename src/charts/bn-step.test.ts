import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { FrameBuilder } from '../telemetry/frame';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import { setApp } from '../state/app';
import { createAppStore, type TrainerLike } from '../state/store';
import { TelemetryHub } from '../state/telemetry';
import { BnBody, BnStepByStep } from './bn-step';
import { formatNum } from './bn-step-numbers';

function detail() {
  const ds = make2d('spiral', { seed: 1, trainCount: 300, testCount: 100, noise: 0.1 });
  const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [8, 8], act: 'sigmoid', batch: 24, eps: 1e-3, evalEvery: 50, steps: 1e9 }, ['plain', 'batch']);
  const b = new FrameBuilder(s);
  for (let i = 0; i < 100; i++) { b.beforeStep(s); s.trainStep(); b.afterStep(s); }
  return b.build(s, 1, 'running', { layer: 0, unit: 2 }, null).bnDetail!;
}
const text = (html: string, id: string) => new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];

describe('BnStepByStep', () => {
  it('renders its figure and an empty state before any frame', () => {
    setApp({ store: createAppStore({} as TrainerLike, { settings: { ...DEFAULT_SETTINGS }, runs: ['plain', 'batch'] }), trainer: {} as TrainerLike, hub: new TelemetryHub() });
    const html = renderToStaticMarkup(h(BnStepByStep));
    expect(html).toMatch(/<figcaption[^>]*><span[^>]*>Batch norm step by step</);
    expect(html).toContain('No data yet');
    expect(html).toContain('>Layer');
    expect(html).toContain('>Unit');
  });

  it('shows m and eps in readable elements, and the evaluation-mode numbers', () => {
    const d = detail();
    const train = renderToStaticMarkup(h(BnBody, { detail: d, step: 100, mode: 'train', shown: 6 }));
    expect(text(train, 'bn-m')).toBe('24');
    expect(text(train, 'bn-eps')).toBe('0.001');
    expect(train).toContain(formatNum(d.y[0]));
    const ev = renderToStaticMarkup(h(BnBody, { detail: d, step: 100, mode: 'eval', shown: 6 }));
    expect(ev).toContain(formatNum(d.runningMean));
    const y0 = d.gamma * (d.x[0] - d.runningMean) / Math.sqrt(d.runningVar + d.eps) + d.beta;
    expect(ev).toContain(formatNum(y0));
    expect(ev).toContain('(evaluation)');
  });
});
