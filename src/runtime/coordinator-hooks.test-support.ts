// The coordinator's test hooks, added only in test and development builds (createCoordinator): the
// fault tests break a run worker on purpose; the long-history test and the UI benchmark fast-forward
// every group's history (src/telemetry/fast-forward.test-support.ts).
import type { TestFault } from './crash.test-support';
import type { Coordinator } from './coordinator';
import { fail } from './run-checks';

export function addCoordinatorTestHooks(c: Coordinator): void {
  c.crashForTest = async (kind: TestFault) => {
    // The fault of a run worker, which the coordinating worker must pass on to the page.
    if (c.groups.slots.length === 0) fail('no session is loaded');
    await c.groups.slots[0].handle.group.crashForTest!(kind);
  };
  c.fastForwardForTest = (steps: number) => c.queue.run(async () => {
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
