// The page's controls against the settings table: each slider spans the table's page range, each
// control refuses exactly what lies outside it, and the controls show the page's defaults from the
// table (rendered on the server, read back from the markup).
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, INIT_SCALE, setting } from '../session/settings';
import { setApp } from '../state/app';
import { translate } from '../i18n';
import { createAppStore, type TrainerLike } from '../state/store';
import { DEFAULT_PAGE_SETTINGS, DEFAULT_RUNS } from '../state/url-codec';
import { acceptsNumber, INIT_SCALE_SLIDER, sliderScale, type SliderKey } from './control-scale';
import { Controls } from './Controls';
import { formatValue, positionOf } from './slider-scale';

const SLIDERS: readonly SliderKey[] = ['batch', 'eps', 'lr', 'momentum', 'sgdMomentum', 'weightDecay'];

/** The range position and the number field's text of the slider labelled `label` in `html`. */
function sliderShown(html: string, label: string): { position: number; positions: number; text: string } {
  const at = html.indexOf(`>${label}</label>`);
  expect(at, label).toBeGreaterThan(0);
  const rest = html.slice(at);
  const range = /<input[^>]*type="range"[^>]*max="(\d+)"[^>]*value="(\d+)"/.exec(rest);
  const field = /<input[^>]*type="number"[^>]*value="([^"]*)"/.exec(rest);
  expect(range, label).not.toBeNull();
  expect(field, label).not.toBeNull();
  return { positions: Number(range![1]), position: Number(range![2]), text: field![1] };
}

describe('controls from the settings table', () => {
  it('each slider spans the table\'s page range, on the table\'s scale', () => {
    for (const key of SLIDERS) {
      const def = setting(key);
      const s = sliderScale(key);
      expect(def.slider, key).toBeDefined();
      expect(s.kind, key).toBe(def.slider!.scale);
      expect(s.min, key).toBe(def.page.min);
      expect(s.max, key).toBe(def.slider!.max ?? def.page.max);
      expect(s.max, key).toBeLessThanOrEqual(def.page.max);
      expect(Boolean(s.integer), key).toBe(Boolean(def.range.integer));
    }
    expect([INIT_SCALE_SLIDER.min, INIT_SCALE_SLIDER.max]).toEqual([INIT_SCALE.page.min, INIT_SCALE.page.max]);
  });

  it('a control takes the ends of the page range and refuses what lies beyond them', () => {
    for (const key of [...SLIDERS, 'seed', 'landscapeEvery'] as const) {
      const { page, range } = setting(key);
      const accepted = (v: number) => range.minExclusive ? v > range.min : v >= range.min;
      expect(acceptsNumber(key, page.min), key).toBe(accepted(page.min));
      expect(acceptsNumber(key, page.max), key).toBe(true);
      expect(acceptsNumber(key, page.max + Math.max(1, page.max) * 1e-3), key).toBe(false);
      expect(acceptsNumber(key, page.min - Math.max(1, Math.abs(page.min)) * 1e-3), key).toBe(false);
      expect(acceptsNumber(key, null), key).toBe(false);
      expect(acceptsNumber(key, NaN), key).toBe(false);
      // the defaults sit inside what the page offers
      expect(acceptsNumber(key, DEFAULT_PAGE_SETTINGS[key]), key).toBe(true);
      expect(DEFAULT_SETTINGS[key], key).toBe(setting(key).default);
    }
  });

  it('the rendered controls show the page\'s defaults, and the selects offer the table\'s options', () => {
    setApp({ store: createAppStore({} as TrainerLike, { settings: structuredClone(DEFAULT_PAGE_SETTINGS), runs: [...DEFAULT_RUNS] }), trainer: {} as TrainerLike });
    const html = renderToStaticMarkup(h(Controls));
    for (const key of SLIDERS.filter((k) => k !== 'sgdMomentum' || DEFAULT_PAGE_SETTINGS.optimizer === 'sgd')) {
      const shown = sliderShown(html, translate('en', setting(key).label));
      const value = DEFAULT_PAGE_SETTINGS[key];
      expect(shown.text, key).toBe(formatValue(value));
      expect(shown.positions, key).toBe(setting(key).slider!.positions);
      expect(shown.position, key).toBe(positionOf(sliderScale(key), value));
    }
    for (const key of ['dataset', 'arch', 'act', 'optimizer', 'placement'] as const) {
      const at = html.indexOf(`>${translate('en', setting(key).label)}</label>`);
      const select = /<select[^>]*>(.*?)<\/select>/.exec(html.slice(at))![1];
      const values = [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
      expect(values, key).toEqual(setting(key).options);
      expect(select, key).toContain(`value="${DEFAULT_PAGE_SETTINGS[key]}" selected`);
    }
  });
});
