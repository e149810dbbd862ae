// Element-wise activations, forward and backward. `N` is the number of elements (B * C).
// Backward kernels accumulate into dinp, as every backward kernel of the engine does (activationBackwardSet
// sets it, for a layer's own intermediate gradients: no pass clearing them first).
import { simdReluBackward, simdReluBackwardSet, simdReluForward, simdSigmoidBackward, simdSigmoidForward } from './simd-kernels';
import type { Activation, FloatArray } from './types';

/**
 * sigmoid(x) = 1 / (1 + e^-x). In float64 this one formula is safe for every x: for x < -709, e^-x is
 * Infinity and 1 / Infinity = 0, the correct limit; no branch is needed.
 */
export function sigmoidForward(out: FloatArray, inp: FloatArray, N: number): void {
  if (simdSigmoidForward(out, inp, N)) return; // WebAssembly SIMD (a float32 exp), where out and inp are a model's
  for (let i = 0; i < N; i++) out[i] = 1 / (1 + Math.exp(-inp[i]));
}

/** dsigmoid/dx = s (1 - s), from the forward output s. */
export function sigmoidBackward(dinp: FloatArray, dout: FloatArray, out: FloatArray, N: number): void {
  if (simdSigmoidBackward(dinp, dout, out, N)) return;
  for (let i = 0; i < N; i++) {
    const s = out[i];
    dinp[i] += dout[i] * s * (1 - s);
  }
}

export function tanhForward(out: FloatArray, inp: FloatArray, N: number): void {
  for (let i = 0; i < N; i++) out[i] = Math.tanh(inp[i]);
}

/** dtanh/dx = 1 - t^2, from the forward output t. */
export function tanhBackward(dinp: FloatArray, dout: FloatArray, out: FloatArray, N: number): void {
  for (let i = 0; i < N; i++) {
    const t = out[i];
    dinp[i] += dout[i] * (1 - t * t);
  }
}

export function reluForward(out: FloatArray, inp: FloatArray, N: number): void {
  if (simdReluForward(out, inp, N)) return; // the same in WebAssembly SIMD, where out and inp are a model's
  for (let i = 0; i < N; i++) {
    const x = inp[i];
    out[i] = x > 0 ? x : 0;
  }
}

/** drelu/dx = 1 where the output is positive, else 0 (PyTorch: the gradient at 0 is 0). */
export function reluBackward(dinp: FloatArray, dout: FloatArray, out: FloatArray, N: number): void {
  if (simdReluBackward(dinp, dout, out, N)) return;
  for (let i = 0; i < N; i++) {
    if (out[i] > 0) dinp[i] += dout[i];
  }
}

export function activationForward(kind: Activation, out: FloatArray, inp: FloatArray, N: number): void {
  if (kind === 'sigmoid') sigmoidForward(out, inp, N);
  else if (kind === 'tanh') tanhForward(out, inp, N);
  else reluForward(out, inp, N);
}

/** Backward from the forward *output* `out` (all three derivatives are functions of it). */
export function activationBackward(kind: Activation, dinp: FloatArray, dout: FloatArray, out: FloatArray, N: number): void {
  if (kind === 'sigmoid') sigmoidBackward(dinp, dout, out, N);
  else if (kind === 'tanh') tanhBackward(dinp, dout, out, N);
  else reluBackward(dinp, dout, out, N);
}

/** activationBackward into the first N values of dinp as if they were 0: sets them (ReLU in SIMD without reading them). */
export function activationBackwardSet(kind: Activation, dinp: FloatArray, dout: FloatArray, out: FloatArray, N: number): void {
  if (kind === 'relu' && simdReluBackwardSet(dinp, dout, out, N)) return;
  dinp.fill(0, 0, N);
  activationBackward(kind, dinp, dout, out, N);
}
