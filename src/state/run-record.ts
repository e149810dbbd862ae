// A saved set of runs (the run library's entry, and the JSON file it exports): the session's settings,
// per run its own settings (empty until runs carry their own: the per-run settings of issue #16 fill
// it), every series the page held (export.ts frameSeries), the final metrics and the last activation
// distributions, plus a name, a date and a small thumbnail. Series stay typed arrays here (what
// IndexedDB stores, compactly); run-file.ts turns a record into JSON and back, checking everything.
import type { SeriesColumns } from '../telemetry/bounded-series';
import { STAGES, type Stage, type TelemetryFrame } from '../telemetry/frame';
import type { NormKind, NormPlacement } from '../engine/types';
import type { RunKind } from '../session/run-kinds';
import type { TrainSettings } from '../session/settings';
import { runSpecOf } from '../session/run-spec';
import { frameSeries } from './export';

export const RECORD_FORMAT = 'normscope-runs';
/** Bumped when the layout changes; run-file.ts refuses versions it does not know. */
export const RECORD_VERSION = 1;

export interface SavedSeries {
  /** export.ts's series name: loss, testAcc, p15, zMean, channel3BatchVar, icsCos... */
  series: string;
  /** Hidden layer index (0-based), or null for a run-level series. */
  layer: number | null;
  /** Step of each point (a point is the mean of `count` measurements; NaN stays NaN). */
  x: Float64Array;
  y: Float32Array;
  min: Float32Array;
  max: Float32Array;
  count: Uint32Array;
}

/** One layer's last histogram at one stage (pre-norm z, the norm's output, the activation's output). */
export interface SavedDistribution {
  layer: number;
  stage: Stage;
  /** The bins' range: `counts.length` equal bins from lo to hi. */
  lo: number;
  hi: number;
  counts: Float32Array;
  /** Values below lo and above hi, counted apart. */
  under: number;
  over: number;
}

export interface SavedRun {
  /** The run's id as the charts name it (its run kind today). */
  id: string;
  kind: RunKind;
  norm: NormKind;
  placement: NormPlacement;
  /** The settings this run keeps its own value of (session/run-spec.ts: `batch:eps=1` -> { eps: 1 }). */
  settings: Partial<TrainSettings>;
  divergedAt: number | null;
  /** The last point of the training loss and of the test metrics (null when never measured). */
  final: { loss: number | null; testLoss: number | null; testAcc: number | null };
  series: SavedSeries[];
  distributions: SavedDistribution[];
}

export interface SavedRuns {
  format: typeof RECORD_FORMAT;
  version: typeof RECORD_VERSION;
  name: string;
  /** ISO 8601. */
  savedAt: string;
  step: number;
  epoch: number;
  settings: TrainSettings;
  runs: SavedRun[];
  /** A PNG data URL of the loss curves (thumbnail.ts), or null. */
  thumbnail: string | null;
}

/** A float32 as the shortest decimal that reads back to the same float32 (9 significant digits suffice); null when not finite. */
export const shortFloat32 = (v: number): number | null => (Number.isFinite(v) ? Number(v.toPrecision(9)) : null);

/** The last finite value of a column (float32), as shortFloat32 writes it. */
const last = (a: ArrayLike<number>): number | null => {
  for (let i = a.length - 1; i >= 0; i--) if (Number.isFinite(a[i])) return shortFloat32(a[i]);
  return null;
};

function copySeries(series: string, layer: number | null, c: SeriesColumns): SavedSeries {
  const n = Math.min(c.x.length, c.y.length, c.min.length, c.max.length, c.count.length);
  return {
    series, layer,
    x: Float64Array.from(c.x.subarray(0, n)), y: Float32Array.from(c.y.subarray(0, n)),
    min: Float32Array.from(c.min.subarray(0, n)), max: Float32Array.from(c.max.subarray(0, n)),
    count: Uint32Array.from(c.count.subarray(0, n)),
  };
}

/** The record of a frame (the page's latest) and the session's settings; `kinds` maps run ids to run kinds. */
export function recordFromFrame(
  frame: TelemetryFrame, settings: TrainSettings, kindOf: (id: string) => RunKind | null,
  meta: { name: string; savedAt: Date; thumbnail: string | null },
): SavedRuns {
  const all = frameSeries(frame);
  const runs: SavedRun[] = [];
  for (const run of frame.runs) {
    const kind = kindOf(run.id);
    if (!kind) continue;
    const distributions: SavedDistribution[] = [];
    run.layers.forEach((l, layer) => {
      l.stages.forEach((s, i) => {
        const bins = frame.bins[layer]?.[i];
        if (!s || !bins || s.hist.length === 0) return;
        distributions.push({ layer, stage: STAGES[i], lo: bins.lo, hi: bins.hi, counts: Float32Array.from(s.hist), under: s.under, over: s.over });
      });
    });
    runs.push({
      id: run.id, kind, norm: run.norm, placement: run.placement, settings: { ...runSpecOf(run.id)?.overrides }, divergedAt: run.divergedAt,
      final: { loss: last(run.loss.y), testLoss: last(run.testLoss.y), testAcc: last(run.testAcc.y) },
      series: all.filter((s) => s.run === run.id).map((s) => copySeries(s.series, s.layer, s.columns)),
      distributions,
    });
  }
  return {
    format: RECORD_FORMAT, version: RECORD_VERSION, name: meta.name, savedAt: meta.savedAt.toISOString(),
    step: frame.step, epoch: frame.epoch, settings: structuredClone(settings), runs, thumbnail: meta.thumbnail,
  };
}

/** Bytes the record takes, counted as stored (typed arrays by their size, text as UTF-16 code units x 2). */
export function recordBytes(r: SavedRuns): number {
  let bytes = 2 * (r.name.length + (r.thumbnail?.length ?? 0)) + 2 * JSON.stringify(r.settings).length + 256;
  for (const run of r.runs) {
    bytes += 256 + 2 * JSON.stringify(run.settings).length;
    for (const s of run.series) bytes += 64 + s.x.byteLength + s.y.byteLength + s.min.byteLength + s.max.byteLength + s.count.byteLength;
    for (const d of run.distributions) bytes += 64 + d.counts.byteLength;
  }
  return bytes;
}

/** What the library's list shows of an entry, kept apart from the heavy record. */
export interface RecordSummary {
  name: string;
  savedAt: string;
  step: number;
  runs: { id: string; kind: RunKind; testAcc: number | null; divergedAt: number | null }[];
  dataset: TrainSettings['dataset'];
  thumbnail: string | null;
  bytes: number;
}

export function summarize(r: SavedRuns): RecordSummary {
  return {
    name: r.name, savedAt: r.savedAt, step: r.step, dataset: r.settings.dataset, thumbnail: r.thumbnail,
    runs: r.runs.map((run) => ({ id: run.id, kind: run.kind, testAcc: run.final.testAcc, divergedAt: run.divergedAt })),
    bytes: recordBytes(r),
  };
}
