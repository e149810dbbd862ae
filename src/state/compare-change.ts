// "Compare a change": the user moved a setting (say eps 1e-5 -> 1) and wants the new value beside the
// old instead of in its place. The plan: a copy of the batch-norm run (or, without one, the first run
// with a norm; plain when there is none) keeping the new value as its own (`batch:eps=1`), the
// session's value put back to what the runs started with (1e-5), and every run started again from the
// same initial weights on the same batches, so the pair differs only in that setting.
import { kindOfRunId, formatRunSpec, MAX_RUNS, orderRunIds } from '../session/run-spec';
import { setting, type TrainSettings } from '../session/settings';
import type { PerRunKey } from '../session/run-kinds';
import type { SettingChange } from './setting-changes';

export type ComparePlan =
  | { ok: true; id: string; key: PerRunKey; from: number; to: number; settings: TrainSettings; runs: string[] }
  | { ok: false; why: 'no-change' | 'same' | 'full' | 'exists' };

/** What Compare a change would do now, from the log of live changes since the runs last started. */
export function compareChangePlan(settings: TrainSettings, runs: readonly string[], changes: readonly SettingChange[]): ComparePlan {
  const last = [...changes].reverse().find((c) => setting(c.key).perRun);
  if (!last) return { ok: false, why: 'no-change' };
  const key = last.key as PerRunKey;
  const from = changes.find((c) => c.key === key)!.from; // the value the runs started with
  const to = settings[key] as number;
  if (from === to) return { ok: false, why: 'same' };
  const kinds = runs.map((id) => kindOfRunId(id));
  const kind = kinds.find((k) => k === 'batch') ?? kinds.find((k) => k !== null && k !== 'plain') ?? 'plain';
  const id = formatRunSpec({ kind, overrides: { [key]: to } });
  if (runs.includes(id)) return { ok: false, why: 'exists' };
  if (runs.length >= MAX_RUNS) return { ok: false, why: 'full' };
  return { ok: true, id, key, from, to, settings: { ...settings, [key]: from }, runs: orderRunIds([...runs, id]) };
}
