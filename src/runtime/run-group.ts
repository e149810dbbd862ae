// A run group: some of a session's runs, trained in a worker of their own (workers/run-group.worker.ts)
// or in the coordinator's thread (in-thread-trainer.ts), under a coordinator (coordinator.ts) that
// drives every group step by step. A group is a
// TrainingSession over its runs and a FrameBuilder: since every run starts from the seed's weights and
// draws the same seeded batches, a run trains bit for bit as it would in the one-worker session.
// Everything here answers at once (no loop of its own): the coordinator's messages arrive in order, so
// a frame part, a live change or an evaluation asked for after a train(n) sees the step that train
// reached, in every group alike.
import { transfer } from 'comlink';
import type { Dataset } from '../data/dataset';
import { classificationReport, type ClassificationReport } from '../telemetry/classification-report';
import { foldReport, type FoldReport } from '../session/fold-report';
import { FrameBuilder, packFrame, type TelemetryFrame } from '../telemetry/frame';
import { SessionError, TrainingSession, type DecisionGrid, type EvalMetrics } from '../session/session';
import type { TrainSettings } from '../session/settings';
import { trainSteps } from './train-steps';
import type { DatasetLoader, LoadProgress } from '../session/dataset-loader';
import type { TestFault } from './crash.test-support';
import { addRunGroupTestHooks } from './run-group-hooks.test-support';
import { transferGrid } from './grid-transfer';

export interface GroupProgress {
  /** Steps trained since the session was built. */
  step: number;
  epoch: number;
  /** Runs of the group that have not diverged. */
  active: number;
  /** Per run of the group: the step it diverged at, or null. */
  diverged: Record<string, number | null>;
  /** Milliseconds the last train() spent training (the coordinator sizes its chunks by it). */
  ms: number;
}

export interface RunGroup {
  /** Loads the data set (once per worker for MNIST) and builds the group's runs from the settings' seed. */
  load(settings: TrainSettings, runs: string[], onProgress?: (p: LoadProgress) => void): Promise<GroupProgress>;
  /** Trains `n` steps (fewer when every run of the group has diverged). */
  train(n: number): GroupProgress;
  /** Throws SessionError when the live change would be refused; changes nothing. */
  checkLive(change: Partial<TrainSettings>): void;
  /** Applies a live change at the next step. */
  applyLive(change: Partial<TrainSettings>): void;
  /** The group's part of a telemetry frame: its runs, its own histogram bins, its BN detail. */
  framePart(seq: number, status: string, selected: { layer: number; unit: number }): TelemetryFrame;
  evaluateFull(): Record<string, EvalMetrics>;
  classificationReport(): Record<string, ClassificationReport>;
  foldBatchNorm(runId: string): FoldReport;
  decisionGrid(resolution: number): DecisionGrid;
  /** Every run's parameters (what the tests compare between a group and the one-worker session). */
  parameters(): Record<string, Float32Array[]>;
  dispose(): void;
  /** Test and development builds only: breaks this worker on purpose (a run worker failing inside the coordinator). */
  crashForTest?(kind: TestFault): void;
  /** Test and development builds only: appends `steps` steps of synthetic history to every run (src/telemetry/fast-forward.test-support.ts). */
  fastForwardForTest?(steps: number): GroupProgress;
}

export function createRunGroup(options: { loadDataset: DatasetLoader; now?: () => number }): RunGroup {
  const now = options.now ?? (() => performance.now());
  let dataset: Dataset | null = null;
  let session: TrainingSession | null = null;
  let builder: FrameBuilder | null = null;

  const need = (): TrainingSession => {
    if (!session) throw new SessionError('no session is loaded');
    return session;
  };
  const progress = (ms: number): GroupProgress => {
    const s = need();
    return {
      step: s.step, epoch: s.epoch, active: s.activeRuns().length, ms,
      diverged: Object.fromEntries(s.runs.map((r) => [r.id, r.divergedAt])),
    };
  };
  const wrapError = <T>(f: () => T): T => {
    try { return f(); } catch (e) { throw e instanceof SessionError ? e : new SessionError(e instanceof Error ? e.message : String(e)); }
  };

  const group: RunGroup = {
    async load(settings, runs, onProgress = () => {}) {
      const reload = !dataset || !session || needsNewData(session.settings, settings);
      if (reload) dataset = await options.loadDataset(settings, onProgress);
      const next = wrapError(() => new TrainingSession(dataset!, settings, runs));
      session = next;
      builder = new FrameBuilder(next);
      builder.afterEval(next, next.evaluate(false));
      return progress(0);
    },
    train(n) {
      const s = need();
      if (!(Number.isInteger(n) && n >= 1)) throw new SessionError(`steps must be a positive integer, got ${n}`);
      const t0 = now();
      trainSteps(s, builder, n);
      return progress(now() - t0);
    },
    checkLive(change) {
      const s = need();
      wrapError(() => s.checkLive(change));
    },
    applyLive(change) {
      const s = need();
      wrapError(() => s.applyLive(change));
    },
    framePart(seq, status, selected) {
      const s = need();
      const frame = builder!.build(s, seq, status, selected, null);
      const { frame: packed, buffer } = packFrame(frame);
      return transfer(packed, [buffer]);
    },
    evaluateFull() {
      return Object.fromEntries(need().evaluate(true));
    },
    classificationReport() {
      const out: Record<string, ClassificationReport> = {};
      for (const [id, c] of need().confusion()) out[id] = classificationReport(c.matrix, c.classes);
      return out;
    },
    foldBatchNorm(runId) {
      const s = need();
      return wrapError(() => foldReport(s, runId));
    },
    decisionGrid(resolution) {
      const s = need();
      return transferGrid(wrapError(() => s.decisionGrid(resolution)));
    },
    parameters() {
      return Object.fromEntries(need().runs.map((r) => [r.id, r.model.params.map((p) => Float32Array.from(p.value))]));
    },
    dispose() {
      session = null;
      builder = null;
      dataset = null;
    },
  };
  if (typeof __TEST_HOOKS__ === 'undefined' || __TEST_HOOKS__) addRunGroupTestHooks(group, { need, builder: () => builder!, progress, wrapError });
  return group;
}

/** A different data set, seed (for the 2-D sets) or noise needs the data loaded again. */
export function needsNewData(a: TrainSettings, b: TrainSettings): boolean {
  return a.dataset !== b.dataset || (a.dataset !== 'mnist' && (a.seed !== b.seed || a.noise !== b.noise));
}
