import { describe, expect, it } from 'vitest';
import { VIEW_TEXTS, viewText } from './views-i18n';

const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('chart texts', () => {
  it('every key has a Chinese text with the same placeholders', () => {
    for (const k of Object.keys(VIEW_TEXTS.en) as (keyof typeof VIEW_TEXTS.en)[]) {
      expect(VIEW_TEXTS.zh[k].length).toBeGreaterThan(0);
      expect(holes(VIEW_TEXTS.zh[k])).toEqual(holes(VIEW_TEXTS.en[k]));
    }
  });
  it('fills placeholders; English captions are the chart names', () => {
    expect(viewText('en', 'divergedAt', { run: 'Plain', step: 7 })).toBe('Plain diverged (step 7)');
    expect(viewText('zh', 'loss.title')).toBe('损失');
    expect(['loss.title', 'acc.title', 'pct.title', 'mom.title', 'grad.title'].map((k) => viewText('en', k as 'loss.title')))
      .toEqual(['Loss', 'Test accuracy', 'Percentiles', 'Layer mean and variance', 'Gradients']);
  });
});
