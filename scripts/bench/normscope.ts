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
  const { Mlp } = await import('../../src/engine/mlp');
  const { useSimd } = await import('../../src/engine/simd-kernels');
  const activate = async () => {
    if (useSimd(simd) !== simd) throw new Error('WebAssembly SIMD is not available here');
  };
  await activate();
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
