// The coordinating worker: the page's trainer when the runs train on several cores. It starts the
// run-group workers (how many: its name, see src/session/run-workers.ts) and keeps them in step; the
// logic is in src/session.
import { expose, wrap } from 'comlink';
import { createCoordinator, type GroupLike } from '../src/session/coordinator';
import type { RunGroup } from '../src/session/run-group';
import { MAX_RUN_WORKERS, workersFromName } from '../src/session/run-workers';

let started = 0;
expose(createCoordinator({
  groups: workersFromName(self.name) ?? Math.max(1, Math.min(MAX_RUN_WORKERS, navigator.hardwareConcurrency || 1)),
  spawn: () => {
    const worker = new Worker(new URL('./run-group.worker.ts', import.meta.url), { type: 'module', name: `normscope-runs-${++started}` });
    return { group: wrap<RunGroup>(worker) as unknown as GroupLike, close: () => worker.terminate() };
  },
}));
