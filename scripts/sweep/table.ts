// The CLI's tables and lines: the final test accuracy by batch size (rows) and norm (columns), batch
// norm twice (running statistics, and batch statistics over test chunks of the run's batch size).
import type { NormKind } from '../../src/engine/index';
import { medianRange } from '../../src/session/index';
import { summarize } from '../../src/session/index';
import { sweepRows } from '../../src/runtime/index';
import type { SweepResult } from '../../src/runtime/index';

const COLUMN: Record<NormKind, string> = { none: 'plain', batch: 'batch norm', layer: 'layer norm', renorm: 'batch renorm', group: 'group norm' };

const acc = (r: SweepResult | undefined, v: number | null | undefined): string =>
  !r ? '-' : r.divergedAt !== null ? 'diverged' : v === null || v === undefined ? '-' : v.toFixed(4);

export function formatSweepTable(results: readonly SweepResult[], norms: readonly NormKind[], batches: readonly number[]): string {
  const header = ['batch', ...norms.flatMap((n) => (n === 'batch' ? ['batch norm', 'BN batch stats'] : [COLUMN[n]]))];
  const rows = sweepRows(results, batches).map((row) => [
    String(row.batch),
    ...norms.flatMap((n) => {
      const r = row.cells[n];
      return n === 'batch' ? [acc(r, r?.testAcc), acc(r, r?.testAccBatchStats)] : [acc(r, r?.testAcc)];
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('   ');
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * The table over seeds: each cell the median [min-max] of the seeds' final test accuracy (four
 * decimals), "diverged k" appended when some seeds diverged, "-" with no result.
 */
export function formatSweepSeedsTable(results: readonly SweepResult[], norms: readonly NormKind[], batches: readonly number[]): string {
  const seeds = new Set(results.map((r) => r.seed)).size;
  const cell = (rs: SweepResult[], pick: (r: SweepResult) => number | null): string => {
    const values = rs.filter((r) => r.divergedAt === null).map(pick).filter((v): v is number => v !== null);
    const diverged = rs.filter((r) => r.divergedAt !== null).length;
    const text = values.length ? medianRange(summarize(values), 4) : '-';
    return diverged ? `${text} (diverged ${diverged})` : text;
  };
  const header = ['batch', ...norms.flatMap((n) => (n === 'batch' ? ['batch norm', 'BN batch stats'] : [COLUMN[n]]))];
  const all = [...new Set([...batches, ...results.map((r) => r.batch)])].sort((a, b) => a - b);
  const rows = all.map((b) => [
    String(b),
    ...norms.flatMap((n) => {
      const rs = results.filter((r) => r.batch === b && r.norm === n);
      return n === 'batch' ? [cell(rs, (r) => r.testAcc), cell(rs, (r) => r.testAccBatchStats)] : [cell(rs, (r) => r.testAcc)];
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('   ');
  return [`median [min-max] over ${seeds} seed${seeds === 1 ? '' : 's'}`, line(header), ...rows.map(line)].join('\n');
}

/** One JSON object per finished run: testAccBatchStats only for batch norm. */
export function resultJson(r: SweepResult): Record<string, unknown> {
  const bn = r.norm === 'batch';
  return {
    norm: r.norm, batch: r.batch, testAcc: r.testAcc,
    ...(bn ? { testAccBatchStats: r.testAccBatchStats } : {}),
    testLoss: finiteOrNull(r.testLoss),
    ...(bn ? { testLossBatchStats: finiteOrNull(r.testLossBatchStats) } : {}),
    steps: r.steps, examples: r.examples, lr: r.lr, seed: r.seed, seconds: Number(r.seconds.toFixed(3)),
    diverged: r.divergedAt !== null, divergedAt: r.divergedAt,
  };
}

/** A line for a person: "batch   2  batch norm  seed 1  test acc 0.6712 (batch stats 0.8123)  120,000 steps  95.2 s". */
export function resultLine(r: SweepResult): string {
  const bn = r.testAccBatchStats !== null ? ` (batch stats ${r.testAccBatchStats.toFixed(4)})` : '';
  const result = r.divergedAt !== null ? `diverged at step ${r.divergedAt.toLocaleString('en-US')}` : `test acc ${r.testAcc.toFixed(4)}${bn}`;
  return `batch ${String(r.batch).padStart(4)}  ${COLUMN[r.norm].padEnd(10)}  seed ${r.seed}  ${result}  ${r.steps.toLocaleString('en-US')} steps  ${r.seconds.toFixed(1)} s`;
}

function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}
