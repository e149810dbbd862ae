// Shared shapes of the benchmark.

/**
 * `normscope`: our engine as the app runs it (WebAssembly SIMD kernels where available);
 * `normscope-ts`: the same engine on its pure TypeScript kernels (useSimd(false)).
 */
export type ImplId = 'normscope' | 'normscope-ts' | 'tfjs-cpu' | 'tfjs-wasm';
export const ALL_IMPLS: readonly ImplId[] = ['normscope', 'normscope-ts', 'tfjs-cpu', 'tfjs-wasm'];

/** One model being trained on the cycled random batches. */
export interface Trainer {
  /** One SGD step on the next batch, as fast as the implementation allows. */
  step(): void;
  /** One step on the next batch that also returns its loss (not used inside timed trials). */
  stepWithLoss(): number;
  /** Checked after every timed trial; throws if memory grows. */
  afterTrial?(): void;
  dispose(): void;
}
