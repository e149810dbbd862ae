// The coordinator's test hooks, added only in test and development builds (createCoordinator): the
// fault tests break a run worker on purpose; the long-history test and the UI benchmark fast-forward
// every group's history (src/telemetry/fast-forward.test-support.ts).
import type { TestFault } from './crash.test-support';
import type { Coordinator } from './coordinator';
import type { Trainer } from './trainer-api';
import { fail } from './run-checks';

/** Adds the hooks to `api`, the coordinator's trainer API. */
export function addCoordinatorTestHooks(c: Coordinator, api: Trainer): void {
  api.crashForTest = async (kind: TestFault) => {
    // The fault of a run worker, which the coordinating worker must pass on to the page.
    if (c.groups.slots.length === 0) fail('no session is loaded');
    await c.groups.slots[0].handle.group.crashForTest!(kind);
  };
  api.fastForwardForTest = (steps: number) => c.queue.run(async () => {
    c.loadedSettings();
    return c.held(async () => {
      // Behind the rounds already sent, every active group jumps by the same steps: they stay in step.
      const gen = c.groups.generation;
      await Promise.all(c.groups.active().map(async (slot) => c.onProgress(slot, gen, await slot.handle.group.fastForwardForTest!(steps), 0)));
      c.groups.issued += steps;
      c.frames.markDirty();
      return c.groups.slowest();
    });
  });
}
