// The landscape measurement on a schedule, for a live session: every `landscapeEvery` steps (0 = off),
// before the step's training, each run that has not diverged is measured (measure.ts) on the batch
// that step is about to train on. Keeps the results as bounded series per run and what the measuring
// costs against the training it interrupts.
import { BoundedSeries, type SeriesColumns } from './bounded-series';
import type { TrainingSession } from '../session/session';
import { Mlp } from '../engine/mlp';
import { ETA_MULTIPLES, LandscapeProbe } from '../session/landscape/measure';

/** Whether the step after `step` completed updates is measured: every `every` steps from step 0, never when 0. */
export function landscapeDue(step: number, every: number): boolean {
  return every > 0 && Number.isInteger(every) && step % every === 0;
}

export interface LandscapeRunFrame {
  id: string;
  /** x = the step the parameters were at (updates done); y = the measured value. */
  loss: SeriesColumns;
  lossMin: SeriesColumns;
  lossMax: SeriesColumns;
  gradPredMin: SeriesColumns;
  gradPredMax: SeriesColumns;
  betaSmooth: SeriesColumns;
  /** Per linear layer (hidden layers, then the output layer). */
  icsDist: SeriesColumns[];
  icsCos: SeriesColumns[];
}

export interface LandscapeCost {
  /** Measurements (scheduled steps, every run measured) since the schedule last changed. */
  measurements: number;
  /** Milliseconds per measurement, all runs together (NaN before the first). */
  msEach: number;
  /** Time spent measuring / time spent in training steps, over the same span (NaN before any training). */
  fraction: number;
}

export interface LandscapeFrame {
  /** The schedule now: every N steps, 0 = off. */
  every: number;
  /** The step sizes, as multiples of the learning rate. */
  etaMultiples: Float64Array;
  runs: LandscapeRunFrame[];
  cost: LandscapeCost;
}

export interface LandscapeHistory {
  loss: BoundedSeries;
  lossMin: BoundedSeries;
  lossMax: BoundedSeries;
  gradPredMin: BoundedSeries;
  gradPredMax: BoundedSeries;
  betaSmooth: BoundedSeries;
  icsDist: BoundedSeries[];
  icsCos: BoundedSeries[];
}

export class LandscapeMonitor {
  private readonly probes: (LandscapeProbe | null)[];
  /** Per run, its series (read by the test hooks' fast-forward, fast-forward.test-support.ts). */
  readonly history: LandscapeHistory[];
  private every = 0;
  private measurements = 0;
  private measureMs = 0;
  private trainMs = 0;
  private trainStart = NaN;

  constructor(session: TrainingSession, private readonly now: () => number = () => performance.now()) {
    // Probes (and their scratch, two copies of the parameters) are made at the first measurement.
    this.probes = session.runs.map(() => null);
    this.history = session.runs.map((run) => {
      const layers = run.watched.length + 1;
      const many = () => Array.from({ length: layers }, () => new BoundedSeries());
      return {
        loss: new BoundedSeries(), lossMin: new BoundedSeries(), lossMax: new BoundedSeries(),
        gradPredMin: new BoundedSeries(), gradPredMax: new BoundedSeries(), betaSmooth: new BoundedSeries(),
        icsDist: many(), icsCos: many(),
      };
    });
    this.every = session.settings.landscapeEvery;
  }

  /** Call right before session.trainStep(): measures when the step is due. Returns whether it did. */
  beforeStep(session: TrainingSession): boolean {
    this.followSchedule(session.settings.landscapeEvery);
    if (!landscapeDue(session.step, this.every) || session.activeRuns().length === 0 || session.settings.arch === 'cnn') return false;
    const t0 = this.now();
    const { x, y, B } = session.nextBatch();
    const lr = session.settings.lr;
    const step = session.step;
    session.runs.forEach((run, i) => {
      // The probe differentiates the fully connected network only: the CNN's runs are not measured.
      if (run.divergedAt !== null || !(run.model instanceof Mlp)) return;
      const probe = this.probes[i] ?? (this.probes[i] = new LandscapeProbe(run.model));
      const r = probe.measure(x, y, B, lr);
      const h = this.history[i];
      h.loss.append(step, r.loss);
      h.lossMin.append(step, r.lossMin);
      h.lossMax.append(step, r.lossMax);
      h.gradPredMin.append(step, r.gradPredMin);
      h.gradPredMax.append(step, r.gradPredMax);
      h.betaSmooth.append(step, r.betaSmooth);
      h.icsDist.forEach((s, j) => s.append(step, r.icsDist[j]));
      h.icsCos.forEach((s, j) => s.append(step, r.icsCos[j]));
    });
    this.measurements++;
    this.measureMs += this.now() - t0;
    return true;
  }

  /** Brackets session.trainStep(), so that the cost can be given as a share of training time. */
  trainStarted(): void {
    this.trainStart = this.now();
  }

  trainEnded(): void {
    if (Number.isFinite(this.trainStart)) this.trainMs += this.now() - this.trainStart;
    this.trainStart = NaN;
  }

  cost(): LandscapeCost {
    const n = this.measurements;
    return {
      measurements: n,
      msEach: n > 0 ? this.measureMs / n : NaN,
      fraction: this.trainMs > 0 ? this.measureMs / this.trainMs : NaN,
    };
  }

  frame(session: TrainingSession): LandscapeFrame {
    this.followSchedule(session.settings.landscapeEvery);
    return {
      every: this.every,
      etaMultiples: Float64Array.from(ETA_MULTIPLES),
      runs: session.runs.map((run, i) => {
        const h = this.history[i];
        return {
          id: run.id,
          loss: h.loss.toColumns(), lossMin: h.lossMin.toColumns(), lossMax: h.lossMax.toColumns(),
          gradPredMin: h.gradPredMin.toColumns(), gradPredMax: h.gradPredMax.toColumns(), betaSmooth: h.betaSmooth.toColumns(),
          icsDist: h.icsDist.map((s) => s.toColumns()), icsCos: h.icsCos.map((s) => s.toColumns()),
        };
      }),
      cost: this.cost(),
    };
  }

  /** A new schedule starts a new account of the cost (the series stay). */
  private followSchedule(every: number): void {
    if (every === this.every) return;
    this.every = every;
    this.measurements = 0;
    this.measureMs = 0;
    this.trainMs = 0;
  }
}
