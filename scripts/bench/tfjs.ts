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

/**
 * W3 on the active backend: the CNN in TF.js's NHWC layout, built from core ops (conv2d, maxPool,
 * batch norm from tf.moments over N, H, W) and trained with optimizer.minimize. `weights` are the
 * engine's (conv (OC, C, K, K), linear (10, 784) over the (C, H, W) flatten), transposed here to
 * TF.js's filters (K, K, C, OC) and to the (H, W, C) flatten, so both compute the same function.
 * The wasm backend has no Conv2DBackpropFilter kernel (TF.js 4.22), so there each conv is written as
 * im2col by hand (pad, nine shifted slices concatenated to (N*H*W, 9C)) and one matMul with the filter
 * as (9C, OC): the same arithmetic, through ops whose gradients the backend has. The cpu backend uses conv2d.
 */
export function createTfjsCnnTrainer(w: Workload, batches: readonly Batch[], weights: readonly Float32Array[]): Trainer {
  const B = w.batch;
  const xs = batches.map((b) => tf.tensor4d(b.x, [B, 28, 28, 1]));
  const ys = batches.map((b) => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(b.y, 'int32'), 10), 'float32')));
  const convShapes = [{ C: 1, OC: 8 }, { C: 8, OC: 16 }];
  const convs = convShapes.map(({ C, OC }, l) => {
    const filter = new Float32Array(9 * C * OC);
    for (let o = 0; o < OC; o++) for (let c = 0; c < C; c++) for (let k = 0; k < 9; k++) filter[(k * C + c) * OC + o] = weights[l][(o * C + c) * 9 + k];
    const normed = w.norm === 'batch';
    return {
      w: tf.variable(tf.tensor4d(filter, [3, 3, C, OC]), true),
      b: tf.variable(tf.zeros([OC]), true),
      gamma: normed ? tf.variable(tf.ones([OC]), true) : null,
      beta: normed ? tf.variable(tf.zeros([OC]), true) : null,
      runMean: normed ? tf.variable(tf.zeros([OC]), false) : null,
      runVar: normed ? tf.variable(tf.ones([OC]), false) : null,
      positions: l === 0 ? 784 : 196,
    };
  });
  const lin = new Float32Array(784 * 10);
  for (let o = 0; o < 10; o++) for (let c = 0; c < 16; c++) for (let p = 0; p < 49; p++) lin[(p * 16 + c) * 10 + o] = weights[2][o * 784 + c * 49 + p];
  const wOut = tf.variable(tf.tensor2d(lin, [784, 10]), true);
  const bOut = tf.variable(tf.zeros([10]), true);
  const varList: tf.Variable[] = [...convs.flatMap((c) => [c.w, c.b, ...(c.gamma ? [c.gamma, c.beta!] : [])]), wOut, bOut];
  const optimizer = tf.train.sgd(w.lr);
  const m = w.momentum;
  const im2col = tf.getBackend() === 'wasm';
  const conv3x3 = (h: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor4D => {
    if (!im2col) return tf.conv2d(h, filter, 1, 'same');
    const [n, H, W, C] = h.shape;
    const padded = tf.pad(h, [[0, 0], [1, 1], [1, 1], [0, 0]]);
    const cols: tf.Tensor4D[] = [];
    for (let ki = 0; ki < 3; ki++) for (let kj = 0; kj < 3; kj++) cols.push(tf.slice(padded, [0, ki, kj, 0], [n, H, W, C]));
    const patches = tf.reshape(tf.concat(cols, 3), [n * H * W, 9 * C]);
    const OC = filter.shape[3];
    return tf.reshape(tf.matMul(patches, tf.reshape(filter, [9 * C, OC])), [n, H, W, OC]);
  };
  const lossFn = (x: tf.Tensor4D, y: tf.Tensor) => (): tf.Scalar => {
    let h: tf.Tensor4D = x;
    for (const c of convs) {
      let z = tf.add(conv3x3(h, c.w as tf.Tensor4D), c.b) as tf.Tensor4D;
      if (c.gamma) {
        const { mean, variance } = tf.moments(z, [0, 1, 2]);
        const n = B * c.positions;
        c.runMean!.assign(tf.add(tf.mul(c.runMean!, 1 - m), tf.mul(mean, m)));
        c.runVar!.assign(tf.add(tf.mul(c.runVar!, 1 - m), tf.mul(variance, (m * n) / (n - 1))));
        z = tf.add(tf.mul(tf.mul(tf.sub(z, mean), tf.rsqrt(tf.add(variance, w.eps))), c.gamma), c.beta!) as tf.Tensor4D;
      }
      h = tf.maxPool(tf.relu(z), 2, 2, 'valid');
    }
    const logits = tf.add(tf.matMul(tf.reshape(h, [B, 784]), wOut), bOut);
    return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
  };
  let next = 0;
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
      for (const t of [...xs, ...ys, wOut, bOut]) t.dispose();
      for (const c of convs) for (const v of [c.w, c.b, c.gamma, c.beta, c.runMean, c.runVar]) v?.dispose();
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
