// One run trained on its own, with no page: a TrainingSession over that one run, stepped by the one
// training loop (train-steps.ts) as the page's run groups step theirs. The command line
// (headless-run.ts) and the background jobs (sweep/train-job.ts: the sweep's runs and the seed
// experiments' runs) train through it, so the same settings give the same numbers everywhere.
import type { Dataset } from '../data/dataset';
import type { NetModel } from '../session/net-model';
import { RUN_KINDS, runSettings, type RunKind } from '../session/run-kinds';
import { SessionError, TrainingSession } from '../session/session';
import type { TrainSettings } from '../session/settings';

/** The run kind that trains with the settings' own norm and placement ('batch', not 'batch-pre', when both fit). */
export function runKindOf(s: TrainSettings): RunKind {
  const kind = RUN_KINDS.find((k) => {
    const r = runSettings(k, s);
    return r.norm === s.norm && r.placement === s.placement;
  });
  if (kind === undefined) throw new SessionError(`no run trains norm ${s.norm} with placement ${s.placement}`);
  return kind;
}

/** A session of the one run `kind` (by default the settings' own norm); throws SessionError on settings the data refuses. */
export function oneRunSession(s: TrainSettings, ds: Dataset, kind: RunKind = runKindOf(s)): TrainingSession {
  return new TrainingSession(ds, s, [kind]);
}

/** The model of a one-run session. */
export function modelOf(session: TrainingSession): NetModel {
  return session.runs[0].model;
}
