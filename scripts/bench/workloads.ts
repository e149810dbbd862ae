// The benchmark workloads, their random data and their FLOP counts. Pure: no TF.js, no engine.

import { Rng } from '../../src/engine/index';
import type { Activation, ModelSpec, NormKind } from '../../src/engine/index';

export type WorkloadId = 'W1' | 'W2' | 'W3';
export type BenchNorm = Extract<NormKind, 'batch' | 'none'>;

export interface Workload {
  id: WorkloadId;
  norm: BenchNorm;
  /** Layer widths, input first, output last: [784, 100, 100, 100, 10]. */
  sizes: number[];
  activation: Activation;
  batch: number;
  lr: number;
  /** `normal:STD`, `he` (Kaiming normal, fan-in: std = sqrt(2 / fanIn)) or `pytorch` (U(+-1/sqrt(fanIn))). */
  init: 'normal:0.1' | 'he' | 'pytorch';
  /** W3: the CNN of issue 17 (CNN_LAYERS, then linear 784 -> 10); `sizes` is then [784, 10]. */
  cnn: boolean;
  eps: number;
  momentum: number;
  description: string;
}

/**
 * W1: Ioffe & Szegedy (2015), Figure 1: 784-100-100-100-10, sigmoid, batch 60, batch norm before the
 * sigmoid, plain SGD. W2: a wider relu network, 784-512-512-512-10, batch 256.
 * W2 uses lr 0.01 so that the unnormalised variant cannot diverge (NaN arithmetic would distort timing).
 */
export function makeWorkload(id: WorkloadId, norm: BenchNorm): Workload {
  const common = { eps: 1e-5, momentum: 0.1, cnn: false };
  if (id === 'W3') {
    return {
      id, norm, ...common, cnn: true,
      sizes: [784, 10], activation: 'relu', batch: 60, lr: 0.1, init: 'pytorch',
      description: 'CNN conv3x3 1->8 pad 1, pool 2, conv3x3 8->16 pad 1, pool 2, linear 784->10, relu, B=60, SGD lr 0.1, PyTorch init',
    };
  }
  if (id === 'W1') {
    return {
      id, norm, ...common,
      sizes: [784, 100, 100, 100, 10], activation: 'sigmoid', batch: 60, lr: 0.1, init: 'normal:0.1',
      description: '784-100-100-100-10 sigmoid, B=60, SGD lr 0.1, N(0,0.1^2)',
    };
  }
  return {
    id, norm, ...common,
    sizes: [784, 512, 512, 512, 10], activation: 'relu', batch: 256, lr: 0.01, init: 'he',
    description: '784-512-512-512-10 relu, B=256, SGD lr 0.01, He normal',
  };
}

/** The workloads run by default: W1, W2 and W3, each x {batch, none}. */
export const DEFAULT_WORKLOADS: ReadonlyArray<[WorkloadId, BenchNorm]> = [
  ['W1', 'batch'], ['W1', 'none'], ['W2', 'batch'], ['W2', 'none'], ['W3', 'batch'], ['W3', 'none'],
];

/** W3's conv layers (input 1 x 28 x 28): 3x3 kernels, stride 1, padding 1, each followed by norm, relu and 2x2 max pooling. */
export const CNN_LAYERS: ReadonlyArray<{ C: number; OC: number; K: number; H: number }> = [
  { C: 1, OC: 8, K: 3, H: 28 },
  { C: 8, OC: 16, K: 3, H: 14 },
];

/**
 * FLOPs of one W3 step, products only (as stepFlops): each conv is a product of (OC, C*K*K) by
 * (C*K*K, H*W) per sample: forward and dW 2 * B * OC * CKK * HW each, dX (for every layer but the
 * first) the same again; the linear layer 784 -> 10 as in stepFlops (with its dX).
 */
export function cnnStepFlops(batch: number): number {
  let total = 0;
  CNN_LAYERS.forEach((l, i) => {
    const mac = batch * l.OC * l.C * l.K * l.K * l.H * l.H;
    total += 4 * mac + (i > 0 ? 2 * mac : 0);
  });
  return total + 6 * batch * 784 * 10;
}

/** FLOPs of one training step of a workload (products only). */
export function workloadFlops(w: Workload): number {
  return w.cnn ? cnnStepFlops(w.batch) : stepFlops(w.sizes, w.batch);
}

/** The engine's ModelSpec for a workload (norm before the activation). */
export function toModelSpec(w: Workload): ModelSpec {
  return {
    inputSize: w.sizes[0],
    hidden: w.sizes.slice(1, -1).map((units) => ({ units, activation: w.activation, norm: w.norm })),
    outputSize: w.sizes[w.sizes.length - 1],
    normPlacement: 'pre',
    eps: w.eps,
    momentum: w.momentum,
  };
}

/**
 * FLOPs of one training step, counting only the matrix products (a multiply-add is 2 FLOPs):
 *   forward:  Z_l = X_l W_l             2 * B * in_l * out_l   for every layer l
 *   backward: dW_l = X_l^T dZ_l         2 * B * in_l * out_l   for every layer l
 *             dX_l = dZ_l W_l^T         2 * B * in_l * out_l   for every layer except the first
 *                                                              (nobody needs the input's gradient)
 * so step FLOPs = 2B * (3 * sum_l in_l*out_l - in_1*out_1). Bias, norm, activation, softmax and the
 * optimizer update (all O(B * width) or O(params)) are not counted.
 */
export function stepFlops(sizes: readonly number[], batch: number): number {
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const mac = batch * sizes[l] * sizes[l + 1];
    total += 2 * mac; // forward
    total += 2 * mac; // dW
    if (l > 0) total += 2 * mac; // dX
  }
  return total;
}

export interface Batch {
  /** B * inputSize values, uniform in [0, 1), row-major (one example per row). */
  x: Float32Array;
  /** B labels in 0..outputSize-1. */
  y: Uint8Array;
}

/** `count` random batches from a seeded generator: the same for every implementation. */
export function makeBatches(w: Workload, count = 16, seed = 12345): Batch[] {
  const rng = new Rng(seed);
  const inputSize = w.sizes[0];
  const classes = w.sizes[w.sizes.length - 1];
  const out: Batch[] = [];
  for (let i = 0; i < count; i++) {
    const x = new Float32Array(w.batch * inputSize);
    for (let j = 0; j < x.length; j++) x[j] = rng.uniform();
    const y = new Uint8Array(w.batch);
    for (let j = 0; j < y.length; j++) y[j] = rng.int(classes);
    out.push({ x, y });
  }
  return out;
}

/**
 * Initial weights, one Float32Array per layer in the engine's layout: (fanOut, fanIn), row-major.
 * Drawn as std * N(0,1) from Rng(seed), layer by layer, row by row, like the engine's own init; every
 * implementation is given exactly these values (TF.js transposes them to its (in, out) layout).
 */
export function makeWeights(w: Workload, seed = 1): Float32Array[] {
  const rng = new Rng(seed);
  const out: Float32Array[] = [];
  if (w.cnn) {
    // conv weights (OC, C, K, K) row-major, then the linear layer (10, 784) over PyTorch's flatten order (C, H, W)
    const shapes = [...CNN_LAYERS.map((l) => [l.OC, l.C * l.K * l.K]), [10, 784]];
    for (const [rows, fanIn] of shapes) {
      const bound = 1 / Math.sqrt(fanIn);
      const a = new Float32Array(rows * fanIn);
      for (let j = 0; j < a.length; j++) a[j] = bound * (2 * rng.uniform() - 1);
      out.push(a);
    }
    return out;
  }
  for (let l = 0; l + 1 < w.sizes.length; l++) {
    const fanIn = w.sizes[l];
    const std = w.init === 'he' ? Math.sqrt(2 / fanIn) : Number(w.init.slice('normal:'.length));
    const a = new Float32Array(fanIn * w.sizes[l + 1]);
    for (let j = 0; j < a.length; j++) a[j] = rng.normal() * std;
    out.push(a);
  }
  return out;
}
