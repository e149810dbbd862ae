import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SETTINGS } from '../state/url-codec';
import { cutBands, footerLines } from './save-png';

describe('saved PNG', () => {
  it('cuts the rows that held only the page\'s controls, never a row with the figure\'s own content', () => {
    // a toolbar at 30..60 with nothing beside it: cut; one at 100..130 beside a legend at 110..120: kept around it
    expect(cutBands([[30, 60], [100, 130]], [[0, 25], [65, 95], [110, 120], [140, 300]])).toEqual([[30, 60], [100, 110], [120, 130]]);
    // overlapping toolbars merge; a band under 2 px is not worth a cut
    expect(cutBands([[10, 20], [15, 30]], [[29, 40]])).toEqual([[10, 29]]);
    expect(cutBands([[10, 11]], [])).toEqual([]);
  });

  it('stamps the step, the runs, the settings not at their defaults and the live changes', () => {
    const frame = { step: 1027, runs: [{ id: 'plain' }, { id: 'batch' }] } as never;
    const settings = { ...DEFAULT_PAGE_SETTINGS, batch: 2, eps: 1 };
    const en = footerLines(frame, settings, [{ step: 900, key: 'batch', from: 60, to: 2 }], 'en');
    expect(en[0]).toBe('NormScope · step 1,027 · Plain, Batch norm');
    expect(en[1]).toBe('Settings not at their defaults: eps=1 batch=2');
    expect(en[2]).toBe('Changed while training (at step): batch 60→2 (900)');
    expect(footerLines(frame, DEFAULT_PAGE_SETTINGS, [], 'en')[1]).toBe('Settings not at their defaults: none (the defaults)');
    expect(footerLines(frame, settings, [], 'zh')[0]).toMatch(/^NormScope · 第 1,027 步 · /);
  });
});
