// The convolutional network's experiments (issue 17): the CNN of cnn-spec.ts with the protocol of the
// issue's independent PyTorch reference (PyTorch's default init, ReLU, plain SGD at lr 0.1, batch 60,
// group norm with 4 groups), and the small-batch comparison of batch norm against group norm (Wu & He
// 2018, Figure 1) on it. Their `checks` are what `npm run -s experiments -- cnn cnn-small-batch --seeds 8`
// measures (docs/results/experiments/cnn*.jsonl).
import type { RunKind } from '../run-kinds';
import type { TrainSettings } from '../settings';
import type { Preset, PresetCheck } from './index';

/** The reference protocol: the CNN, PyTorch init, ReLU, SGD lr 0.1, batch 60. */
export const CNN_PROTOCOL: Partial<TrainSettings> = {
  dataset: 'mnist', arch: 'cnn', act: 'relu', norm: 'batch', placement: 'pre', eps: 1e-5, momentum: 0.1,
  batch: 60, optimizer: 'sgd', lr: 0.1, sgdMomentum: 0, weightDecay: 0, init: 'pytorch', groups: 4, landscapeEvery: 0,
};

const THREE: RunKind[] = ['plain', 'batch', 'group'];
/** The step counts the issue asks accuracy at. */
export const CNN_CHECK_STEPS = [250, 500, 1000, 3000] as const;

/** "batch 60, 1,000 steps" */
export function cnnCheckLabel(batch: number, steps: number): string {
  return `batch ${batch}, ${steps.toLocaleString('en-US')} steps`;
}

const check = (batch: number, steps: number, runs: RunKind[]): PresetCheck => ({
  label: cnnCheckLabel(batch, steps), settings: { ...CNN_PROTOCOL, batch, steps, evalEvery: steps }, runs,
});

export const CNN_PRESETS: readonly Preset[] = [
  {
    name: 'cnn',
    title: { en: 'Batch norm in a small CNN', zh: '小型卷积网络中的批归一化' },
    summary: 'The issue\'s CNN (conv 3x3 1->8, pool, conv 3x3 8->16, pool, linear 784->10) on MNIST, PyTorch init, SGD lr 0.1, '
      + 'batch 60: plain, BatchNorm2d and group norm (4 groups) side by side.',
    settings: { ...CNN_PROTOCOL, steps: 3000, evalEvery: 250 },
    runs: THREE,
    focus: 'cnn',
    checks: CNN_CHECK_STEPS.map((steps) => check(60, steps, THREE)),
  },
  {
    name: 'cnn-small-batch',
    title: { en: 'A CNN at batch 4 and 2: batch norm against group norm', zh: '批大小 4 和 2 的卷积网络：批归一化对比组归一化' },
    summary: 'The CNN at batch 4 and 2 (3,000 steps, lr 0.1): BatchNorm2d still has N x H x W values per channel; '
      + 'group norm (4 groups) does not depend on the batch (Wu & He 2018, Fig. 1). The sweep panel runs batch 2 to 64.',
    settings: { ...CNN_PROTOCOL, batch: 4, steps: 3000, evalEvery: 250 },
    runs: THREE,
    focus: 'sweep',
    checks: [check(4, 3000, THREE), check(2, 3000, ['batch', 'group'])],
  },
];
