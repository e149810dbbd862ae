// The explanations quote what `npm run -s experiments` measured: every test accuracy in the recorded
// results (docs/results/experiments/NAME.jsonl, rounded to three decimals) must appear in both the
// English and the Chinese "measured" text, so a re-run that changes a number fails here until the
// text says what the data says.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPLANATIONS } from './explanations';
import { PRESETS } from './index';

const resultsOf = (name: string): { run: string; seed: number; check: string; testAcc: number | null }[] | null => {
  const file = new URL(`../../../docs/results/experiments/${name}.jsonl`, import.meta.url);
  if (!existsSync(file)) return null;
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
};

describe('experiment explanations', () => {
  it('exist in both languages for every preset, with every part filled', () => {
    for (const p of PRESETS) {
      for (const lang of ['en', 'zh'] as const) {
        const e = EXPLANATIONS[p.name][lang];
        for (const part of ['lead', 'look', 'literature', 'measured'] as const) expect(e[part].length, `${p.name} ${lang} ${part}`).toBeGreaterThan(20);
      }
    }
  });

  it('quote every recorded test accuracy', () => {
    let checked = 0;
    for (const p of PRESETS.filter((q) => q.checks.length > 0)) {
      const results = resultsOf(p.name);
      expect(results, `docs/results/experiments/${p.name}.jsonl (npm run -s experiments -- ${p.name} --out docs/results/experiments)`).not.toBeNull();
      for (const r of results!) {
        const acc = r.testAcc === null ? 'diverged' : r.testAcc.toFixed(3);
        for (const lang of ['en', 'zh'] as const) {
          expect(EXPLANATIONS[p.name][lang].measured, `${p.name} ${lang}: ${r.check}, ${r.run}, seed ${r.seed}`).toContain(acc);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
