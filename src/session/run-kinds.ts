// The runs a session can train side by side. A run is the session's network with one thing changed:
// its norm, and for two of them also where the norm sits. Every run shares the seed, the initial
// weights and the batch order; the run's name is its id everywhere (URL, telemetry, charts, exports).
import type { NormKind, NormPlacement } from '../engine/types';
import type { TrainSettings } from './settings';

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

/** The settings the run `kind` trains with: the session's, with the run's norm (and placement). */
export function runSettings(kind: RunKind, s: TrainSettings): TrainSettings {
  const d = DEFS[kind];
  return { ...s, norm: d.norm, placement: d.placement ?? s.placement };
}

/** Runs in their canonical order (the order of RUN_KINDS), without repeats. */
export function orderRuns(kinds: Iterable<RunKind>): RunKind[] {
  const set = new Set(kinds);
  return RUN_KINDS.filter((k) => set.has(k));
}
