// The public entry point of src/runtime: what the command-line scripts and benchmarks use.
export { createCoordinator, dealRuns, type CoordinatorOptions, type GroupHandle, type GroupLike } from './coordinator';
export { createInThreadTrainer, type InThreadOptions } from './in-thread-trainer';
export { createRunGroup, needsNewData, type GroupProgress, type RunGroup } from './run-group';
export { DEFAULT_FRAME_INTERVAL_MS, type ChangeResult, type Trainer, type TrainerStatus } from './trainer-api';
export { COORDINATOR_NAME, MAX_RUN_WORKERS, runWorkers, workersFromName } from './run-workers';
export * from './headless-run';
export { runKindOf } from './one-run';
export * from './seeds/plan';
export * from './seeds/seed-job';
export * from './sweep/eta';
export * from './sweep/pool';
export * from './sweep/results';
export * from './sweep/run-job';
export * from './sweep/sweep-worker';
