// What the explanations quote from the measured summaries (./measured.ts): a run's test accuracy as
// median [min-max], counts of seeds as "k of N" (English) or "N 个种子中的 k 个" (Chinese), paired
// differences, gradient ratios and the sweep's cells. A lookup that finds nothing throws, naming what
// is missing, so an explanation cannot quote a setting that was never measured.
import type { NormKind } from '../../engine/types';
import type { RunKind } from '../run-kinds';
import { kOfN, medianRange, medianRangeExp, signedRange } from '../seeds/format';
import type { GradientRatio, Measured, SweepBest, SweepCell } from '../seeds/measured-build';
import type { CheckSummary, RunSummary } from '../seeds/summaries';
import { MEASURED } from './measured';

export type QuoteLang = 'en' | 'zh';

/** "k of N" / "N 个种子中的 k 个": the test looks for exactly these. */
export function count(lang: QuoteLang, k: number, n: number): string {
  return lang === 'en' ? kOfN(k, n) : `${n} 个种子中的 ${k} 个`;
}

export interface Quotes {
  check(preset: string, check: string): CheckSummary;
  run(preset: string, check: string, run: RunKind): RunSummary;
  /** "0.962 [0.955-0.968]". */
  acc(preset: string, check: string, run: RunKind): string;
  /** Seeds above the threshold: "k of N" in the language. */
  above(lang: QuoteLang, preset: string, check: string, run: RunKind): string;
  /** Seeds in which the check's second run beat the first: "k of N" in the language. */
  wins(lang: QuoteLang, preset: string, check: string): string;
  /** The median paired difference (second - first) and its range: "+0.041 [+0.036 to +0.044]". */
  diff(preset: string, check: string): string;
  /** How many seeds a check has (the most of any of its runs). */
  seeds(preset: string, check: string): number;
  gradient(preset: string, run: RunKind): GradientRatio;
  /** "5.0e-6 [4.2e-6 to 5.8e-6]". */
  ratio(preset: string, run: RunKind): string;
  cell(norm: NormKind, batch: number): SweepCell;
  /** A sweep cell's accuracy, "0.959 [0.958-0.959]" (batch statistics with `batchStats`). */
  sweepAcc(norm: NormKind, batch: number, batchStats?: boolean): string;
  best(batch: number): SweepBest;
  sweepSeeds(): number[];
}

export function quotes(m: Measured = MEASURED): Quotes {
  const check = (preset: string, label: string) => {
    const c = m.checks.find((x) => x.preset === preset && x.check === label);
    if (!c) throw new Error(`nothing measured for ${preset} / ${label}`);
    return c;
  };
  const run = (preset: string, label: string, kind: RunKind) => {
    const r = check(preset, label).runs.find((x) => x.run === kind);
    if (!r) throw new Error(`nothing measured for ${preset} / ${label} / ${kind}`);
    return r;
  };
  const paired = (preset: string, label: string) => {
    const p = check(preset, label).paired;
    if (!p) throw new Error(`${preset} / ${label} has no paired runs`);
    return p.comparison;
  };
  const gradient = (preset: string, kind: RunKind) => {
    const g = m.gradients.find((x) => x.preset === preset && x.run === kind);
    if (!g) throw new Error(`no gradient norms at step 100 for ${preset} / ${kind}`);
    return g;
  };
  const cell = (norm: NormKind, batch: number) => {
    const c = m.sweep.cells.find((x) => x.norm === norm && x.batch === batch);
    if (!c) throw new Error(`no sweep result for ${norm} at batch ${batch}`);
    return c;
  };
  return {
    check, run, gradient, cell,
    acc: (p, c, k) => {
      const r = run(p, c, k);
      if (!r.acc) throw new Error(`${p} / ${c} / ${k}: every run diverged`);
      return medianRange(r.acc);
    },
    above: (lang, p, c, k) => { const r = run(p, c, k); return count(lang, r.above, r.seeds.length); },
    wins: (lang, p, c) => { const q = paired(p, c); return count(lang, q.wins, q.n); },
    diff: (p, c) => {
      const q = paired(p, c);
      if (q.medianDiff === null) throw new Error(`${p} / ${c}: no seed with both runs finished`);
      return signedRange(q.medianDiff, q.minDiff!, q.maxDiff!);
    },
    seeds: (p, c) => Math.max(...check(p, c).runs.map((r) => r.seeds.length)),
    ratio: (p, k) => medianRangeExp(gradient(p, k).firstOverLast),
    sweepAcc: (norm, batch, batchStats = false) => {
      const c = cell(norm, batch);
      const s = batchStats ? c.batchStats : c.acc;
      if (!s) throw new Error(`no batch-statistics accuracy for ${norm} at batch ${batch}`);
      return medianRange(s);
    },
    best: (batch) => {
      const b = m.sweep.best.find((x) => x.batch === batch);
      if (!b) throw new Error(`no sweep results at batch ${batch}`);
      return b;
    },
    sweepSeeds: () => m.sweep.seeds,
  };
}
