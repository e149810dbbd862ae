// The views whose code loads on demand (their own chunks, outside the first page's JavaScript): one
// table, used by the chart grid and the experiment panel to render them and by preload-views.ts to
// fetch them when the page is idle.
//
// A chunk that fails to load (the network went away before it was preloaded) makes its view throw
// into its ChartBoundary. React.lazy remembers a failed load for good, and React renders a failed
// component again at once to recover, so a lazy that retried by itself would loop. Here a failed load
// is retried on the first render after forgetFailedLoads(), which the boundary's Retry calls; that
// retry first waits for every view load still in flight to settle (./loads-in-flight.ts), so that one
// press of Retry after the network came back loads the view.
import { createElement, lazy, type ComponentType } from 'react';
import { LoadsInFlight } from './loads-in-flight';

type Loader = () => Promise<ComponentType>;

let retries = 0;

/** Every lazy view's load (the views' own, the preload's, a retry's) until it settles. */
const inFlight = new LoadsInFlight();

/** Lets every view whose load failed ask for its chunk again when it next renders. */
export function forgetFailedLoads(): void {
  retries++;
}

/** A component that renders the lazily loaded one; see forgetFailedLoads. */
export function retryableLazy(load: Loader): ComponentType {
  let failedAt: number | null = null;
  const make = (after: Promise<void>) => lazy(() => after.then(load).then(
    (Component) => ({ default: Component }),
    (e: unknown) => { failedAt = retries; throw e; },
  ));
  let current = make(Promise.resolve());
  const View = () => {
    if (failedAt !== null && failedAt !== retries) {
      failedAt = null;
      current = make(inFlight.settled());
    }
    return createElement(current);
  };
  return View;
}

const tracked = (load: Loader): Loader => () => inFlight.track(load);

const LOADERS = {
  BnStepByStep: tracked(() => import('../charts/bn-step').then((m) => m.BnStepByStep)),
  LandscapeChart: tracked(() => import('../charts/landscape-chart').then((m) => m.LandscapeChart)),
  FoldPanel: tracked(() => import('../charts/fold-panel').then((m) => m.FoldPanel)),
  RenormChart: tracked(() => import('../charts/renorm-chart').then((m) => m.RenormChart)),
  DecisionBoundary: tracked(() => import('../charts/decision-boundary').then((m) => m.DecisionBoundary)),
  Figure1Chart: tracked(() => import('../charts/figure1-chart').then((m) => m.Figure1Chart)),
  SweepPanel: tracked(() => import('./SweepPanel').then((m) => m.SweepPanel)),
} satisfies Record<string, Loader>;

export type LazyViewName = keyof typeof LOADERS;

/** Every lazily loaded view's loader, for preloading (and for the browser tests' debug handle). */
export const LAZY_VIEW_LOADERS: Readonly<Record<LazyViewName, Loader>> = LOADERS;

export const LAZY_VIEWS = Object.fromEntries(
  Object.entries(LOADERS).map(([name, load]) => [name, retryableLazy(load)]),
) as Record<LazyViewName, ComponentType>;
