// The trainer's data: MNIST from a folder or a synthetic set, checked against the settings (a batch
// larger than the training set, batch 1 with batch norm); any problem is one UsageError line.
import { make2d, type Dataset } from '../../src/data/index';
import { loadMnistFromDir } from '../../src/data/mnist-node';
import { checkAgainstData, SYNTHETIC_TEST, SYNTHETIC_TRAIN } from '../../src/session/index';
import { UsageError } from '../cli/flags';
import type { TrainArgs } from './args';

/** The data set the arguments ask for; throws UsageError naming the flag if it cannot be read or does not fit. */
export function loadTrainData(args: Pick<TrainArgs, 'settings' | 'dataDir'>): Dataset {
  const s = args.settings;
  let ds: Dataset;
  try {
    ds = s.dataset === 'mnist'
      ? (args.dataDir ? loadMnistFromDir(args.dataDir) : loadMnistFromDir())
      : make2d(s.dataset, { seed: s.seed, trainCount: SYNTHETIC_TRAIN, testCount: SYNTHETIC_TEST, noise: s.noise });
  } catch (e) {
    throw new UsageError(`${s.dataset === 'mnist' ? '--data: ' : `--dataset ${s.dataset}: `}${(e as Error).message}`);
  }
  const problem = checkAgainstData(s, ds);
  if (problem) throw new UsageError(`--${problem.setting}: ${problem.message}`);
  return ds;
}
