// The public entry point of src/session: what the command-line scripts use (scripts/ import only this file).
export * from './build';
export * from './cnn-spec';
export * from './dataset-loader';
export * from './presets';
export * from './run-kinds';
export * from './seeds/format';
export * from './seeds/measured-build';
export * from './seeds/stats';
export * from './seeds/summaries';
export * from './session';
export * from './settings';
export * from './sweep/protocol';
export * from './run-spec';
