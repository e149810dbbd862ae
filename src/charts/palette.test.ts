import { afterEach, describe, expect, it, vi } from 'vitest';
import { invalidateThemeCache, runColor, runColors, themeColors } from './palette';

/** A page whose root variables are `vars`, counting getComputedStyle calls; returns the scheme's change listeners. */
function fakePage(vars: Record<string, string>) {
  const calls = { n: 0 };
  const listeners: (() => void)[] = [];
  vi.stubGlobal('getComputedStyle', () => { calls.n++; return { getPropertyValue: (name: string) => vars[name] ?? '' }; });
  vi.stubGlobal('window', { matchMedia: () => ({ addEventListener: (_: string, f: () => void) => listeners.push(f) }) });
  return { calls, listeners };
}

describe('theme and run colours: read from the page once per colour scheme', () => {
  afterEach(() => { invalidateThemeCache(); vi.unstubAllGlobals(); });
  const el = {} as Element;

  it('reads the computed style once for any number of draws, and again after the colour scheme changes', () => {
    const vars: Record<string, string> = { '--surface': '#ffffff', '--run-plain': '#0072b2' };
    const { calls, listeners } = fakePage(vars);
    for (let i = 0; i < 20; i++) {
      expect(themeColors(el).surface).toBe('#ffffff');
      expect(runColors(el)('plain')).toBe('#0072b2');
      expect(runColor(el, 'plain')).toBe('#0072b2');
    }
    expect(calls.n).toBe(1);
    vars['--surface'] = '#181a23';
    vars['--run-plain'] = '#56b4e9';
    for (const f of listeners) f(); // prefers-color-scheme changed
    expect(themeColors(el).surface).toBe('#181a23');
    expect(runColor(el, 'plain')).toBe('#56b4e9');
    expect(calls.n).toBe(2);
  });

  it('falls back to the light palette without an element, and caches nothing then', () => {
    const { calls } = fakePage({ '--surface': '#181a23' });
    expect(themeColors(null).surface).toBe('#ffffff');
    expect(runColor(null, 'batch')).toBe('#D55E00');
    expect(themeColors(el).surface).toBe('#181a23');
    expect(calls.n).toBe(1);
  });
});
