// How big a model and a batch the app trains. The settings table bounds each value alone (4096 units,
// 16 layers); these bound their products, which is what costs memory and time. A tab on an old laptop
// has a few hundred megabytes to spare, and a session trains up to five runs side by side.
//
//   parameters per run  P = sum over layers of (in + 1) * out     (+ 2 * units of each norm layer)
//     memory: weights, gradients and two Adam moments, 4 floats of 4 bytes  -> 16 * P bytes
//     time:   a step costs about 6 * batch * P flops
//   workspace per run   W = batch * (input + sum of hidden units + output)
//     memory: every layer keeps about 8 batch-sized buffers (pre-activation, normalized, output and
//     their gradients)  -> about 32 * W bytes
//
// MAX_PARAMETERS = 5M: 80 MB per run, 400 MB for five runs at the worst; 100,100 on MNIST is 90k, one
// layer of 4096 units is 3.3M, 16 layers of 4096 would be 250M (4 GB per run with Adam).
// MAX_WORKSPACE = 4M floats: about 128 MB per run; batch 1024 with 3000 hidden units on MNIST fits,
// batch 60000 on MNIST (47M) does not.
// The CNN (arch cnn) counts N x C x H x W: every layer's whole feature maps per sample (12,554 values),
// so batch 318 is its largest; its fixed parameter count (about 9k) is far below the limit.
import { CNN_ACTIVATIONS_PER_SAMPLE, cnnParameterCount } from './cnn-spec';
import type { TrainSettings } from './settings';

export const MAX_PARAMETERS = 5_000_000;
export const MAX_WORKSPACE = 4_000_000;

/** Trainable parameters of one run's network (the norm layers' scale and shift included). */
export function parameterCount(hidden: readonly number[], inputSize: number, outputSize: number): number {
  let total = 0;
  let fanIn = inputSize;
  for (const units of hidden) {
    total += (fanIn + 1) * units + 2 * units;
    fanIn = units;
  }
  return total + (fanIn + 1) * outputSize;
}

/** Floats in one step's batch-sized activations: batch times every layer's width. */
export function workspaceFloats(batch: number, hidden: readonly number[], inputSize: number, outputSize: number): number {
  return batch * (inputSize + hidden.reduce((a, b) => a + b, 0) + outputSize);
}

const millions = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;

/** What is past the limits in `s` for data of this shape, naming the setting, or null. */
export function checkLimits(
  s: Pick<TrainSettings, 'hidden' | 'batch'> & { arch?: TrainSettings['arch'] }, inputSize: number, outputSize: number,
): { setting: 'hidden' | 'batch'; message: string } | null {
  if (s.arch === 'cnn') {
    const w = s.batch * CNN_ACTIVATIONS_PER_SAMPLE;
    if (w <= MAX_WORKSPACE && cnnParameterCount(true) <= MAX_PARAMETERS) return null;
    return {
      setting: 'batch',
      message: `batch ${s.batch} times the CNN's ${CNN_ACTIVATIONS_PER_SAMPLE} activations per sample (N x C x H x W of every layer) is ${millions(w)} per step; the limit is ${millions(MAX_WORKSPACE)} `
        + `(each layer keeps several batch-sized buffers, times every run, in one browser tab): use batch ${maxBatch(s)} or less`,
    };
  }
  const p = parameterCount(s.hidden, inputSize, outputSize);
  if (p > MAX_PARAMETERS) {
    return {
      setting: 'hidden',
      message: `hidden ${s.hidden.join(',')} has ${millions(p)} parameters per run; the limit is ${millions(MAX_PARAMETERS)} `
        + `(weights, gradients and optimizer state take 16 bytes each, times every run, in one browser tab): use fewer or narrower layers`,
    };
  }
  const w = workspaceFloats(s.batch, s.hidden, inputSize, outputSize);
  if (w > MAX_WORKSPACE) {
    const widths = inputSize + s.hidden.reduce((a, b) => a + b, 0) + outputSize;
    return {
      setting: 'batch',
      message: `batch ${s.batch} times ${widths} units of the network is ${millions(w)} activations per step; the limit is ${millions(MAX_WORKSPACE)} `
        + `(each layer keeps several batch-sized buffers, times every run, in one browser tab): use batch ${Math.max(1, Math.floor(MAX_WORKSPACE / widths))} or less`,
    };
  }
  return null;
}

/** The largest batch within MAX_WORKSPACE for this network on MNIST-sized data (at least 1). */
export function maxBatch(s: Pick<TrainSettings, 'hidden'> & { arch?: TrainSettings['arch'] }, inputSize = 784, outputSize = 10): number {
  const perSample = s.arch === 'cnn' ? CNN_ACTIVATIONS_PER_SAMPLE : inputSize + s.hidden.reduce((a, b) => a + b, 0) + outputSize;
  return Math.max(1, Math.floor(MAX_WORKSPACE / perSample));
}

/** Input and output sizes of a data set by name, before it is loaded (the URL codec's check). */
export function datasetShape(name: TrainSettings['dataset']): { inputSize: number; outputSize: number } {
  // 2-D sets have at most 6 classes (data/synthetic.ts); using the largest keeps the check on the safe side.
  return name === 'mnist' ? { inputSize: 784, outputSize: 10 } : { inputSize: 2, outputSize: 6 };
}
