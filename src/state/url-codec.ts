// The page's URL <-> its session, driven by the settings table (src/session/settings.ts) both ways, in
// the spirit of TensorFlow Playground's state.ts but typed. parse() never throws: a malformed value is
// replaced by its default, a number out of range is clamped into the range the controls offer, and each
// such repair is reported (a `problems` entry for the page to translate, and an English notice).
// serialize() writes only what differs from the default session, so the default page has a bare URL.
import { CNN_RUN_KINDS } from '../session/cnn-spec';
import { checkLimits, datasetShape, MAX_PARAMETERS, MAX_WORKSPACE, maxBatch } from '../session/limits';
import { DEFAULT_RUNS } from '../session/run-kinds';
import { kindOfRunId, orderRunIds, readRunList } from '../session/run-spec';
import { findPreset, findVariant, presetSettings, type ExperimentChoice } from '../session/presets';
import { LANGS, type Lang } from '../i18n';
import { formatEmbed, parseEmbed, type EmbedView } from './embed';
import { DEFAULT_SETTINGS, INIT_SCALE, setting, SETTING_BY_FLAG, SETTINGS, type NumberKey, type SettingDef, type TrainSettings } from '../session/settings';


/** The default session: MNIST and the Figure 1 network, trained for as long as the page stays open. */
export const DEFAULT_PAGE_SETTINGS: Readonly<TrainSettings> = {
  ...DEFAULT_SETTINGS,
  ...findPreset('bn-paper-fig1')!.settings,
  steps: 1e8,
  evalEvery: 250,
  // The loss-landscape view draws from the start: a measurement costs about as much as 10 to 20
  // training steps of the twin Figure 1 networks, so every 500 steps it takes 2-4% of training time (shown).
  landscapeEvery: 500,
};
/**
 * The runs in the URL (`runs=plain,batch,layer`) are run ids: a kind, or a kind with its own settings
 * (`runs=batch,batch:eps=1`; session/run-spec.ts reads them, clamping into the page's ranges).
 */
export { DEFAULT_RUNS } from '../session/run-kinds';

/** Steps per second the Speed control offers (null = as fast as possible). */
export const SPEED_RANGE = { min: 1, max: 5000 } as const;
/**
 * The speed the page opens at: the first 2,000 steps take about 20 s, slow enough to read the story
 * (batch norm converges in a few hundred steps, the plain network in about 1,500); `speed=max` in the
 * address, or the Speed control's "max", trains as fast as the machine can.
 */
export const DEFAULT_SPEED = 100;

export interface UrlState {
  settings: TrainSettings;
  /** Run ids (session/run-spec.ts), in their canonical order. */
  runs: string[];
  paused: boolean;
  /** Steps per second; null = as fast as possible (`speed=max`); DEFAULT_SPEED when the address has none. */
  speed: number | null;
  lang?: Lang;
  /** The experiment the page was opened for (its explanation shows); its settings are the URL's base. */
  experiment?: ExperimentChoice | null;
  /** `embed=loss,accuracy`: only these views, with a minimal bar (state/embed.ts); absent = the full page. */
  embed?: EmbedView[] | null;
}

/** One repaired URL value: `key` as written in the URL, the text found, and what is used instead. */
export interface UrlProblem {
  key: string;
  value: string;
  used: string;
  /**
   * clamped into range; replaced by the default; a repeated key whose later value is ignored; or a
   * model or batch past the size limits (session/limits.ts), replaced by one within them.
   */
  kind: 'clamped' | 'default' | 'repeated' | 'limit';
}

export interface ParsedUrl extends UrlState {
  problems: UrlProblem[];
  /** The problems in English, one line each. */
  notices: string[];
}

export function describeProblem(p: UrlProblem): string {
  if (p.kind === 'repeated') return `${p.key}=${p.value} repeats ${p.key}: using the first value`;
  if (p.kind === 'limit') return `${p.key}=${p.value} is past the size limits (${MAX_PARAMETERS / 1e6}M parameters per run, ${MAX_WORKSPACE / 1e6}M activations per step, to fit a browser tab's memory): using ${p.used}`;
  return p.kind === 'clamped'
    ? `${p.key}=${p.value} is out of range: using ${p.used}`
    : `${p.key}=${p.value} is not valid: using the default ${p.used}`;
}

const show = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}...` : s);

/**
 * A number from the URL clamped into the range the page offers (the table's `page` range: the
 * controls' where a control has a slider), so the URL accepts exactly what the controls can show.
 */
function clampNumber(key: NumberKey, v: number): number {
  const { page, range } = setting(key);
  const x = range.integer ? Math.round(v) : v;
  return Math.min(page.max, Math.max(page.min, x));
}

/** Parses one setting's URL text: the value to use, and the problem if it was repaired. */
export function parseSettingValue(def: SettingDef, text: string): { value: TrainSettings[keyof TrainSettings]; problem: UrlProblem | null } {
  const key = def.key;
  const fallback = DEFAULT_PAGE_SETTINGS[key];
  const fmt = (v: unknown) => (def.format as (x: unknown) => string)(v);
  let parsed: ReturnType<SettingDef['parse']>;
  try {
    parsed = def.parse(text);
  } catch {
    parsed = { ok: false, accepted: '' };
  }
  if (def.kind === 'number') {
    const n = text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(n)) return { value: fallback, problem: { key: def.flag, value: show(text), used: fmt(fallback), kind: 'default' } };
    const v = clampNumber(def.key, n);
    if (parsed.ok && v === n) return { value: v, problem: null };
    // The table's own bounds may be stricter (e.g. eps > 0): check the clamped value against it.
    const again = def.parse(String(v));
    if (!again.ok) return { value: fallback, problem: { key: def.flag, value: show(text), used: fmt(fallback), kind: 'default' } };
    return { value: v, problem: { key: def.flag, value: show(text), used: fmt(v), kind: 'clamped' } };
  }
  if (key === 'init') {
    // normal:STD is clamped into the Init scale control's range like a number.
    const m = /^normal:(.+)$/.exec(text);
    const std = m ? Number(m[1]) : NaN;
    if (m && Number.isFinite(std) && std > 0) {
      const c = Math.min(INIT_SCALE.page.max, Math.max(INIT_SCALE.page.min, std));
      const value = `normal:${c}`;
      return { value, problem: c === std && parsed.ok ? null : { key: def.flag, value: show(text), used: value, kind: 'clamped' } };
    }
  }
  if (parsed.ok) {
    return { value: parsed.value, problem: null };
  }
  return { value: fallback, problem: { key: def.flag, value: show(text), used: fmt(fallback), kind: 'default' } };
}

function parseRuns(text: string): { runs: string[]; problem: UrlProblem | null } {
  const { ids: runs, problems } = readRunList(text, 'page');
  if (runs.length === 0) {
    return { runs: [...DEFAULT_RUNS], problem: { key: 'runs', value: show(text), used: formatRuns(DEFAULT_RUNS), kind: 'default' } };
  }
  if (problems.length === 0) return { runs, problem: null };
  const kind = problems.every((p) => p.kind === 'clamped') ? 'clamped' : 'default';
  return { runs, problem: { key: 'runs', value: show(text), used: formatRuns(runs), kind } };
}

export function formatRuns(runs: readonly string[]): string {
  return orderRunIds(runs).join(',');
}

function parseSpeed(text: string): { speed: number | null; problem: UrlProblem | null } {
  if (text === 'max') return { speed: null, problem: null };
  const n = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(n)) return { speed: DEFAULT_SPEED, problem: { key: 'speed', value: show(text), used: String(DEFAULT_SPEED), kind: 'default' } };
  const v = Math.min(SPEED_RANGE.max, Math.max(SPEED_RANGE.min, n));
  return { speed: v, problem: v === n ? null : { key: 'speed', value: show(text), used: String(v), kind: 'clamped' } };
}

function parseFlag(text: string): boolean | null {
  if (text === '1' || text === 'true' || text === '') return true;
  if (text === '0' || text === 'false') return false;
  return null;
}

/** Reads a location.search (with or without the `?`). Never throws; unknown keys are ignored. */
export function parse(search: string): ParsedUrl {
  let settings: TrainSettings = structuredClone(DEFAULT_PAGE_SETTINGS) as TrainSettings;
  let runs: string[] = [...DEFAULT_RUNS];
  let experiment: ExperimentChoice | null = null;
  let paused = false;
  let speed: number | null = DEFAULT_SPEED;
  let lang: Lang | undefined;
  let embed: EmbedView[] | null = null;
  const problems: UrlProblem[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(typeof search === 'string' ? search : '');
  } catch {
    params = new URLSearchParams();
  }
  // An experiment is the base the other keys change, wherever it stands in the query.
  // `sweep=1` (or a sweep-examples count) is the batch-size sweep's address: the small-batches experiment.
  const sweepAlias = params.get('sweep') === '1' || params.has('sweep-examples') ? 'small-batches' : null;
  const exp = parseExperiment(params.get('experiment') ?? sweepAlias, params.get('variant'));
  if (exp.problem) problems.push(exp.problem);
  if (exp.variantProblem) problems.push(exp.variantProblem);
  if (exp.choice) {
    experiment = exp.choice;
    settings = experimentPageSettings(exp.choice.name, exp.choice.variant);
    runs = [...findPreset(exp.choice.name)!.runs];
  }
  const seen = new Set<string>();
  for (const [rawKey, value] of params) {
    const key = rawKey.trim();
    if (seen.has(key)) { // the first occurrence wins; a later one is reported once per key
      if (!problems.some((q) => q.kind === 'repeated' && q.key === key)) problems.push({ key, value: show(value), used: '', kind: 'repeated' });
      continue;
    }
    seen.add(key);
    const def = SETTING_BY_FLAG.get(key);
    if (def) {
      const r = parseSettingValue(def, value);
      (settings as unknown as Record<string, unknown>)[def.key] = r.value;
      if (r.problem) problems.push(r.problem);
    } else if (key === 'runs') {
      const r = parseRuns(value);
      runs = r.runs;
      if (r.problem) problems.push(r.problem);
    } else if (key === 'paused') {
      const f = parseFlag(value);
      if (f === null) problems.push({ key, value: show(value), used: '0', kind: 'default' });
      else paused = f;
    } else if (key === 'speed') {
      const r = parseSpeed(value);
      speed = r.speed;
      if (r.problem) problems.push(r.problem);
    } else if (key === 'lang') {
      if ((LANGS as string[]).includes(value)) lang = value as Lang;
      else problems.push({ key, value: show(value), used: 'en', kind: 'default' });
    } else if (key === 'embed') {
      const r = parseEmbed(value);
      embed = r.views.length > 0 ? r.views : null;
      if (r.bad.length > 0) problems.push({ key, value: show(value), used: embed ? formatEmbed(embed) : 'none', kind: 'default' });
    }
  }
  const arch = repairArch(settings, runs);
  runs = arch.runs;
  problems.push(...arch.problems, ...repairLimits(settings));
  return { settings, runs, paused, speed, ...(lang ? { lang } : {}), experiment, ...(embed ? { embed } : {}), problems, notices: problems.map(describeProblem) };
}

/**
 * The CNN (arch cnn) trains on MNIST only and offers the runs CNN_RUN_KINDS: on another data set the
 * architecture goes back to mlp; runs it does not offer (layer, renorm) are dropped (plain and batch
 * when none is left). Each repair is reported.
 */
function repairArch(settings: TrainSettings, runs: string[]): { runs: string[]; problems: UrlProblem[] } {
  if (settings.arch !== 'cnn') return { runs, problems: [] };
  if (settings.dataset !== 'mnist') {
    settings.arch = 'mlp';
    return { runs, problems: [{ key: 'arch', value: 'cnn', used: 'mlp', kind: 'default' }] };
  }
  const kept = runs.filter((r) => CNN_RUN_KINDS.includes(kindOfRunId(r)!));
  if (kept.length === runs.length) return { runs, problems: [] };
  const next = kept.length > 0 ? kept : [...DEFAULT_RUNS];
  return { runs: next, problems: [{ key: 'runs', value: formatRuns(runs), used: formatRuns(next), kind: 'default' }] };
}

/**
 * Brings a model or batch past the size limits (session/limits.ts) back within them, in place: the
 * default layers for too many parameters, the largest batch that fits for too large a workspace.
 */
function repairLimits(settings: TrainSettings): UrlProblem[] {
  const problems: UrlProblem[] = [];
  const { inputSize, outputSize } = datasetShape(settings.dataset);
  let limit = checkLimits(settings, inputSize, outputSize);
  if (limit && settings.arch === 'cnn') {
    const value = String(settings.batch);
    settings.batch = maxBatch(settings);
    return [{ key: 'batch', value, used: String(settings.batch), kind: 'limit' }];
  }
  if (limit?.setting === 'hidden') {
    const value = settings.hidden.join(',');
    settings.hidden = [...DEFAULT_PAGE_SETTINGS.hidden];
    problems.push({ key: 'hidden', value: show(value), used: settings.hidden.join(','), kind: 'limit' });
    limit = checkLimits(settings, inputSize, outputSize);
  }
  if (limit?.setting === 'batch') {
    const value = String(settings.batch);
    const widths = inputSize + settings.hidden.reduce((a, b) => a + b, 0) + outputSize;
    settings.batch = Math.max(setting('batch').page.min, Math.floor(MAX_WORKSPACE / widths));
    problems.push({ key: 'batch', value, used: String(settings.batch), kind: 'limit' });
  }
  return problems;
}

/**
 * The settings the page runs an experiment with: the preset's (and its variant's) over the page's
 * defaults, evaluated at least every 250 steps so the accuracy curve fills in while one watches.
 */
export function experimentPageSettings(name: string, variant: string | null): TrainSettings {
  const preset = findPreset(name);
  if (!preset) throw new Error(`unknown experiment ${name}`);
  const s = presetSettings(preset, variant, DEFAULT_PAGE_SETTINGS);
  return { ...s, evalEvery: Math.min(s.evalEvery, DEFAULT_PAGE_SETTINGS.evalEvery) };
}

function parseExperiment(name: string | null, variant: string | null): { choice: ExperimentChoice | null; problem: UrlProblem | null; variantProblem: UrlProblem | null } {
  if (name === null) {
    return { choice: null, problem: null, variantProblem: variant === null ? null : { key: 'variant', value: show(variant), used: 'none', kind: 'default' } };
  }
  const preset = findPreset(name.trim());
  if (!preset) return { choice: null, problem: { key: 'experiment', value: show(name), used: 'none', kind: 'default' }, variantProblem: null };
  if (variant === null) return { choice: { name: preset.name, variant: null }, problem: null, variantProblem: null };
  const v = findVariant(preset, variant.trim());
  return v
    ? { choice: { name: preset.name, variant: v.id }, problem: null, variantProblem: null }
    : { choice: { name: preset.name, variant: null }, problem: null, variantProblem: { key: 'variant', value: show(variant), used: 'none', kind: 'default' } };
}

function sameValue(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;
}

/** The search string (with `?`, or '' when everything is default) of a state: only non-default values. */
export function serialize(state: UrlState): string {
  const params = new URLSearchParams();
  const preset = state.experiment ? findPreset(state.experiment.name) : undefined;
  // Settings are written relative to the experiment's, so a link to one stays short.
  const base = preset ? experimentPageSettings(preset.name, state.experiment!.variant) : DEFAULT_PAGE_SETTINGS;
  if (preset) {
    params.set('experiment', preset.name);
    if (state.experiment!.variant && findVariant(preset, state.experiment!.variant)) params.set('variant', state.experiment!.variant);
  }
  for (const def of SETTINGS) {
    const v = state.settings[def.key];
    if (sameValue(v, base[def.key])) continue;
    params.set(def.flag, (def.format as (x: unknown) => string)(v));
  }
  const runs = formatRuns(state.runs);
  if (runs !== formatRuns(preset ? preset.runs : DEFAULT_RUNS)) params.set('runs', runs);
  if (state.paused) params.set('paused', '1');
  if (state.speed !== DEFAULT_SPEED) params.set('speed', state.speed === null ? 'max' : String(state.speed));
  if (state.lang) params.set('lang', state.lang);
  if (state.embed && state.embed.length > 0) params.set('embed', formatEmbed(state.embed));
  return toSearch(params);
}

/**
 * `?` and the parameters, with commas, colons and equals signs in values left readable (hidden=100,100,
 * init=normal:0.1, runs=batch,batch:eps=1: a value's `=` is safe, a query splits each pair at its first); '' for none.
 */
export function toSearch(params: URLSearchParams): string {
  const s = params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3D/g, '=');
  return s ? `?${s}` : '';
}
