// The explanations quote what `npm run -s experiments` (and the sweep) measured, summarised over seeds:
// ./measured.ts must be what the recorded results (docs/results/experiments/NAME.jsonl,
// docs/results/sweep-*.jsonl) give today, and every summary in it must appear in both the English
// and the Chinese "measured" text: each run's median [min-max], the paired count (in how many seeds
// the second run beat the first), and, where the runs differ in how many seeds left chance or only some
// seeds did, those counts. A re-run that changes a number fails here until measured.ts is rewritten
// (npx tsx scripts/experiments/write-measured.ts), and the text follows the data.
import { describe, expect, it } from 'vitest';
import { currentMeasured } from '../../../scripts/experiments/write-measured';
import { medianRange } from '../seeds/format';
import { EXPLANATIONS } from './explanations';
import { PRESETS } from './index';
import { MEASURED } from './measured';
import { count } from './quote';

describe('experiment explanations', () => {
  it('exist in both languages for every preset, with every part filled', () => {
    for (const p of PRESETS) {
      for (const lang of ['en', 'zh'] as const) {
        const e = EXPLANATIONS[p.name][lang];
        for (const part of ['lead', 'look', 'literature', 'measured'] as const) expect(e[part].length, `${p.name} ${lang} ${part}`).toBeGreaterThan(20);
      }
    }
  });

  it('speak to users, not developers: no commands or file paths, the article named by its title (not "种子文章", which reads as "random seed")', () => {
    for (const p of PRESETS) {
      for (const lang of ['en', 'zh'] as const) {
        const texts = [p.title[lang], ...Object.values(EXPLANATIONS[p.name][lang])];
        for (const text of texts) {
          expect(text, `${p.name} ${lang}`).not.toMatch(/npm run|npx |docs\/results|\.jsonl|种子文章|seed article/);
        }
      }
    }
  });

  it('quote measured.ts, and measured.ts is what docs/results holds (npx tsx scripts/experiments/write-measured.ts)', () => {
    expect(MEASURED).toEqual(currentMeasured());
  });

  it('every experiment is backed by at least 8 seeds', () => {
    for (const p of PRESETS.filter((q) => q.checks.length > 0)) {
      for (const c of p.checks) {
        const s = MEASURED.checks.find((x) => x.preset === p.name && x.check === c.label);
        expect(s, `${p.name} / ${c.label}`).toBeDefined();
        for (const r of s!.runs) expect(r.seeds.length, `${p.name} / ${c.label} / ${r.run}`).toBeGreaterThanOrEqual(8);
      }
    }
  });

  it('quote every summary: median [min-max], the paired count, and the seeds above 0.3 where they tell runs or seeds apart', () => {
    let checked = 0;
    for (const c of MEASURED.checks) {
      const preset = c.preset as keyof typeof EXPLANATIONS;
      const telling = c.runs.some((r) => r.above > 0 && r.above < r.seeds.length) || new Set(c.runs.map((r) => r.above)).size > 1;
      for (const lang of ['en', 'zh'] as const) {
        const text = EXPLANATIONS[preset][lang].measured;
        const where = `${c.preset} ${lang}: ${c.check}`;
        for (const r of c.runs) {
          expect(text, `${where}, ${r.run} median [min-max]`).toContain(medianRange(r.acc!));
          if (telling) expect(text, `${where}, ${r.run} seeds above 0.3`).toContain(count(lang, r.above, r.seeds.length));
          checked++;
        }
        if (c.paired) expect(text, `${where}, paired count`).toContain(count(lang, c.paired.comparison.wins, c.paired.comparison.n));
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('say where a claim holds only in some seeds: the high-lr lr 10 plain run', () => {
    const r = MEASURED.checks.find((c) => c.preset === 'high-lr' && c.check === 'lr 10')!.runs.find((x) => x.run === 'plain')!;
    const some = r.above > 0 && r.above < r.seeds.length;
    expect(EXPLANATIONS['high-lr'].en.measured.includes(`in ${r.above} of ${r.seeds.length} seeds only`)).toBe(some);
    expect(EXPLANATIONS['high-lr'].zh.measured.includes(`只有${count('zh', r.above, r.seeds.length)}`)).toBe(some);
    // the "what to look for" text says it too, in words written by hand: it must agree with the data
    expect(EXPLANATIONS['high-lr'].en.look.includes('trains with some seeds and not with others')).toBe(some);
    expect(EXPLANATIONS['high-lr'].zh.look.includes('有的种子能训练、有的不能')).toBe(some);
  });

  it('quote the sweep over its seeds: batch 2 and 4 for every norm, in both languages', () => {
    for (const cell of MEASURED.sweep.cells.filter((c) => c.batch <= 4)) {
      for (const lang of ['en', 'zh'] as const) {
        expect(EXPLANATIONS['small-batches'][lang].measured, `${lang} ${cell.norm}@${cell.batch}`).toContain(medianRange(cell.acc));
      }
    }
    expect(EXPLANATIONS['small-batches'].en.measured).toContain(`${MEASURED.sweep.seeds.length} seeds`);
  });
});
