// How much work a job is, for the overall progress bar and the time estimates. A training step costs
// a fixed part (per-layer calls, the optimizer, the sampler) plus a part per example; measured with
// this engine on the protocol's network (float32, one core), the fixed part is worth about 20 examples:
// a batch-2 step costs about 0.9-1.1 ms, a batch-128 step 5.8-8.9 ms. So
//   work(job) = steps * (batch + STEP_OVERHEAD)      (units: example-equivalents)
// and one core does about REFERENCE_RATE of these a second (Node 20 on the project's test machine;
// a browser's WebAssembly SIMD kernel runs at much the same speed). The rate only seeds the estimate
// shown before a sweep starts; once it runs, the estimate uses the throughput measured so far.
import type { SweepJob } from '../../session/sweep/protocol';

export const STEP_OVERHEAD = 20;
export const REFERENCE_RATE = 20_000;

export function jobWork(job: Pick<SweepJob, 'steps' | 'batch'>): number {
  return job.steps * (job.batch + STEP_OVERHEAD);
}

export function totalWork(jobs: readonly Pick<SweepJob, 'steps' | 'batch'>[]): number {
  return jobs.reduce((sum, j) => sum + jobWork(j), 0);
}

/**
 * Seconds a plan should take on `workers` parallel workers at `rate` units per second each, before
 * anything was measured: the larger of the total over the workers and the longest single job.
 */
export function plannedSeconds(jobs: readonly Pick<SweepJob, 'steps' | 'batch'>[], workers: number, rate = REFERENCE_RATE): number {
  if (jobs.length === 0) return 0;
  const longest = Math.max(...jobs.map(jobWork));
  return Math.max(totalWork(jobs) / Math.max(1, Math.min(workers, jobs.length)), longest) / rate;
}
