// Exporting a session: every series a telemetry frame holds, as CSV (a few `#` lines with the step,
// the settings and the live changes, then long format, one row per point:
// run,series,layer,step_from,step_to,steps,value,min,max) or as JSON (the same series as arrays, plus
// the settings). Pure functions of a frame; the page wraps the text in a Blob and downloads it.
import type { SeriesColumns } from '../telemetry/bounded-series';
import type { RunFrame, TelemetryFrame } from '../telemetry/frame';
import { SETTINGS } from '../session/settings';
import { runSpecOf } from '../session/run-spec';
import { changeLabel, type SettingChange } from './setting-changes';

export interface ExportSeries {
  run: string;
  series: string;
  /** Hidden layer index (0-based; for ICS, a linear layer's: the output layer comes last), or null for a run-level series. */
  layer: number | null;
  columns: SeriesColumns;
}

/** Every series of a frame, in a stable order: per run, its own series, then each layer's. */
export function frameSeries(frame: TelemetryFrame): ExportSeries[] {
  const out: ExportSeries[] = [];
  const add = (run: RunFrame, series: string, layer: number | null, columns: SeriesColumns | null | undefined) => {
    if (columns) out.push({ run: run.id, series, layer, columns });
  };
  for (const run of frame.runs) {
    add(run, 'loss', null, run.loss);
    add(run, 'testLoss', null, run.testLoss);
    add(run, 'testAcc', null, run.testAcc);
    add(run, 'testLossBatchStats', null, run.testLossBatchStats);
    add(run, 'testAccBatchStats', null, run.testAccBatchStats);
    run.layers.forEach((l, j) => {
      add(run, 'p15', j, l.bands.p15);
      add(run, 'p50', j, l.bands.p50);
      add(run, 'p85', j, l.bands.p85);
      add(run, 'zMean', j, l.moments.zMean);
      add(run, 'zVar', j, l.moments.zVar);
      add(run, 'normMean', j, l.moments.normMean);
      add(run, 'normVar', j, l.moments.normVar);
      add(run, 'runningMean', j, l.moments.runningMean);
      add(run, 'runningVar', j, l.moments.runningVar);
    });
    // Batch renorm runs: the schedule's limits and the share of units whose r or d sat at a limit, over the steps.
    add(run, 'renormRmax', null, run.renorm?.rmax);
    add(run, 'renormDmax', null, run.renorm?.dmax);
    add(run, 'renormClippedR', null, run.renorm?.clippedR);
    add(run, 'renormClippedD', null, run.renorm?.clippedD);
    // The CNN's batch-norm runs: per conv layer and channel, the batch statistics and running estimates over the steps.
    run.conv?.layers.forEach((l, j) => {
      const cs = l.series;
      if (!cs) return;
      for (let c = 0; c < cs.batchMean.length; c++) {
        add(run, `channel${c + 1}BatchMean`, j, cs.batchMean[c]);
        add(run, `channel${c + 1}BatchVar`, j, cs.batchVar[c]);
        add(run, `channel${c + 1}RunningMean`, j, cs.runningMean[c]);
        add(run, `channel${c + 1}RunningVar`, j, cs.runningVar[c]);
      }
    });
    // The loss landscape, once measured: per run, then ICS per linear layer (the last index is the output layer).
    const land = frame.landscape?.runs.find((r) => r.id === run.id);
    if (land && land.betaSmooth.x.length > 0) {
      add(run, 'landscapeLoss', null, land.loss);
      add(run, 'landscapeLossMin', null, land.lossMin);
      add(run, 'landscapeLossMax', null, land.lossMax);
      add(run, 'gradPredMin', null, land.gradPredMin);
      add(run, 'gradPredMax', null, land.gradPredMax);
      add(run, 'betaSmooth', null, land.betaSmooth);
      land.icsDist.forEach((c, j) => add(run, 'icsDist', j, c));
      land.icsCos.forEach((c, j) => add(run, 'icsCos', j, c));
    }
  }
  return out;
}

/** A number as CSV/JSON text: shortest round-trip form, '' (CSV) for NaN and infinities. */
function num(v: number): string {
  return Number.isFinite(v) ? String(v) : '';
}

function points(c: SeriesColumns): number {
  return Math.min(c.x.length, c.y.length, c.min.length, c.max.length);
}

export const CSV_HEADER = 'run,series,layer,step_from,step_to,steps,value,min,max';

/**
 * The first and last step each point covers, as integers. A point of a bounded series is the mean of
 * `count` appends at evenly spaced steps (every step for the loss, every 20 for the percentiles): its
 * x is their mean step, so with spacing d it covers x - d (count - 1) / 2 to x + d (count - 1) / 2. d is
 * read from the gap to a neighbour, (x[i+1] - x[i]) = d (count[i] + count[i+1]) / 2. Exact when the
 * appends are evenly spaced; when the spacing changed (an evaluation interval changed live), the
 * ranges are rounded and kept apart (each starts after the one before ends).
 */
export function stepRanges(c: SeriesColumns, n = points(c)): { from: Int32Array; to: Int32Array } {
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const count = Math.max(1, c.count[i] || 1);
    let d = 0;
    if (count > 1) {
      const j = i + 1 < n ? i + 1 : i - 1;
      const gap = j >= 0 && j < n ? Math.abs(c.x[j] - c.x[i]) : 0;
      const pair = (count + Math.max(1, c.count[j] || 1)) / 2;
      d = gap > 0 ? Math.max(1, Math.round(gap / pair)) : 1;
    }
    const half = (d * (count - 1)) / 2;
    let lo = Math.round(c.x[i] - half);
    const hi = Math.round(c.x[i] + half);
    if (i > 0 && lo <= to[i - 1]) lo = Math.min(hi, to[i - 1] + 1);
    from[i] = lo;
    to[i] = Math.max(lo, hi);
  }
  return { from, to };
}

/** The `#` lines above the CSV table: what the file is, the settings, the live changes. */
export function csvPreamble(frame: TelemetryFrame, changes: readonly SettingChange[] = []): string[] {
  const lines = [`# NormScope export at step ${frame.step}, epoch ${frame.epoch}; runs: ${frame.runs.map((r) => r.id).join(', ')}`];
  if (frame.settings) {
    const settings = frame.settings;
    lines.push(`# settings: ${SETTINGS.map((d) => `${d.flag}=${(d.format as (v: unknown) => string)(settings[d.key])}`).join(' ')}`);
  }
  for (const run of frame.runs) {
    const own = runSpecOf(run.id)?.overrides ?? {};
    const flags = SETTINGS.filter((d) => d.key in own).map((d) => `${d.flag}=${(d.format as (v: unknown) => string)((own as Record<string, unknown>)[d.key])}`);
    if (flags.length > 0) lines.push(`# run ${run.id} keeps its own: ${flags.join(' ')}`);
  }
  for (const c of changes) lines.push(`# changed at step ${c.step}: ${changeLabel(c, 'en')}`);
  lines.push('# each row is the mean of the steps step_from..step_to (steps = how many measurements); min and max over them');
  return lines;
}

/** CSV in long format: one row per point of every series; empty cells for a missing layer or a NaN. */
export function frameToCsv(frame: TelemetryFrame, changes: readonly SettingChange[] = []): string {
  const lines = [...csvPreamble(frame, changes), CSV_HEADER];
  for (const s of frameSeries(frame)) {
    const c = s.columns;
    const layer = s.layer === null ? '' : String(s.layer);
    const n = points(c);
    const { from, to } = stepRanges(c, n);
    for (let i = 0; i < n; i++) {
      lines.push(`${s.run},${s.series},${layer},${from[i]},${to[i]},${Math.max(1, c.count[i] || 1)},${num(c.y[i])},${num(c.min[i])},${num(c.max[i])}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const arr = (a: ArrayLike<number>, n: number) => Array.from({ length: n }, (_, i) => (Number.isFinite(a[i]) ? a[i] : null));

/** JSON: settings, step, epoch, and per run every series as {step, value, min, max} arrays (null for NaN). */
export function frameToJson(frame: TelemetryFrame): string {
  const runs = frame.runs.map((run) => ({
    id: run.id,
    norm: run.norm,
    // the settings the run keeps its own value of (batch:eps=1 -> { eps: 1 }); the session's for the rest
    settings: runSpecOf(run.id)?.overrides ?? {},
    divergedAt: run.divergedAt,
    series: frameSeries({ ...frame, runs: [run] }).map((s) => {
      const n = points(s.columns);
      return { series: s.series, layer: s.layer, step: arr(s.columns.x, n), value: arr(s.columns.y, n), min: arr(s.columns.min, n), max: arr(s.columns.max, n) };
    }),
  }));
  return `${JSON.stringify({ app: 'NormScope', step: frame.step, epoch: frame.epoch, settings: frame.settings, runs }, null, 1)}\n`;
}

/** A file name for a download, e.g. normscope-mnist-step1200.csv. */
export function exportFileName(frame: TelemetryFrame, ext: 'csv' | 'json'): string {
  return `normscope-${frame.settings?.dataset ?? 'session'}-step${frame.step}.${ext}`;
}
