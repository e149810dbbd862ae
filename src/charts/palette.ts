// Run colours and dashes, shared by every chart (Okabe-Ito, colour-blind safe): the same run has the
// same colour and dash everywhere. SVG can use `css` (a CSS variable with the light-theme fallback, so
// the dark theme's lighter variants apply); canvas needs a resolved colour: `resolveRunColors(el)`.

export interface RunStyle {
  id: string;
  label: string;
  /** Light-theme hex colour (the fallback). */
  color: string;
  /** `var(--run-<id>, <color>)` for SVG and CSS. */
  css: string;
  /** Canvas setLineDash / SVG stroke-dasharray; [] is solid. */
  dash: number[];
}

const STYLES: Record<string, Omit<RunStyle, 'id' | 'css'>> = {
  plain: { label: 'Plain', color: '#0072B2', dash: [] },
  batch: { label: 'Batch norm', color: '#D55E00', dash: [7, 3] },
  layer: { label: 'Layer norm', color: '#009E73', dash: [2, 2] },
  renorm: { label: 'Batch renorm', color: '#E69F00', dash: [5, 2, 1, 2] },
  group: { label: 'Group norm', color: '#4D4D4D', dash: [1, 2] },
  'batch-pre': { label: 'BN before activation', color: '#8C2D04', dash: [7, 3] },
  'batch-post': { label: 'BN after activation', color: '#7B3FBF', dash: [3, 2, 1, 2] },
};

/**
 * Colours of runs that keep their own settings (`batch:eps=1`, session/run-spec.ts), none of them a
 * kind's: Okabe-Ito's remaining hues and Tol's muted ones, dark enough on white.
 */
const VARIANT_COLORS = ['#CC79A7', '#56B4E9', '#117733', '#882255', '#44AA99', '#999933', '#AA4499', '#332288'];

/** A stable small number from a run id (FNV-1a): the colour of a variant that is not among the live runs. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const isVariant = (id: string): boolean => id.includes(':');

/**
 * The colour of variant `id` among the runs `runs`: the i-th variant of `runs` takes the i-th variant
 * colour, so up to 8 variants never share one and a variant keeps its colour while the run list stays
 * (the list is canonical: ordered by kind, session/run-spec.ts). A variant not in `runs` (a pinned
 * saved run) takes one of the colours the live variants leave free, by its id's hash.
 */
export function variantColor(id: string, runs: readonly string[]): string {
  const variants = runs.filter(isVariant);
  const at = variants.indexOf(id);
  if (at >= 0) return VARIANT_COLORS[at % VARIANT_COLORS.length];
  const free = VARIANT_COLORS.slice(Math.min(variants.length, VARIANT_COLORS.length - 1));
  return free[idHash(id) % free.length];
}

// The live run list the variants' colours are counted in: the page's runs, set by the page whenever they
// change (src/main.tsx: setPaletteRuns(store.runs)). Empty elsewhere (sweep and seeds pages, tests).
let paletteRuns: readonly string[] = [];

/** Sets the live runs that variant colours are assigned over (see variantColor); forgets resolved colours. */
export function setPaletteRuns(runs: readonly string[]): void {
  if (runs.length === paletteRuns.length && runs.every((r, i) => r === paletteRuns[i])) return;
  paletteRuns = [...runs];
  cache.runs.clear();
}

/**
 * The style of run `id`: a run kind's own; a run with its own settings (`batch:eps=1`) its kind's dash
 * (dash means run kind only) in a colour of its own, by its place among the live runs' variants
 * (variantColor); anything else grey.
 */
export function runStyle(id: string): RunStyle {
  const colon = id.indexOf(':');
  const kind = colon < 0 ? id : id.slice(0, colon);
  const base = STYLES[kind];
  if (colon >= 0 && base) {
    const color = variantColor(id, paletteRuns);
    return { id, label: id, color, dash: base.dash, css: color };
  }
  const s = STYLES[id] ?? { label: id, color: '#666666', dash: [] };
  return { id, ...s, css: `var(--run-${id}, ${s.color})` };
}

/** The SVG stroke-dasharray of a run ('none' when solid). */
export const dashArray = (id: string): string => (runStyle(id).dash.length ? runStyle(id).dash.join(' ') : 'none');

/** Theme colours for canvas drawing, read from the page's CSS variables with fallbacks. */
export interface ThemeColors { fg: string; muted: string; grid: string; surface: string }

const FALLBACK: ThemeColors = { fg: '#1a1b26', muted: '#4b5063', grid: '#e3e6ee', surface: '#ffffff' };

function cssVar(style: CSSStyleDeclaration | null, name: string, fallback: string): string {
  const v = style?.getPropertyValue(name).trim();
  return v ? v : fallback;
}

// The variables are the page's (:root, src/ui/index.css), changed only by the colour scheme. Reading them
// costs a getComputedStyle, which also forces a style recalculation when the DOM changed since the last
// one: done per chart and frame that was ~18 forced recalculations per telemetry frame. So they are read
// once per colour scheme and kept; a change of prefers-color-scheme (or invalidateThemeCache) forgets them.
interface ThemeCache { theme: ThemeColors | null; runs: Map<string, string>; style: CSSStyleDeclaration | null | undefined }
const cache: ThemeCache = { theme: null, runs: new Map(), style: undefined };
let watching = false;

/** Forgets the resolved colours (the next read resolves them again). */
export function invalidateThemeCache(): void {
  cache.theme = null;
  cache.runs.clear();
  cache.style = undefined;
}

/** The computed style the colours are read from (first call per colour scheme), watching the scheme. */
function pageStyle(el: Element | null): CSSStyleDeclaration | null {
  if (cache.style !== undefined) return cache.style;
  if (!el || typeof getComputedStyle === 'undefined') return null; // nothing cached without an element
  if (!watching && typeof window !== 'undefined' && typeof window.matchMedia === 'function') {
    watching = true;
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', invalidateThemeCache);
  }
  cache.style = getComputedStyle(el);
  return cache.style;
}

/** Reads --fg, --muted, --grid, --surface (resolved once per colour scheme, see above). */
export function themeColors(el: Element | null): ThemeColors {
  if (cache.theme) return cache.theme;
  const style = pageStyle(el);
  const theme = {
    fg: cssVar(style, '--fg', FALLBACK.fg),
    muted: cssVar(style, '--muted', FALLBACK.muted),
    grid: cssVar(style, '--grid', FALLBACK.grid),
    surface: cssVar(style, '--surface', FALLBACK.surface),
  };
  if (style) cache.theme = theme;
  return theme;
}

/** The resolved colour of run `id` (the --run-<id> variable, or the fallback hex), cached as themeColors. */
export function runColor(el: Element | null, id: string): string {
  let c = cache.runs.get(id);
  if (c !== undefined) return c;
  const style = pageStyle(el);
  c = cssVar(style, `--run-${id}`, runStyle(id).color);
  if (style) cache.runs.set(id, c);
  return c;
}

/** Resolved run colours for one draw (runColor, kept as a function for the charts' draws). */
export function runColors(el: Element | null): (id: string) => string {
  return (id) => runColor(el, id);
}
