// The runs a session can train side by side. A run is the session's network with one thing changed:
// its norm, and for two of them also where the norm sits. Every run shares the seed, the initial
// weights and the batch order; the run's name is its id everywhere (URL, telemetry, charts, exports).
// A run may also carry its own value of a setting that keeps the weights (a RunSpec, ./run-spec.ts:
// `batch:eps=1`); its id is then that spec's canonical text.
import type { NormKind, NormPlacement } from '../engine/types';
import type { SettingKey, TrainSettings } from './settings';

export const RUN_KINDS = ['plain', 'batch', 'layer', 'renorm', 'group', 'batch-pre', 'batch-post'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** The runs a session compares unless told otherwise (the page's default, and a CNN left without runs). */
export const DEFAULT_RUNS: readonly RunKind[] = ['plain', 'batch'];

interface RunKindDef {
  norm: NormKind;
  /** A fixed placement; without one the run follows the session's placement setting. */
  placement?: NormPlacement;
}

const DEFS: Record<RunKind, RunKindDef> = {
  plain: { norm: 'none' },
  batch: { norm: 'batch' },
  layer: { norm: 'layer' },
  renorm: { norm: 'renorm' },
  group: { norm: 'group' },
  'batch-pre': { norm: 'batch', placement: 'pre' },
  'batch-post': { norm: 'batch', placement: 'post' },
};

export function isRunKind(name: string): name is RunKind {
  return (RUN_KINDS as readonly string[]).includes(name);
}

export function runNorm(kind: RunKind): NormKind {
  return DEFS[kind].norm;
}

/** The settings a run may carry its own value of (the table's perRun entries). */
export type PerRunKey = Extract<SettingKey, 'placement' | 'eps' | 'momentum' | 'batch' | 'lr' | 'sgdMomentum' | 'weightDecay'>;
export type RunOverrides = Partial<Pick<TrainSettings, PerRunKey>>;

/** A run: its kind and the settings it keeps its own value of (none for a plain kind). */
export interface RunSpec {
  kind: RunKind;
  overrides: RunOverrides;
}

/** Whether `kind` fixes where its norm sits (batch-pre, batch-post): such a run takes no placement of its own. */
export function hasFixedPlacement(kind: RunKind): boolean {
  return DEFS[kind].placement !== undefined;
}

/**
 * The settings a run trains with: the session's, then the run's own values, then the run's norm (and
 * placement for batch-pre and batch-post).
 */
export function runSettings(run: RunKind | RunSpec, s: TrainSettings): TrainSettings {
  const { kind, overrides } = typeof run === 'string' ? { kind: run, overrides: {} } : run;
  const d = DEFS[kind];
  const own = { ...s, ...overrides };
  return { ...own, norm: d.norm, placement: d.placement ?? own.placement };
}

/** Runs in their canonical order (the order of RUN_KINDS), without repeats. */
export function orderRuns(kinds: Iterable<RunKind>): RunKind[] {
  const set = new Set(kinds);
  return RUN_KINDS.filter((k) => set.has(k));
}
