// Text alternatives of the CNN views (as ./summaries.ts is for the others): one sentence per view saying
// what it shows now, from the telemetry frame, in the page's language (src/i18n/dict/cnn.ts). Each
// picks its run as its view does, so the sentence describes the picture. ./live-summary.tsx shows and
// announces them.
import type { TelemetryFrame } from '../telemetry/frame';
import { runName, translate, type T } from '../i18n';
import { convRuns } from './cnn-kit';
import { formatNumber } from './summaries';

const tOf = (lang: string): T => (key, params) => translate(lang, key, params);
const stepText = (lang: string, step: number) => step.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
const layerName = (t: T, layer: number) => t(layer === 0 ? 'layer.0' : 'layer.1');

/** The smallest and largest channel mean of (channels, bins) counts over `bins` equal bins of [lo, hi). */
export function channelMeanRange(counts: ArrayLike<number>, channels: number, bins: number, lo: number, hi: number): [number, number] | null {
  const w = (hi - lo) / bins;
  let min = Infinity;
  let max = -Infinity;
  for (let c = 0; c < channels; c++) {
    let n = 0;
    let s = 0;
    for (let b = 0; b < bins; b++) { const k = counts[c * bins + b]; n += k; s += k * (lo + (b + 0.5) * w); }
    if (n > 0) { min = Math.min(min, s / n); max = Math.max(max, s / n); }
  }
  return min <= max ? [min, max] : null;
}

/** Per-channel activations: the range of the channel means (from the bins) before and after the norm. */
export function summarizeCnnHistograms(frame: TelemetryFrame | null, layer: number, chosen: string | null, lang: string): string {
  const t = tOf(lang);
  const runs = convRuns(frame);
  const run = runs.find((r) => r.id === chosen) ?? runs.find((r) => r.norm !== 'none') ?? runs[0];
  const cl = run?.conv?.layers[layer];
  const h = cl?.hist;
  const before = h && channelMeanRange(h.input, cl.channels, h.bins, h.lo, h.hi);
  if (!frame || !run || !h || !before) return t('cnn.sum.none');
  const after = h.output && channelMeanRange(h.output, cl.channels, h.bins, h.lo, h.hi);
  const common = { step: stepText(lang, frame.step), layer: layerName(t, layer), run: runName(t, run.id), lo: formatNumber(before[0]), hi: formatNumber(before[1]) };
  return after ? t('cnn.sum.hist', { ...common, olo: formatNumber(after[0]), ohi: formatNumber(after[1]) }) : t('cnn.sum.histPlain', common);
}

/** Channel statistics over time: each channel's latest running mean (or variance). */
export function summarizeCnnStats(frame: TelemetryFrame | null, layer: number, what: 'mean' | 'var', lang: string): string {
  const t = tOf(lang);
  const run = convRuns(frame).find((r) => r.conv?.layers[layer]?.series);
  const s = run?.conv?.layers[layer]?.series;
  const cols = s && (what === 'mean' ? s.runningMean : s.runningVar);
  if (!frame || !run || !cols || cols.every((c) => c.y.length === 0)) return t('cnn.sum.none');
  const values = cols.map((c, i) => `c${i + 1} ${c.y.length ? formatNumber(c.y[c.y.length - 1]) : '—'}`).join(', ');
  return t('cnn.sum.stats', { step: stepText(lang, frame.step), layer: layerName(t, layer), run: runName(t, run.id), what: t(what === 'mean' ? 'stats.mean' : 'stats.var'), values });
}

const mean = (a: Float32Array): number => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return a.length ? s / a.length : NaN; };

/** Feature maps: the test image, and per run the mean activation of each conv layer on it. */
export function summarizeCnnMaps(frame: TelemetryFrame | null, lang: string): string {
  const t = tOf(lang);
  const runs = convRuns(frame).filter((r) => r.conv?.maps);
  const first = runs[0]?.conv?.maps;
  if (!frame || !first) return t('cnn.sum.none');
  const parts = runs.map((r) => {
    const m = r.conv!.maps!;
    return t('cnn.sum.mapsRun', { run: runName(t, r.id), c1: formatNumber(mean(m.layers[0])), c2: formatNumber(mean(m.layers[1])) });
  });
  return t('cnn.sum.maps', { step: stepText(lang, frame.step), index: first.index, label: first.label, runs: parts.join(t('cnn.sum.sep')) });
}

/** The conv step-by-step: which values form the shown channel's mean and variance, and those. */
export function summarizeCnnStep(frame: TelemetryFrame | null, chosen: string | null, lang: string): string {
  const t = tOf(lang);
  const runs = convRuns(frame).filter((r) => r.conv?.detail);
  const run = runs.find((r) => r.id === chosen) ?? runs[0];
  const d = run?.conv?.detail;
  if (!frame || !run || !d) return t('cnn.sum.none');
  return t('cnn.sum.step', {
    step: stepText(lang, frame.step), run: runName(t, run.id), layer: layerName(t, d.layer), channel: d.channel + 1,
    count: d.count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'), mean: formatNumber(d.mean), variance: formatNumber(d.variance),
  });
}
