// The telemetry frame format: what the workers send the page, struct-of-arrays typed arrays that are
// moved (transferred), not copied. Built by FrameBuilder (frame.ts), merged over run groups by
// frame-merge.ts, read by the state and the charts (types only, and STAGES through the state).
import type { Activation, NormKind, NormPlacement } from '../engine/types';
import type { TrainSettings } from '../session/settings';
import type { SeriesColumns } from './bounded-series';
import type { BnDetail } from './bn-detail';
import type { LandscapeFrame } from './landscape-monitor';
import type { ConvRunFrame } from './conv-telemetry';

export type { BnDetail } from './bn-detail';
export type { LandscapeFrame, LandscapeRunFrame, LandscapeCost } from './landscape-monitor';

/** The three places a layer's values are watched: pre-norm z = Wx + b, the norm's output, the activation's output. */
export const STAGES = ['z', 'norm', 'act'] as const;
export type Stage = (typeof STAGES)[number];

/** Order of the numbers in StageFrame.stats. */
export const STAGE_STATS = ['meanOfMeans', 'meanOfVars', 'stdOfMeans', 'stdOfVars', 'min', 'max', 'p15', 'p50', 'p85'] as const;

export interface StageFrame {
  stage: Stage;
  /** STAGE_STATS, in that order. */
  stats: Float32Array;
  /** TensorBoard's nine-point distribution (0, 6.68, ..., 100th percentiles). */
  distribution: Float32Array;
  /** Counts on the session's shared bins for this (layer, stage): frame.bins[layer][stage]. */
  hist: Float32Array;
  /** Values below the bins' lo and above their hi: counted here, in no bin (an overflow, not a spike). */
  under: number;
  over: number;
  /**
   * The lo and hi that `under` and `over` are counted against: the run's own bins, which in a merged
   * frame (frame-merge.ts) can be narrower than the frame's shared bins.
   */
  overflowEdges: [number, number];
}


export interface LayerFrame {
  units: number;
  activation: Activation;
  norm: NormKind;
  /** Indexed like STAGES; null for 'norm' in a layer without one. */
  stages: (StageFrame | null)[];
  gradNorm: number;
  weightNorm: number;
  /** ||W_after - W_before|| / ||W_before|| of the last measured step. */
  updateRatio: number;
  /** Sigmoid: outputs < 0.02 or > 0.98; tanh: |a| > 0.98; relu: units dead for the whole batch. */
  saturation: number;
  /** Batch norm only: per unit, the running estimates against the last batch's statistics. */
  running: { mean: Float32Array; variance: Float32Array; batchMean: Float32Array; batchVar: Float32Array } | null;
  /** 15/50/85th percentiles of the activation's input over the steps (Ioffe & Szegedy, Figure 1 b-c). */
  bands: { p15: SeriesColumns; p50: SeriesColumns; p85: SeriesColumns };
  /**
   * Over the steps, averaged over units: the batch mean and variance of z (before the norm) and of the
   * norm's output (null without a norm), and the running estimates (batch norm only).
   */
  moments: {
    zMean: SeriesColumns; zVar: SeriesColumns;
    normMean: SeriesColumns | null; normVar: SeriesColumns | null;
    runningMean: SeriesColumns | null; runningVar: SeriesColumns | null;
  };
}

export interface RunFrame {
  /** The run kind: 'plain' | 'batch' | 'layer' | 'batch-pre' | 'batch-post'. */
  id: string;
  norm: NormKind;
  placement: NormPlacement;
  divergedAt: number | null;
  lastLoss: number;
  loss: SeriesColumns;
  testLoss: SeriesColumns;
  testAcc: SeriesColumns;
  /** Batch-norm runs: test metrics with each test batch's own statistics instead of the running ones. */
  testLossBatchStats: SeriesColumns | null;
  /** Batch renorm runs: rmax, dmax and the share of clipped units over the steps. */
  renorm: RenormFrame | null;
  testAccBatchStats: SeriesColumns | null;
  layers: LayerFrame[];
  /** The CNN (arch cnn) only: per-channel views, feature maps, the conv step-by-step (conv-telemetry.ts). */
  conv?: ConvRunFrame | null;
}

export interface BinsFrame {
  lo: number;
  hi: number;
  count: number;
  version: number;
}

export interface TelemetryFrame {
  seq: number;
  status: string;
  /** Something the page should say once (a reset, a run diverged, an error). */
  notice: string | null;
  step: number;
  epoch: number;
  stepsPerSec: number;
  examplesPerSec: number;
  settings: TrainSettings | null;
  /** bins[layer][stage], shared by every run. */
  bins: (BinsFrame | null)[][];
  runs: RunFrame[];
  bnDetail: BnDetail | null;
  /** The loss landscape along the gradient and ICS per run, measured every settings.landscapeEvery steps. */
  landscape: LandscapeFrame | null;
}

/** Steps between two samples of the percentile bands. */
export const BAND_EVERY = 20;

/** What a frame carries of a renorm run's schedule, sampled every BAND_EVERY steps. */
export interface RenormFrame { rmax: SeriesColumns; dmax: SeriesColumns; clippedR: SeriesColumns; clippedD: SeriesColumns }

/** Every typed array's buffer in a frame, for comlink's transfer(). */
export function frameTransferables(frame: TelemetryFrame): Transferable[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) out.add(v.buffer as ArrayBuffer);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(frame);
  return [...out];
}
