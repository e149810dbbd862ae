// The trainer a Web Worker exposes with comlink (workers/trainer.worker.ts is only `expose(createTrainer())`).
// It owns one TrainingSession and the loop that drives it: as fast as possible or at N steps per
// second, in slices short enough that messages from the page (pause, a slider) are handled within a
// few milliseconds. Telemetry is pulled: the page asks for the next frame when it has drawn the last,
// the trainer answers at most 20 times a second with a frame built then, so a slow page gets fewer,
// fresher frames and nothing ever queues up (backpressure by construction).
import { transfer } from 'comlink';
import type { Dataset } from '../data/dataset';
import { FrameBuilder, frameTransferables, type TelemetryFrame } from '../telemetry/frame';
import { Pacer } from './pacer';
import { needsNewData } from './run-group';
import { trainSteps as trainWithTelemetry } from './train-steps';
import { classificationReport, type ClassificationReport } from '../telemetry/classification-report';
import { foldReport, type FoldReport } from '../session/fold-report';
import { LIVE_KEYS, SessionError, TrainingSession, type DecisionGrid, type EvalMetrics } from '../session/session';
import { checkLimits, datasetShape } from '../session/limits';
import { crashForTest, type TestFault } from './crash.test-support';
import { checkFastForward } from '../telemetry/fast-forward.test-support';
import { isRunKind, orderRuns, RUN_KINDS, type RunKind } from '../session/run-kinds';
import { SETTINGS, type TrainSettings } from '../session/settings';
import { yieldToEvents } from './yield-to-events';

export type TrainerStatus = 'empty' | 'loading' | 'paused' | 'running' | 'error';

export interface LoadProgress {
  loaded: number;
  total: number;
  file: string;
}

/** How the trainer gets a data set; the worker passes the browser's, tests a synthetic one. */
export type DatasetLoader = (settings: TrainSettings, onProgress: (p: LoadProgress) => void) => Promise<Dataset>;

export interface ChangeResult {
  /** 'live': applied at the next step, weights untouched; 'reset': every run restarted from new weights. */
  applied: 'live' | 'reset';
  message: string;
  /** The step the change takes effect at: the next step for a live change, 0 after a reset. */
  step?: number;
}

export interface TrainerOptions {
  loadDataset: DatasetLoader;
  now?: () => number;
  /** Milliseconds of training per slice before yielding to messages. */
  sliceMs?: number;
  /** Minimum milliseconds between two frames (default DEFAULT_FRAME_INTERVAL_MS). */
  frameIntervalMs?: number;
}

export interface Trainer {
  /** Loads the data set and builds the runs; progress goes to `onProgress` (a comlink proxy in the page). */
  load(settings: TrainSettings, runs?: RunKind[], onProgress?: (p: LoadProgress) => void): Promise<ChangeResult>;
  play(): void;
  pause(): void;
  /** Trains `n` steps now (paused or not) and returns the step reached. */
  stepOnce(n?: number): number;
  /** New weights for every run, from the same seed: the session starts again at step 0. */
  reset(): Promise<ChangeResult>;
  /** null = as fast as possible, else steps per second. */
  setSpeed(stepsPerSecond: number | null): void;
  /** Live settings apply at the next step; others reset every run together (the result says which). */
  change(change: Partial<TrainSettings>): Promise<ChangeResult>;
  /** Which runs train: e.g. ['none', 'batch'] or ['none', 'batch', 'layer']; resets. */
  setRuns(runs: RunKind[]): Promise<ChangeResult>;
  /** The hidden layer and unit whose batch-norm computation the frames detail. */
  select(layer: number, unit: number): void;
  /** Evaluation-mode metrics on the whole test set. */
  evaluateFull(): Record<string, EvalMetrics>;
  status(): { status: TrainerStatus; step: number; error: string | null };
  /** Per run, the classification report of the whole test set in evaluation mode. */
  classificationReport(): Record<string, ClassificationReport>;
  /** Folds a batch-norm run's norms into its linear layers and checks the folded network on the test set. */
  foldBatchNorm(runId?: string): FoldReport;
  /** Per run, the predicted class over a grid of the plane (2-D data sets). */
  decisionGrid(resolution: number): DecisionGrid;
  /** Resolves with the next frame newer than `afterSeq`, no sooner than the frame interval allows. */
  nextFrame(afterSeq: number): Promise<TelemetryFrame>;
  /** Stops the loop for good (tests, worker shutdown). */
  dispose(): void;
  /** Breaks the worker on purpose (browser tests of the page's fault handling; see crash.test-support.ts). */
  crashForTest(kind: TestFault): void;
  /** Appends `steps` steps of synthetic history (browser tests, UI benchmark; see src/telemetry/fast-forward.test-support.ts); returns the step reached. */
  fastForwardForTest(steps: number): number;
}

/**
 * 20 frames a second: smooth enough for charts, and it keeps telemetry under 10% of the worker's time
 * now that a W1 twin step takes about 6 ms (at 30 a second it took about 12%).
 */
export const DEFAULT_FRAME_INTERVAL_MS = 50;


const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createTrainer(options: TrainerOptions): Trainer {
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? 12;
  const frameIntervalMs = options.frameIntervalMs ?? DEFAULT_FRAME_INTERVAL_MS;
  const pacer = new Pacer(now);

  let session: TrainingSession | null = null;
  let dataset: Dataset | null = null;
  let runKinds: RunKind[] = ['plain', 'batch'];
  let status: TrainerStatus = 'empty';
  let error: string | null = null;
  let builder: FrameBuilder | null = null;
  let selected = { layer: 0, unit: 0 };
  let seq = 0;
  let lastFrameAt = -Infinity;
  let dirty = false;
  let loopRunning = false;
  let disposed = false;
  let notice: string | null = null;
  let waiter: { afterSeq: number; resolve: (f: TelemetryFrame) => void } | null = null;

  const markDirty = () => {
    dirty = true;
    maybeDeliver();
  };

  function buildFrame(): TelemetryFrame {
    seq++;
    lastFrameAt = now();
    dirty = false;
    const frame = builder && session
      ? builder.build(session, seq, status, selected, notice)
      : FrameBuilder.empty(seq, status, error ?? notice);
    notice = null;
    return frame;
  }

  /** Answers a waiting page if a frame is due: something changed and the interval has passed. */
  function maybeDeliver(): void {
    if (!waiter || !dirty) return;
    const wait = lastFrameAt + frameIntervalMs - now();
    if (wait > 0) {
      setTimeout(maybeDeliver, wait);
      return;
    }
    const w = waiter;
    waiter = null;
    const frame = buildFrame();
    w.resolve(transfer(frame, frameTransferables(frame)));
  }

  function trainSteps(n: number): void {
    if (!session) return;
    trainWithTelemetry(session, builder, n);
    markDirty();
  }

  async function loop(): Promise<void> {
    if (loopRunning) return;
    loopRunning = true;
    pacer.restart();
    try {
      while (status === 'running' && !disposed && session) {
        if (session.activeRuns().length === 0 || session.step >= session.settings.steps) {
          status = 'paused';
          notice = session.activeRuns().length === 0 ? 'every run diverged: reset to start again' : `reached ${session.settings.steps} steps`;
          markDirty();
          break;
        }
        const sliceEnd = now() + sliceMs;
        let stepped = 0;
        while (now() < sliceEnd && status === 'running' && session.step < session.settings.steps) {
          const allowed = pacer.allowed();
          if (allowed <= 0) break;
          trainSteps(1);
          pacer.took(1);
          stepped++;
        }
        if (stepped === 0) {
          await sleep(Math.min(frameIntervalMs, Math.max(1, pacer.waitMs())));
        } else {
          await yieldToEvents();
        }
      }
    } catch (e) {
      status = 'error';
      error = e instanceof Error ? e.message : String(e);
      markDirty();
    } finally {
      loopRunning = false;
    }
  }

  function build(settings: TrainSettings): void {
    if (!dataset) throw new SessionError('no data set loaded');
    const next = new TrainingSession(dataset, settings, runKinds);
    session = next;
    builder = new FrameBuilder(next);
    selected = { layer: 0, unit: 0 };
    builder.afterEval(next, next.evaluate(false));
  }

  function checkRunKinds(runs: unknown): asserts runs is RunKind[] {
    if (!Array.isArray(runs) || runs.length === 0 || !runs.every((r) => typeof r === 'string' && isRunKind(r))) {
      fail(`runs must be a non-empty list of ${RUN_KINDS.join(', ')}; got ${JSON.stringify(runs)}`);
    }
  }

  function fail(e: unknown): never {
    const message = e instanceof Error ? e.message : String(e);
    throw new SessionError(message);
  }

  const trainer: Trainer = {
    async load(settings, runs = runKinds, onProgress = () => {}) {
      checkRunKinds(runs);
      // Past the size limits: refused before anything changes, so the current session keeps training.
      const shape = dataset && dataset.name === settings.dataset ? { inputSize: dataset.inputSize, outputSize: dataset.numClasses } : datasetShape(settings.dataset);
      const limit = checkLimits(settings, shape.inputSize, shape.outputSize);
      if (limit) fail(limit.message);
      const wasRunning = status === 'running';
      const previousDataset = dataset;
      status = 'loading';
      error = null;
      markDirty();
      try {
        const reloading = !dataset || !session || needsNewData(session.settings, settings);
        if (reloading) dataset = await options.loadDataset(settings, onProgress);
        runKinds = orderRuns(runs);
        build(settings);
        status = wasRunning ? 'running' : 'paused';
        if (wasRunning) void loop();
        markDirty();
        return { applied: 'reset', message: reloading ? `loaded ${dataset!.name}: every run starts from the same new weights` : 'every run restarted from the same new weights' };
      } catch (e) {
        // A refused load leaves the previous session as it was, still training if it was.
        if (session) dataset = session.dataset === previousDataset ? previousDataset : session.dataset;
        status = session ? (wasRunning ? 'running' : 'paused') : 'error';
        error = e instanceof Error ? e.message : String(e);
        if (session && wasRunning) void loop();
        markDirty();
        fail(e);
      }
    },
    play() {
      if (!session || status === 'loading') return;
      status = 'running';
      markDirty();
      void loop();
    },
    pause() {
      if (status === 'running') status = 'paused';
      markDirty();
    },
    stepOnce(n = 1) {
      if (!session) return 0;
      if (!(Number.isInteger(n) && n >= 1 && n <= 100_000)) fail(`steps must be an integer from 1 to 100000, got ${n}`);
      trainSteps(n);
      return session.step;
    },
    async reset() {
      if (!session) fail('nothing to reset: no session is loaded');
      build(session.settings);
      pacer.restart();
      markDirty();
      return { applied: 'reset', message: 'every run restarted from the same new weights' };
    },
    setSpeed(stepsPerSecond) {
      try { pacer.setRate(stepsPerSecond); } catch (e) { fail(e); }
      markDirty();
    },
    async change(change) {
      if (!session) fail('no session is loaded');
      const keys = Object.keys(change) as (keyof TrainSettings)[];
      for (const k of keys) {
        const def = SETTINGS.find((s) => s.key === k);
        if (!def) fail(`unknown setting ${String(k)}`);
      }
      const live = keys.every((k) => (LIVE_KEYS as string[]).includes(k));
      if (live) {
        try { session.applyLive(change); } catch (e) { fail(e); }
        markDirty();
        return { applied: 'live', message: `${keys.join(', ')} applied at step ${session.step + 1}; weights untouched`, step: session.step + 1 };
      }
      const next = { ...session.settings, ...change };
      const resetKeys = keys.filter((k) => !(LIVE_KEYS as string[]).includes(k));
      const result = await trainer.load(next, runKinds);
      return { applied: 'reset', message: `${resetKeys.join(', ')} needs new weights: ${result.message}` };
    },
    async setRuns(runs) {
      checkRunKinds(runs);
      const previous = runKinds;
      runKinds = orderRuns(runs);
      if (!session) return { applied: 'reset', message: 'runs set' };
      try { build(session.settings); } catch (e) { runKinds = previous; fail(e); }
      markDirty();
      return { applied: 'reset', message: `runs ${runKinds.join(', ')}: every run restarted from the same new weights` };
    },
    select(layer, unit) {
      if (!session) return;
      const hidden = session.settings.hidden;
      if (!(Number.isInteger(layer) && layer >= 0 && layer < hidden.length)) fail(`layer must be 0 to ${hidden.length - 1}, got ${layer}`);
      if (!(Number.isInteger(unit) && unit >= 0 && unit < hidden[layer])) fail(`unit must be 0 to ${hidden[layer] - 1}, got ${unit}`);
      selected = { layer, unit };
      markDirty();
    },
    evaluateFull() {
      if (!session) fail('no session is loaded');
      return Object.fromEntries(session.evaluate(true));
    },
    status() {
      return { status, step: session?.step ?? 0, error };
    },
    classificationReport() {
      if (!session) fail('no session is loaded');
      const out: Record<string, ClassificationReport> = {};
      for (const [id, c] of session.confusion()) out[id] = classificationReport(c.matrix, c.classes);
      return out;
    },
    foldBatchNorm(runId) {
      if (!session) fail('no session is loaded');
      try { return foldReport(session, runId); } catch (e) { fail(e); }
    },
    decisionGrid(resolution) {
      if (!session) fail('no session is loaded');
      try {
        const grid = session.decisionGrid(resolution);
        const buffers = [grid.points.buffer, grid.labels.buffer, ...Object.values(grid.runs).flatMap((r) => [r.predicted.buffer, r.confidence.buffer])];
        return transfer(grid, buffers as ArrayBuffer[]);
      } catch (e) { fail(e); }
    },
    nextFrame(afterSeq) {
      return new Promise<TelemetryFrame>((resolve) => {
        // A newer waiter replaces an older one, which gets the same frame: never more than one pending.
        const old = waiter;
        waiter = {
          afterSeq,
          resolve: (f) => { resolve(f); },
        };
        if (old) old.resolve(FrameBuilder.empty(seq, status, null));
        if (afterSeq < seq) dirty = true;
        maybeDeliver();
      });
    },
    dispose() {
      disposed = true;
      status = 'paused';
    },
    crashForTest(kind) {
      crashForTest(kind);
    },
    fastForwardForTest(steps) {
      if (!session || !builder) fail('no session is loaded');
      try { checkFastForward(steps); } catch (e) { fail(e instanceof Error ? e.message : String(e)); }
      builder!.fastForwardForTest(session!, steps);
      markDirty();
      return session!.step;
    },
  };
  return trainer;
}
