// What the CNN's views need of a run beyond the per-layer frame (frame.ts), built in the run's worker
// from the arrays the last training step left in the engine (no copies but what is sent):
//   - per-channel histograms of the norm's input and output, each over the channel's N x H x W values;
//   - per channel over the steps (batch norm): the batch mean and variance against the running
//     estimates that evaluation uses;
//   - the feature maps of one fixed test digit after each conv layer (evaluation mode);
//   - for the step-by-step panel, which values of the batch form the selected channel's statistics:
//     batch norm, channel c of every sample (N x H x W values); group norm, the channels of c's group
//     in one sample (C/G x H x W values), with a few of those maps and the statistics the engine used.
import type { Dataset } from '../data/dataset';
import { ConvNet } from '../engine/convnet';
import type { WeightLayer } from '../engine/weight-layer';
import { BoundedSeries, type SeriesColumns } from './bounded-series';

/** Bins of a per-channel histogram. */
export const CHANNEL_BINS = 32;
/** Samples (batch norm) or channels (group norm) whose maps the step-by-step panel shows. */
export const DETAIL_MAPS = 6;
/** The test image whose feature maps are shown (a 7 in MNIST's test set order: index 0). */
export const FEATURE_DIGIT = 0;

export interface ChannelHistograms {
  /** The bins: `bins` equal bins over [lo, hi); values outside are counted in under/over per channel. */
  lo: number;
  hi: number;
  bins: number;
  /** (channels, bins) counts of the norm's input (z before the norm for pre, act(z) for post). */
  input: Float32Array;
  /** The same for the norm's output, or null without a norm. */
  output: Float32Array | null;
  /** Per channel, values below lo and at or above hi: [input under, input over, output under, output over] x channels. */
  outside: Float32Array;
}

export interface ChannelSeries {
  batchMean: SeriesColumns[];
  batchVar: SeriesColumns[];
  runningMean: SeriesColumns[];
  runningVar: SeriesColumns[];
}

export interface ConvLayerFrame {
  channels: number;
  H: number;
  W: number;
  /** Group norm's groups (1 otherwise). */
  groups: number;
  hist: ChannelHistograms | null;
  /** Batch norm runs only. */
  series: ChannelSeries | null;
}

export interface FeatureMaps {
  /** Index of the test image and its label. */
  index: number;
  label: number;
  /** 28 x 28 pixels. */
  input: Float32Array;
  /** Per conv layer, its output (C, H, W) after the activation (and the norm, for post), evaluation mode. */
  layers: Float32Array[];
}

export interface ConvDetail {
  layer: number;
  channel: number;
  norm: 'batch' | 'group';
  N: number;
  C: number;
  H: number;
  W: number;
  groups: number;
  /** Group norm: the channels of the selected channel's group, [first, last]. */
  groupChannels: [number, number];
  /** Values that form one mean and one variance: N*H*W (batch norm) or (C/G)*H*W (group norm). */
  count: number;
  /** The statistics the engine used: batch norm, channel c's; group norm, sample 0's group. */
  mean: number;
  variance: number;
  eps: number;
  /** Which maps `maps` holds: sample indices (batch norm) or channel indices of sample 0 (group norm). */
  mapIndex: number[];
  /** Those maps (each H*W) of the norm's input, and of its output. */
  maps: Float32Array;
  outMaps: Float32Array;
}

export interface ConvRunFrame {
  layers: ConvLayerFrame[];
  maps: FeatureMaps | null;
  detail: ConvDetail | null;
}

/** A copy with arrays of its own (frames are transferred away); the series are shared, not copied. */
export function copyConvFrame(f: ConvRunFrame): ConvRunFrame {
  return {
    layers: f.layers.map((l) => ({
      ...l,
      hist: l.hist && { ...l.hist, input: l.hist.input.slice(), output: l.hist.output?.slice() ?? null, outside: l.hist.outside.slice() },
    })),
    maps: f.maps && { ...f.maps, input: f.maps.input.slice(), layers: f.maps.layers.map((m) => m.slice()) },
    detail: f.detail && { ...f.detail, mapIndex: [...f.detail.mapIndex], maps: f.detail.maps.slice(), outMaps: f.detail.outMaps.slice() },
  };
}

interface LayerState {
  lo: number;
  hi: number;
  series: { batchMean: BoundedSeries[]; batchVar: BoundedSeries[]; runningMean: BoundedSeries[]; runningVar: BoundedSeries[] } | null;
}

/** A range with hysteresis: grows to hold [min, max] at once, shrinks only when the data fill less than a third of it. */
export function stickyRange(lo: number, hi: number, min: number, max: number): [number, number] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [lo, hi];
  if (max <= min) { min -= 0.5; max += 0.5; }
  const pad = 0.05 * (max - min);
  const fits = Number.isFinite(lo) && lo <= min && hi >= max;
  if (fits && (max - min) * 3 >= hi - lo) return [lo, hi];
  return [min - pad, max + pad];
}

/**
 * Counts each channel's values of x (N, C, P) into `counts` (C, bins) over [lo, hi); values outside go
 * to outside[2*c] (below) and outside[2*c + 1] (at or above hi); NaN is not counted.
 */
export function countChannels(counts: Float32Array, outside: Float32Array, x: ArrayLike<number>, N: number, C: number, P: number, lo: number, hi: number, bins: number): void {
  counts.fill(0);
  outside.fill(0);
  const scale = bins / (hi - lo);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const base = (n * C + c) * P;
      for (let p = 0; p < P; p++) {
        const v = x[base + p];
        if (v < lo) outside[2 * c]++;
        else if (v >= hi) outside[2 * c + 1]++;
        else if (v === v) counts[c * bins + Math.min(bins - 1, Math.floor((v - lo) * scale))]++;
      }
    }
  }
}

function minMax(x: ArrayLike<number>, n: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

export class ConvTelemetry {
  private readonly convs: WeightLayer[];
  private readonly state: LayerState[];
  private readonly digit: Float32Array;
  private readonly label: number;

  constructor(private readonly model: ConvNet, dataset: Dataset) {
    this.convs = model.weightLayers.filter((l) => l.type === 'conv');
    this.state = this.convs.map((l) => ({
      lo: NaN, hi: NaN,
      series: l.normKind === 'batch' ? {
        batchMean: Array.from({ length: l.channels }, () => new BoundedSeries()),
        batchVar: Array.from({ length: l.channels }, () => new BoundedSeries()),
        runningMean: Array.from({ length: l.channels }, () => new BoundedSeries()),
        runningVar: Array.from({ length: l.channels }, () => new BoundedSeries()),
      } : null,
    }));
    const I = dataset.inputSize;
    const k = Math.min(FEATURE_DIGIT, dataset.testCount - 1);
    this.digit = dataset.testX.slice(k * I, (k + 1) * I);
    this.label = dataset.testY[k];
  }

  /** After a sampled training step: each channel's batch statistics and running estimates. */
  afterStep(step: number): void {
    this.convs.forEach((l, j) => {
      const s = this.state[j].series;
      if (!s || !l.runningMean || !l.runningVar) return;
      for (let c = 0; c < l.channels; c++) {
        s.batchMean[c].append(step, l.train.mean[c]);
        s.batchVar[c].append(step, l.train.variance[c]);
        s.runningMean[c].append(step, l.runningMean[c]);
        s.runningVar[c].append(step, l.runningVar[c]);
      }
    });
  }

  /** Per conv layer, its channels' series over the steps (batch norm), or null. */
  series(): (ChannelSeries | null)[] {
    return this.state.map(({ series: s }) => s && {
      batchMean: s.batchMean.map((x) => x.toColumns()), batchVar: s.batchVar.map((x) => x.toColumns()),
      runningMean: s.runningMean.map((x) => x.toColumns()), runningVar: s.runningVar.map((x) => x.toColumns()),
    });
  }

  /** The frame part from the last step: histograms, series, the feature maps and the step-by-step detail. */
  frame(eps: number, selected: { layer: number; unit: number }): ConvRunFrame {
    const series = this.series();
    const N = this.model.lastBatchSize;
    const layers = this.convs.map((l, j): ConvLayerFrame => {
      const st = this.state[j];
      const [, H, W] = [l.channels, l.geometry!.OH, l.geometry!.OW];
      let hist: ChannelHistograms | null = null;
      if (N > 0) {
        const inp = l.normInput('train');
        const out = l.normOutput('train');
        const n = N * l.outSize;
        let [a, b] = minMax(inp, n);
        if (out) {
          const [c, d] = minMax(out, n);
          a = Math.min(a, c);
          b = Math.max(b, d);
        }
        [st.lo, st.hi] = stickyRange(st.lo, st.hi, a, b);
        const C = l.channels;
        const input = new Float32Array(C * CHANNEL_BINS);
        const output = out ? new Float32Array(C * CHANNEL_BINS) : null;
        const outside = new Float32Array(4 * C);
        const o1 = new Float32Array(2 * C);
        countChannels(input, o1, inp, N, C, l.HW, st.lo, st.hi, CHANNEL_BINS);
        for (let c = 0; c < C; c++) { outside[c * 4] = o1[2 * c]; outside[c * 4 + 1] = o1[2 * c + 1]; }
        if (out && output) {
          countChannels(output, o1, out, N, C, l.HW, st.lo, st.hi, CHANNEL_BINS);
          for (let c = 0; c < C; c++) { outside[c * 4 + 2] = o1[2 * c]; outside[c * 4 + 3] = o1[2 * c + 1]; }
        }
        hist = { lo: st.lo, hi: st.hi, bins: CHANNEL_BINS, input, output, outside };
      }
      return { channels: l.channels, H, W, groups: l.groups, hist, series: series[j] };
    });
    return { layers, maps: this.featureMaps(), detail: this.detail(eps, selected, N) };
  }

  /** The fixed test digit through the network in evaluation mode: each conv layer's output. */
  featureMaps(): FeatureMaps {
    const layers: Float32Array[] = [];
    this.model.forwardEval(this.digit, 1, { chunk: 1 }, () => {
      for (const l of this.convs) layers.push(Float32Array.from(l.output('eval').subarray(0, l.outSize)));
    });
    return { index: FEATURE_DIGIT, label: this.label, input: this.digit.slice(), layers };
  }

  private detail(eps: number, selected: { layer: number; unit: number }, N: number): ConvDetail | null {
    const l = this.convs[selected.layer];
    if (!l || N < 1 || (l.normKind !== 'batch' && l.normKind !== 'group')) return null;
    const C = l.channels;
    const c = Math.min(Math.max(0, selected.unit), C - 1);
    const P = l.HW;
    const inp = l.normInput('train');
    const out = l.normOutput('train')!;
    const G = l.groups;
    const per = C / G;
    const g = Math.floor(c / per);
    const batch = l.normKind === 'batch';
    const mapIndex = batch
      ? Array.from({ length: Math.min(DETAIL_MAPS, N) }, (_, n) => n)
      : Array.from({ length: Math.min(DETAIL_MAPS, per) }, (_, k) => g * per + k);
    const maps = new Float32Array(mapIndex.length * P);
    const outMaps = new Float32Array(mapIndex.length * P);
    mapIndex.forEach((m, k) => {
      // batch norm: sample m's channel c; group norm: sample 0's channel m
      const at = batch ? (m * C + c) * P : m * P;
      maps.set(inp.subarray(at, at + P), k * P);
      outMaps.set(out.subarray(at, at + P), k * P);
    });
    const stat = batch ? c : g; // group norm: (N, G) statistics, sample 0 first
    // batch norm: the variance its kernel stored; group norm keeps only rstd, so var = 1/rstd^2 - eps
    const r = l.train.rstd[stat];
    const variance = batch ? l.train.variance[c] : 1 / (r * r) - eps;
    return {
      layer: selected.layer, channel: c, norm: batch ? 'batch' : 'group', N, C, H: l.geometry!.OH, W: l.geometry!.OW, groups: G,
      groupChannels: [g * per, g * per + per - 1], count: batch ? N * P : per * P,
      mean: l.train.mean[stat], variance, eps, mapIndex, maps, outMaps,
    };
  }
}
