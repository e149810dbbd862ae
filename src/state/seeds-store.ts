// A multi-seed experiment in the page (zustand, apart from the dashboard's store): the runs of the
// open experiment's setting for seeds 1..N on the sweep's background pool, with its progress, time
// left, Cancel and the results as they arrive. Like the sweep, it pauses the dashboard's live training
// while it runs (both would compete for the same cores) and offers to resume it afterwards.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { findPreset, type PresetName } from '../session/presets';
import { checkOfVariant, DEFAULT_SEED_COUNT, planSeedJobs, seedRange } from '../runtime/seeds/plan';
import type { SeedJob, SeedResult } from '../runtime/seeds/seed-job';
import { poolSize, startSweepPool, type SweepPool, type SweepPoolSnapshot, type SweepWorkerHandle } from '../runtime/sweep/pool';
import type { LiveTraining } from './sweep-store';

export type SeedsStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SeedsState {
  /** The experiment and check the results belong to (null before the first start). */
  target: { name: PresetName; variant: string | null; check: string } | null;
  status: SeedsStatus;
  workers: number;
  jobs: SeedJob[];
  /** In the order they finished. */
  results: SeedResult[];
  progress: SweepPoolSnapshot<SeedJob> | null;
  error: string | null;
  seconds: number | null;
  pausedLive: boolean;
}

export interface SeedsActions {
  /** Runs the check behind the experiment's variant for seeds 1..count; refused while running. */
  start(name: PresetName, variant: string | null, count?: number): void;
  cancel(): void;
  resumeLive(): void;
}

export type SeedsStore = StoreApi<SeedsState & SeedsActions>;

export interface SeedsStoreOptions {
  spawn: (index: number) => SweepWorkerHandle<SeedJob, SeedResult>;
  cores: number | undefined;
  live: LiveTraining;
  /** Override every run's steps and data set (the browser test's tiny runs), from the address. */
  override?: { steps?: number; dataset?: SeedJob['settings']['dataset'] };
}

export function createSeedsStore(options: SeedsStoreOptions): SeedsStore {
  let pool: SweepPool<SeedJob, SeedResult> | null = null;
  let generation = 0;
  return createStore<SeedsState & SeedsActions>()((set, get) => ({
    target: null,
    status: 'idle',
    workers: poolSize(options.cores),
    jobs: [],
    results: [],
    progress: null,
    error: null,
    seconds: null,
    pausedLive: false,

    start(name, variant, count = DEFAULT_SEED_COUNT) {
      if (get().status === 'running') return;
      const preset = findPreset(name);
      const check = preset ? checkOfVariant(preset, variant) : undefined;
      if (!preset || !check) {
        set({ status: 'error', error: `${name} has no measurement to repeat over seeds` });
        return;
      }
      const jobs = planSeedJobs([{ preset, checks: [check] }], seedRange(count), options.override ?? {});
      const wasRunning = options.live.isRunning();
      if (wasRunning) void options.live.pause();
      const workers = Math.min(poolSize(options.cores), jobs.length);
      set({
        target: { name, variant, check: check.label }, status: 'running', jobs, workers, results: [], progress: null,
        error: null, seconds: null, pausedLive: wasRunning || get().pausedLive,
      });
      const gen = ++generation;
      const mine = startSweepPool<SeedJob, SeedResult>({
        jobs, size: workers, spawn: options.spawn,
        describe: (j) => `${j.run}, seed ${j.seed}`,
        onResult: (r) => { if (gen === generation) set({ results: [...get().results, r] }); },
        onUpdate: (s) => { if (gen === generation) set({ progress: s }); },
      });
      pool = mine;
      void mine.done.then((out) => {
        if (gen !== generation) return;
        pool = null;
        set({
          status: out.error ? 'error' : out.cancelled ? 'cancelled' : 'done',
          error: out.error, seconds: out.seconds, results: out.results, progress: { ...mine.snapshot(), running: [] },
        });
      });
    },

    cancel() {
      pool?.cancel();
    },

    resumeLive() {
      if (get().status === 'running') return;
      set({ pausedLive: false });
      void options.live.play();
    },
  }));
}
