// The public entry point of src/testing: what the test setup in scripts/ uses.
export * from './property-params';
