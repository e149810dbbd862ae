// Vite plugin that compiles the engine's WebAssembly SIMD kernels (scripts/build-wasm.mjs) when a
// build or the dev server starts, so that src/engine/wasm/kernels-wasm.js (generated, not committed)
// exists before the worker's engine imports it. A no-op when the kernels are up to date.
import type { Plugin } from 'vite';
// @ts-expect-error: a plain .mjs script without type declarations
import { buildWasm } from './build-wasm.mjs';

export default function wasmKernels(): Plugin {
  return {
    name: 'normscope-wasm-kernels',
    async buildStart() {
      await buildWasm({ log: (s: string) => this.info(s) });
    },
  };
}
