// The experiment card's data: the check a variant runs, its table and finding from the measured
// summaries, and the settings in which the page left the protocol.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings';
import { cardCheck, experimentCard, protocolDifferences } from './card';
import { findPreset, presetSettings } from './index';
import { MEASURED } from './measured';

describe('experiment card', () => {
  it('takes the check the variant runs (high-lr lr 10 -> "lr 10"), the first variant by default', () => {
    const p = findPreset('high-lr')!;
    expect(cardCheck(p, 'lr-10')!.label).toBe('lr 10');
    expect(cardCheck(p, null)!.label).toBe('lr 30');
    const b = findPreset('bad-init')!;
    expect(cardCheck(b, 'large')!.label).toBe('N(0, 1)');
    expect(cardCheck(b, 'small')!.label).toBe('N(0, 0.01^2)');
    // no variants: the check that measures what the preset runs (the CNN's 3,000 steps), else the first
    expect(cardCheck(findPreset('cnn')!, null)!.label).toBe('batch 60, 3,000 steps');
    expect(cardCheck(findPreset('bn-paper-fig1')!, null)!.label).toBe('Figure 1, 5,000 steps');
  });

  it('tables each run of the check with its median and range, and words the paired count', () => {
    const p = findPreset('bn-paper-fig1')!;
    const card = experimentCard(p, null);
    const s = MEASURED.checks.find((c) => c.preset === 'bn-paper-fig1')!;
    expect(card.rows.map((r) => r.run)).toEqual(s.runs.map((r) => r.run));
    for (const r of card.rows) {
      const m = s.runs.find((x) => x.run === r.run)!.acc!;
      expect([r.median, r.min, r.max]).toEqual([m.median, m.min, m.max]);
    }
    expect(card.finding).toMatchObject({ kind: 'paired', a: 'plain', b: 'batch', wins: s.paired!.comparison.wins, n: s.paired!.comparison.n });
  });

  it('tables the sweep by batch size, with the batch from which batch norm was best in every seed', () => {
    const card = experimentCard(findPreset('small-batches')!, null);
    const batches = [...new Set(MEASURED.sweep.cells.map((c) => c.batch))].sort((a, b) => a - b);
    expect(card.rows[0].group).toBe(String(batches[0]));
    expect(card.rows.at(-1)!.group).toBe(String(batches.at(-1)));
    const f = card.finding!;
    expect(f.kind).toBe('sweep');
    if (f.kind !== 'sweep') return;
    expect(f.bn).toBe(MEASURED.sweep.cells.find((c) => c.norm === 'batch' && c.batch === batches[0])!.acc.median);
    if (f.bestFrom !== null) {
      for (const b of MEASURED.sweep.best.filter((x) => x.batch >= f.bestFrom!)) expect(b.wins.batch).toBe(b.n);
    }
  });

  it('lists the settings the page runs differently from the protocol, none when it runs the protocol', () => {
    const p = findPreset('bn-paper-fig1')!;
    const check = cardCheck(p, null)!;
    const page = presetSettings(p, null, DEFAULT_SETTINGS);
    expect(protocolDifferences(check, page)).toEqual([]);
    expect(protocolDifferences(check, { ...page, batch: 2, eps: 1 })).toEqual([
      { key: 'eps', page: 1, protocol: 1e-5 }, { key: 'batch', page: 2, protocol: 60 },
    ].sort((a, b) => Object.keys(check.settings).indexOf(a.key) - Object.keys(check.settings).indexOf(b.key)));
  });
});
