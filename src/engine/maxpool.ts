// Max pooling as PyTorch's MaxPool2d(S): windows of S x S with stride S, no padding, floor mode.
//   out[p, i, j] = max_{a,b < S} inp[p, i*S + a, j*S + b]        over planes p = (n, c)
// inp is (planes, H, W), out (planes, OH, OW) with OH = floor(H / S), OW = floor(W / S).
// The gradient of a window goes to its first largest value in row-major order (PyTorch's argmax:
// ties, e.g. the zeros after a ReLU, go to the first). No indices are stored: the backward pass finds
// that value again as the first one equal to the output.
import { simdMaxpool2BackwardSet, simdMaxpoolBackward, simdMaxpoolForward } from './simd-kernels';
import type { FloatArray } from './types';

export function maxpoolForward(out: FloatArray, inp: FloatArray, planes: number, H: number, W: number, S: number): void {
  const OH = Math.floor(H / S);
  const OW = Math.floor(W / S);
  if (simdMaxpoolForward(out, inp, planes, H, W, S, OH, OW)) return;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const plane = p * H * W;
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        let m = -Infinity;
        for (let a = 0; a < S; a++) {
          const row = plane + (i * S + a) * W + j * S;
          for (let b = 0; b < S; b++) if (inp[row + b] > m) m = inp[row + b];
        }
        out[o++] = m;
      }
    }
  }
}

/** Accumulates dout into dinp at the argmax of every window (out is the forward output). */
export function maxpoolBackward(
  dinp: FloatArray, dout: FloatArray, inp: FloatArray, out: FloatArray, planes: number, H: number, W: number, S: number,
): void {
  const OH = Math.floor(H / S);
  const OW = Math.floor(W / S);
  if (simdMaxpoolBackward(dinp, dout, inp, out, planes, H, W, S, OH, OW)) return;
  let q = 0;
  for (let p = 0; p < planes; p++) {
    const plane = p * H * W;
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        dinp[argmaxOfWindow(inp, out[q], plane + i * S * W + j * S, W, S)] += dout[q];
        q++;
      }
    }
  }
}

/** maxpoolBackward into the planes' H*W values as if they were 0: sets them all (in SIMD without reading them). */
export function maxpoolBackwardSet(
  dinp: FloatArray, dout: FloatArray, inp: FloatArray, out: FloatArray, planes: number, H: number, W: number, S: number,
): void {
  if (S === 2 && H % 2 === 0 && W % 2 === 0 && simdMaxpool2BackwardSet(dinp, dout, inp, out, planes, H / 2, W / 2)) return;
  dinp.fill(0, 0, planes * H * W);
  maxpoolBackward(dinp, dout, inp, out, planes, H, W, S);
}

/** The index of the first value equal to m in the S x S window at `start` (the window's start if none is). */
function argmaxOfWindow(inp: FloatArray, m: number, start: number, W: number, S: number): number {
  for (let a = 0; a < S; a++) {
    const row = start + a * W;
    for (let b = 0; b < S; b++) if (inp[row + b] === m) return row + b;
  }
  return start;
}
