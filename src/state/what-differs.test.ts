import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../session/settings';
import { whatDiffers } from './what-differs';
import { type MessageKey, runName, translate } from '../i18n';

describe('whatDiffers', () => {
  it('lists only the settings that differ, as the table formats them, in its order', () => {
    const live = { settings: { ...DEFAULT_SETTINGS, lr: 0.5 }, runs: ['batch', 'batch:eps=1'] };
    const pinned = { settings: { ...DEFAULT_SETTINGS, lr: 0.1, eps: 1e-3 }, runs: ['batch:eps=1', 'batch'] };
    const d = whatDiffers(pinned, live);
    expect(d.map((x) => x.key)).toEqual(['eps', 'lr']);
    expect(d[1]).toMatchObject({ label: 'ctl.lr', pinned: '0.1', live: '0.5' });
  });

  it('says nothing for the same settings, and names a different set of runs', () => {
    const s = { ...DEFAULT_SETTINGS, hidden: [8, 8] };
    expect(whatDiffers({ settings: s, runs: ['plain'] }, { settings: { ...s, hidden: [8, 8] }, runs: ['plain'] })).toEqual([]);
    const d = whatDiffers({ settings: s, runs: ['plain', 'batch'] }, { settings: s, runs: ['plain'] });
    expect(d).toEqual([{ key: 'runs', label: 'pins.diff.runs', pinned: 'plain, batch', live: 'plain' }]);
  });

  it('names the runs as the page does when given a namer (a run with its own settings by its name, never its id)', () => {
    const s = { ...DEFAULT_SETTINGS };
    const t = (k: string) => translate('en', k as MessageKey);
    const d = whatDiffers({ settings: s, runs: ['batch', 'batch:eps=1'] }, { settings: s, runs: ['batch'] }, (id) => runName(t, id));
    expect(d).toEqual([{ key: 'runs', label: 'pins.diff.runs', pinned: 'Batch norm, Batch norm · ε 1', live: 'Batch norm' }]);
  });
});
