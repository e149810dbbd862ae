// The runs of a multi-seed experiment: for each of the preset's checks, each seed, each run kind. A
// seed's runs come one after the other, so that partial results (a cancelled plan) pair up.
import { findVariant, type Preset, type PresetCheck } from '../../session/presets';
import { runSettings } from '../../session/run-kinds';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../session/settings';
import type { SeedJob } from './seed-job';

export const DEFAULT_SEED_COUNT = 8;
export const MAX_SEEDS = 64;

/** Seeds 1..count. */
export function seedRange(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

export interface SeedPlanOptions {
  /** Override every check's steps (quick looks and tests). */
  steps?: number;
  /** Override every check's data set (tests use the 2-D sets). */
  dataset?: TrainSettings['dataset'];
}

/** The check a variant of `p` measures: the one whose settings agree with the variant's; else the first. */
export function checkOfVariant(p: Preset, variant: string | null): PresetCheck | undefined {
  const v = findVariant(p, variant);
  if (v) {
    const keys = Object.keys(v.settings) as (keyof TrainSettings)[];
    const match = p.checks.find((c) => keys.every((k) => JSON.stringify(c.settings[k]) === JSON.stringify(v.settings[k])));
    if (match) return match;
  }
  return p.checks[0];
}

export function planSeedJobs(items: readonly { preset: Preset; checks: readonly PresetCheck[] }[], seeds: readonly number[], options: SeedPlanOptions = {}): SeedJob[] {
  const jobs: SeedJob[] = [];
  for (const { preset, checks } of items) {
    for (const check of checks) {
      for (const seed of seeds) {
        for (const run of check.runs) {
          const base = { ...structuredClone(DEFAULT_SETTINGS), ...structuredClone(check.settings), seed } as TrainSettings;
          if (options.steps !== undefined) base.steps = options.steps;
          if (options.dataset !== undefined) base.dataset = options.dataset;
          const settings = runSettings(run, base);
          jobs.push({ id: jobs.length, preset: preset.name, check: check.label, run, seed, settings, steps: settings.steps, batch: settings.batch });
        }
      }
    }
  }
  return jobs;
}
