// The public entry point of src/telemetry: what the command-line scripts use (scripts/ import only this file).
export * from './bounded-series';
export * from './frame';
export * from './histogram-bins';
export * from './layer-stats';
