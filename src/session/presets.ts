// Named experiments. A preset is a partial set of settings laid over the defaults; explicit flags
// (or URL parameters) override it.
import type { TrainSettings } from './settings';

export interface Preset {
  name: string;
  title: string;
  description: string;
  settings: Partial<TrainSettings>;
  /** What to evaluate and measure beyond the defaults (used by the headless trainer). */
  evaluation?: { fullTestSet: boolean; percentileLayer: 'last'; percentileRows: number };
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'bn-paper-fig1',
    title: 'Ioffe & Szegedy (2015), Figure 1',
    description: 'MNIST, three sigmoid layers of 100, batch norm before each sigmoid, plain SGD at lr 0.1, '
      + 'batch 60, weights N(0, 0.1^2), 50,000 steps; use --norm none for the baseline.',
    settings: {
      dataset: 'mnist', hidden: [100, 100, 100], act: 'sigmoid', norm: 'batch', placement: 'pre', eps: 1e-5,
      momentum: 0.1, batch: 60, optimizer: 'sgd', lr: 0.1, sgdMomentum: 0, weightDecay: 0, init: 'normal:0.1',
      steps: 50_000, evalEvery: 1000,
    },
    evaluation: { fullTestSet: true, percentileLayer: 'last', percentileRows: 1000 },
  },
  {
    name: 'article',
    title: "The seed article's model",
    description: 'MNIST, 784-256-10, ReLU, batch norm after the activation, Adam lr 0.001 with L2 weight decay 0.001 '
      + '(on every parameter, gamma and beta included), batch 32, 10 epochs (18,750 steps).',
    settings: {
      dataset: 'mnist', hidden: [256], act: 'relu', norm: 'batch', placement: 'post', eps: 1e-5, momentum: 0.1,
      batch: 32, optimizer: 'adam', lr: 0.001, sgdMomentum: 0, weightDecay: 0.001, init: 'xavier',
      steps: 18_750, evalEvery: 1875,
    },
  },
];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
