// The trainer API the page (and the CLI's benchmarks) reach over comlink: one coordinator over N run
// groups answers it, N = 1 included (coordinator.ts, in-thread-trainer.ts).
import type { ClassificationReport } from '../telemetry/classification-report';
import type { FoldReport } from '../session/fold-report';
import type { TelemetryFrame } from '../telemetry/frame';
import type { LoadProgress } from '../session/dataset-loader';
import type { DecisionGrid, EvalMetrics } from '../session/session';
import type { TrainSettings } from '../session/settings';
import type { TestFault } from './crash.test-support';

/** `T` reached over comlink or in the same thread: every method may answer with a promise. */
export type Reachable<T> = {
  [K in keyof T]: T[K] extends ((...args: infer A) => infer R) | undefined ? (...args: A) => Promise<Awaited<R>> | R : never;
};

export type TrainerStatus = 'empty' | 'loading' | 'paused' | 'running' | 'error';

export interface ChangeResult {
  /** 'live': applied at the next step, weights untouched; 'reset': every run restarted from new weights. */
  applied: 'live' | 'reset';
  message: string;
  /** The step the change takes effect at: the next step for a live change, 0 after a reset. */
  step?: number;
}

export interface Trainer {
  /** Loads the data set and builds the runs; progress goes to `onProgress` (a comlink proxy in the page). */
  load(settings: TrainSettings, runs?: string[], onProgress?: (p: LoadProgress) => void): Promise<ChangeResult>;
  play(): Promise<void>;
  /** Stops training; resolves, with the step reached, once the steps already under way are trained. */
  pause(): Promise<number>;
  /** Trains `n` steps now (paused or not) and returns the step reached. */
  stepOnce(n?: number): Promise<number>;
  /** New weights for every run, from the same seed: the session starts again at step 0. */
  reset(): Promise<ChangeResult>;
  /** null = as fast as possible, else steps per second. */
  setSpeed(stepsPerSecond: number | null): Promise<void>;
  /** Live settings apply at the next step; others reset every run together (the result says which). */
  change(change: Partial<TrainSettings>): Promise<ChangeResult>;
  /** Which runs train: e.g. ['plain', 'batch'] or ['plain', 'batch', 'layer']; resets. */
  setRuns(runs: string[]): Promise<ChangeResult>;
  /** The hidden layer and unit whose batch-norm computation the frames detail. */
  select(layer: number, unit: number): Promise<void>;
  /** Evaluation-mode metrics on the whole test set. */
  evaluateFull(): Promise<Record<string, EvalMetrics>>;
  status(): Promise<{ status: TrainerStatus; step: number; error: string | null }>;
  /** Per run, the classification report of the whole test set in evaluation mode. */
  classificationReport(): Promise<Record<string, ClassificationReport>>;
  /** Folds a batch-norm run's norms into its linear layers and checks the folded network on the test set. */
  foldBatchNorm(runId?: string): Promise<FoldReport>;
  /** Per run, the predicted class over a grid of the plane (2-D data sets). */
  decisionGrid(resolution: number): Promise<DecisionGrid>;
  /** Resolves with the next frame newer than `afterSeq`, no sooner than the frame interval allows. */
  nextFrame(afterSeq: number): Promise<TelemetryFrame>;
  /** Stops training for good and ends the groups (tests, worker shutdown). */
  dispose(): Promise<void>;
  /** Test and development builds only (see crash.test-support.ts): breaks a run worker on purpose. */
  crashForTest?(kind: TestFault): Promise<void>;
  /** Test and development builds only: appends `steps` steps of synthetic history; returns the step reached. */
  fastForwardForTest?(steps: number): Promise<number>;
}

/**
 * 20 frames a second: smooth enough for charts, and it keeps telemetry under 10% of the worker's time
 * now that a W1 twin step takes about 6 ms (at 30 a second it took about 12%).
 */
export const DEFAULT_FRAME_INTERVAL_MS = 50;
