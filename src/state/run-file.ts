// A saved set of runs as a JSON file (the run library's Export and Import): runFileText writes a
// record, parseRunFile reads one back and checks everything before anything is built from it: the
// size, the format and version, every key (no unknown ones, so `__proto__` and friends are refused,
// and the result is built afresh, never spread from the input), every type, every number finite and
// within its range, the settings within the settings table's ranges and the size limits, and the
// lengths of the columns of a series equal. A bad file gives one RunFileError naming where and why.
import { STAGES, type Stage } from '../telemetry/frame';
import type { NormKind, NormPlacement } from '../engine/types';
import { checkLimits, datasetShape } from '../session/limits';
import { isRunKind, RUN_KINDS, type RunKind } from '../session/run-kinds';
import { isSettingKey, setting, SETTINGS, type SettingDef, type TrainSettings } from '../session/settings';
import { RECORD_FORMAT, RECORD_VERSION, shortFloat32, type SavedDistribution, type SavedRun, type SavedRuns, type SavedSeries } from './run-record';

/** What a file may hold at most: bounds far above what the page saves, far below what hurts a tab. */
export const RUN_FILE_LIMITS = {
  /** Characters of the whole file (a two-run MNIST session at 2,048 points a series is about 5 MB). */
  chars: 48_000_000,
  runs: 8,
  seriesPerRun: 512,
  /** Points of one series (the page keeps 2,048). */
  points: 8192,
  distributionsPerRun: 3 * 64,
  bins: 1024,
  layers: 64,
  nameChars: 120,
  /** A PNG data URL. */
  thumbnailChars: 64_000,
  idChars: 64,
} as const;

export type RunFileReason = 'json' | 'size' | 'format' | 'version' | 'type' | 'key' | 'missing' | 'range' | 'length';

export class RunFileError extends Error {
  constructor(readonly reason: RunFileReason, readonly path: string, readonly detail = '') {
    super(`${path || 'file'}: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'RunFileError';
  }
}

// ---- writing ----

const f32 = shortFloat32;
const f64 = (v: number): number | null => (Number.isFinite(v) ? v : null);

function seriesJson(s: SavedSeries) {
  return {
    series: s.series, layer: s.layer,
    x: Array.from(s.x, f64), y: Array.from(s.y, f32), min: Array.from(s.min, f32), max: Array.from(s.max, f32), count: Array.from(s.count),
  };
}

/** The JSON text of a record (NaN written as null). */
export function runFileText(r: SavedRuns): string {
  const out = {
    format: r.format, version: r.version, name: r.name, savedAt: r.savedAt, step: r.step, epoch: r.epoch,
    settings: r.settings, thumbnail: r.thumbnail,
    runs: r.runs.map((run) => ({
      id: run.id, kind: run.kind, norm: run.norm, placement: run.placement, settings: run.settings, divergedAt: run.divergedAt, final: run.final,
      series: run.series.map(seriesJson),
      distributions: run.distributions.map((d) => ({ layer: d.layer, stage: d.stage, lo: f64(d.lo), hi: f64(d.hi), counts: Array.from(d.counts, f32), under: d.under, over: d.over })),
    })),
  };
  return `${JSON.stringify(out)}\n`;
}

/** A file name for the download: normscope-runs-NAME.json (letters, digits, - and _ only). */
export function runFileName(r: SavedRuns): string {
  const slug = r.name.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `normscope-runs-${slug || 'saved'}.json`;
}

// ---- reading ----

type Obj = Record<string, unknown>;

/** `v` as a plain object with exactly the keys `required` (and any of `optional`), else the error. */
function object(v: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new RunFileError('type', path, 'an object');
  const o = v as Obj;
  for (const k of Object.keys(o)) {
    if (!required.includes(k) && !optional.includes(k)) throw new RunFileError('key', path, k);
  }
  for (const k of required) if (!Object.hasOwn(o, k)) throw new RunFileError('missing', path, k);
  return o;
}

function array(v: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(v)) throw new RunFileError('type', path, 'a list');
  if (v.length > max) throw new RunFileError('size', path, `at most ${max} entries`);
  return v;
}

function str(v: unknown, path: string, max: number, pattern?: RegExp): string {
  if (typeof v !== 'string') throw new RunFileError('type', path, 'text');
  if (v.length > max) throw new RunFileError('size', path, `at most ${max} characters`);
  if (pattern && !pattern.test(v)) throw new RunFileError('type', path, 'not in the expected form');
  return v;
}

function num(v: unknown, path: string, min: number, max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RunFileError('type', path, 'a finite number');
  if (v < min || v > max || (integer && !Number.isInteger(v))) throw new RunFileError('range', path, `${integer ? 'an integer ' : ''}from ${min} to ${max}`);
  return v;
}

const nullable = <T>(v: unknown, read: (v: unknown) => T): T | null => (v === null ? null : read(v));

/** A column of numbers (null = NaN) into a typed array; every value finite and within [min, max]. */
function column<A extends Float64Array | Float32Array | Uint32Array>(
  make: (n: number) => A, v: unknown, path: string, min: number, max: number, opts: { integer?: boolean; nulls?: boolean } = {},
): A {
  const list = array(v, path, RUN_FILE_LIMITS.points);
  const out = make(list.length);
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (x === null && opts.nulls) { out[i] = NaN; continue; }
    out[i] = num(x, `${path}[${i}]`, min, max, opts.integer);
  }
  return out;
}

const MAX_STEP = 1e12;
/** Telemetry values (losses, moments, variances) can be large but never beyond float32. */
const F32_MAX = 3.4028234663852886e38;

/** Series whose values have bounds of their own (NaN stays allowed): renorm's limits are never negative, its clipped shares are shares. */
const SERIES_BOUNDS: Readonly<Record<string, readonly [number, number]>> = {
  renormRmax: [0, F32_MAX], renormDmax: [0, F32_MAX], renormClippedR: [0, 1], renormClippedD: [0, 1],
};

function readSeries(v: unknown, path: string): SavedSeries {
  const o = object(v, path, ['series', 'layer', 'x', 'y', 'min', 'max', 'count']);
  const s: SavedSeries = {
    series: str(o.series, `${path}.series`, 40, /^[A-Za-z][A-Za-z0-9]*$/),
    layer: nullable(o.layer, (l) => num(l, `${path}.layer`, 0, RUN_FILE_LIMITS.layers, true)),
    x: column((n) => new Float64Array(n), o.x, `${path}.x`, 0, MAX_STEP),
    y: column((n) => new Float32Array(n), o.y, `${path}.y`, -F32_MAX, F32_MAX, { nulls: true }),
    min: column((n) => new Float32Array(n), o.min, `${path}.min`, -F32_MAX, F32_MAX, { nulls: true }),
    max: column((n) => new Float32Array(n), o.max, `${path}.max`, -F32_MAX, F32_MAX, { nulls: true }),
    count: column((n) => new Uint32Array(n), o.count, `${path}.count`, 0, 2 ** 32 - 1, { integer: true }),
  };
  const n = s.x.length;
  for (const k of ['y', 'min', 'max', 'count'] as const) {
    if (s[k].length !== n) throw new RunFileError('length', `${path}.${k}`, `${s[k].length} values for ${n} steps`);
  }
  for (let i = 1; i < n; i++) if (s.x[i] < s.x[i - 1]) throw new RunFileError('range', `${path}.x[${i}]`, 'steps in increasing order');
  const bounds = Object.hasOwn(SERIES_BOUNDS, s.series) ? SERIES_BOUNDS[s.series] : null;
  if (bounds) {
    for (const k of ['y', 'min', 'max'] as const) {
      s[k].forEach((v, i) => { if (v < bounds[0] || v > bounds[1]) throw new RunFileError('range', `${path}.${k}[${i}]`, `from ${bounds[0]} to ${bounds[1]}`); });
    }
  }
  return s;
}

function readDistribution(v: unknown, path: string): SavedDistribution {
  const o = object(v, path, ['layer', 'stage', 'lo', 'hi', 'counts', 'under', 'over']);
  const stage = str(o.stage, `${path}.stage`, 8);
  if (!(STAGES as readonly string[]).includes(stage)) throw new RunFileError('range', `${path}.stage`, STAGES.join(', '));
  const lo = num(o.lo, `${path}.lo`, -F32_MAX, F32_MAX);
  const hi = num(o.hi, `${path}.hi`, -F32_MAX, F32_MAX);
  if (!(hi > lo)) throw new RunFileError('range', `${path}.hi`, 'above lo');
  const counts = array(o.counts, `${path}.counts`, RUN_FILE_LIMITS.bins);
  return {
    layer: num(o.layer, `${path}.layer`, 0, RUN_FILE_LIMITS.layers, true),
    stage: stage as Stage, lo, hi,
    counts: Float32Array.from(counts, (c, i) => num(c, `${path}.counts[${i}]`, 0, F32_MAX)),
    under: num(o.under, `${path}.under`, 0, F32_MAX),
    over: num(o.over, `${path}.over`, 0, F32_MAX),
  };
}

/** One setting's value, checked as the page checks it: the table's parse, numbers within the page's range. */
function readSetting(def: SettingDef, v: unknown, path: string): unknown {
  if (def.kind === 'number') {
    const range = def.range;
    const x = num(v, path, def.page.min, def.page.max, range.integer);
    if (range.minExclusive && x <= range.min) throw new RunFileError('range', path, `above ${range.min}`);
    return x;
  }
  if (def.key === 'hidden') {
    if (!Array.isArray(v) || !v.every((u) => typeof u === 'number')) throw new RunFileError('type', path, 'a list of layer sizes');
  } else if (typeof v !== 'string') throw new RunFileError('type', path, 'text');
  const r = (def.parse as (t: string) => { ok: true; value: unknown } | { ok: false; accepted: string })((def.format as (x: unknown) => string)(v));
  if (!r.ok) throw new RunFileError('range', path, r.accepted);
  return r.value;
}

const SETTING_KEYS = SETTINGS.map((d) => d.key);

function readSettings(v: unknown, path: string): TrainSettings {
  const o = object(v, path, SETTING_KEYS);
  const out: Record<string, unknown> = {};
  for (const def of SETTINGS) out[def.key] = readSetting(def, o[def.key], `${path}.${def.key}`);
  const s = out as unknown as TrainSettings;
  const { inputSize, outputSize } = datasetShape(s.dataset);
  const limit = checkLimits(s, inputSize, outputSize);
  if (limit) throw new RunFileError('range', `${path}.${limit.setting}`, limit.message);
  return s;
}

/** A run's own settings: any subset of the table's keys, each checked like the session's. */
function readRunSettings(v: unknown, path: string): Partial<TrainSettings> {
  const o = object(v, path, [], SETTING_KEYS);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    if (!isSettingKey(k)) throw new RunFileError('key', path, k);
    out[k] = readSetting(setting(k) as SettingDef, o[k], `${path}.${k}`);
  }
  return out as Partial<TrainSettings>;
}

const NORMS: readonly NormKind[] = ['none', 'batch', 'layer', 'renorm', 'group'];

function readRun(v: unknown, path: string): SavedRun {
  const o = object(v, path, ['id', 'kind', 'norm', 'placement', 'settings', 'divergedAt', 'final', 'series', 'distributions']);
  const kind = str(o.kind, `${path}.kind`, 16);
  if (!isRunKind(kind)) throw new RunFileError('range', `${path}.kind`, RUN_KINDS.join(', '));
  const norm = str(o.norm, `${path}.norm`, 8);
  if (!(NORMS as readonly string[]).includes(norm)) throw new RunFileError('range', `${path}.norm`, NORMS.join(', '));
  const placement = str(o.placement, `${path}.placement`, 4);
  if (placement !== 'pre' && placement !== 'post') throw new RunFileError('range', `${path}.placement`, 'pre, post');
  const final = object(o.final, `${path}.final`, ['loss', 'testLoss', 'testAcc']);
  const metric = (k: string, max: number) => nullable(final[k], (x) => num(x, `${path}.final.${k}`, 0, max));
  const series = array(o.series, `${path}.series`, RUN_FILE_LIMITS.seriesPerRun).map((s, i) => readSeries(s, `${path}.series[${i}]`));
  const dists = array(o.distributions, `${path}.distributions`, RUN_FILE_LIMITS.distributionsPerRun).map((d, i) => readDistribution(d, `${path}.distributions[${i}]`));
  return {
    id: str(o.id, `${path}.id`, RUN_FILE_LIMITS.idChars, /^[A-Za-z0-9][\w.:=,+-]*$/),
    kind: kind as RunKind, norm: norm as NormKind, placement: placement as NormPlacement,
    settings: readRunSettings(o.settings, `${path}.settings`),
    divergedAt: nullable(o.divergedAt, (x) => num(x, `${path}.divergedAt`, 0, MAX_STEP, true)),
    final: { loss: metric('loss', F32_MAX), testLoss: metric('testLoss', F32_MAX), testAcc: metric('testAcc', 1) },
    series, distributions: dists,
  };
}

const THUMBNAIL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

/** The record a file holds; throws RunFileError (never anything else) when the file is not a valid one. */
export function parseRunFile(text: string): SavedRuns {
  if (typeof text !== 'string') throw new RunFileError('type', '', 'text');
  if (text.length > RUN_FILE_LIMITS.chars) throw new RunFileError('size', '', `at most ${RUN_FILE_LIMITS.chars / 1e6} MB`);
  let data: unknown;
  try { data = JSON.parse(text); } catch (e) { throw new RunFileError('json', '', e instanceof Error ? e.message : ''); }
  if (typeof data !== 'object' || data === null || (data as Obj).format !== RECORD_FORMAT) throw new RunFileError('format', 'format', RECORD_FORMAT);
  const version = (data as Obj).version;
  if (version !== RECORD_VERSION) throw new RunFileError('version', 'version', `${typeof version === 'number' ? version : String(version).slice(0, 20)}; this page reads version ${RECORD_VERSION}`);
  const o = object(data, '', ['format', 'version', 'name', 'savedAt', 'step', 'epoch', 'settings', 'runs', 'thumbnail']);
  const savedAt = str(o.savedAt, 'savedAt', 40, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  if (Number.isNaN(Date.parse(savedAt))) throw new RunFileError('range', 'savedAt', 'a date');
  const runs = array(o.runs, 'runs', RUN_FILE_LIMITS.runs).map((r, i) => readRun(r, `runs[${i}]`));
  if (runs.length === 0) throw new RunFileError('length', 'runs', 'at least one run');
  const ids = new Set<string>();
  runs.forEach((r, i) => {
    if (ids.has(r.id)) throw new RunFileError('range', `runs[${i}].id`, `${r.id} given twice`);
    ids.add(r.id);
  });
  return {
    format: RECORD_FORMAT, version: RECORD_VERSION,
    name: str(o.name, 'name', RUN_FILE_LIMITS.nameChars).trim() || 'Imported runs',
    savedAt, step: num(o.step, 'step', 0, MAX_STEP, true), epoch: num(o.epoch, 'epoch', 0, MAX_STEP, true),
    settings: readSettings(o.settings, 'settings'), runs,
    thumbnail: nullable(o.thumbnail, (x) => str(x, 'thumbnail', RUN_FILE_LIMITS.thumbnailChars, THUMBNAIL)),
  };
}
