// The sweep's jobs as its arguments plan them, and its data check, once before any worker starts: a bad folder or a batch larger than the
// training set is one UsageError line.
import type { Dataset } from '../../src/data/index';
import { loadMnistFromDir } from '../../src/data/mnist-node';
import { checkAgainstData, planSweep, settingsOfJob, SYNTHETIC_TRAIN } from '../../src/session/index';
import { UsageError } from '../cli/flags';
import type { SweepArgs } from './args';

/** The sweep's jobs: every norm x batch (x seed) the arguments ask for. */
export function planSweepOf(args: SweepArgs): ReturnType<typeof planSweep> {
  return planSweep({ norms: args.norms, batches: args.batches, examples: args.examples, seed: args.seed, dataset: args.dataset, arch: args.arch, ...(args.seeds ? { seeds: args.seeds } : {}) });
}

/** Throws UsageError naming the flag if the data cannot be read or a job does not fit it. */
export function checkSweepData(args: SweepArgs, jobs: ReturnType<typeof planSweep>): void {
  let ds: Pick<Dataset, 'trainCount' | 'name'>;
  if (args.dataset === 'mnist') {
    try {
      ds = args.dataDir ? loadMnistFromDir(args.dataDir) : loadMnistFromDir();
    } catch (e) {
      throw new UsageError(`--data: ${(e as Error).message}`);
    }
  } else {
    ds = { name: args.dataset, trainCount: SYNTHETIC_TRAIN };
  }
  for (const job of jobs) {
    const problem = checkAgainstData(settingsOfJob(job), ds as Dataset);
    if (problem) throw new UsageError(`--batches: ${problem.message}`);
  }
}
