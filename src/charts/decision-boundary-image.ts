// Pixels of a decision-boundary heatmap: each grid cell takes its predicted class's colour, blended
// over a background by the prediction's confidence (chance level -> background, certain -> maxAlpha),
// so the boundary shows as a pale band where the network hesitates.
import type { DecisionGrid } from '../session/session';

/** Class colours: Okabe-Ito's colour-blind-safe set, then two more for up to 10 classes. */
export const CLASS_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#0072B2', '#D55E00', '#F0E442', '#000000', '#999999', '#8C564B'] as const;

export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function classColor(k: number): string {
  return CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];
}

/** Opacity of a cell: 0 at chance (1/K) and below, maxAlpha at probability 1. */
export function confidenceAlpha(confidence: number, classes: number, maxAlpha = 0.75): number {
  const chance = 1 / Math.max(2, classes);
  if (!Number.isFinite(confidence)) return 0;
  const t = (confidence - chance) / (1 - chance);
  return maxAlpha * Math.min(1, Math.max(0, t));
}

/**
 * RGBA of the run's grid (resolution x resolution, row 0 at the top), blended over `background`.
 * `out` must hold resolution^2 * 4 bytes.
 */
export function decisionImage(grid: DecisionGrid, runId: string, out: Uint8ClampedArray, background: [number, number, number] = [255, 255, 255]): boolean {
  const run = grid.runs[runId];
  const n = grid.resolution * grid.resolution;
  if (!run) return false;
  const colors = Array.from({ length: grid.classes }, (_, k) => hexToRgb(classColor(k)));
  for (let c = 0; c < n; c++) {
    const rgb = colors[run.predicted[c]] ?? background;
    const a = confidenceAlpha(run.confidence[c], grid.classes);
    const o = c * 4;
    out[o] = background[0] + (rgb[0] - background[0]) * a;
    out[o + 1] = background[1] + (rgb[1] - background[1]) * a;
    out[o + 2] = background[2] + (rgb[2] - background[2]) * a;
    out[o + 3] = 255;
  }
  return true;
}

/**
 * The grid cell under a point of a panel whose plot spans [0, plot) pixels from its top-left corner
 * (row 0 at the top, the largest x2): its index and the plane coordinates of the point; null outside.
 */
export function cellAt(grid: Pick<DecisionGrid, 'extent' | 'resolution'>, px: number, py: number, plot: number): { cell: number; x1: number; x2: number } | null {
  if (!(plot > 0) || px < 0 || py < 0 || px >= plot || py >= plot) return null;
  const u = px / plot;
  const v = py / plot;
  const col = Math.min(grid.resolution - 1, Math.floor(u * grid.resolution));
  const row = Math.min(grid.resolution - 1, Math.floor(v * grid.resolution));
  return { cell: row * grid.resolution + col, x1: -grid.extent + 2 * grid.extent * u, x2: grid.extent - 2 * grid.extent * v };
}
