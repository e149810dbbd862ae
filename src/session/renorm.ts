// Batch renormalization's limits follow a schedule of the training step (engine/renorm-schedule.ts):
// every trainer applies it before each step, so the CLI, the page and the sweep train the same way.
import { Mlp } from '../engine/mlp';
import { countRenormClipped } from '../engine/batchrenorm';
import { DEFAULT_RENORM_SCHEDULE, renormLimits, type RenormSchedule } from '../engine/renorm-schedule';

/** Whether the model has renorm layers (only an Mlp can: arch cnn refuses renorm). */
export function hasRenorm(model: Mlp | { readonly weightLayers: unknown }): model is Mlp {
  return model instanceof Mlp && model.layers.some((l) => l.normKind === 'renorm');
}

/** Sets rmax and dmax for the model's next step (a no-op without renorm layers). */
export function applyRenormSchedule(model: Mlp | { readonly weightLayers: unknown }, schedule: Readonly<RenormSchedule> = DEFAULT_RENORM_SCHEDULE): void {
  if (!hasRenorm(model)) return;
  const { rmax, dmax } = renormLimits(model.steps + 1, schedule);
  model.setRenormLimits(rmax, dmax);
}

/** Over every renorm layer's units at the last step: the share whose r, and whose d, sat at a limit. */
export function renormClippedShare(model: Mlp): { r: number; d: number } {
  const { rmax, dmax } = model.getRenormLimits();
  let units = 0;
  let r = 0;
  let d = 0;
  for (const l of model.layers) {
    const ws = l.train;
    if (l.normKind !== 'renorm' || !ws.r || !ws.d) continue;
    const c = countRenormClipped(ws.r, ws.d, l.units, rmax, dmax);
    r += c.r;
    d += c.d;
    units += l.units;
  }
  return units ? { r: r / units, d: d / units } : { r: NaN, d: NaN };
}
