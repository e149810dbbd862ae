import { describe, expect, it } from 'vitest';
import { viewsEn, viewsZh } from './dict/views';
import { translate } from './translate';

const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('chart texts', () => {
  it('every key has a Chinese text with the same placeholders', () => {
    for (const k of Object.keys(viewsEn) as (keyof typeof viewsEn)[]) {
      expect(viewsZh[k].length).toBeGreaterThan(0);
      expect(holes(viewsZh[k])).toEqual(holes(viewsEn[k]));
    }
  });
  it('fills placeholders; English captions are the chart names', () => {
    expect(translate('en', 'divergedAt', { run: 'Plain', step: 7 })).toBe('Plain diverged (step 7)');
    expect(translate('zh', 'loss.title')).toBe('损失');
    expect(['loss.title', 'acc.title', 'pct.title', 'mom.title', 'grad.title'].map((k) => translate('en', k as 'loss.title')))
      .toEqual(['Loss', 'Test accuracy', 'Percentiles', 'Layer mean and variance', 'Gradients']);
  });
});
