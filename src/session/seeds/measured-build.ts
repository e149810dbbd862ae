// What the explanations and the README quote, built from the recorded results: per experiment check
// and run kind the summary over seeds (summaries.ts), the ten-layer network's gradient ratios at step
// 100, and the batch-size sweep per norm and batch size over its seeds. scripts/experiments/
// write-measured.ts writes this into src/session/presets/measured.ts (the page cannot read files);
// the explanations' test rebuilds it from docs/results and fails when the two differ.
import type { NormKind } from '../../engine/types';
import type { RunKind } from '../run-kinds';
import { summarize, type SeedSummary } from './stats';
import { summarizeRecords, type CheckSummary } from './summaries';

/** A line of docs/results/experiments/*.jsonl (the fields used here). */
export interface ExperimentLine {
  preset: string;
  check: string;
  run: RunKind;
  seed: number;
  testAcc: number | null;
  gradNorms100: number[] | null;
}

/** A line of docs/results/sweep-*.jsonl (the fields used here). */
export interface SweepLine {
  norm: NormKind;
  batch: number;
  seed: number;
  testAcc: number;
  testAccBatchStats?: number | null;
  diverged: boolean;
}

export interface GradientRatio {
  preset: string;
  check: string;
  run: RunKind;
  /** ||dW|| of the first hidden layer over that of the last hidden layer, at step 100, over seeds. */
  firstOverLast: SeedSummary;
  /** The last hidden layer's and the first's ||dW|| at step 100, over seeds. */
  last: SeedSummary;
  first: SeedSummary;
  /** Least and largest ||dW|| of any hidden layer at step 100, over seeds. */
  hiddenMin: number;
  hiddenMax: number;
}

export interface SweepCell {
  norm: NormKind;
  batch: number;
  seeds: number[];
  acc: SeedSummary;
  /** Batch norm evaluated with batch statistics; null for the other norms. */
  batchStats: SeedSummary | null;
}

/** At one batch size: in how many seeds each norm had the best test accuracy (running statistics). */
export interface SweepBest {
  batch: number;
  /** Seeds with a result for every norm at this batch. */
  n: number;
  wins: Partial<Record<NormKind, number>>;
}

export interface Measured {
  checks: CheckSummary[];
  gradients: GradientRatio[];
  sweep: { seeds: number[]; cells: SweepCell[]; best: SweepBest[] };
}

/** Rounded to 6 decimals: the results carry 4, and medians of even counts add one; no float noise. */
const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
const round = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? (Math.abs(v) < 1e-3 ? Number(v.toPrecision(6)) : r6(v)) : v)));

export function buildMeasured(experiments: readonly ExperimentLine[], sweep: readonly SweepLine[]): Measured {
  const checks = summarizeRecords(experiments);
  const gradients: GradientRatio[] = [];
  for (const c of checks) {
    for (const run of c.runs) {
      const lines = experiments.filter((l) => l.preset === c.preset && l.check === c.check && l.run === run.run && l.gradNorms100 !== null);
      if (lines.length === 0 || lines.length !== run.seeds.length) continue;
      const hidden = lines.map((l) => l.gradNorms100!.slice(0, -1));
      gradients.push({
        preset: c.preset, check: c.check, run: run.run,
        firstOverLast: summarize(hidden.map((h) => h[0] / h[h.length - 1])),
        last: summarize(hidden.map((h) => h[h.length - 1])),
        first: summarize(hidden.map((h) => h[0])),
        hiddenMin: Math.min(...hidden.flat()),
        hiddenMax: Math.max(...hidden.flat()),
      });
    }
  }
  const cells: SweepCell[] = [];
  const keys = [...new Set(sweep.map((l) => `${l.norm}@${l.batch}`))];
  for (const k of keys) {
    const ls = sweep.filter((l) => `${l.norm}@${l.batch}` === k && !l.diverged);
    if (ls.length === 0) continue;
    const stats = ls.map((l) => l.testAccBatchStats).filter((v): v is number => typeof v === 'number');
    cells.push({
      norm: ls[0].norm, batch: ls[0].batch, seeds: ls.map((l) => l.seed).sort((a, b) => a - b),
      acc: summarize(ls.map((l) => l.testAcc)), batchStats: stats.length ? summarize(stats) : null,
    });
  }
  const order: NormKind[] = ['none', 'batch', 'layer', 'renorm', 'group'];
  cells.sort((a, b) => a.batch - b.batch || order.indexOf(a.norm) - order.indexOf(b.norm));
  const seeds = [...new Set(sweep.map((l) => l.seed))].sort((a, b) => a - b);
  const norms = order.filter((n) => sweep.some((l) => l.norm === n));
  const best: SweepBest[] = [...new Set(sweep.map((l) => l.batch))].sort((a, b) => a - b).map((batch) => {
    const wins: Partial<Record<NormKind, number>> = {};
    let n = 0;
    for (const seed of seeds) {
      const row = norms.map((norm) => sweep.find((l) => l.batch === batch && l.seed === seed && l.norm === norm && !l.diverged));
      if (row.some((l) => !l)) continue;
      n++;
      const top = Math.max(...row.map((l) => l!.testAcc));
      for (const l of row) if (l!.testAcc === top) wins[l!.norm] = (wins[l!.norm] ?? 0) + 1;
    }
    return { batch, n, wins };
  });
  return round({ checks, gradients, sweep: { seeds, cells, best } });
}
