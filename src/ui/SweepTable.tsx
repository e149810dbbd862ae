// The sweep's results as a short table under the chart: one row per batch size, one column per
// network, batch norm twice (running statistics, batch statistics). Empty cells are runs not finished.
// Over several seeds a cell gives the median and the range over the seeds that finished.
import type { NormKind } from '../engine/types';
import type { SweepResult } from '../runtime/sweep/run-job';
import { NORM_NAME_KEY, useT } from '../i18n';
import { summarize } from '../state/ui-inputs';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function SweepTable({ results, norms, batches }: { results: readonly SweepResult[]; norms: readonly NormKind[]; batches: readonly number[] }) {
  const t = useT();
  const rows = [...new Set([...batches, ...results.map((r) => r.batch)])].sort((a, b) => a - b);
  const cell = (rs: readonly SweepResult[], pick: (r: SweepResult) => number | null) => {
    if (rs.length === 0) return '–';
    const values = rs.filter((r) => r.divergedAt === null).map(pick).filter((v): v is number => v !== null);
    if (values.length === 0) return rs.some((r) => r.divergedAt !== null) ? t('sweep.table.diverged') : '–';
    if (values.length === 1 && rs.length === 1) return pct(values[0]);
    const s = summarize(values);
    const diverged = rs.length - rs.filter((r) => r.divergedAt === null).length;
    const text = t('seeds.table.cell', { median: pct(s.median), min: (s.min * 100).toFixed(1), max: (s.max * 100).toFixed(1) });
    return diverged ? `${text} (${t('sweep.table.diverged')} ${diverged})` : text;
  };
  return (
    <table className="sweep-table">
      <caption>{t('sweep.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sweep.table.batch')}</th>
          {norms.map((n) => (n === 'batch'
            ? [<th key="b" scope="col">{t('run.batch')}</th>, <th key="bs" scope="col">{t('sweep.table.bnBatch')}</th>]
            : <th key={n} scope="col">{t(NORM_NAME_KEY[n])}</th>))}
        </tr>
      </thead>
      <tbody>
        {rows.map((batch) => (
          <tr key={batch} data-batch={batch}>
            <th scope="row">{batch}</th>
            {norms.map((n) => {
              const rs = results.filter((r) => r.batch === batch && r.norm === n);
              return n === 'batch'
                ? [<td key="b" data-norm="batch">{cell(rs, (r) => r.testAcc)}</td>, <td key="bs" data-norm="batch-stats">{cell(rs, (r) => r.testAccBatchStats)}</td>]
                : <td key={n} data-norm={n}>{cell(rs, (r) => r.testAcc)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
