// Vitest's global setup: builds the WebAssembly kernels (scripts/build-wasm.mjs) before any test
// imports the engine; a no-op when they are up to date.
// @ts-expect-error: a plain .mjs script without type declarations
import { buildWasm } from './build-wasm.mjs';

export default async function setup(): Promise<void> {
  await buildWasm();
}
