// How many workers train a session's runs, and how the page tells the coordinating worker. No imports:
// the page's first bundle includes this file.

/** Each run worker holds its own copy of the data set (MNIST: about 78 MB, the training images as bytes). */
export const MAX_RUN_WORKERS = 4;

/**
 * How many workers train the runs: ?workers=N when the address asks (1 = the single training worker),
 * else one per core, at most MAX_RUN_WORKERS (a session never uses more workers than it has runs).
 * On 2 cores, two run workers and the page's charts share the cores and the page still draws every
 * frame (README: one worker per run).
 */
export function runWorkers(cores: number, search: string): number {
  const asked = new URLSearchParams(search).get('workers');
  const n = asked === null ? NaN : Number(asked);
  if (Number.isInteger(n) && n >= 1) return Math.min(n, MAX_RUN_WORKERS);
  return Math.max(1, Math.min(MAX_RUN_WORKERS, Math.floor(cores) || 1));
}

/** The coordinating worker's name, `normscope-coordinator-N`, carries N, the run workers to start. */
export const COORDINATOR_NAME = 'normscope-coordinator-';

/** N from a coordinating worker's name, or null. */
export function workersFromName(name: string): number | null {
  if (!name.startsWith(COORDINATOR_NAME)) return null;
  const n = Number(name.slice(COORDINATOR_NAME.length));
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_RUN_WORKERS) : null;
}
