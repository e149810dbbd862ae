// Results arranged for reading: one row per batch size (ascending), one cell per norm; used by the
// CLI's table, the page's table and the chart.
import type { NormKind } from '../../engine/types';
import type { SweepResult } from './run-job';

export interface SweepRow {
  batch: number;
  cells: Partial<Record<NormKind, SweepResult>>;
}

/** Rows for every batch size that has a result (or is listed in `batches`), ascending. */
export function sweepRows(results: readonly SweepResult[], batches: readonly number[] = []): SweepRow[] {
  const byBatch = new Map<number, SweepRow>();
  for (const b of batches) byBatch.set(b, { batch: b, cells: {} });
  for (const r of results) {
    let row = byBatch.get(r.batch);
    if (!row) { row = { batch: r.batch, cells: {} }; byBatch.set(r.batch, row); }
    row.cells[r.norm] = r;
  }
  return [...byBatch.values()].sort((a, b) => a.batch - b.batch);
}

export interface SweepSeries {
  /** 'plain' | 'batch' | 'layer' | 'batch-stats' (batch norm evaluated with batch statistics). */
  id: 'plain' | 'batch' | 'layer' | 'renorm' | 'group' | 'batch-stats';
  norm: NormKind;
  points: { batch: number; acc: number; diverged: boolean }[];
}

const RUN_ID: Record<NormKind, 'plain' | 'batch' | 'layer' | 'renorm' | 'group'> = { none: 'plain', batch: 'batch', layer: 'layer', renorm: 'renorm', group: 'group' };

/** One series per norm present (points by ascending batch), plus batch norm with batch statistics. */
export function sweepSeries(results: readonly SweepResult[]): SweepSeries[] {
  const sorted = [...results].sort((a, b) => a.batch - b.batch);
  const out: SweepSeries[] = [];
  for (const norm of ['none', 'batch', 'layer', 'renorm', 'group'] as const) {
    const mine = sorted.filter((r) => r.norm === norm);
    if (mine.length === 0) continue;
    out.push({ id: RUN_ID[norm], norm, points: mine.map((r) => ({ batch: r.batch, acc: r.testAcc, diverged: r.divergedAt !== null })) });
    if (norm === 'batch') {
      const bs = mine.filter((r) => r.testAccBatchStats !== null);
      if (bs.length) out.push({ id: 'batch-stats', norm, points: bs.map((r) => ({ batch: r.batch, acc: r.testAccBatchStats!, diverged: r.divergedAt !== null })) });
    }
  }
  return out;
}
