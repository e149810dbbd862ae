// The runtime's public entry point (scripts and the page's workers start here).
export { createCoordinator, dealRuns, type CoordinatorOptions, type GroupHandle, type GroupLike } from './coordinator';
export { createInThreadTrainer, type InThreadOptions } from './in-thread-trainer';
export { createRunGroup, needsNewData, type GroupProgress, type RunGroup } from './run-group';
export { DEFAULT_FRAME_INTERVAL_MS, type ChangeResult, type Trainer, type TrainerStatus } from './trainer-api';
export { COORDINATOR_NAME, MAX_RUN_WORKERS, runWorkers, workersFromName } from './run-workers';
