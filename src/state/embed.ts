// `?embed=VIEW[,VIEW]`: the page shows only these views with a minimal bar (ui/EmbedApp.tsx), for
// slides and blog posts in an iframe. A view's id in the address is a short name; the view's own name
// on the page (its data-chart, e.g. LossChart) is accepted too, in any case, and written as the short
// name. Parsed like every other key of the address (url-codec.ts): unknown names are dropped and
// reported; none left means no embed (the full page), also reported.

/** The short id of each view, and its name on the page (ui/Views.tsx, data-chart). */
export const EMBED_VIEWS = {
  histograms: 'HistogramsChart',
  loss: 'LossChart',
  accuracy: 'AccuracyChart',
  percentiles: 'PercentilesChart',
  moments: 'LayerMomentsChart',
  gradients: 'GradientsChart',
  'bn-step': 'BnStepByStep',
  landscape: 'LandscapeChart',
  report: 'ClassificationReport',
  fold: 'FoldPanel',
  renorm: 'RenormChart',
  boundary: 'DecisionBoundary',
  'cnn-histograms': 'CnnHistogramsChart',
  'cnn-feature-maps': 'CnnFeatureMapsChart',
  'cnn-step': 'CnnStepByStep',
  'cnn-channels': 'CnnChannelStatsChart',
} as const;

export type EmbedView = keyof typeof EMBED_VIEWS;
export const EMBED_VIEW_IDS = Object.keys(EMBED_VIEWS) as EmbedView[];
/** At most this many names are read (an address is no place for a list of thousands). */
export const MAX_EMBED_VIEWS = EMBED_VIEW_IDS.length;

const BY_NAME = new Map<string, EmbedView>([
  ...EMBED_VIEW_IDS.map((id) => [id, id] as const),
  ...EMBED_VIEW_IDS.map((id) => [EMBED_VIEWS[id].toLowerCase(), id] as const),
]);

/** The view id a name stands for (short id or page name, any case), or null. */
export function embedViewOf(name: string): EmbedView | null {
  return BY_NAME.get(name.trim().toLowerCase()) ?? null;
}

/** The chart names (data-chart) of the embedded views. */
export function embedCharts(views: readonly EmbedView[]): Set<string> {
  return new Set(views.map((v) => EMBED_VIEWS[v]));
}

/**
 * The views of an `embed` value, in the order given, each once; `bad` lists what was not a view (an
 * empty list of views when nothing was).
 */
export function parseEmbed(text: string): { views: EmbedView[]; bad: string[] } {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const views: EmbedView[] = [];
  const bad: string[] = [];
  for (const name of names.slice(0, MAX_EMBED_VIEWS)) {
    const v = embedViewOf(name);
    if (v === null) bad.push(name);
    else if (!views.includes(v)) views.push(v);
  }
  if (names.length > MAX_EMBED_VIEWS) bad.push(`+${names.length - MAX_EMBED_VIEWS}`);
  if (names.length === 0) bad.push(text);
  return { views, bad };
}

export function formatEmbed(views: readonly EmbedView[]): string {
  return views.join(',');
}
