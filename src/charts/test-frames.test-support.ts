// Real telemetry frames built in Node with the session code, for the charts' tests (not shipped).
import { make2d } from '../data/synthetic';
import { FrameBuilder, type TelemetryFrame } from '../telemetry/frame';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import type { RunKind } from '../session/run-kinds';

export function buildTestFrame(steps = 300, runs: RunKind[] = ['plain', 'batch'], lr?: number): TelemetryFrame {
  const ds = make2d('spiral', { seed: 1, trainCount: 600, testCount: 300, noise: 0.1 });
  const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [16, 16], act: 'sigmoid', batch: 32, evalEvery: 50, steps: 1e9, ...(lr ? { lr } : {}) }, runs);
  const b = new FrameBuilder(s);
  for (let i = 0; i < steps; i++) {
    b.beforeStep(s); s.trainStep(); b.afterStep(s);
    if (s.step % 50 === 0) b.afterEval(s, s.evaluate());
  }
  return b.build(s, 1, 'running', { layer: 0, unit: 0 }, null);
}
