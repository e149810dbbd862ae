// A multi-seed experiment in the page (zustand, apart from the dashboard's store): the runs of the
// open experiment's setting for seeds 1..N on the sweep's background pool, with its progress, time
// left, Cancel and the results as they arrive. Like the sweep, it pauses the dashboard's live training
// while it runs (both would compete for the same cores) and offers to resume it afterwards.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { findPreset, type PresetName } from '../session/presets';
import { checkOfVariant, DEFAULT_SEED_COUNT, planSeedJobs, seedRange } from '../runtime/seeds/plan';
import type { SeedJob, SeedResult } from '../runtime/seeds/seed-job';
import type { SweepWorkerHandle } from '../runtime/sweep/pool';
import { idlePoolRun, poolRunner, type LiveTraining, type PoolRunState, type PoolRunStatus } from './pool-run';

export type SeedsStatus = PoolRunStatus;

export interface SeedsState extends PoolRunState<SeedJob, SeedResult> {
  /** The experiment and check the results belong to (null before the first start). */
  target: { name: PresetName; variant: string | null; check: string } | null;
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
  return createStore<SeedsState & SeedsActions>()((set, get) => {
    const runner = poolRunner<SeedJob, SeedResult>({ ...options, describe: (j) => `${j.run}, seed ${j.seed}` }, set, get);
    return {
      ...idlePoolRun<SeedJob, SeedResult>(options.cores),
      target: null,

      start(name, variant, count = DEFAULT_SEED_COUNT) {
        if (get().status === 'running') return;
        const preset = findPreset(name);
        const check = preset ? checkOfVariant(preset, variant) : undefined;
        if (!preset || !check) {
          set({ status: 'error', error: `${name} has no measurement to repeat over seeds` });
          return;
        }
        const jobs = planSeedJobs([{ preset, checks: [check] }], seedRange(count), options.override ?? {});
        runner.start(jobs, { target: { name, variant, check: check.label } });
      },

      cancel: runner.cancel,
      resumeLive: runner.resumeLive,
    };
  });
}
