// The builder of telemetry frames (their format: frame-format.ts). FrameBuilder keeps the per-step
// history (bounded series, appended by step so that the same settings and seed give the same
// telemetry) and, when a frame is asked for, computes the statistics of every layer from the values
// the last training step left in the engine.
import { usesBatchStatistics } from '../engine/hidden-layer';
import { BoundedSeries } from './bounded-series';
import { StableBins } from './histogram-bins';
import { createLayerStats, LayerStatsComputer, ParamSnapshot, l2Norm, type LayerStats } from './layer-stats';
import { bnDetail } from './bn-detail';
import { hasRenorm, renormClippedShare } from '../session/renorm';
import { LandscapeMonitor } from './landscape-monitor';
import type { EvalMetrics, TrainingSession } from '../session/session';
import type { WatchedLayer } from '../session/watched-layer';
import { ConvNet } from '../engine/convnet';
import { ConvTelemetry, copyConvFrame, type ConvRunFrame } from './conv-telemetry';
import { BAND_EVERY, STAGES, type LayerFrame, type RunFrame, type StageFrame, type TelemetryFrame } from './frame-format';

export * from './frame-format';
export * from './frame-pack';

export const QUANTILE_SAMPLE = 2048;

/** Frames between two computations of the layer statistics and histograms while training. */
export const STATS_EVERY = 3;
/** Statistics refreshes between two reconsiderations of the histogram ranges. */
export const RANGE_EVERY = 2;
/** Steps between two measurements of the update ratio. */
export const RATIO_EVERY = 20;

interface LayerHistory {
  p15: BoundedSeries;
  p50: BoundedSeries;
  p85: BoundedSeries;
  zMean: BoundedSeries;
  zVar: BoundedSeries;
  normMean: BoundedSeries | null;
  normVar: BoundedSeries | null;
  runningMean: BoundedSeries | null;
  runningVar: BoundedSeries | null;
  snapshot: ParamSnapshot;
  /** Measured every RATIO_EVERY steps, so that a frame costs no pass over the weights. */
  updateRatio: number;
  gradNorm: number;
  weightNorm: number;
}

/** What a frame shows of one layer's last step, cached between statistics refreshes. */
interface LayerView {
  stages: (StageFrame | null)[];
  saturation: number;
  running: LayerFrame['running'];
}

function copyView(v: LayerView): LayerView {
  return {
    stages: v.stages.map((s) => s && { stage: s.stage, stats: s.stats.slice(), distribution: s.distribution.slice(), hist: s.hist.slice(), under: s.under, over: s.over, overflowEdges: [s.overflowEdges[0], s.overflowEdges[1]] }),
    saturation: v.saturation,
    running: v.running && { mean: v.running.mean.slice(), variance: v.running.variance.slice(), batchMean: v.running.batchMean.slice(), batchVar: v.running.batchVar.slice() },
  };
}

export interface RunHistory {
  loss: BoundedSeries;
  testLoss: BoundedSeries;
  testAcc: BoundedSeries;
  testLossBatchStats: BoundedSeries | null;
  testAccBatchStats: BoundedSeries | null;
  layers: LayerHistory[];
  renorm: RenormHistory | null;
}

/** Batch renorm runs: the schedule's limits and the share of units whose r or d sat at a limit. */
interface RenormHistory { rmax: BoundedSeries; dmax: BoundedSeries; clippedR: BoundedSeries; clippedD: BoundedSeries }


export class FrameBuilder {
  /** Per run, its series (read by the test hooks' fast-forward, fast-forward.test-support.ts). */
  readonly history: RunHistory[];
  private readonly bins: (StableBins | null)[][];
  /**
   * Percentiles for display come from an evenly spread, deterministic sample of at most this many of
   * a layer's B x units values (min and max stay exact): a few hundredths of a standard deviation of
   * accuracy, at a third of the cost for the Figure 1 network.
   */
  private readonly stats = new LayerStatsComputer({ maxQuantileValues: QUANTILE_SAMPLE });
  private readonly scratchStats: LayerStats = createLayerStats();
  private readonly bandStats: LayerStats = createLayerStats();
  /** gamma and beta of the batch-norm run's layers as the last step's forward pass used them (before its update). */
  private readonly usedGamma: Float32Array[];
  private readonly usedBeta: Float32Array[];
  private frames = 0;
  private refreshes = 0;
  private freshStats = true;
  /** Per run, the last computed view of each layer. */
  private readonly views: (LayerView[] | null)[] = [];
  /** Measures before scheduled steps (it needs the weights before the update and the step's batch). */
  readonly landscape: LandscapeMonitor;
  /** Per run, the CNN's own telemetry (null for a fully connected run), and its last computed part. */
  private readonly conv: (ConvTelemetry | null)[];
  private readonly convCache: (ConvRunFrame | null)[];

  constructor(session: TrainingSession) {
    this.history = session.runs.map((run) => ({
      loss: new BoundedSeries(),
      testLoss: new BoundedSeries(),
      testAcc: new BoundedSeries(),
      testLossBatchStats: usesBatchStatistics(run.norm) ? new BoundedSeries() : null,
      testAccBatchStats: usesBatchStatistics(run.norm) ? new BoundedSeries() : null,
      layers: run.watched.map((l) => ({
        p15: new BoundedSeries(), p50: new BoundedSeries(), p85: new BoundedSeries(),
        zMean: new BoundedSeries(), zVar: new BoundedSeries(),
        normMean: l.gamma ? new BoundedSeries() : null, normVar: l.gamma ? new BoundedSeries() : null,
        runningMean: l.runningMean ? new BoundedSeries() : null, runningVar: l.runningVar ? new BoundedSeries() : null,
        snapshot: new ParamSnapshot(l.W.length), updateRatio: NaN, gradNorm: NaN, weightNorm: NaN,
      })),
      renorm: hasRenorm(run.model)
        ? { rmax: new BoundedSeries(), dmax: new BoundedSeries(), clippedR: new BoundedSeries(), clippedD: new BoundedSeries() }
        : null,
    }));
    const bnRun = session.runs.find((r) => r.norm === 'batch');
    this.usedGamma = bnRun ? bnRun.watched.map((l) => Float32Array.from(l.gamma!)) : [];
    this.usedBeta = bnRun ? bnRun.watched.map((l) => Float32Array.from(l.beta!)) : [];
    const anyNorm = session.runs.some((r) => r.norm !== 'none');
    const act = session.settings.act;
    // Activation outputs have hard limits the bins never need to cross.
    const actDomain = act === 'sigmoid' ? { lo: 0, hi: 1 } : act === 'tanh' ? { lo: -1, hi: 1 } : { lo: 0 };
    this.bins = session.runs[0].watched.map(() => STAGES.map((s) => {
      if (s === 'norm' && !anyNorm) return null;
      return new StableBins(s === 'act' ? { domain: actDomain } : {});
    }));
    this.landscape = new LandscapeMonitor(session);
    this.conv = session.runs.map((r) => (r.model instanceof ConvNet ? new ConvTelemetry(r.model, session.dataset) : null));
    this.convCache = session.runs.map(() => null);
  }

  /**
   * Before a step: on a scheduled step, measure the loss landscape (on the batch the step is about to
   * use); keep gamma and beta for the BN panel, and W of the steps whose update ratio is measured.
   */
  beforeStep(session: TrainingSession): void {
    // First, so that it sees the weights as the step will and restores them before anything is copied.
    this.landscape.beforeStep(session);
    this.beforeStepTelemetry(session);
    this.landscape.trainStarted();
  }

  private beforeStepTelemetry(session: TrainingSession): void {
    const bnRun = session.runs.find((r) => r.norm === 'batch');
    bnRun?.watched.forEach((l, j) => { this.usedGamma[j].set(l.gamma!); this.usedBeta[j].set(l.beta!); });
    if ((session.step + 1) % RATIO_EVERY !== 0) return;
    session.runs.forEach((run, i) => {
      if (run.divergedAt === null) run.watched.forEach((l, j) => this.history[i].layers[j].snapshot.capture(l.W));
    });
  }

  /** After a step: the loss of every run, and every BAND_EVERY steps the percentile bands. */
  afterStep(session: TrainingSession): void {
    this.landscape.trainEnded();
    const step = session.step;
    session.runs.forEach((run, i) => {
      const h = this.history[i];
      if (run.divergedAt !== null && run.divergedAt < step) return;
      h.loss.append(step, run.lastLoss);
      if (step % RATIO_EVERY === 0) {
        run.watched.forEach((l, j) => {
          const lh = h.layers[j];
          lh.updateRatio = lh.snapshot.ratio(l.W);
          lh.gradNorm = l2Norm(l.dW);
          lh.weightNorm = l2Norm(l.W);
        });
      }
      if (step % BAND_EVERY === 0) {
        const B = run.model.lastBatchSize;
        this.conv[i]?.afterStep(step);
        if (h.renorm && hasRenorm(run.model)) {
          const { rmax, dmax } = run.model.getRenormLimits();
          const clipped = renormClippedShare(run.model);
          h.renorm.rmax.append(step, rmax);
          h.renorm.dmax.append(step, dmax);
          h.renorm.clippedR.append(step, clipped.r);
          h.renorm.clippedD.append(step, clipped.d);
        }
        run.watched.forEach((l, j) => {
          const lh = h.layers[j];
          const rows = B * l.positions;
          const s = this.stats.compute(l.activationInput(B), rows, l.units, 'none', this.bandStats);
          lh.p15.append(step, s.p15);
          lh.p50.append(step, s.p50);
          lh.p85.append(step, s.p85);
          const z = unitMoments(l.stage('z', B)!, rows, l.units);
          lh.zMean.append(step, z.mean);
          lh.zVar.append(step, z.variance);
          const norm = l.stage('norm', B);
          if (norm) {
            const n = unitMoments(norm, rows, l.units);
            lh.normMean?.append(step, n.mean);
            lh.normVar?.append(step, n.variance);
          }
          if (l.runningMean) {
            lh.runningMean?.append(step, average(l.runningMean));
            lh.runningVar?.append(step, average(l.runningVar!));
          }
        });
      }
    });
  }

  afterEval(session: TrainingSession, metrics: Map<string, EvalMetrics>): void {
    session.runs.forEach((run, i) => {
      const m = metrics.get(run.id);
      if (!m || (run.divergedAt !== null && run.divergedAt < session.step)) return;
      const h = this.history[i];
      h.testLoss.append(m.step, m.loss);
      h.testAcc.append(m.step, m.accuracy);
      if (m.batchStatsLoss !== null) h.testLossBatchStats?.append(m.step, m.batchStatsLoss);
      if (m.batchStatsAccuracy !== null) h.testAccBatchStats?.append(m.step, m.batchStatsAccuracy);
    });
  }

  build(session: TrainingSession, seq: number, status: string, selected: { layer: number; unit: number }, notice: string | null): TelemetryFrame {
    // While training, the layer statistics are recomputed every STATS_EVERY frames (about 7 a second at
    // 20 frames a second: what a histogram needs; it is most of a frame's cost); paused, every frame.
    this.frames++;
    this.freshStats = status !== 'running' || this.frames % STATS_EVERY === 1 % STATS_EVERY;
    // Shared bins: every run's values of a (layer, stage) vote on one range before any is counted.
    // The range is reconsidered every RANGE_EVERY statistics refreshes (it moves rarely, and the vote costs a selection).
    if (this.freshStats) this.refreshes++;
    this.bins.forEach((stageBins, j) => stageBins.forEach((bins, s) => {
      if (!bins || !this.freshStats || (bins.initialized && this.refreshes % RANGE_EVERY !== 0)) return;
      for (const run of session.runs) {
        const l = run.watched[j];
        const N = run.model.lastBatchSize;
        const values = l.stage(STAGES[s], N);
        if (values) bins.observe(values, N * l.positions * l.units);
      }
      bins.commit();
    }));
    const runs = session.runs.map((run, i) => this.runFrame(session, run, i, selected));
    return {
      seq, status, notice, step: session.step, epoch: session.epoch,
      // The rates are the coordinator's to measure (runtime/step-rate.ts): it fills them in when it merges the parts.
      stepsPerSec: 0, examplesPerSec: 0,
      settings: structuredClone(session.settings),
      bins: this.bins.map((row) => row.map((b) => (b ? { lo: b.lo, hi: b.hi, count: b.bins, version: b.version } : null))),
      runs,
      bnDetail: bnDetail(session, selected, this.usedGamma, this.usedBeta),
      landscape: this.landscape.frame(session),
    };
  }

  private runFrame(session: TrainingSession, run: TrainingSession['runs'][number], i: number, selected: { layer: number; unit: number }): RunFrame {
    const h = this.history[i];
    const B = run.model.lastBatchSize;
    const fresh = this.freshStats || !this.views[i];
    const ct = this.conv[i];
    let conv: ConvRunFrame | null = null;
    if (ct) {
      // Histograms, maps and the detail cost passes over N x C x H x W: computed on statistics refreshes, copied between.
      const cached = this.convCache[i];
      if (fresh || !cached) {
        conv = ct.frame(run.stepEps, selected);
        this.convCache[i] = copyConvFrame(conv);
      } else {
        const series = ct.series();
        const c = copyConvFrame(cached);
        conv = { ...c, layers: c.layers.map((l, j) => ({ ...l, series: series[j] })) };
      }
    }
    if (fresh) this.views[i] = run.watched.map((l, j) => this.layerView(session, l, j, B));
    const views = this.views[i]!;
    const layers = run.watched.map((l, j): LayerFrame => {
      // Every frame gets its own arrays (they are transferred away), copies of the cached view between refreshes.
      const { stages, saturation, running } = fresh ? views[j] : copyView(views[j]);
      if (fresh) views[j] = copyView(views[j]);
      return {
        units: l.units, activation: l.activation, norm: l.normKind, stages,
        gradNorm: h.layers[j].gradNorm, weightNorm: h.layers[j].weightNorm, updateRatio: h.layers[j].updateRatio, saturation, running,
        bands: { p15: h.layers[j].p15.toColumns(), p50: h.layers[j].p50.toColumns(), p85: h.layers[j].p85.toColumns() },
        moments: {
          zMean: h.layers[j].zMean.toColumns(), zVar: h.layers[j].zVar.toColumns(),
          normMean: h.layers[j].normMean?.toColumns() ?? null, normVar: h.layers[j].normVar?.toColumns() ?? null,
          runningMean: h.layers[j].runningMean?.toColumns() ?? null, runningVar: h.layers[j].runningVar?.toColumns() ?? null,
        },
      };
    });
    return {
      id: run.id, norm: run.norm, placement: run.placement, divergedAt: run.divergedAt, lastLoss: run.lastLoss,
      loss: h.loss.toColumns(), testLoss: h.testLoss.toColumns(), testAcc: h.testAcc.toColumns(),
      testLossBatchStats: h.testLossBatchStats?.toColumns() ?? null,
      testAccBatchStats: h.testAccBatchStats?.toColumns() ?? null,
      layers,
      ...(ct ? { conv } : {}),
      renorm: h.renorm && {
        rmax: h.renorm.rmax.toColumns(), dmax: h.renorm.dmax.toColumns(),
        clippedR: h.renorm.clippedR.toColumns(), clippedD: h.renorm.clippedD.toColumns(),
      },
    };
  }

  /** The statistics, histograms and running estimates of one layer's last training step. */
  private layerView(session: TrainingSession, l: WatchedLayer, j: number, B: number): LayerView {
    let saturation = NaN;
    const rows = B * l.positions;
    const stages = STAGES.map((stage, s): StageFrame | null => {
      const values = B === 0 ? null : l.stage(stage, B);
      const bins = this.bins[j][s];
      if (!values || !bins || B === 0) return null;
      const st = this.stats.compute(values, rows, l.units, stage === 'act' ? l.activation : 'none', this.scratchStats);
      if (stage === 'act') saturation = st.saturation;
      const hist = new Float32Array(bins.bins);
      bins.count(values, rows * l.units, hist);
      return {
        stage,
        stats: Float32Array.from([st.meanOfMeans, st.meanOfVars, st.stdOfMeans, st.stdOfVars, st.min, st.max, st.p15, st.p50, st.p85]),
        distribution: Float32Array.from(st.distribution),
        hist,
        under: bins.countedBelow,
        over: bins.countedAbove,
        overflowEdges: [bins.lo, bins.hi],
      };
    });
    let running: LayerFrame['running'] = null;
    if (l.runningMean && B > 0) {
      running = {
        mean: Float32Array.from(l.runningMean),
        variance: Float32Array.from(l.runningVar!),
        batchMean: Float32Array.from(l.batchMean().subarray(0, l.units)),
        // the variance the step normalised with, as the kernel stored it (1/rstd^2 - eps would cancel when var << eps)
        batchVar: Float32Array.from(l.batchVariance().subarray(0, l.units)),
      };
    }
    return { stages, saturation, running };
  }

  /** A frame with no session (before loading, or after an error). */
  static empty(seq: number, status: string, notice: string | null): TelemetryFrame {
    return { seq, status, notice, step: 0, epoch: 0, stepsPerSec: 0, examplesPerSec: 0, settings: null, bins: [], runs: [], bnDetail: null, landscape: null };
  }
}

/**
 * Batch statistics per unit, averaged over units: mean = (1/U) sum_u mean_u,
 * variance = (1/U) sum_u (1/B) sum_b (x_bu - mean_u)^2 (what batch norm sees, before it normalises).
 */
function unitMoments(x: ArrayLike<number>, B: number, U: number): { mean: number; variance: number } {
  let meanSum = 0;
  let varSum = 0;
  for (let u = 0; u < U; u++) {
    let m = 0;
    for (let b = 0; b < B; b++) m += x[b * U + u];
    m /= B;
    let v = 0;
    for (let b = 0; b < B; b++) { const d = x[b * U + u] - m; v += d * d; }
    meanSum += m;
    varSum += v / B;
  }
  return { mean: meanSum / U, variance: varSum / U };
}

function average(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}
