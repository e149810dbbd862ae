// The max-pooling layer of the layer-list network (maxpool.ts): its output and, in training, the
// gradient of its output, (N, C, OH, OW) row-major.
import type { PlannedLayer } from './convnet-spec';
import type { MakeArray } from './hidden-layer';
import { maxpoolBackwardSet, maxpoolForward } from './maxpool';
import type { FloatArray } from './types';
import type { Phase } from './weight-layer';

class PoolWorkspace {
  capacity = 0;
  out!: FloatArray;
  dout!: FloatArray;

  constructor(private readonly outSize: number, private readonly training: boolean, private readonly make: MakeArray) {
    this.ensure(1);
  }

  ensure(N: number): void {
    if (N <= this.capacity) return;
    const cap = Math.max(N, this.capacity * 2);
    this.out = this.make(cap * this.outSize);
    this.dout = this.training ? this.make(cap * this.outSize) : this.out;
    this.capacity = cap;
  }
}

export class PoolLayer {
  readonly type = 'maxpool';
  readonly C: number;
  readonly H: number;
  readonly W: number;
  readonly size: number;
  readonly outSize: number;
  /** Replaced by fresh workspaces when the model moves to a larger arena (moveTo). */
  train: PoolWorkspace;
  evalWs: PoolWorkspace;

  constructor(plan: Extract<PlannedLayer, { type: 'maxpool' }>, make: MakeArray) {
    [this.C, this.H, this.W] = plan.inShape;
    this.size = plan.spec.size;
    this.outSize = plan.outShape[0] * plan.outShape[1] * plan.outShape[2];
    this.train = new PoolWorkspace(this.outSize, true, make);
    this.evalWs = new PoolWorkspace(this.outSize, false, make);
  }

  /** New, empty workspaces from `make` (the next pass sizes them). */
  moveTo(make: MakeArray): void {
    this.train = new PoolWorkspace(this.outSize, true, make);
    this.evalWs = new PoolWorkspace(this.outSize, false, make);
  }

  ws(phase: Phase): PoolWorkspace {
    return phase === 'train' ? this.train : this.evalWs;
  }

  output(phase: Phase): FloatArray {
    return this.ws(phase).out;
  }

  doutput(): FloatArray {
    return this.train.dout;
  }

  forward(phase: Phase, inp: FloatArray, N: number): void {
    maxpoolForward(this.ws(phase).out, inp, N * this.C, this.H, this.W, this.size);
  }

  zeroGrad(N: number): void {
    this.train.dout.fill(0, 0, N * this.outSize);
  }

  /** Sets (not accumulates) the first N samples of dinp, the input's gradient: the layer before needs not clear it. */
  backward(dinp: FloatArray | null, inp: FloatArray, N: number): void {
    if (dinp !== null) maxpoolBackwardSet(dinp, this.train.dout, inp, this.train.out, N * this.C, this.H, this.W, this.size);
  }
}
