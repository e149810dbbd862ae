// The sweep's results as a short table under the chart: one row per batch size, one column per
// network, batch norm twice (running statistics, batch statistics). Empty cells are runs not finished.
import type { NormKind } from '../engine/types';
import { sweepRows } from '../session/sweep/results';
import type { SweepResult } from '../session/sweep/run-job';
import { useT } from '../state/i18n';
import { NORM_NAME_KEY } from '../state/run-names';


export function SweepTable({ results, norms, batches }: { results: readonly SweepResult[]; norms: readonly NormKind[]; batches: readonly number[] }) {
  const t = useT();
  const cell = (r: SweepResult | undefined, v: number | null | undefined) =>
    !r ? '–' : r.divergedAt !== null ? t('sweep.table.diverged') : v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`;
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
        {sweepRows(results, batches).map((row) => (
          <tr key={row.batch} data-batch={row.batch}>
            <th scope="row">{row.batch}</th>
            {norms.map((n) => {
              const r = row.cells[n];
              return n === 'batch'
                ? [<td key="b" data-norm="batch">{cell(r, r?.testAcc)}</td>, <td key="bs" data-norm="batch-stats">{cell(r, r?.testAccBatchStats)}</td>]
                : <td key={n} data-norm={n}>{cell(r, r?.testAcc)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
