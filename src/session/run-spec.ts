// A run's spec as text: its kind, then the settings it keeps its own value of, e.g. `batch:eps=1` or
// `batch:eps=1,lr=0.5`. Keys are the settings' flags (the URL's keys), only those the settings table
// marks perRun, written in the table's order; values are written as the table formats them (numbers
// as String(Number(text)), so `1e-5`, `0.00001` and `1.0e-5` are all `eps=0.00001`). That canonical text
// is the run's id everywhere: telemetry, charts, exports, the library, the URL, the CLI.
//
// A list of runs (`?runs=`, one per --run) separates runs by commas too: a part with `=` and no `:`
// continues the run before it (`batch,batch:eps=1,lr=0.5` is two runs). Reading never throws: what it
// cannot use is left out or clamped and said in `problems`; the page shows them as repaired-address
// notices, the CLI refuses them.
import { hasFixedPlacement, isRunKind, RUN_KINDS, type PerRunKey, type RunKind, type RunOverrides, type RunSpec } from './run-kinds';
import { SETTING_BY_FLAG, SETTINGS, type NumberSetting, type SettingDef } from './settings';

/** The settings a run may keep its own value of, in the table's order. */
export const PER_RUN_KEYS: readonly PerRunKey[] = SETTINGS.filter((s) => s.perRun).map((s) => s.key as PerRunKey);

/** Most runs one session trains side by side (the seven kinds and one variant; more would not fit a legend). */
export const MAX_RUNS = 8;
/** Longest text of one run: a kind and every per-run key with a long number fit in well under this. */
const MAX_SPEC_CHARS = 160;
/** The characters a run's text may hold: kinds, flags, numbers (with exponents), `:`, `=`, `,`. */
const SPEC_CHARS = /^[a-z0-9.:=,+-]*$/i;

/** What reading a run left out or changed: a clamped value, or a part it could not use. */
export interface RunSpecProblem {
  kind: 'clamped' | 'dropped';
  message: string;
}

/** Which bounds values are checked against: the page's (URL values are clamped into them) or the table's (the CLI). */
export type SpecBounds = 'page' | 'table';

/** The canonical text of a run: its id. */
export function formatRunSpec(spec: RunSpec): string {
  const parts: string[] = [];
  for (const key of PER_RUN_KEYS) {
    const v = spec.overrides[key];
    if (v === undefined) continue;
    const def = SETTINGS.find((s) => s.key === key)!;
    parts.push(`${def.flag}=${typeof v === 'number' ? String(v) : v}`);
  }
  return parts.length === 0 ? spec.kind : `${spec.kind}:${parts.join(',')}`;
}

function perRunDef(flag: string): SettingDef | null {
  const def = SETTING_BY_FLAG.get(flag);
  return def && def.perRun ? def : null;
}

/** One value of a per-run setting, or why not; numbers clamped into the page's range when `bounds` is 'page'. */
function readValue(def: SettingDef, text: string, bounds: SpecBounds): { value: number | string | null; problem: RunSpecProblem | null } {
  const what = `${def.flag}=${text}`;
  if (def.kind === 'number') {
    const n = text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(n)) return { value: null, problem: { kind: 'dropped', message: `${what}: not a number` } };
    const range = bounds === 'page' ? (def as NumberSetting).page : def.range;
    const clamped = bounds === 'page' ? Math.min(range.max, Math.max(range.min, n)) : n;
    const parsed = def.parse(String(clamped));
    if (!parsed.ok) return { value: null, problem: { kind: 'dropped', message: `${what}: ${parsed.accepted}` } };
    return { value: parsed.value as number, problem: clamped === n ? null : { kind: 'clamped', message: `${what}: clamped to ${String(clamped)}` } };
  }
  const parsed = def.parse(text);
  if (!parsed.ok) return { value: null, problem: { kind: 'dropped', message: `${what}: ${parsed.accepted}` } };
  return { value: parsed.value as string, problem: null };
}

/**
 * Reads one run's text (`kind` or `kind:key=value,...`). Unknown keys, malformed or refused values,
 * repeated keys and a placement on batch-pre/batch-post are left out; the spec is null when the kind
 * is not a run kind or the text is not a run at all.
 */
export function readRunSpec(text: string, bounds: SpecBounds): { spec: RunSpec | null; problems: RunSpecProblem[] } {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  if (text.length > MAX_SPEC_CHARS || !SPEC_CHARS.test(text)) {
    return { spec: null, problems: [{ kind: 'dropped', message: `"${shown}": a run is a kind and key=value settings (letters, digits, . : = , + -), at most ${MAX_SPEC_CHARS} characters` }] };
  }
  const colon = text.indexOf(':');
  const kind = (colon < 0 ? text : text.slice(0, colon)).trim();
  if (!isRunKind(kind)) return { spec: null, problems: [{ kind: 'dropped', message: `"${shown}": ${kind === '' ? 'no run kind' : `unknown run "${kind}"`}; runs: ${RUN_KINDS.join(', ')}` }] };
  const problems: RunSpecProblem[] = [];
  const overrides: Record<string, number | string> = {};
  if (colon >= 0) {
    for (const part of text.slice(colon + 1).split(',')) {
      const eq = part.indexOf('=');
      const flag = eq < 0 ? part.trim() : part.slice(0, eq).trim();
      const def = perRunDef(flag);
      if (eq < 0 || !def) {
        const accepted = SETTINGS.filter((s) => s.perRun).map((s) => s.flag).join(', ');
        problems.push({ kind: 'dropped', message: `${kind}: "${part}" is not a setting a run keeps its own value of (${accepted})` });
        continue;
      }
      if (Object.hasOwn(overrides, def.key)) { problems.push({ kind: 'dropped', message: `${kind}: ${flag} given twice; the first is used` }); continue; }
      if (def.key === 'placement' && hasFixedPlacement(kind)) { problems.push({ kind: 'dropped', message: `${kind} fixes its placement; ${flag} left out` }); continue; }
      const r = readValue(def, part.slice(eq + 1).trim(), bounds);
      if (r.problem) problems.push(r.problem);
      if (r.value !== null) overrides[def.key] = r.value;
    }
  }
  return { spec: { kind, overrides: overrides as RunOverrides }, problems };
}

/** Splits a list of runs on commas, a part with `=` and no `:` continuing the run before it. */
export function splitRunList(text: string): string[] {
  const runs: string[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    if (part.includes('=') && !part.includes(':') && runs.length > 0) runs[runs.length - 1] += `,${part}`;
    else runs.push(part);
  }
  return runs;
}

/** The kind's place in RUN_KINDS: runs are listed by kind, a kind's variants in the order given. */
const kindIndex = (id: string) => RUN_KINDS.indexOf(kindOfRunId(id) ?? 'plain');

/** Ids in their canonical order (by kind, a kind's variants in the order given), without repeats. */
export function orderRunIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].map((id, i) => ({ id, i })).sort((a, b) => kindIndex(a.id) - kindIndex(b.id) || a.i - b.i).map((e) => e.id);
}

/**
 * Reads a list of runs (a `?runs=` value, or the CLI's --run values each a list): each run read as
 * readRunSpec does, then written canonically, repeats left out, ordered by kind, at most MAX_RUNS.
 */
export function readRunList(texts: string | readonly string[], bounds: SpecBounds): { specs: RunSpec[]; ids: string[]; problems: RunSpecProblem[] } {
  const parts = (typeof texts === 'string' ? [texts] : texts).flatMap(splitRunList);
  const problems: RunSpecProblem[] = [];
  const byId = new Map<string, RunSpec>();
  for (const part of parts) {
    const r = readRunSpec(part, bounds);
    problems.push(...r.problems);
    if (!r.spec) continue;
    const id = formatRunSpec(r.spec);
    if (byId.has(id)) { problems.push({ kind: 'dropped', message: `${id} given twice` }); continue; }
    byId.set(id, r.spec);
  }
  let ids = orderRunIds(byId.keys());
  if (ids.length > MAX_RUNS) {
    problems.push({ kind: 'dropped', message: `at most ${MAX_RUNS} runs; ${ids.slice(MAX_RUNS).join(' ')} left out` });
    ids = ids.slice(0, MAX_RUNS);
  }
  return { specs: ids.map((id) => byId.get(id)!), ids, problems };
}

/** The spec of a run id, or null unless `id` is a canonical run id whose values the table accepts. */
export function runSpecOf(id: string): RunSpec | null {
  const r = readRunSpec(id, 'table');
  return r.spec && r.problems.length === 0 && formatRunSpec(r.spec) === id ? r.spec : null;
}

/** The kind of a run id (`batch:eps=1` -> batch), or null when it is not a run id. */
export function kindOfRunId(id: string): RunKind | null {
  const colon = id.indexOf(':');
  const kind = colon < 0 ? id : id.slice(0, colon);
  return isRunKind(kind) ? kind : null;
}

/** The run's own values as the legend shows them: each setting's short name and value (`ε 1`), table order. */
export function overrideLabels(spec: RunSpec, lang: 'en' | 'zh'): string[] {
  const out: string[] = [];
  for (const key of PER_RUN_KEYS) {
    const v = spec.overrides[key];
    if (v === undefined) continue;
    const def = SETTINGS.find((s) => s.key === key)!;
    const name = def.hint.mark?.[lang] ?? (key === 'placement' ? (lang === 'zh' ? '位置' : 'placement') : def.flag);
    out.push(`${name} ${typeof v === 'number' ? String(v) : v}`);
  }
  return out;
}
