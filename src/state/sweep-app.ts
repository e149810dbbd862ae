// The page's one sweep store, created on first use (no sweep worker starts before someone opens the
// panel), wired to the dashboard's store for pausing and resuming the live training.
import { useStore } from 'zustand';
import { getApp } from './app';
import { browserCores, spawnSweepWorker } from '../../workers/sweep-client';
import { createSweepStore, type SweepActions, type SweepState, type SweepStore } from './sweep-store';
import { INITIAL_SWEEP_QUERY } from './sweep-url';

let store: SweepStore | null = null;

export function getSweepStore(): SweepStore {
  if (!store) {
    const app = getApp().store;
    store = createSweepStore({
      spawn: spawnSweepWorker,
      cores: browserCores(),
      live: {
        isRunning: () => app.getState().status === 'running',
        pause: () => app.getState().pause(),
        play: () => app.getState().play(),
      },
      config: INITIAL_SWEEP_QUERY.examples !== null ? { examples: INITIAL_SWEEP_QUERY.examples } : {},
    });
  }
  return store;
}

export function useSweep<T>(selector: (s: SweepState & SweepActions) => T): T {
  return useStore(getSweepStore(), selector);
}
