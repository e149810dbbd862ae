// The page's one multi-seed store, created on first use (no worker starts before someone asks for
// seeds), wired to the dashboard's store for pausing and resuming the live training.
import { useStore } from 'zustand';
import { getApp } from './app';
import { createSeedsStore, type SeedsActions, type SeedsState, type SeedsStore } from './seeds-store';
import { INITIAL_SEEDS_STEPS } from './seeds-url';
import { browserCores, spawnSeedWorker } from '../../workers/sweep-client';

let store: SeedsStore | null = null;

export function getSeedsStore(): SeedsStore {
  if (!store) {
    const app = getApp().store;
    store = createSeedsStore({
      spawn: spawnSeedWorker,
      cores: browserCores(),
      live: {
        isRunning: () => app.getState().status === 'running',
        pause: () => app.getState().pause(),
        play: () => app.getState().play(),
      },
      override: INITIAL_SEEDS_STEPS !== null ? { steps: INITIAL_SEEDS_STEPS } : {},
    });
  }
  return store;
}

export function useSeeds<T>(selector: (s: SeedsState & SeedsActions) => T): T {
  return useStore(getSeedsStore(), selector);
}
