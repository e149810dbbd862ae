// The TensorFlow.js side of the benchmark: the same MLPs on the cpu and wasm backends, built from core
// ops and trained with `tf.train.sgd(lr).minimize(() => loss)` (TF.js's fastest training path).

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// tfjs-core alone has no gradient functions in Node: tfjs-layers registers them.
import '@tensorflow/tfjs-layers';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Trainer } from './types';
import type { Batch, Workload } from './workloads';

export type TfjsBackend = 'cpu' | 'wasm';

export interface TfjsInfo {
  version: string;
  wasmDir: string;
  wasmSimd?: boolean;
  wasmThreads?: number;
  wasmBinary?: string;
}

const info: TfjsInfo = { version: tf.version_core, wasmDir: '' };
let initialised = false;

/** Points the wasm backend at the package's own dist/ folder and switches TF.js to production mode. */
export function initTfjs(): TfjsInfo {
  if (initialised) return info;
  initialised = true;
  const req = createRequire(import.meta.url);
  // main is dist/tf-backend-wasm.node.js: the .wasm files sit next to it. Emscripten in Node reads
  // the binary with fs, so a plain directory path (with its trailing separator) is what works.
  info.wasmDir = path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
  setWasmPaths(info.wasmDir);
  tf.enableProdMode();
  return info;
}

export function wasmDirUrl(): string {
  return pathToFileURL(info.wasmDir).href;
}

/** Switches to `name`, waits for it, and checks that it really is the active backend. */
export async function useBackend(name: TfjsBackend): Promise<TfjsInfo> {
  initTfjs();
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`TF.js backend '${name}' could not be activated (active: ${tf.getBackend()})`);
  }
  if (name === 'wasm' && info.wasmSimd === undefined) {
    info.wasmSimd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    const threaded = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
    const backend = tf.backend() as unknown as { wasm?: { tfjs?: { getThreadsCount?: () => number } } };
    info.wasmThreads = backend.wasm?.tfjs?.getThreadsCount?.() ?? 1;
    // The file the backend picks for these flags (see getPathToWasmBinary in backend_wasm.js).
    info.wasmBinary = info.wasmSimd
      ? threaded ? 'tfjs-backend-wasm-threaded-simd.wasm' : 'tfjs-backend-wasm-simd.wasm'
      : 'tfjs-backend-wasm.wasm';
  }
  return info;
}

interface Hidden {
  w: tf.Variable;
  b: tf.Variable;
  gamma?: tf.Variable;
  beta?: tf.Variable;
  runMean?: tf.Variable;
  runVar?: tf.Variable;
}

export interface TfjsTrainerOptions {
  /** Keep the linear bias in batch-normed layers (redundant with beta, but it is what the engine has). */
  biasWithNorm?: boolean;
}

/**
 * A trainer on the currently active backend. `weights` are the initial weight matrices ((out, in),
 * row-major, see makeWeights), the same values the other implementations start from; biases start at 0, gamma at 1,
 * beta at 0, running mean at 0 and running variance at 1.
 */
export function createTfjsTrainer(
  w: Workload,
  batches: readonly Batch[],
  weights: readonly Float32Array[],
  opts: TfjsTrainerOptions = {},
): Trainer {
  const biasWithNorm = opts.biasWithNorm ?? true;
  const B = w.batch;
  const nIn = w.sizes[0];
  const classes = w.sizes[w.sizes.length - 1];
  const xs = batches.map((b) => tf.tensor2d(b.x, [B, nIn]));
  const ys = batches.map((b) => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(b.y, 'int32'), classes), 'float32')));

  const layers: Hidden[] = [];
  const nLayers = w.sizes.length - 1;
  for (let l = 0; l < nLayers; l++) {
    const fanIn = w.sizes[l];
    const fanOut = w.sizes[l + 1];
    const isHidden = l < nLayers - 1;
    const normed = isHidden && w.norm === 'batch';
    const layer: Hidden = {
      w: tf.variable(tf.tidy(() => tf.transpose(tf.tensor2d(weights[l], [fanOut, fanIn]))), true),
      b: tf.variable(tf.zeros([fanOut]), normed ? biasWithNorm : true),
    };
    if (normed) {
      layer.gamma = tf.variable(tf.ones([fanOut]), true);
      layer.beta = tf.variable(tf.zeros([fanOut]), true);
      layer.runMean = tf.variable(tf.zeros([fanOut]), false);
      layer.runVar = tf.variable(tf.ones([fanOut]), false);
    }
    layers.push(layer);
  }
  const varList: tf.Variable[] = [];
  for (const layer of layers) {
    varList.push(layer.w);
    if (layer.b.trainable) varList.push(layer.b);
    if (layer.gamma) varList.push(layer.gamma, layer.beta!);
  }

  const optimizer = tf.train.sgd(w.lr);
  const m = w.momentum;
  const unbias = B / (B - 1); // running variance uses the unbiased batch variance (PyTorch)
  const act = w.activation === 'relu' ? tf.relu : w.activation === 'tanh' ? tf.tanh : tf.sigmoid;

  let next = 0;
  const lossFn = (x: tf.Tensor, y: tf.Tensor) => (): tf.Scalar => {
    let h: tf.Tensor = x;
    for (let l = 0; l < nLayers; l++) {
      const layer = layers[l];
      const isHidden = l < nLayers - 1;
      // Plain matMul + add rather than tf.fused.matMul: the fused op's custom gradient computes the
      // input gradient eagerly, also for the first layer where nobody needs it (a 784-wide product
      // on the slow transposed path of the wasm backend); matMul's own gradient is lazy per input.
      const z = layer.gamma && !biasWithNorm
        ? tf.matMul(h, layer.w)
        : tf.add(tf.matMul(h, layer.w), layer.b);
      if (!isHidden) {
        h = z;
      } else if (layer.gamma) {
        // Training-mode batch norm: statistics of this batch, per feature.
        const { mean, variance } = tf.moments(z, 0);
        // Running statistics: assigned to non-trainable variables, off the path to the loss, so the
        // gradient computation prunes them; the work is still done every step, as in the engine.
        layer.runMean!.assign(tf.add(tf.mul(layer.runMean!, 1 - m), tf.mul(mean, m)));
        layer.runVar!.assign(tf.add(tf.mul(layer.runVar!, 1 - m), tf.mul(variance, m * unbias)));
        const zhat = tf.mul(tf.sub(z, mean), tf.rsqrt(tf.add(variance, w.eps)));
        h = act(tf.add(tf.mul(zhat, layer.gamma), layer.beta!));
      } else {
        h = act(z);
      }
    }
    return tf.losses.softmaxCrossEntropy(y, h) as tf.Scalar;
  };

  let baseline = -1;
  return {
    step() {
      const i = next;
      next = (next + 1) % xs.length;
      optimizer.minimize(lossFn(xs[i], ys[i]), false, varList);
    },
    stepWithLoss() {
      const i = next;
      next = (next + 1) % xs.length;
      const loss = optimizer.minimize(lossFn(xs[i], ys[i]), true, varList)!;
      const v = loss.dataSync()[0];
      loss.dispose();
      return v;
    },
    afterTrial() {
      const n = tf.memory().numTensors;
      if (baseline < 0) baseline = n;
      else if (n > baseline) throw new Error(`TF.js leaks tensors: ${baseline} -> ${n}`);
    },
    dispose() {
      optimizer.dispose();
      for (const t of [...xs, ...ys]) t.dispose();
      for (const layer of layers) {
        for (const v of [layer.w, layer.b, layer.gamma, layer.beta, layer.runMean, layer.runVar]) v?.dispose();
      }
    },
  };
}

export function tfjsNumTensors(): number {
  return tf.memory().numTensors;
}

/**
 * GFLOP/s of the active backend's product at W2's size (256x512 by 512x512): plain A@B and the
 * A^T@B form of the backward pass. A yardstick for comparing this machine with others (the wasm
 * backend reached 26-29 and 1-3 GFLOP/s on the reference machine).
 */
export function calibrateMatMul(): { plain: number; transposedA: number } {
  const a = tf.randomUniform([256, 512]);
  const at = tf.randomUniform([512, 256]);
  const b = tf.randomUniform([512, 512]);
  const flops = 2 * 256 * 512 * 512;
  const time = (f: () => tf.Tensor, n: number): number => {
    f().dispose();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f().dispose();
    return (flops * n) / ((performance.now() - t0) / 1000) / 1e9;
  };
  const plain = time(() => tf.matMul(a, b), 20);
  const transposedA = time(() => tf.matMul(at, b, true, false), 4);
  for (const t of [a, at, b]) t.dispose();
  return { plain: Number(plain.toFixed(2)), transposedA: Number(transposedA.toFixed(2)) };
}
