// What the experiments CLI prints: a run as one JSON line (the format of docs/results/experiments),
// a setting's summary as one JSON line, and the same summaries as a table for a person.
import { kOfN, medianRange, signedRange } from '../../src/session/index';
import type { SeedResult } from '../../src/runtime/index';
import type { CheckSummary } from '../../src/session/index';

export function runJson(r: SeedResult): Record<string, unknown> {
  return {
    preset: r.preset, check: r.check, run: r.run, seed: r.seed, steps: r.steps,
    testAcc: r.testAcc, testLoss: r.testLoss, diverged: r.divergedAt !== null, divergedAt: r.divergedAt,
    gradNorms100: r.gradNorms100, gradNormsLast: r.gradNormsLast, seconds: Number(r.seconds.toFixed(1)),
  };
}

export function summaryJson(c: CheckSummary): Record<string, unknown> {
  return {
    summary: {
      preset: c.preset, check: c.check, threshold: c.threshold,
      runs: c.runs.map((r) => ({ run: r.run, seeds: r.seeds, n: r.seeds.length, diverged: r.diverged, ...(r.acc ?? {}), above: r.above })),
      paired: c.paired ? { a: c.paired.a, b: c.paired.b, ...c.paired.comparison } : null,
    },
  };
}

/**
 * high-lr / lr 10, test accuracy over 8 seeds:
 *   plain        0.523 [0.101-0.950]  IQR 0.420  above 0.3: 4 of 8
 *   batch        0.965 [0.958-0.971]  IQR 0.006  above 0.3: 8 of 8
 *   batch beat plain in 8 of 8 seeds; paired difference (batch - plain) +0.412 [+0.010 to +0.860]
 */
export function summaryTable(c: CheckSummary): string {
  const n = Math.max(0, ...c.runs.map((r) => r.seeds.length));
  const lines = [`${c.preset} / ${c.check}, test accuracy over ${n} seed${n === 1 ? '' : 's'}:`];
  for (const r of c.runs) {
    const acc = r.acc ? `${medianRange(r.acc)}  IQR ${r.acc.iqr.toFixed(3)}` : 'no run finished';
    const div = r.diverged ? `  diverged: ${kOfN(r.diverged, r.seeds.length)}` : '';
    lines.push(`  ${r.run.padEnd(11)} ${acc}  above ${c.threshold}: ${kOfN(r.above, r.seeds.length)}${div}`);
  }
  if (c.paired) {
    const p = c.paired.comparison;
    const diff = p.medianDiff !== null ? `; paired difference (${c.paired.b} - ${c.paired.a}) ${signedRange(p.medianDiff, p.minDiff!, p.maxDiff!)}` : '';
    lines.push(`  ${c.paired.b} beat ${c.paired.a} in ${kOfN(p.wins, p.n)} seeds${p.ties ? ` (${p.ties} tied)` : ''}${diff}`);
  }
  return lines.join('\n');
}
