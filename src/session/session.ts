// A training session: several runs of the same network, differing only in their norm, trained in
// lockstep on one seeded mini-batch sequence. Every run starts from the same weights and biases
// (gamma 1, beta 0 where it has a norm) and sees exactly the same batches; a run whose loss stops
// being finite is marked diverged at that step and sits out while the others go on.
// A run may keep its own value of a setting that keeps the weights (run-spec.ts: `batch:eps=1`): it
// starts from the same weights; a live change of that setting leaves it alone. A run with its own
// batch size draws from its own feed, seeded as the shared one (batch-feed.ts says what it shares).
import { gather } from '../data/batches';
import type { Dataset } from '../data/dataset';
import { usesBatchStatistics } from '../engine/hidden-layer';
import { Rng } from '../engine/rng';
import { validateOptimizer } from '../engine/optimizer';
import { validateEps, validateMomentum } from '../engine/spec';
import type { NormKind, NormPlacement } from '../engine/types';
import { checkAgainstData, optimizerSpecOf, streamSeeds } from './build';
import { copyInitialWeights, createModel, diverged, type NetModel } from './net-model';
import { applyRenormSchedule } from './renorm';
import { BatchFeed } from './batch-feed';
import { runSettings, type RunKind, type RunSpec } from './run-kinds';
import { formatRunSpec, readRunSpec } from './run-spec';
import { LIVE_SETTING_KEYS, type TrainSettings } from './settings';
import { watchedLayers, type WatchedLayer } from './watched-layer';

export interface Run {
  /** The run's canonical spec text (run-spec.ts): its kind ('plain', 'batch', ...) or a kind with its own values ('batch:eps=1'). */
  id: string;
  kind: RunKind;
  spec: RunSpec;
  /** The settings the run trains with now: the session's with the run's own values (runSettings). */
  settings: TrainSettings;
  /** The eps the run's last step normalised with (telemetry of that step's batch statistics reads it). */
  stepEps: number;
  /** The run's own batch stream when it has its own batch size; null = the session's shared one. */
  feed: BatchFeed | null;
  norm: NormKind;
  placement: NormPlacement;
  /** An Mlp (arch mlp) or a ConvNet (arch cnn). */
  model: NetModel;
  /** The layers the telemetry watches: hidden layers, or the CNN's conv layers (per channel). */
  watched: WatchedLayer[];
  /** The step at which the loss became NaN or infinite, or null. */
  divergedAt: number | null;
  /** Loss of the last step this run trained. */
  lastLoss: number;
}

export interface EvalMetrics {
  step: number;
  loss: number;
  accuracy: number;
  /** Batch-norm runs only: the same test rows normalised by batch statistics (batches of the current size). */
  batchStatsLoss: number | null;
  batchStatsAccuracy: number | null;
}

/** Settings a session may change between two steps without touching the weights. */
export const LIVE_KEYS = LIVE_SETTING_KEYS;

export class SessionError extends Error {}

export class TrainingSession {
  readonly runs: Run[];
  readonly settings: TrainSettings;
  step = 0;
  /**
   * The eps the last training step normalised with. A live change of eps applies from the next step,
   * so telemetry of the last step's batch statistics reads this, never settings.eps.
   */
  stepEps: number;
  /** The batches of every run without a batch size of its own. */
  private shared: BatchFeed;
  /** Rows of the fixed test subset used for the periodic evaluation. */
  readonly evalRows: number;
  private evalX: Float32Array;
  private evalY: Uint8Array;

  /** `runs`: run ids (a kind, or a kind with its own values: 'batch:eps=1'), read with the table's bounds. */
  constructor(readonly dataset: Dataset, settings: TrainSettings, runs: readonly string[] = ['plain', 'batch'], evalRows = 1000) {
    const specs = runs.map((text) => {
      const r = readRunSpec(text, 'table');
      if (!r.spec || r.problems.length > 0) throw new SessionError(`run ${JSON.stringify(text)}: ${r.problems.map((p) => p.message).join('; ')}`);
      return r.spec;
    });
    const ids = specs.map(formatRunSpec);
    if (ids.length === 0 || new Set(ids).size !== ids.length) throw new SessionError(`runs must be distinct, got ${ids.join(', ')}`);
    this.settings = structuredClone(settings);
    this.stepEps = this.settings.eps;
    for (const spec of specs) {
      const problem = checkAgainstData(runSettings(spec, this.settings), dataset);
      if (problem) throw new SessionError(`${formatRunSpec(spec)}: ${problem.message}`);
    }
    const seeds = streamSeeds(settings.seed);
    // A CNN's SIMD arena is first sized for this batch or 128, whichever is larger (a live change to a
    // larger batch moves the model to a larger arena, same kernels, same numbers: reserving for the
    // limits' batch 318 up front would commit about 200 MB per run where reserved memory is committed).
    this.runs = specs.map((spec, i) => {
      const rs = runSettings(spec, this.settings);
      const model = createModel(rs, dataset, Math.max(rs.batch, 128));
      const feed = spec.overrides.batch === undefined ? null : new BatchFeed(dataset, seeds.batches, rs.batch);
      return { id: ids[i], kind: spec.kind, spec, settings: rs, stepEps: rs.eps, feed, norm: rs.norm, placement: rs.placement, divergedAt: null, lastLoss: NaN, model, watched: watchedLayers(model) };
    });
    // The same seed draws the same weights in every run already; copying makes it a stated fact.
    const first = this.runs[0].model;
    for (const r of this.runs.slice(1)) copyInitialWeights(first, r.model);
    this.shared = new BatchFeed(dataset, seeds.batches, settings.batch);
    // A fixed test subset: a seeded choice of rows, the same for the whole session.
    this.evalRows = Math.min(evalRows, dataset.testCount);
    const pick = new Int32Array(dataset.testCount).map((_, i) => i);
    new Rng(seeds.data).shuffle(pick);
    this.evalX = new Float32Array(this.evalRows * dataset.inputSize);
    this.evalY = new Uint8Array(this.evalRows);
    gather(this.evalX, this.evalY, dataset, pick, this.evalRows, 'test');
  }

  /** The epoch of the shared batch stream. */
  get epoch(): number {
    return this.shared.sampler.epoch;
  }

  /** The rows of the last shared batch, (batch, inputSize), and its labels: what every run without its own batch size trained on. */
  lastBatch(): { x: Float32Array; y: Uint8Array; B: number } {
    return { x: this.shared.x, y: this.shared.y, B: this.shared.last };
  }

  /** The run with id `id`, or undefined. */
  run(id: string): Run | undefined {
    return this.runs.find((r) => r.id === id);
  }

  activeRuns(): Run[] {
    return this.runs.filter((r) => r.divergedAt === null);
  }

  /**
   * The batch the next trainStep() will train on, drawn now from the seeded sequence (once: until that
   * step has trained, every call returns the same rows). Lets a measurement look at a step's batch
   * before the step; trainStep() draws it itself otherwise, so the batch order is the same either way.
   */
  nextBatch(): { x: Float32Array; y: Uint8Array; B: number } {
    return this.shared.next(this.settings.batch);
  }

  /**
   * One step of every run that has not diverged: on the shared batch, or for a run with its own batch
   * size on the next batch of its own feed (drawn every step, diverged or not, so it stays at the step).
   */
  trainStep(): void {
    this.nextBatch();
    this.shared.consume();
    for (const run of this.runs) {
      if (!run.feed) continue;
      run.feed.next(run.settings.batch);
      run.feed.consume();
    }
    this.step++;
    this.stepEps = this.settings.eps;
    for (const run of this.runs) {
      if (run.divergedAt !== null) continue;
      const feed = run.feed ?? this.shared;
      run.stepEps = run.settings.eps;
      applyRenormSchedule(run.model);
      const loss = run.model.trainStep(feed.x, feed.y, feed.last);
      run.lastLoss = loss;
      if (diverged(loss, run.model)) run.divergedAt = this.step;
    }
  }

  /**
   * Applies live settings at the next step, leaving every weight alone; a run that keeps its own value
   * of a setting keeps it. Throws SessionError naming the setting when a value cannot be applied
   * (nothing is changed then).
   */
  applyLive(change: Partial<TrainSettings>): void {
    this.checkLive(change);
    Object.assign(this.settings, change);
    for (const run of this.runs) {
      run.settings = runSettings(run.spec, this.settings);
      const { type: _type, ...hyper } = optimizerSpecOf(run.settings);
      run.model.setEps(run.settings.eps);
      run.model.setMomentum(run.settings.momentum);
      run.model.optimizer.update(hyper);
    }
  }

  /**
   * Throws SessionError naming the setting when applyLive(change) would refuse it; changes nothing.
   * Lets a coordinator ask every worker before any applies a change.
   */
  checkLive(change: Partial<TrainSettings>): { next: TrainSettings; opt: ReturnType<typeof optimizerSpecOf> } {
    for (const key of Object.keys(change) as (keyof TrainSettings)[]) {
      if (!(LIVE_KEYS as string[]).includes(key)) throw new SessionError(`${key} needs new weights: reset the session to change it`);
    }
    const next = { ...this.settings, ...change };
    for (const run of this.runs) {
      const problem = checkAgainstData(runSettings(run.spec, next), this.dataset);
      if (problem) throw new SessionError(run.spec.overrides[problem.setting as keyof RunSpec['overrides']] === undefined ? problem.message : `${run.id}: ${problem.message}`);
    }
    // Validate everything first, then apply: a refused change leaves the session as it was.
    const opt = optimizerSpecOf(next);
    try {
      validateEps(next.eps);
      validateMomentum(next.momentum);
      validateOptimizer(opt);
    } catch (e) {
      throw new SessionError((e as Error).message);
    }
    return { next, opt };
  }

  /** Per run, the confusion matrix (row = true class) on the whole test set in evaluation mode. */
  confusion(): Map<string, { matrix: Uint32Array; classes: number }> {
    const ds = this.dataset;
    const K = ds.numClasses;
    const out = new Map<string, { matrix: Uint32Array; classes: number }>();
    for (const run of this.runs) {
      const matrix = new Uint32Array(K * K);
      run.model.forwardEval(ds.testX, ds.testCount, {}, (start, R, logits) => {
        for (let r = 0; r < R; r++) matrix[ds.testY[start + r] * K + argmax(logits, r * K, K)]++;
      });
      out.set(run.id, { matrix, classes: K });
    }
    return out;
  }

  /** Each run's prediction over a grid of the plane, with the test points (2-D data sets only). */
  decisionGrid(resolution: number): DecisionGrid {
    const ds = this.dataset;
    if (ds.inputSize !== 2) throw new SessionError(`a decision boundary needs a 2-D data set; ${ds.name} has ${ds.inputSize} inputs`);
    if (!(Number.isInteger(resolution) && resolution >= 2 && resolution <= 400)) throw new SessionError(`grid resolution must be 2 to 400, got ${resolution}`);
    const n = resolution * resolution;
    const K = ds.numClasses;
    const xy = new Float32Array(2 * n);
    for (let i = 0; i < resolution; i++) {
      for (let j = 0; j < resolution; j++) {
        const c = i * resolution + j;
        xy[2 * c] = -GRID_EXTENT + ((j + 0.5) * 2 * GRID_EXTENT) / resolution;
        xy[2 * c + 1] = GRID_EXTENT - ((i + 0.5) * 2 * GRID_EXTENT) / resolution;
      }
    }
    const runs: DecisionGrid['runs'] = {};
    for (const run of this.runs) {
      const predicted = new Uint8Array(n);
      const confidence = new Float32Array(n);
      run.model.forwardEval(xy, n, {}, (start, R, logits) => {
        for (let r = 0; r < R; r++) {
          const best = argmax(logits, r * K, K);
          // softmax probability of the best class: 1 / sum_j exp(z_j - z_best)
          let sum = 0;
          for (let j = 0; j < K; j++) sum += Math.exp(logits[r * K + j] - logits[r * K + best]);
          predicted[start + r] = best;
          confidence[start + r] = 1 / sum;
        }
      });
      runs[run.id] = { predicted, confidence };
    }
    return { extent: GRID_EXTENT, resolution, classes: K, runs, points: ds.testX.slice(0, ds.testCount * 2), labels: ds.testY.slice(0, ds.testCount) };
  }

  /** Evaluation-mode metrics of every run on the fixed test subset, or on the whole test set. */
  evaluate(full = false): Map<string, EvalMetrics> {
    const ds = this.dataset;
    const [x, y, n] = full ? [ds.testX, ds.testY, ds.testCount] : [this.evalX, this.evalY, this.evalRows];
    const out = new Map<string, EvalMetrics>();
    for (const run of this.runs) {
      const m = run.model;
      const r = m.evaluate(x, y, n);
      const bn = usesBatchStatistics(run.norm);
      const b = bn && n >= 2 ? m.evaluate(x, y, n, { mode: 'batch-stats', chunk: Math.max(2, run.settings.batch) }) : null;
      out.set(run.id, { step: this.step, loss: r.loss, accuracy: r.accuracy, batchStatsLoss: b ? b.loss : null, batchStatsAccuracy: b ? b.accuracy : null });
    }
    return out;
  }
}

export interface DecisionGrid {
  /** The square [-extent, extent]^2 sampled at resolution x resolution cell centres, row 0 at the top (largest x1). */
  extent: number;
  resolution: number;
  classes: number;
  /** Per run id: predicted class (Uint8Array) and its probability (Float32Array) per cell, row-major. */
  runs: Record<string, { predicted: Uint8Array; confidence: Float32Array }>;
  /** The test points: (n, 2) coordinates and labels. */
  points: Float32Array;
  labels: Uint8Array;
}

/** Extent of the decision-boundary grid: the 2-D sets lie in [-1, 1]^2 before noise. */
export const GRID_EXTENT = 1.6;

function argmax(a: ArrayLike<number>, offset: number, K: number): number {
  let best = 0;
  for (let j = 1; j < K; j++) if (a[offset + j] > a[offset + best]) best = j;
  return best;
}

