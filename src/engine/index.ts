// The public entry point of src/engine: what the command-line scripts use (scripts/ import only this file).
export * from './convnet';
export * from './convnet-spec';
export * from './matmul';
export * from './mlp';
export * from './rng';
export * from './simd-kernels';
export * from './types';
