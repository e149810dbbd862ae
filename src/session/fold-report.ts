// "Fold batch norm" for a run of the session: fold every batch norm (or renorm) into the linear layers
// (engine/fold.ts), then check the folded plain network against the run on the whole test set in
// evaluation mode: the largest logit difference, both accuracies, and what folding saves.
import { buildFoldedMlp, foldBatchNorm, foldedModelJson, maxLogitDifference, type FoldResult } from '../engine/fold';
import type { TrainingSession } from './session';
import { SessionError } from './session';

export interface FoldReport {
  run: string;
  step: number;
  /** Test rows compared. */
  rows: number;
  /** max |logits_folded - logits| over the test set, evaluation mode. */
  maxAbsDiff: number;
  /** The largest |logit| of the run on the test set, to read the difference against. */
  maxAbsLogit: number;
  accuracy: number;
  foldedAccuracy: number;
  counts: FoldResult['counts'];
  /** The folded network (spec, W as rows, b, counts) as JSON text, for a download. */
  json: string;
}

/** The runs that can be folded: batch norm or renorm in every hidden layer, and at least one layer. */
export function foldableRuns(session: TrainingSession): string[] {
  return session.runs
    .filter((r) => r.model.layers.length > 0 && (r.norm === 'batch' || r.norm === 'renorm'))
    .map((r) => r.id);
}

export function foldReport(session: TrainingSession, runId?: string): FoldReport {
  const candidates = foldableRuns(session);
  const id = runId ?? candidates[0];
  const run = session.runs.find((r) => r.id === id);
  if (!run) throw new SessionError(runId ? `no run ${runId} in this session; runs: ${session.runs.map((r) => r.id).join(', ')}` : 'no run with batch norm to fold: add a batch-norm or renorm run');
  if (!candidates.includes(run.id)) throw new SessionError(`run ${run.id} has ${run.norm === 'none' ? 'no norm' : `${run.norm} norm`}: only batch norm and renorm fold into the linear layers`);
  let fold: FoldResult;
  try { fold = foldBatchNorm(run.model); } catch (e) { throw new SessionError((e as Error).message); }
  const folded = buildFoldedMlp(fold, 'float32');
  const ds = session.dataset;
  const N = ds.testCount;
  const maxAbsDiff = maxLogitDifference(run.model, folded, ds.testX, N);
  let maxAbsLogit = 0;
  run.model.forwardEval(ds.testX, N, {}, (_, R, logits) => {
    for (let i = 0; i < R * ds.numClasses; i++) maxAbsLogit = Math.max(maxAbsLogit, Math.abs(logits[i]));
  });
  return {
    run: run.id, step: session.step, rows: N, maxAbsDiff, maxAbsLogit,
    accuracy: run.model.evaluate(ds.testX, ds.testY, N).accuracy,
    foldedAccuracy: folded.evaluate(ds.testX, ds.testY, N).accuracy,
    counts: fold.counts,
    json: JSON.stringify({ run: run.id, step: session.step, ...foldedModelJson(fold) }),
  };
}
