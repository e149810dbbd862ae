// "Fold batch norm" for a run of the session: fold every batch norm (or renorm) into the linear layers
// (engine/fold.ts; the CNN's BatchNorm2d into the conv before it, engine/fold-conv.ts), then check the folded plain network against the run on the whole test set in
// evaluation mode: the largest logit difference, both accuracies, and what folding saves.
import { ConvNet } from '../engine/convnet';
import { buildFoldedMlp, foldBatchNorm, foldedModelJson, type FoldResult } from '../engine/fold';
import { buildFoldedConvNet, foldConvBatchNorm, foldedConvNetJson, maxLogitGap } from '../engine/fold-conv';
import type { NetModel } from './net-model';
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

/**
 * The runs that can be folded: batch norm or renorm in every hidden layer, and at least one layer; for
 * the CNN, BatchNorm2d right after each conv (placement pre).
 */
export function foldableRuns(session: TrainingSession): string[] {
  return session.runs
    .filter((r) => r.watched.length > 0 && (r.norm === 'batch' || r.norm === 'renorm') && (r.model instanceof ConvNet ? r.placement === 'pre' : true))
    .map((r) => r.id);
}

export function foldReport(session: TrainingSession, runId?: string): FoldReport {
  const candidates = foldableRuns(session);
  const id = runId ?? candidates[0];
  const run = session.runs.find((r) => r.id === id);
  if (!run) throw new SessionError(runId ? `no run ${runId} in this session; runs: ${session.runs.map((r) => r.id).join(', ')}` : 'no run with batch norm to fold: add a batch-norm or renorm run');
  if (!candidates.includes(run.id)) {
    if (run.model instanceof ConvNet && run.norm === 'batch') {
      throw new SessionError(`run ${run.id}: its batch norm comes after the activation (placement post), and the fixed map would have to pass through max pooling and the next conv's zero padding; only batch norm right after a conv (placement pre) folds`);
    }
    throw new SessionError(`run ${run.id} has ${run.norm === 'none' ? 'no norm' : `${run.norm} norm`}: only batch norm and renorm fold into the linear layers`);
  }
  const ds = session.dataset;
  const N = ds.testCount;
  const model = run.model;
  let folded: NetModel;
  let counts: FoldResult['counts'];
  let json: object;
  try {
    if (model instanceof ConvNet) {
      // BatchNorm2d folds into the conv before it (engine/fold-conv.ts).
      const fold = foldConvBatchNorm(model);
      folded = buildFoldedConvNet(fold, 'float32');
      counts = fold.counts;
      json = foldedConvNetJson(fold);
    } else {
      const fold = foldBatchNorm(model);
      folded = buildFoldedMlp(fold, 'float32');
      counts = fold.counts;
      json = foldedModelJson(fold);
    }
  } catch (e) { throw new SessionError((e as Error).message); }
  const maxAbsDiff = maxLogitGap(model, folded, ds.testX, N, ds.numClasses);
  let maxAbsLogit = 0;
  model.forwardEval(ds.testX, N, {}, (_, R, logits) => {
    for (let i = 0; i < R * ds.numClasses; i++) maxAbsLogit = Math.max(maxAbsLogit, Math.abs(logits[i]));
  });
  return {
    run: run.id, step: session.step, rows: N, maxAbsDiff, maxAbsLogit,
    accuracy: model.evaluate(ds.testX, ds.testY, N).accuracy,
    foldedAccuracy: folded.evaluate(ds.testX, ds.testY, N).accuracy,
    counts,
    json: JSON.stringify({ run: run.id, step: session.step, ...json }),
  };
}
