// The coordinating worker: the page's trainer when the runs train on several cores. It starts the
// run-group workers (how many: its name, see src/runtime/run-workers.ts) and keeps them in step; the
// logic is in src/runtime.
import { expose, wrap } from 'comlink';
import { createCoordinator, type GroupLike } from '../src/runtime/coordinator';
import type { RunGroup } from '../src/runtime/run-group';
import { MAX_RUN_WORKERS, workersFromName } from '../src/runtime/run-workers';

let started = 0;
expose(createCoordinator({
  groups: workersFromName(self.name) ?? Math.max(1, Math.min(MAX_RUN_WORKERS, navigator.hardwareConcurrency || 1)),
  spawn: () => {
    const worker = new Worker(new URL('./run-group.worker.ts', import.meta.url), { type: 'module', name: `normscope-runs-${++started}` });
    // A run worker that fails fails the session: thrown here, it reaches the page's 'error' listener.
    const failed = (what: string) => setTimeout(() => { throw new Error(`a run worker ${what}`); });
    worker.addEventListener('error', (e) => { e.preventDefault(); failed(`failed: ${e.message || 'unknown error'}`); });
    worker.addEventListener('messageerror', () => failed('sent a message that could not be read'));
    return { group: wrap<RunGroup>(worker) as unknown as GroupLike, close: () => worker.terminate() };
  },
}));
