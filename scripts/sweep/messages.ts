// The messages between the CLIs (scripts/sweep.ts, scripts/experiments.ts) and their worker threads.
import type { SeedJob, SeedResult } from '../../src/runtime/index';
import type { SweepJob } from '../../src/session/index';
import type { SweepProgress, SweepResult } from '../../src/runtime/index';

export type WorkerIn = { type: 'run'; job: SweepJob } | { type: 'run-seed'; job: SeedJob } | { type: 'cancel' };
export type WorkerOut =
  | { type: 'progress'; progress: SweepProgress }
  | { type: 'result'; result: SweepResult | SeedResult }
  | { type: 'error'; message: string; cancelled: boolean };
