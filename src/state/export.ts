// Exporting a session: every series a telemetry frame holds, as CSV (long format, one row per point:
// run,series,layer,step,value,min,max) or as JSON (the same series as arrays, plus the settings).
// Pure functions of a frame; the page wraps the text in a Blob and downloads it.
import type { SeriesColumns } from '../session/bounded-series';
import type { RunFrame, TelemetryFrame } from '../session/frame';

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

export const CSV_HEADER = 'run,series,layer,step,value,min,max';

/** CSV in long format: one row per point of every series; empty cells for a missing layer or a NaN. */
export function frameToCsv(frame: TelemetryFrame): string {
  const lines = [CSV_HEADER];
  for (const s of frameSeries(frame)) {
    const c = s.columns;
    const layer = s.layer === null ? '' : String(s.layer);
    for (let i = 0, n = points(c); i < n; i++) {
      lines.push(`${s.run},${s.series},${layer},${num(c.x[i])},${num(c.y[i])},${num(c.min[i])},${num(c.max[i])}`);
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
