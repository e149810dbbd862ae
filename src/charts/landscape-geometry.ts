// Geometry of the loss-landscape chart: its panels (which series each draws, as a band or a line, on
// which y scale, and under which names a saved record holds them), their domains over the live runs
// and the pinned ones, the ICS layers to choose from, the panel grid, and the cost line's numbers.
// Pure functions of a telemetry frame and the pinned lines.
import type { SeriesColumns } from '../telemetry/bounded-series';
import type { LandscapeFrame, LandscapeRunFrame, TelemetryFrame } from '../telemetry/frame';
import { nearestIndex } from './nearest';
import { addPinnedValues, pinnedLastStep, type PinnedLine } from './pinned-geometry';
import { layerSeriesKey } from './pinned-layers';
import { ValuePool, niceDomain, stepDomain } from './y-domain';

export type PanelKey = 'loss' | 'gradPred' | 'beta' | 'icsDist' | 'icsCos';

/**
 * One panel: `band` gives the low and high series (per run), `line` the series drawn as a line; `saved`
 * names the same series in a saved record (state/export.ts frameSeries), `layered` when they are per
 * linear layer (ICS: the chosen layer's).
 */
export interface LandscapePanel {
  key: PanelKey;
  log: boolean;
  band: ((r: LandscapeRunFrame, layer: number) => [SeriesColumns, SeriesColumns]) | null;
  line: ((r: LandscapeRunFrame, layer: number) => SeriesColumns) | null;
  saved: { band: readonly [string, string] | null; line: string | null; layered: boolean };
}

export const PANELS: readonly LandscapePanel[] = [
  // the loss along the gradient: min..max over the step sizes, and the loss at w itself
  { key: 'loss', log: false, band: (r) => [r.lossMin, r.lossMax], line: (r) => r.loss, saved: { band: ['landscapeLossMin', 'landscapeLossMax'], line: 'landscapeLoss', layered: false } },
  { key: 'gradPred', log: true, band: (r) => [r.gradPredMin, r.gradPredMax], line: null, saved: { band: ['gradPredMin', 'gradPredMax'], line: null, layered: false } },
  { key: 'beta', log: true, band: null, line: (r) => r.betaSmooth, saved: { band: null, line: 'betaSmooth', layered: false } },
  { key: 'icsDist', log: true, band: null, line: (r, layer) => r.icsDist[layer], saved: { band: null, line: 'icsDist', layered: true } },
  { key: 'icsCos', log: false, band: null, line: (r, layer) => r.icsCos[layer], saved: { band: null, line: 'icsCos', layered: true } },
];

/** Every saved series name the panels draw (for usePinnedGroups). */
export const LANDSCAPE_SERIES_NAMES: readonly string[] = PANELS.flatMap((p) => [...(p.saved.band ?? []), ...(p.saved.line ? [p.saved.line] : [])]);

/** What a panel draws of the pinned runs: its band's low and high edges (as lines) and its line. */
export interface PinnedPanel { lo: readonly PinnedLine[]; hi: readonly PinnedLine[]; line: readonly PinnedLine[] }

/** All the lines of a PinnedPanel, band edges first. */
export const pinnedPanelLines = (p: PinnedPanel): PinnedLine[] => [...p.lo, ...p.hi, ...p.line];

/**
 * The lines of series `name` saved per layer (./pinned-layers.ts groups, keyed `name@layer`) that stand
 * for the live choice `layer` of `layers`: the output layer (the last) is each pinned run's own last
 * layer, a hidden layer the same index when the pinned run has it as a hidden layer (a pinned network
 * of another depth shows its output beside the live output, never a hidden layer as the output).
 * Before the live runs have a measurement (`layers` 0) the output layer is shown, as it is by default.
 */
export function pinnedLayerLines(groups: ReadonlyMap<string, readonly PinnedLine[]>, name: string, layer: number, layers: number): PinnedLine[] {
  // Each pinned run's lines by layer (ICS is saved for layers 0 .. its output layer, in a row).
  const byRun = new Map<string, PinnedLine[]>();
  for (let j = 0, lines = groups.get(layerSeriesKey(name, 0)); lines; lines = groups.get(layerSeriesKey(name, ++j))) {
    for (const l of lines) {
      const own = byRun.get(l.id) ?? [];
      own[j] = l;
      byRun.set(l.id, own);
    }
  }
  const out: PinnedLine[] = [];
  for (const own of byRun.values()) {
    const last = own.length - 1;
    const l = layers <= 0 || layer === layers - 1 ? own[last] : layer < last ? own[layer] : undefined;
    if (l) out.push(l);
  }
  return out;
}

/** What `panel` draws of the pinned groups at the live ICS choice `layer` of `layers`. */
export function pinnedPanel(groups: ReadonlyMap<string, readonly PinnedLine[]>, panel: LandscapePanel, layer: number, layers: number): PinnedPanel {
  const of = (name: string | null): readonly PinnedLine[] => {
    if (!name) return [];
    return panel.saved.layered ? pinnedLayerLines(groups, name, layer, layers) : groups.get(layerSeriesKey(name, null)) ?? [];
  };
  return { lo: of(panel.saved.band?.[0] ?? null), hi: of(panel.saved.band?.[1] ?? null), line: of(panel.saved.line) };
}

/** Points of a run's series (the shortest column of the series it draws). */
export const measuredPoints = (r: LandscapeRunFrame): number => r.betaSmooth.y.length;

/** Whether any run has a measurement. */
export const hasPoints = (l: LandscapeFrame | null | undefined): boolean => !!l && l.runs.some((r) => measuredPoints(r) > 0);

/** Panels and pins: the pinned lines of every panel at one ICS choice, and the filter of the legend's toggles. */
export interface LandscapePins { panels: readonly PinnedPanel[]; hidden: ReadonlySet<string> }

/** Number of linear layers whose ICS is recorded (hidden layers, then the output layer). */
export const icsLayers = (l: LandscapeFrame | null | undefined): number => l?.runs[0]?.icsDist.length ?? 0;

/** The chosen ICS layer kept inside [0, layers); by default the output layer (the most layers below it). */
export function clampLayer(layer: number | null, layers: number): number {
  if (layers <= 0) return 0;
  if (layer === null || !Number.isInteger(layer)) return layers - 1;
  return Math.min(layers - 1, Math.max(0, layer));
}

/**
 * y domain of a panel over every run: log decades for the log panels; the cosine's [lo, 1] with lo
 * niced down from the smallest value (never below -1), so that values near 1 are told apart.
 */
export function panelDomain(frame: TelemetryFrame, panel: LandscapePanel, layer: number, pool = new ValuePool(), pinned?: PinnedPanel, hidden?: ReadonlySet<string>): [number, number] {
  pool.reset();
  if (pinned) addPinnedValues(pool, pinnedPanelLines(pinned), hidden, null, panel.log);
  for (const r of frame.landscape?.runs ?? []) {
    if (panel.band) { const [lo, hi] = panel.band(r, layer); pool.add(lo.y, lo.y.length, panel.log); pool.add(hi.y, hi.y.length, panel.log); }
    const line = panel.line?.(r, layer);
    if (line) pool.add(line.y, line.y.length, panel.log);
  }
  const extent = pool.domain();
  if (panel.key === 'icsCos') return cosineDomain(extent);
  return niceDomain(extent, panel.log, false);
}

/** [lo, 1] for cosines: 1.05 (1 - min) rounded up to 1, 2 or 5 times a power of ten, at least 1e-4, lo >= -1. */
export function cosineDomain(extent: [number, number] | null): [number, number] {
  if (!extent) return [0.99, 1];
  // 5% headroom, so that the lowest value is not drawn on the frame
  const gap = Math.max(1e-4, 1.05 * (1 - extent[0]));
  const e = 10 ** Math.floor(Math.log10(gap));
  const m = gap / e * (1 - 1e-9); // 10 ** -4 is a hair below 1e-4
  const nice = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * e;
  return [Math.max(-1, 1 - nice), 1];
}

export interface LandscapeDomains { x: [number, number]; y: [number, number][] }

/**
 * x (shared: steps up to the last one trained or pinned, or `end` of it: the axis's units for that
 * step, e.g. examples seen) and every panel's y domain (the shown pinned lines count).
 */
export function landscapeDomains(frame: TelemetryFrame, layer: number, pool = new ValuePool(), pins?: LandscapePins, end: (step: number) => number = (s) => s): LandscapeDomains {
  const last = pins ? Math.max(0, ...pins.panels.map((p) => pinnedLastStep(pinnedPanelLines(p)))) : 0;
  return { x: stepDomain(end(Math.max(frame.step, last))), y: PANELS.map((p, k) => panelDomain(frame, p, layer, pool, pins?.panels[k], pins?.hidden)) };
}

/** Panels in a grid of `cols` columns of width pw and height ph with gaps: the origin of panel k. */
export function panelGrid(width: number, count: number, ph: number, gap: number): { cols: number; pw: number; height: number; origin: (k: number) => { x: number; y: number } } {
  const cols = width >= 720 ? 3 : width >= 440 ? 2 : 1;
  const pw = Math.floor((width - gap * (cols - 1)) / cols);
  const rows = Math.ceil(count / cols);
  return { cols, pw, height: rows * ph + (rows - 1) * gap, origin: (k) => ({ x: (k % cols) * (pw + gap), y: Math.floor(k / cols) * (ph + gap) }) };
}

/** The cost line's numbers: whole percent of training time (one decimal below 10%) and ms each; null before any. */
export function costFigures(l: LandscapeFrame | null | undefined): { percent: string; ms: string } | null {
  if (!l || !(l.cost.measurements > 0) || !Number.isFinite(l.cost.msEach) || !Number.isFinite(l.cost.fraction)) return null;
  const p = 100 * l.cost.fraction;
  return { percent: p < 10 ? p.toFixed(1) : p.toFixed(0), ms: l.cost.msEach < 10 ? l.cost.msEach.toFixed(1) : l.cost.msEach.toFixed(0) };
}

/**
 * The cost note's figures as of the latest measurement: the share of training time drifts every frame
 * (the time trained grows), so the figures are taken again only when a new measurement arrived (or the
 * landscape went away), and the note re-renders with the data it reports.
 */
export function costAtMeasurement(prev: { measurements: number; figures: ReturnType<typeof costFigures> } | null,
  l: LandscapeFrame | null | undefined): { measurements: number; figures: ReturnType<typeof costFigures> } {
  const measurements = l?.cost.measurements ?? -1;
  if (prev && prev.measurements === measurements) return prev;
  return { measurements, figures: costFigures(l) };
}

/** The panel under (px, py) in a panelGrid of `count` panels of height ph, or -1 over a gap or outside. */
export function panelAt(grid: { cols: number; pw: number }, count: number, ph: number, gap: number, px: number, py: number): number {
  const col = Math.floor(px / (grid.pw + gap));
  const row = Math.floor(py / (ph + gap));
  if (px < 0 || py < 0 || col >= grid.cols || px - col * (grid.pw + gap) > grid.pw || py - row * (ph + gap) > ph) return -1;
  const k = row * grid.cols + col;
  return k < count ? k : -1;
}

/** One run's values at a step of a panel: the band's low and high (or NaN), the line's value (or NaN). */
export interface LandscapeTip { id: string; step: number; lo: number; hi: number; value: number }

/**
 * For the measurement nearest to `step`, per run with points: what `panel` draws there. The step is
 * the measured one (every N steps), not the pointer's. `step` may depend on the run (an examples-seen
 * axis: the pointer is at a different step of each run).
 */
export function landscapeTips(land: LandscapeFrame | null | undefined, panel: LandscapePanel, layer: number, step: number | ((runId: string) => number)): LandscapeTip[] {
  const tips: LandscapeTip[] = [];
  for (const r of land?.runs ?? []) {
    const line = panel.line?.(r, layer) ?? null;
    const band = panel.band?.(r, layer) ?? null;
    const xs = (line ?? band?.[0])?.x;
    if (!xs) continue;
    const i = nearestIndex(xs, typeof step === 'number' ? step : step(r.id));
    if (i < 0) continue;
    tips.push({
      id: r.id, step: xs[i],
      lo: band ? band[0].y[i] ?? NaN : NaN, hi: band ? band[1].y[i] ?? NaN : NaN, value: line ? line.y[i] ?? NaN : NaN,
    });
  }
  return tips;
}


/** How many of the latest measurements the β-smoothness comparison takes. */
export const BETA_LAST = 5;

/**
 * The check of the note's direction ("batch norm lowers β-smoothness") against the numbers the β panel
 * shows: the median of each run's last `last` finite measurements, for batch norm and plain (null when
 * either has none). `lower` says whether batch norm's is the lower one.
 */
export function betaComparison(l: LandscapeFrame | null | undefined, last = BETA_LAST): { bn: number; plain: number; n: number; lower: boolean } | null {
  const find = (id: string) => l?.runs.find((r) => r.id === id)?.betaSmooth;
  const bn = find('batch');
  const plain = find('plain');
  if (!bn || !plain) return null;
  const tail = (s: SeriesColumns) => {
    const out: number[] = [];
    for (let i = s.y.length - 1; i >= 0 && out.length < last; i--) if (Number.isFinite(s.y[i])) out.push(s.y[i]);
    return out;
  };
  const a = tail(bn);
  const b = tail(plain);
  const n = Math.min(a.length, b.length);
  if (n === 0) return null;
  const median = (v: number[]) => { const s = v.slice(0, n).sort((x, y) => x - y); return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
  const m1 = median(a);
  const m2 = median(b);
  return { bn: m1, plain: m2, n, lower: m1 < m2 };
}
