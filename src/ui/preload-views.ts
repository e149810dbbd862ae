// Loads the code of every lazily loaded view (./lazy-views.ts) and the sweep worker's script once the
// page is idle, so that the page works offline once loaded: without this, a view first opened after
// the network went away (Figure 1 of an experiment, the sweep panel, the landscape...) would fail to
// fetch its chunk. e2e/csp-offline.e2e.ts opens those views offline.

import { sweepWorkerUrl } from '../state/ui-inputs';
import { LAZY_VIEW_LOADERS } from './lazy-views';

const LAZY_MODULES: readonly (() => Promise<unknown>)[] = [
  ...Object.values(LAZY_VIEW_LOADERS),
  // the sweep's workers start only when a sweep does: their script goes into the HTTP cache now
  // (served with a long max-age under assets/, see scripts/vite-plugin-csp.ts)
  () => fetch(sweepWorkerUrl).then((r) => r.arrayBuffer()),
];

/** Fetches the lazy views' chunks after the first paint, one at a time; failures are left to the views. */
export function preloadLazyViews(): void {
  const idle = (fn: () => void) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 1000);
  idle(() => {
    void LAZY_MODULES.reduce<Promise<unknown>>((chain, load) => chain.then(load).catch(() => undefined), Promise.resolve());
  });
}
