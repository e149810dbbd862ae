// A training session: several runs of the same network, differing only in their norm, trained in
// lockstep on one seeded mini-batch sequence. Every run starts from the same weights and biases
// (gamma 1, beta 0 where it has a norm) and sees exactly the same batches; a run whose loss stops
// being finite is marked diverged at that step and sits out while the others go on.
import { BatchSampler, gather } from '../data/batches';
import type { Dataset } from '../data/dataset';
import { Mlp } from '../engine/mlp';
import { Rng } from '../engine/rng';
import { validateOptimizer } from '../engine/optimizer';
import { validateEps, validateMomentum } from '../engine/spec';
import type { NormKind } from '../engine/types';
import { checkAgainstData, modelSpecOf, optimizerSpecOf, streamSeeds } from './build';
import { SETTINGS, type TrainSettings } from './settings';

export interface Run {
  /** 'plain' | 'batch' | 'layer' */
  id: string;
  norm: NormKind;
  model: Mlp;
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

export const RUN_IDS: Record<NormKind, string> = { none: 'plain', batch: 'batch', layer: 'layer' };

/** Settings a session may change between two steps without touching the weights. */
export const LIVE_KEYS = SETTINGS.filter((s) => s.applies === 'live').map((s) => s.key);

export class SessionError extends Error {}

export class TrainingSession {
  readonly runs: Run[];
  readonly settings: TrainSettings;
  step = 0;
  private sampler: BatchSampler;
  private x: Float32Array;
  private y: Uint8Array;
  /** Rows of the fixed test subset used for the periodic evaluation. */
  readonly evalRows: number;
  private evalX: Float32Array;
  private evalY: Uint8Array;

  constructor(readonly dataset: Dataset, settings: TrainSettings, norms: readonly NormKind[] = ['none', 'batch'], evalRows = 1000) {
    if (norms.length === 0 || new Set(norms).size !== norms.length) throw new SessionError(`runs must be distinct norms, got ${norms.join(', ')}`);
    this.settings = structuredClone(settings);
    for (const norm of norms) {
      const problem = checkAgainstData({ ...this.settings, norm }, dataset);
      if (problem) throw new SessionError(problem.message);
    }
    const seeds = streamSeeds(settings.seed);
    const opt = optimizerSpecOf(this.settings);
    this.runs = norms.map((norm) => ({
      id: RUN_IDS[norm], norm, divergedAt: null, lastLoss: NaN,
      model: new Mlp(modelSpecOf({ ...this.settings, norm }, dataset.inputSize, dataset.numClasses), opt,
        { init: settings.init, seed: seeds.weights }),
    }));
    // The same seed draws the same weights in every run already; copying makes it a stated fact.
    const first = this.runs[0].model;
    for (const r of this.runs.slice(1)) {
      r.model.layers.forEach((l, i) => { l.W.set(first.layers[i].W); l.b.set(first.layers[i].b); });
      r.model.Wout.set(first.Wout);
      r.model.bout.set(first.bout);
    }
    this.sampler = new BatchSampler(dataset.trainCount, new Rng(seeds.batches));
    this.x = new Float32Array(settings.batch * dataset.inputSize);
    this.y = new Uint8Array(settings.batch);
    // A fixed test subset: a seeded choice of rows, the same for the whole session.
    this.evalRows = Math.min(evalRows, dataset.testCount);
    const pick = new Int32Array(dataset.testCount).map((_, i) => i);
    new Rng(seeds.data).shuffle(pick);
    this.evalX = new Float32Array(this.evalRows * dataset.inputSize);
    this.evalY = new Uint8Array(this.evalRows);
    gather(this.evalX, this.evalY, dataset, pick, this.evalRows, 'test');
  }

  get epoch(): number {
    return this.sampler.epoch;
  }

  /** The rows of the last batch, (batch, inputSize), and its labels: what every run trained on. */
  lastBatch(): { x: Float32Array; y: Uint8Array; B: number } {
    return { x: this.x, y: this.y, B: this.settings.batch };
  }

  activeRuns(): Run[] {
    return this.runs.filter((r) => r.divergedAt === null);
  }

  /** One step of every run that has not diverged, on one shared batch. */
  trainStep(): void {
    const B = this.settings.batch;
    if (this.x.length < B * this.dataset.inputSize) {
      this.x = new Float32Array(B * this.dataset.inputSize);
      this.y = new Uint8Array(B);
    }
    gather(this.x, this.y, this.dataset, this.sampler.next(B), B);
    this.step++;
    for (const run of this.runs) {
      if (run.divergedAt !== null) continue;
      const loss = run.model.trainStep(this.x, this.y, B);
      run.lastLoss = loss;
      if (!Number.isFinite(loss) || !paramsFinite(run.model)) run.divergedAt = this.step;
    }
  }

  /**
   * Applies live settings at the next step, leaving every weight alone. Throws SessionError naming
   * the setting when a value cannot be applied (nothing is changed then).
   */
  applyLive(change: Partial<TrainSettings>): void {
    for (const key of Object.keys(change) as (keyof TrainSettings)[]) {
      if (!(LIVE_KEYS as string[]).includes(key)) throw new SessionError(`${key} needs new weights: reset the session to change it`);
    }
    const next = { ...this.settings, ...change };
    for (const run of this.runs) {
      const problem = checkAgainstData({ ...next, norm: run.norm }, this.dataset);
      if (problem) throw new SessionError(problem.message);
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
    Object.assign(this.settings, change);
    const { type: _type, ...hyper } = opt;
    for (const run of this.runs) {
      run.model.setEps(next.eps);
      run.model.setMomentum(next.momentum);
      run.model.optimizer.update(hyper);
    }
  }

  /** Evaluation-mode metrics of every run on the fixed test subset, or on the whole test set. */
  evaluate(full = false): Map<string, EvalMetrics> {
    const ds = this.dataset;
    const [x, y, n] = full ? [ds.testX, ds.testY, ds.testCount] : [this.evalX, this.evalY, this.evalRows];
    const out = new Map<string, EvalMetrics>();
    for (const run of this.runs) {
      const m = run.model;
      const r = m.evaluate(x, y, n);
      const bn = run.norm === 'batch';
      const b = bn && n >= 2 ? m.evaluate(x, y, n, { mode: 'batch-stats', chunk: Math.max(2, this.settings.batch) }) : null;
      out.set(run.id, { step: this.step, loss: r.loss, accuracy: r.accuracy, batchStatsLoss: b ? b.loss : null, batchStatsAccuracy: b ? b.accuracy : null });
    }
    return out;
  }
}

function paramsFinite(m: Mlp): boolean {
  // Checking one parameter per layer is enough: a non-finite update spreads through a whole matrix.
  for (const p of m.params) {
    const v = p.value;
    if (!Number.isFinite(v[0]) || !Number.isFinite(v[v.length - 1])) return false;
  }
  return true;
}
