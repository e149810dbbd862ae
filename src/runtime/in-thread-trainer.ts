// N = 1: the coordinator over one run group in its own thread (the page's one-worker mode, the tests).
// The group answers at once, so each of its train() rounds first yields to the thread's queued
// messages (a pause, a slider, a frame request), as the worker loop's slices did.
import type { DatasetLoader } from '../session/dataset-loader';
import { createCoordinator } from './coordinator';
import { createRunGroup } from './run-group';
import type { GroupLike } from './run-groups';
import type { Trainer } from './trainer-api';
import { yieldToEvents } from './yield-to-events';

export interface InThreadOptions {
  loadDataset: DatasetLoader;
  now?: () => number;
  frameIntervalMs?: number;
}

export function createInThreadTrainer(options: InThreadOptions): Trainer {
  return createCoordinator({
    groups: 1,
    now: options.now,
    frameIntervalMs: options.frameIntervalMs,
    spawn: () => {
      const group = createRunGroup({ loadDataset: options.loadDataset, now: options.now });
      const yielding: GroupLike = {
        ...group,
        train: async (n: number) => { await yieldToEvents(); return group.train(n); },
      };
      return { group: yielding, close: () => group.dispose() };
    },
  });
}
