// The NormScope side of the benchmark: our Float32Array engine, driven through Mlp.trainStep, on its
// WebAssembly SIMD kernels (`normscope`, what the app uses) or its pure TypeScript ones (`normscope-ts`).

import type { Trainer } from './types';
import { toModelSpec, type Batch, type Workload } from './workloads';

/**
 * Loads the engine lazily, so that `--only tfjs-...` still runs while the engine does not build.
 * Given the same initial weights as TF.js (setParams), the same batches, plain SGD with the workload's lr.
 * `simd`: whether the model is built for and runs on the SIMD kernels; the kernel choice is global in
 * the engine, so the trainer's `activate` sets it before every trial (the bench interleaves both).
 */
export async function createNormscopeTrainer(
  w: Workload,
  batches: readonly Batch[],
  weights: readonly Float32Array[],
  simd: boolean,
): Promise<Trainer & { activate: () => Promise<void> }> {
  const { Mlp } = await import('../../src/engine/index');
  const { useSimd } = await import('../../src/engine/index');
  const activate = async () => {
    if (useSimd(simd) !== simd) throw new Error('WebAssembly SIMD is not available here');
  };
  await activate();
  if (w.cnn) return { activate, ...(await cnnTrainer(w, batches, weights)) };
  const model = new Mlp(
    toModelSpec(w),
    { type: 'sgd', lr: w.lr, momentum: 0, weightDecay: 0 },
    { dtype: 'float32', init: w.init, seed: 1 },
  );
  const nLayers = w.sizes.length - 1;
  model.setParams(
    weights.map((W, l) => {
      const units = w.sizes[l + 1];
      const normed = l < nLayers - 1 && w.norm === 'batch';
      return {
        W,
        b: new Float32Array(units),
        ...(normed ? { gamma: new Float32Array(units).fill(1), beta: new Float32Array(units) } : {}),
      };
    }),
  );
  let next = 0;
  const step = (): number => {
    const b = batches[next];
    next = (next + 1) % batches.length;
    return model.trainStep(b.x, b.y, w.batch);
  };
  return {
    activate,
    step() {
      step();
    },
    stepWithLoss: step,
    dispose() {},
  };
}

/** W3: the engine's ConvNet with the given weights (zero biases, gamma 1, beta 0). */
async function cnnTrainer(w: Workload, batches: readonly Batch[], weights: readonly Float32Array[]): Promise<Trainer> {
  const { ConvNet } = await import('../../src/engine/index');
  const conv = (out: number) => ({ type: 'conv' as const, out, kernel: 3, padding: 1, norm: w.norm, activation: 'relu' as const });
  const model = new ConvNet({
    inputShape: [1, 28, 28], eps: w.eps, momentum: w.momentum,
    layers: [conv(8), { type: 'maxpool', size: 2 }, conv(16), { type: 'maxpool', size: 2 }, { type: 'flatten' }, { type: 'linear', out: 10, norm: 'none', activation: 'linear' }],
  }, { type: 'sgd', lr: w.lr, momentum: 0, weightDecay: 0 }, { dtype: 'float32', arenaRows: { train: w.batch, eval: 100 } });
  model.setParams(weights.map((W, l) => {
    const units = l < 2 ? [8, 16][l] : 10;
    const normed = l < 2 && w.norm === 'batch';
    return { W, b: new Float32Array(units), ...(normed ? { gamma: new Float32Array(units).fill(1), beta: new Float32Array(units) } : {}) };
  }));
  let next = 0;
  const step = (): number => {
    const b = batches[next];
    next = (next + 1) % batches.length;
    return model.trainStep(b.x, b.y, w.batch);
  };
  return { step() { step(); }, stepWithLoss: step, dispose() {} };
}
