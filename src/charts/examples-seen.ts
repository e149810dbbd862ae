// The "examples seen" x axis of a run (runs with their own batch size train on more or fewer rows per
// step than the others, so steps compare unlike amounts of data): the rows a run has trained on after
// `step` steps. A run with its own batch size B trained step * B; a run following the session's batch
// size trained, between two live changes of it, (steps in between) * (the size then). Pure: the loss
// and accuracy views map each run's steps through it when the axis shows examples.
import { runSpecOf } from '../state/chart-inputs';
import type { SettingChange } from '../state/setting-changes';

/**
 * Rows run `runId` trained on by the end of step `step`. `batchNow` is the session's batch size now,
 * `changes` the live changes since the runs started (a change's step is the first step with its value).
 */
export function examplesSeen(runId: string, step: number, batchNow: number, changes: readonly SettingChange[]): number {
  const own = runSpecOf(runId)?.overrides.batch;
  if (own !== undefined) return step * own;
  const batches = changes.filter((c) => c.key === 'batch').sort((a, b) => a.step - b.step);
  let size = batches.length > 0 ? batches[0].from : batchNow;
  let from = 1; // the first step trained at `size`
  let total = 0;
  for (const c of batches) {
    if (c.step > step) break;
    total += (c.step - from) * size;
    from = c.step;
    size = c.to;
  }
  return total + Math.max(0, step - from + 1) * size;
}
