// The "examples seen" switch of the time-series views over steps (issue #16: loss, accuracy, layer
// moments, percentiles, landscape, renorm): a run with its own batch size trains on more or fewer rows
// per step than the others, so beside steps the x axis can show the rows each run has seen
// (./examples-seen.ts). Offered only while some run keeps its own batch size (with one batch size for
// every run the two axes differ only by a factor). A view option, as Log steps: each view has its own.
import { useMemo, useState } from 'react';
import { useApp } from '../state/app';
import { runSpecOf } from '../state/chart-inputs';
import { useT } from '../i18n';
import { composeScale, examplesSeenMap, type ExamplesMap } from './examples-seen';

type Scale = (v: number) => number;

export interface ExamplesAxis {
  /** Whether the x axis shows examples seen (the switch is on and some run keeps its own batch size). */
  on: boolean;
  /** A run's steps to the axis's units (identity while the axis shows steps). */
  mapOf(runId: string): ExamplesMap;
  /** The axis's units for a step of the runs that follow the session's batch size (change markers). */
  session: ExamplesMap;
  /** `x` composed with run `runId`'s map: its steps to pixels (x itself while the axis shows steps). */
  scaleOf(x: Scale, runId: string): Scale;
  /** `x` composed with the session's map: where the change markers go (x itself while the axis shows steps). */
  markers(x: Scale): Scale;
  /** The right end of the axis: the most rows any run has seen by `step` (or `step`). */
  last(step: number, runIds: readonly string[]): number;
  /** A zoom window of the axis in steps (the y axes fit the steps the session's runs had then). */
  stepWindow(zoom: readonly [number, number] | null): [number, number] | null;
  /** The x axis's label. */
  label: string;
  /** The switch for the chart's toolbar (null when no run keeps its own batch size); `onChange` also runs on a toggle. */
  control(onChange?: () => void): React.ReactNode;
}

const IDENTITY: ExamplesMap = Object.assign((s: number) => s, { invert: (s: number) => s });

export function useExamplesAxis(): ExamplesAxis {
  const t = useT();
  const runs = useApp((s) => s.runs);
  const batch = useApp((s) => s.settings.batch);
  const changes = useApp((s) => s.changes);
  const [chosen, setChosen] = useState(false);
  const available = runs.some((r) => runSpecOf(r)?.overrides.batch !== undefined);
  const on = chosen && available;
  const maps = useMemo(() => new Map<string, ExamplesMap>(), [on, batch, changes]);
  const session = useMemo(() => (on ? examplesSeenMap('', batch, changes) : IDENTITY), [on, batch, changes]);
  const mapOf = (runId: string): ExamplesMap => {
    if (!on) return IDENTITY;
    let m = maps.get(runId);
    if (!m) { m = examplesSeenMap(runId, batch, changes); maps.set(runId, m); }
    return m;
  };
  return {
    on,
    mapOf,
    session,
    scaleOf: (x, runId) => (on ? composeScale(x, mapOf(runId)) : x),
    markers: (x) => (on ? composeScale(x, session) : x),
    last: (step, runIds) => (on ? Math.max(session(step), ...runIds.map((r) => mapOf(r)(step))) : step),
    stepWindow: (zoom) => (zoom && on ? [session.invert(zoom[0]), session.invert(zoom[1])] : zoom ? [zoom[0], zoom[1]] : null),
    label: on ? t('xaxis.examplesLabel') : t('step'),
    control: (onChange) => (available ? (
      <label title={t('xaxis.examplesHelp')}>
        <input type="checkbox" checked={chosen} onChange={(e) => { setChosen(e.target.checked); onChange?.(); }} />{t('xaxis.examples')}
      </label>
    ) : null),
  };
}
