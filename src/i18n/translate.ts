// One dictionary of every word the page shows, joined from the areas' dictionaries (dict/*.ts), and
// the one function that looks a key up: translate(lang, key, params), `{name}` placeholders filled.
import { chartsEn, chartsZh } from './dict/charts';
import { cnnEn, cnnZh } from './dict/cnn';
import { compareEn, compareZh } from './dict/compare';
import { landscapeEn, landscapeZh } from './dict/landscape';
import { libraryEn, libraryZh } from './dict/library';
import { pageEn, pageZh } from './dict/page';
import { pinsEn, pinsZh } from './dict/pins';
import { PER_RUN_KEYS, runSpecOf } from '../session/run-spec';
import { seedsEn, seedsZh } from './dict/seeds';
import { sweepEn, sweepZh } from './dict/sweep';
import { viewsEn, viewsZh } from './dict/views';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** The areas' dictionaries, English and Chinese side by side (a test checks no two share a key). */
export const AREAS = {
  page: { en: pageEn, zh: pageZh },
  charts: { en: chartsEn, zh: chartsZh },
  landscape: { en: landscapeEn, zh: landscapeZh },
  sweep: { en: sweepEn, zh: sweepZh },
  seeds: { en: seedsEn, zh: seedsZh },
  views: { en: viewsEn, zh: viewsZh },
  cnn: { en: cnnEn, zh: cnnZh },
  library: { en: libraryEn, zh: libraryZh },
  compare: { en: compareEn, zh: compareZh },
  pins: { en: pinsEn, zh: pinsZh },
} as const;

const en = { ...pageEn, ...chartsEn, ...landscapeEn, ...sweepEn, ...seedsEn, ...viewsEn, ...cnnEn, ...libraryEn, ...compareEn, ...pinsEn } as const;

export type MessageKey = keyof typeof en;
type Dictionary = Record<MessageKey, string>;

const zh: Dictionary = { ...pageZh, ...chartsZh, ...landscapeZh, ...sweepZh, ...seedsZh, ...viewsZh, ...cnnZh, ...libraryZh, ...compareZh, ...pinsZh };

export const DICTIONARIES: Readonly<Record<Lang, Dictionary>> = { en, zh };

export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

export function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'zh';
}

/** The text of `key` in `lang` (English for an unknown language) with `{name}` placeholders filled (an unknown one stays as is). */
export function translate(lang: string, key: MessageKey, params?: Params): string {
  const text = (isLang(lang) ? DICTIONARIES[lang][key] : undefined) ?? en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/**
 * A run's name: its kind's, then each setting it keeps its own value of ("Batch norm · ε 1",
 * session/run-spec.ts); anything that is not a run id as it is.
 */
export function runName(t: T, id: string): string {
  const spec = runSpecOf(id);
  if (!spec) return id;
  const parts = [t(`run.${spec.kind}`)];
  for (const key of PER_RUN_KEYS) {
    const v = spec.overrides[key];
    // six significant digits at most: a value read off a slider may carry float noise (0.0032000000000000002)
    if (v !== undefined) parts.push(`${t(`run.own.${key}`)} ${typeof v === 'number' ? String(Number(v.toPrecision(6))) : v}`);
  }
  return parts.join(' · ');
}
