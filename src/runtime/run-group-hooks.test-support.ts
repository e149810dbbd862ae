// A run group's test hooks, added only in test and development builds (createRunGroup): the fault
// tests break the worker; the long-history test and the UI benchmark fast-forward its history.
import type { TrainingSession } from '../session/session';
import { fastForward } from '../telemetry/fast-forward.test-support';
import type { FrameBuilder } from '../telemetry/frame';
import { crashForTest } from './crash.test-support';
import type { GroupProgress, RunGroup } from './run-group';

export interface RunGroupInside {
  need(): TrainingSession;
  builder(): FrameBuilder;
  progress(ms: number): GroupProgress;
  wrapError<T>(f: () => T): T;
}

export function addRunGroupTestHooks(group: RunGroup, inside: RunGroupInside): void {
  group.crashForTest = crashForTest;
  group.fastForwardForTest = (steps) => {
    const s = inside.need();
    inside.wrapError(() => fastForward(inside.builder(), s, steps));
    return inside.progress(0);
  };
}
