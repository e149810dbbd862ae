// The views whose code loads on demand (their own chunks, outside the first page's JavaScript): one
// table, used by the chart grid and the experiment panel to render them and by preload-views.ts to
// fetch them when the page is idle.
//
// A chunk that fails to load (the network went away before it was preloaded) makes its view throw
// into its ChartBoundary. Two memories keep that failure: React.lazy remembers a failed load for good
// (and React renders a failed component again at once to recover, so a lazy that retried by itself
// would loop), and the browser's module map remembers a failed fetch of a module URL for the page's
// life (Chromium 156: a second import() of that URL fails at once, without a request, whether the
// first is still in flight or long over). So a failed load is retried on the first render after
// forgetFailedLoads(), which the boundary's Retry calls, and under a fresh URL: the failed module's
// own URL with ?retry=N. One press of Retry after the network came back therefore loads the view.
import { createElement, lazy, type ComponentType } from 'react';

type Loader = () => Promise<ComponentType>;

/** A lazy view's code: its load as the bundler knows it, and the same module imported from a given URL. */
interface ViewCode {
  load: Loader;
  reload(url: string): Promise<ComponentType>;
}

function viewCode<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ViewCode {
  return {
    load: () => load().then(pick),
    reload: (url) => import(/* @vite-ignore */ url).then((module: M) => pick(module)),
  };
}

let retries = 0;

/** Lets every view whose load failed ask for its chunk again when it next renders. */
export function forgetFailedLoads(): void {
  retries++;
}

/**
 * The URL (without query or fragment) of the module a failed dynamic import names: Chromium says
 * "Failed to fetch dynamically imported module: URL", Firefox "error loading dynamically imported
 * module: URL". Null when the message names none (Safari): the retry then uses the bundler's load.
 */
export function failedModuleUrl(error: unknown): string | null {
  const text = error instanceof Error ? error.message : String(error);
  const urls = text.match(/https?:\/\/[^\s'"<>]+/g);
  return urls ? urls[urls.length - 1].replace(/[?#].*$/, '') : null;
}

/** A component that renders the lazily loaded one; see forgetFailedLoads. */
export function retryableLazy(code: ViewCode): ComponentType {
  let failedAt: number | null = null;
  let failedUrl: string | null = null;
  let attempt = 0;
  const make = (load: Loader) => lazy(() => load().then(
    (Component) => ({ default: Component }),
    (e: unknown) => { failedAt = retries; failedUrl = failedModuleUrl(e) ?? failedUrl; throw e; },
  ));
  let current = make(code.load);
  const View = () => {
    if (failedAt !== null && failedAt !== retries) {
      failedAt = null;
      const url = failedUrl;
      const n = ++attempt;
      current = make(url === null ? code.load : () => code.reload(`${url}?retry=${n}`));
    }
    return createElement(current);
  };
  return View;
}

const VIEWS = {
  BnStepByStep: viewCode(() => import('../charts/bn-step'), (m) => m.BnStepByStep),
  LandscapeChart: viewCode(() => import('../charts/landscape-chart'), (m) => m.LandscapeChart),
  FoldPanel: viewCode(() => import('../charts/fold-panel'), (m) => m.FoldPanel),
  RenormChart: viewCode(() => import('../charts/renorm-chart'), (m) => m.RenormChart),
  DecisionBoundary: viewCode(() => import('../charts/decision-boundary'), (m) => m.DecisionBoundary),
  Figure1Chart: viewCode(() => import('../charts/figure1-chart'), (m) => m.Figure1Chart),
  SweepPanel: viewCode(() => import('./SweepPanel'), (m) => m.SweepPanel),
  CnnHistogramsChart: viewCode(() => import('../charts/cnn-histograms'), (m) => m.CnnHistogramsChart),
  CnnChannelStatsChart: viewCode(() => import('../charts/cnn-channel-stats'), (m) => m.CnnChannelStatsChart),
  CnnFeatureMapsChart: viewCode(() => import('../charts/cnn-feature-maps'), (m) => m.CnnFeatureMapsChart),
  CnnStepByStep: viewCode(() => import('../charts/cnn-step'), (m) => m.CnnStepByStep),
} satisfies Record<string, ViewCode>;

export type LazyViewName = keyof typeof VIEWS;

/** Every lazily loaded view's loader, for preloading (and for the browser tests' debug handle). */
export const LAZY_VIEW_LOADERS = Object.fromEntries(
  Object.entries(VIEWS).map(([name, code]) => [name, code.load]),
) as Record<LazyViewName, Loader>;

export const LAZY_VIEWS = Object.fromEntries(
  Object.entries(VIEWS).map(([name, code]) => [name, retryableLazy(code)]),
) as Record<LazyViewName, ComponentType>;
