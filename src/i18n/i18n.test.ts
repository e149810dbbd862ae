import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../session/settings';
import { AREAS, DICTIONARIES, getLang, initLang, initialLang, setLang, STORAGE_KEY, subscribeLang, translate, type MessageKey } from './index';

describe('i18n', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    const keys = Object.keys(DICTIONARIES.en) as MessageKey[];
    expect(Object.keys(DICTIONARIES.zh).sort()).toEqual([...keys].sort());
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of keys) {
      expect(DICTIONARIES.zh[k].length, k).toBeGreaterThan(0);
      expect(holes(DICTIONARIES.zh[k]), k).toEqual(holes(DICTIONARIES.en[k]));
    }
  });

  it('one dictionary: no two areas share a key (the run names are one table, spread into two)', () => {
    const owner = new Map<string, string>();
    for (const [area, { en, zh }] of Object.entries(AREAS)) {
      expect(Object.keys(zh).sort(), area).toEqual(Object.keys(en).sort());
      for (const k of Object.keys(en)) {
        if (k.startsWith('run.')) continue;
        expect(owner.get(k), `${k} in ${area} and ${owner.get(k)}`).toBeUndefined();
        owner.set(k, area);
      }
    }
    expect(owner.size + Object.keys(DICTIONARIES.en).filter((k) => k.startsWith('run.')).length).toBe(Object.keys(DICTIONARIES.en).length);
  });

  it('labels every setting of the settings table, in both languages', () => {
    for (const def of SETTINGS) {
      expect(DICTIONARIES.en[def.label], def.key).toBeTruthy();
      expect(DICTIONARIES.zh[def.label], def.key).toBeTruthy();
    }
  });

  it('fills placeholders', () => {
    expect(translate('en', 'status.training', { step: 1200 })).toBe('Training · step 1200');
    expect(translate('en', 'status.epoch', { epoch: 2 })).toBe('epoch 2');
    expect(translate('zh', 'status.paused', { step: 7 })).toBe('已暂停 · 第 7 步');
    expect(translate('en', 'status.diverged', {})).toBe('{run} diverged at step {at}');
  });

  it('picks the URL language, else the remembered one, else the browser language', () => {
    const store = (v: string | null) => ({ getItem: (k: string) => (k === STORAGE_KEY ? v : null) });
    expect(initialLang('zh', store('en'))).toBe('zh');
    expect(initialLang(undefined, store('zh'))).toBe('zh');
    expect(initialLang(undefined, store('klingon'), ['en-GB'])).toBe('en');
    expect(initialLang(undefined, null, ['zh-CN', 'en'])).toBe('zh');
    expect(initialLang(undefined, { getItem: () => { throw new Error('denied'); } })).toBe('en');
  });

  it('switches, remembers and notifies', () => {
    const saved = new Map<string, string>();
    initLang('en', { setItem: (k, v) => saved.set(k, v) });
    let calls = 0;
    const off = subscribeLang(() => calls++);
    setLang('zh');
    expect(getLang()).toBe('zh');
    expect(saved.get(STORAGE_KEY)).toBe('zh');
    setLang('zh');
    expect(calls).toBe(1);
    off();
    setLang('en');
    expect(calls).toBe(1);
  });
});
