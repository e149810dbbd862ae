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

/** The style of run `id` (a run kind; anything else gets grey). */
export function runStyle(id: string): RunStyle {
  const s = STYLES[id] ?? { label: id, color: '#666666', dash: [] };
  return { id, ...s, css: `var(--run-${id}, ${s.color})` };
}

/** The SVG stroke-dasharray of a run ('none' when solid). */
export const dashArray = (id: string): string => (runStyle(id).dash.length ? runStyle(id).dash.join(' ') : 'none');

/** Theme colours for canvas drawing, read from CSS variables on `el` with fallbacks. */
export interface ThemeColors { fg: string; muted: string; grid: string; surface: string }

const FALLBACK: ThemeColors = { fg: '#1a1b26', muted: '#4b5063', grid: '#e3e6ee', surface: '#ffffff' };

function cssVar(style: CSSStyleDeclaration | null, name: string, fallback: string): string {
  const v = style?.getPropertyValue(name).trim();
  return v ? v : fallback;
}

/** Reads --fg, --muted, --grid, --surface (cheap; call once per draw at most, or cache per theme). */
export function themeColors(el: Element | null): ThemeColors {
  const style = el && typeof getComputedStyle !== 'undefined' ? getComputedStyle(el) : null;
  return {
    fg: cssVar(style, '--fg', FALLBACK.fg),
    muted: cssVar(style, '--muted', FALLBACK.muted),
    grid: cssVar(style, '--grid', FALLBACK.grid),
    surface: cssVar(style, '--surface', FALLBACK.surface),
  };
}

/** The resolved colour of run `id` on `el` (the --run-<id> variable, or the fallback hex). */
export function runColor(el: Element | null, id: string): string {
  const style = el && typeof getComputedStyle !== 'undefined' ? getComputedStyle(el) : null;
  return cssVar(style, `--run-${id}`, runStyle(id).color);
}

/**
 * Resolved run colours for one draw: reads the element's style once, then answers from a map
 * (getComputedStyle per series would repeat the style lookup dozens of times per frame).
 */
export function runColors(el: Element | null): (id: string) => string {
  const style = el && typeof getComputedStyle !== 'undefined' ? getComputedStyle(el) : null;
  const cache = new Map<string, string>();
  return (id) => {
    let c = cache.get(id);
    if (c === undefined) { c = cssVar(style, `--run-${id}`, runStyle(id).color); cache.set(id, c); }
    return c;
  };
}
