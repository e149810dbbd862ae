// The messages between scripts/sweep.ts and its worker threads.
import type { SweepJob } from '../../src/session/sweep/protocol';
import type { SweepProgress, SweepResult } from '../../src/session/sweep/run-job';

export type WorkerIn = { type: 'run'; job: SweepJob } | { type: 'cancel' };
export type WorkerOut =
  | { type: 'progress'; progress: SweepProgress }
  | { type: 'result'; result: SweepResult }
  | { type: 'error'; message: string; cancelled: boolean };
