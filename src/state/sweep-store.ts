// The batch-size sweep's state in the page (zustand, apart from the dashboard's store): what to run,
// the pool's progress, the results as they arrive. While a sweep runs the dashboard's live training is
// paused (the two would share the same cores); when it ends the page offers to resume it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NormKind } from '../engine/types';
import type { SweepWorkerHandle } from '../runtime/sweep/pool';
import { checkSweepPlan, planSweep, SWEEP_BATCHES, SWEEP_NORMS, type SweepJob } from '../session/sweep/protocol';
import type { SweepResult } from '../runtime/sweep/run-job';
import type { Arch } from '../session/settings';
import { idlePoolRun, poolRunner, type LiveTraining, type PoolRunState, type PoolRunStatus } from './pool-run';

export type { LiveTraining } from './pool-run';

export interface SweepConfig {
  norms: NormKind[];
  batches: number[];
  examples: number;
  seed: number;
  /** How many seeds, from `seed` up (1: a one-seed sweep; more: medians and ranges over them). */
  seedCount: number;
  /** The network swept: mlp (the default protocol) or cnn (batch norm against group norm on the CNN). */
  arch?: Arch;
}

/** The seeds a config runs: seed, seed + 1, ..., seedCount of them. */
export function configSeeds(c: SweepConfig): number[] {
  return Array.from({ length: Math.max(1, Math.floor(c.seedCount) || 1) }, (_, i) => c.seed + i);
}

/** The plan input of a config. */
export function planInput(c: SweepConfig) {
  return { norms: c.norms, batches: c.batches, examples: c.examples, seed: c.seed, seeds: configSeeds(c), arch: c.arch ?? 'mlp' };
}

export type SweepStatus = PoolRunStatus;

export interface SweepState extends PoolRunState<SweepJob, SweepResult> {
  config: SweepConfig;
}

export interface SweepActions {
  configure(change: Partial<SweepConfig>): void;
  /** Plans the jobs from the config and starts the pool; refused (with `error`) for a bad config. */
  start(): void;
  /** Stops the sweep, keeping the finished results. */
  cancel(): void;
  /** Plays the live training that the sweep paused. */
  resumeLive(): void;
}

export type SweepStore = StoreApi<SweepState & SweepActions>;

export interface SweepStoreOptions {
  spawn: (index: number) => SweepWorkerHandle;
  cores: number | undefined;
  live: LiveTraining;
  config?: Partial<SweepConfig>;
}

export const DEFAULT_SWEEP_CONFIG: Readonly<SweepConfig> = { norms: [...SWEEP_NORMS], batches: [...SWEEP_BATCHES], examples: 30_000, seed: 1, seedCount: 1 };
/** Seed counts the page offers. */
export const SWEEP_SEED_CHOICES: readonly number[] = [1, 3, 8];

export function createSweepStore(options: SweepStoreOptions): SweepStore {
  return createStore<SweepState & SweepActions>()((set, get) => {
    const runner = poolRunner<SweepJob, SweepResult>(options, set, get);
    return {
      ...idlePoolRun<SweepJob, SweepResult>(options.cores),
      config: { ...DEFAULT_SWEEP_CONFIG, ...options.config },

      configure(change) {
        if (get().status === 'running') return;
        set({ config: { ...get().config, ...change } });
      },

      start() {
        if (get().status === 'running') return;
        const problem = checkSweepPlan(planInput(get().config));
        if (problem) {
          set({ status: 'error', error: problem });
          return;
        }
        runner.start(planSweep(planInput(get().config)));
      },

      cancel: runner.cancel,
      resumeLive: runner.resumeLive,
    };
  });
}
