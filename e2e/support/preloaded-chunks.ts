// The code src/ui/preload-views.ts fetches when the page is idle: the lazy views' chunks and the sweep
// worker's script, by the name each built file starts with (dist/assets/NAME-HASH.js). A new lazy view
// is added here, and csp-offline.e2e.ts and subpath.e2e.ts then expect it too.
export const PRELOADED_CHUNKS = ['bn-step', 'landscape-chart', 'fold-panel', 'renorm-chart', 'decision-boundary', 'figure1-chart', 'SweepPanel', 'sweep.worker'] as const;
