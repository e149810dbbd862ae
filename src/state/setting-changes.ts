// The log of live setting changes: which setting changed, from what to what, and the training step at
// which the new value took effect. Kept by the store (cleared when the runs start again from new
// weights); charts mark these steps and their text alternatives name them ("batch 60→2 at step 1,200").
import { useMemo } from 'react';
import { SETTINGS, type TrainSettings } from '../session/settings';
import { useApp } from './app';
import { type Lang, useLang } from '../i18n';

/** One live change of a setting that changes training (the table gives it a `mark`). */
export interface SettingChange {
  /** The first step trained with the new value. */
  step: number;
  key: keyof TrainSettings;
  from: number;
  to: number;
}

/** A change with its label in one language, e.g. "batch 60→2" or "ε 1e-5→1". */
export interface LabelledChange extends SettingChange {
  label: string;
}

const MARKS: ReadonlyMap<string, { en: string; zh: string }> = new Map(
  SETTINGS.flatMap((s) => (s.hint.mark ? [[s.key as string, s.hint.mark] as const] : [])),
);

/** Whether changes of `key` are logged and marked (live settings that change training). */
export function isMarkedKey(key: string): boolean {
  return MARKS.has(key);
}

/** A setting value, short: 60, 0.1, 1e-5 (no "+" or trailing zeros in exponents), 0.0003. */
export function formatSettingValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && a < 1e-3) {
    const [m, e] = v.toExponential(3).split('e');
    return `${Number(m)}e${Number(e)}`;
  }
  return String(Number(v.toPrecision(4)));
}

/** "batch 60→2" (en) or "批大小 60→2" (zh). */
export function changeLabel(c: SettingChange, lang: Lang): string {
  const name = MARKS.get(c.key)?.[lang] ?? c.key;
  return `${name} ${formatSettingValue(c.from)}→${formatSettingValue(c.to)}`;
}

/** Steps as the page writes them in `lang` (one format per language: 1,027 in both). */
export function formatStepNumber(step: number, lang: Lang): string {
  return step.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
}

const SAY = {
  en: { one: '{label} at step {step}', list: 'Settings changed: {list}.', sep: '; ' },
  zh: { one: '第 {step} 步 {label}', list: '设置改动：{list}。', sep: '；' },
} as const;

/**
 * The sentence a time-series view's text alternative ends with, e.g. "Settings changed: batch 60→2
 * at step 1,200; ε 1e-5→1 at step 2,400." ('' without changes). Only changes at or before `upTo`.
 */
export function describeChanges(changes: readonly SettingChange[], lang: Lang, upTo = Infinity): string {
  const shown = changes.filter((c) => c.step <= upTo);
  if (shown.length === 0) return '';
  const s = SAY[lang];
  const list = shown.map((c) => s.one.replace('{label}', changeLabel(c, lang)).replace('{step}', formatStepNumber(c.step, lang))).join(s.sep);
  return s.list.replace('{list}', list);
}

/** The live changes since the runs last started, labelled in the page's language (for the charts' markers). */
export function useSettingChanges(): LabelledChange[] {
  const changes = useApp((s) => s.changes);
  const lang = useLang();
  return useMemo(() => changes.map((c) => ({ ...c, label: changeLabel(c, lang) })), [changes, lang]);
}
