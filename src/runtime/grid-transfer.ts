// The buffers of a decision grid, moved (not copied) when it crosses to the page.
import { transfer } from 'comlink';
import type { DecisionGrid } from '../session/session';

export function transferGrid(grid: DecisionGrid): DecisionGrid {
  const runs = Object.values(grid.runs).flatMap((r) => [r.predicted.buffer, r.confidence.buffer]);
  return transfer(grid, [grid.points.buffer, grid.labels.buffer, ...runs] as ArrayBuffer[]);
}
