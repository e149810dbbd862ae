// One stream of mini-batches: a BatchSampler over the training rows and the buffers it gathers into.
// A session has one feed for the runs that train at its batch size, and one more per run with a batch
// size of its own; every feed is seeded alike, so they walk the same permutations of the training
// rows, each consumed at its own batch size: a run at batch 120 sees at its step k the rows a run at
// batch 60 sees at its steps 2k and 2k + 1 (until an epoch's dropped tail makes them part: an epoch
// ends when fewer than B rows are left, which depends on B).
import { BatchSampler, gather } from '../data/batches';
import type { Dataset } from '../data/dataset';
import { Rng } from '../engine/rng';

export class BatchFeed {
  readonly sampler: BatchSampler;
  x: Float32Array;
  y: Uint8Array;
  /** Rows of the batch drawn for the next step, or 0 when it is not drawn yet. */
  private drawn = 0;
  /** Rows of the batch the last step trained on. */
  last = 0;

  constructor(private readonly dataset: Dataset, seed: number, batch: number) {
    this.sampler = new BatchSampler(dataset.trainCount, new Rng(seed));
    this.x = new Float32Array(batch * dataset.inputSize);
    this.y = new Uint8Array(batch);
  }

  /** The batch of B rows the next step trains on, drawn once (until consume(), every call returns the same rows). */
  next(B: number): { x: Float32Array; y: Uint8Array; B: number } {
    if (this.drawn === 0) {
      if (this.x.length < B * this.dataset.inputSize) {
        this.x = new Float32Array(B * this.dataset.inputSize);
        this.y = new Uint8Array(B);
      }
      gather(this.x, this.y, this.dataset, this.sampler.next(B), B);
      this.drawn = B;
    }
    return { x: this.x, y: this.y, B: this.drawn };
  }

  /** Marks the drawn batch as trained on: the next call of next() draws the following one. */
  consume(): number {
    this.last = this.drawn;
    this.drawn = 0;
    return this.last;
  }
}
