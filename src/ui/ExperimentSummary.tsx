// The head of an experiment card: the measured finding in one plain sentence, a small table of the
// runs' final test accuracy over seeds (run, median, range), and a warning when the page now runs a
// setting other than the protocol those numbers were measured with. The data: session/presets/card.ts.
import type { CardRow, Finding } from '../session/presets/card';
import type { Preset } from '../session/presets';
import type { RunKind } from '../session/run-kinds';
import { useApp } from '../state/app';
import { type MessageKey, type T, useLang, useT } from '../i18n';
import { formatSettingValue } from '../state/setting-changes';
import { experimentCard, protocolDifferences, setting } from '../state/ui-inputs';

const acc = (v: number) => v.toFixed(3);

function findingText(f: Finding, t: T, lang: 'en' | 'zh'): string {
  const name = (k: RunKind) => {
    const n = t(`run.${k}` as MessageKey);
    return lang === 'en' ? n.toLowerCase().replace(/^bn /, 'BN ') : n;
  };
  const cap = (s: string) => (lang === 'en' ? s[0].toUpperCase() + s.slice(1) : s);
  if (f.kind === 'sweep') {
    const others = f.others.map((o) => `${name(o.run)} ${acc(o.median)}`).join(lang === 'zh' ? '，' : ', ');
    const best = f.bestFrom !== null ? ` ${t('exp.finding.sweepBest', { from: f.bestFrom })}` : '';
    return t('exp.finding.sweep', { batch: f.batch, bn: acc(f.bn), others }) + best;
  }
  const p = { a: name(f.a), b: name(f.b), n: f.n, k: f.wins, am: acc(f.aMedian), bm: acc(f.bMedian) };
  if (f.n > 0 && f.wins === f.n) return cap(t('exp.finding.every', p));
  if (f.n > 0 && f.wins === 0) return cap(t('exp.finding.none', p));
  if (f.n >= 4 && (f.wins === f.n - 1 || f.wins === 1)) {
    const bAhead = f.wins === f.n - 1;
    return cap(t('exp.finding.most', {
      w: bAhead ? p.b : p.a, k: bAhead ? f.wins : f.n - f.wins, n: f.n, wm: bAhead ? p.bm : p.am, lm: bAhead ? p.am : p.bm,
    }));
  }
  return t('exp.finding.mixed', p);
}

function ResultTable({ rows, sweep }: { rows: CardRow[]; sweep: boolean }) {
  const t = useT();
  const grouped = rows.some((r) => r.group !== null);
  const seeds = Math.max(...rows.map((r) => r.seeds));
  return (
    <table className="experiment-table" data-testid="experiment-table">
      <caption>{t(sweep ? 'exp.table.sweepCaption' : 'exp.table.caption', { n: seeds })}</caption>
      <thead>
        <tr>
          {grouped ? <th scope="col">{t(sweep ? 'exp.table.batch' : 'exp.table.group')}</th> : null}
          <th scope="col">{t('exp.table.run')}</th>
          <th scope="col">{t('exp.table.median')}</th>
          <th scope="col">{t('exp.table.range')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.group}-${r.run}`} className={i > 0 && rows[i - 1].group !== r.group ? 'group-start' : undefined}>
            {grouped ? <td>{i === 0 || rows[i - 1].group !== r.group ? r.group : ''}</td> : null}
            <th scope="row"><span className={`swatch run-${r.run}`} aria-hidden="true" />{t(`run.${r.run}` as MessageKey)}</th>
            <td className="num">{acc(r.median)}</td>
            <td className="num">{acc(r.min)}–{acc(r.max)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ExperimentSummary({ preset, variant }: { preset: Preset; variant: string | null }) {
  const t = useT();
  const lang = useLang();
  const settings = useApp((s) => s.settings);
  const card = experimentCard(preset, variant);
  const differences = card.check ? protocolDifferences(card.check, settings) : [];
  const list = differences.map((d) => {
    const def = setting(d.key);
    const format = (v: unknown) => (typeof v === 'number' ? formatSettingValue(v) : (def.format as (x: unknown) => string)(v));
    return t('exp.protocol.item', { name: def.hint.mark?.[lang] ?? def.flag, page: format(d.page), protocol: format(d.protocol) });
  }).join(lang === 'zh' ? '；' : '; ');
  if (!card.finding && card.rows.length === 0 && !list) return null;
  return (
    <div className="experiment-summary" data-testid="experiment-summary">
      {card.finding ? <p className="experiment-finding" data-testid="experiment-finding">{findingText(card.finding, t, lang)}</p> : null}
      {card.rows.length ? <ResultTable rows={card.rows} sweep={preset.name === 'small-batches'} /> : null}
      {list ? (
        <p className="protocol-warning" role="note" data-testid="protocol-warning">
          <span aria-hidden="true">⚠ </span>{t('exp.protocol.differs', { list })}
        </p>
      ) : null}
    </div>
  );
}
