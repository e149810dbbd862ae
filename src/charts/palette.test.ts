import { afterEach, describe, expect, it, vi } from 'vitest';
import { invalidateThemeCache, runColor, runColors, runStyle, setPaletteRuns, themeColors, variantColor } from './palette';

// The colour-scheme listeners the palette added. It adds one the first time it reads a page, whichever
// test that is (once per module, as once per page load), so the list outlives each fake page.
const listeners: (() => void)[] = [];

/** A page whose root variables are `vars`, counting getComputedStyle calls; returns the scheme's change listeners. */
function fakePage(vars: Record<string, string>) {
  const calls = { n: 0 };
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
    expect(listeners).toHaveLength(1);
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

describe('variant colours: by place among the live runs, never a kind\'s', () => {
  afterEach(() => setPaletteRuns([]));
  const KINDS = ['plain', 'batch', 'layer', 'renorm', 'group', 'batch-pre', 'batch-post'];
  const kindColors = new Set(KINDS.map((k) => runStyle(k).color));

  it('gives N <= 8 variants N distinct colours, none of them a run kind\'s', () => {
    for (let n = 1; n <= 8; n++) {
      const runs = ['batch', ...Array.from({ length: n }, (_, i) => `batch:eps=${i + 1}`)];
      setPaletteRuns(runs);
      const colors = runs.slice(1).map((id) => runStyle(id).color);
      expect(new Set(colors).size).toBe(n);
      for (const c of colors) expect(kindColors.has(c)).toBe(false);
    }
  });

  it('keeps a variant\'s colour while the run list stays, and its kind\'s dash', () => {
    const runs = ['plain', 'plain:lr=0.5', 'batch', 'batch:eps=1'];
    expect(variantColor('batch:eps=1', runs)).toBe(variantColor('batch:eps=1', [...runs]));
    expect(variantColor('plain:lr=0.5', runs)).not.toBe(variantColor('batch:eps=1', runs));
    setPaletteRuns(runs);
    expect(runStyle('batch:eps=1').dash).toEqual(runStyle('batch').dash);
    expect(runColor(null, 'batch:eps=1')).toBe(variantColor('batch:eps=1', runs));
  });

  it('gives a variant that is not live (a pinned saved run) a colour the live variants leave free', () => {
    const runs = ['batch', 'batch:eps=1', 'batch:eps=0.1'];
    const live = new Set(['batch:eps=1', 'batch:eps=0.1'].map((id) => variantColor(id, runs)));
    for (const id of ['batch:momentum=0.9', 'layer:eps=1', 'plain:lr=0.01']) expect(live.has(variantColor(id, runs))).toBe(false);
  });
});
