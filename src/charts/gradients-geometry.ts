// Geometry of the gradients chart: the three measures per layer and run (gradient norm, update-to-
// weight ratio, saturation), their domains (log decades for the first two, [0, 1] for saturation).
import type { LayerFrame, TelemetryFrame } from '../telemetry/frame';
import { ValuePool, niceDomain } from './y-domain';

/** title: a key of the dictionary (src/i18n/dict/views.ts). */
export interface Measure { key: 'gradNorm' | 'updateRatio' | 'saturation'; title: 'grad.norm' | 'grad.ratio' | 'grad.saturation'; log: boolean; guide?: number }

export const MEASURES: readonly Measure[] = [
  { key: 'gradNorm', title: 'grad.norm', log: true },
  { key: 'updateRatio', title: 'grad.ratio', log: true, guide: 1e-3 },
  { key: 'saturation', title: 'grad.saturation', log: false },
];

export const measureValue = (layer: LayerFrame, m: Measure): number => layer[m.key];

/** Domain of a measure over every run and layer (log: whole decades including the guide). */
export function measureDomain(frame: TelemetryFrame, m: Measure, pool = new ValuePool(), hidden?: ReadonlySet<string>): [number, number] {
  if (!m.log) return [0, 1];
  pool.reset();
  const one = [0];
  for (const r of frame.runs) if (!hidden?.has(r.id)) for (const l of r.layers) { one[0] = measureValue(l, m); pool.add(one, 1, true); }
  // The guide gets room on both sides, so its line never sits on the frame (and the empty axis is sane).
  if (m.guide) { one[0] = m.guide / 3; pool.add(one, 1, true); one[0] = m.guide * 3; pool.add(one, 1, true); }
  return niceDomain(pool.domain(), true);
}
