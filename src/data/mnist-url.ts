// Where a worker finds the MNIST files. With an absolute Vite base ('/' in dev, or '/app/') the
// folder is `${base}mnist/` on the worker's origin. With the relative base of the static build
// ('./', so dist/ works under any sub-path) the base says nothing about where the app lives: the
// built workers sit in dist/assets/, so the app's folder is the parent of the worker's own URL.

/** Absolute URL of the MNIST folder, with a trailing slash. `workerUrl`: the worker's import.meta.url. */
export function mnistFolderUrl(base: string, workerUrl: string): string {
  if (base.startsWith('/') || /^[a-z][a-z\d+.-]*:/i.test(base)) {
    const folder = base.endsWith('/') ? base : base + '/';
    return new URL(`${folder}mnist/`, workerUrl).href;
  }
  // relative base: workers are emitted into assets/ (Vite's build.assetsDir), one level below the app
  return new URL('../mnist/', workerUrl).href;
}
