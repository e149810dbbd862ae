// The "what differs" line of a pinned entry (issue #16): the settings of the saved runs that are not
// those of the live session, and the runs when they are not the same set, each as the settings table
// formats it. Only the differing keys, in the table's order; the page puts the labels in its language.
import { SETTINGS, type SettingKey, type TrainSettings } from '../session/settings';

export interface Difference {
  /** A key of the settings table, or 'runs' (the saved run ids against the live ones). */
  key: SettingKey | 'runs';
  /** The message key of its label. */
  label: `ctl.${SettingKey}` | 'pins.diff.runs';
  pinned: string;
  live: string;
}

const formatOf = (key: SettingKey, v: unknown): string => {
  const s = SETTINGS.find((d) => d.key === key);
  try { return s ? (s.format as (x: unknown) => string)(v) : String(v); } catch { return String(v); }
};

/** The settings (and run set) of `pinned` that differ from `live`; runs named by `runName` (the page: i18n's runName). */
export function whatDiffers(
  pinned: { settings: TrainSettings; runs: readonly string[] },
  live: { settings: TrainSettings; runs: readonly string[] },
  runName: (id: string) => string = (id) => id,
): Difference[] {
  const out: Difference[] = [];
  for (const s of SETTINGS) {
    const a = formatOf(s.key, pinned.settings[s.key]);
    const b = formatOf(s.key, live.settings[s.key]);
    if (a !== b) out.push({ key: s.key, label: s.label, pinned: a, live: b });
  }
  const sameRuns = pinned.runs.length === live.runs.length && pinned.runs.every((r) => live.runs.includes(r));
  if (!sameRuns) out.push({ key: 'runs', label: 'pins.diff.runs', pinned: pinned.runs.map(runName).join(', '), live: live.runs.map(runName).join(', ') });
  return out;
}
