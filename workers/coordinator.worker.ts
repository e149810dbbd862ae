// The coordinating worker: the page's trainer when the runs can train on several cores. It starts one
// run-group worker per run (at most one per core) and keeps them in step; the logic is in src/session.
import { expose, wrap } from 'comlink';
import { createCoordinator, type GroupLike } from '../src/session/coordinator';
import type { RunGroup } from '../src/session/run-group';

/** Every run-group worker holds its own copy of the data set (MNIST: about 220 MB as float32). */
const MAX_RUN_WORKERS = 4;
let started = 0;
expose(createCoordinator({
  groups: Math.max(1, Math.min(MAX_RUN_WORKERS, navigator.hardwareConcurrency || 1)),
  spawn: () => {
    const worker = new Worker(new URL('./run-group.worker.ts', import.meta.url), { type: 'module', name: `normscope-runs-${++started}` });
    return { group: wrap<RunGroup>(worker) as unknown as GroupLike, close: () => worker.terminate() };
  },
}));
