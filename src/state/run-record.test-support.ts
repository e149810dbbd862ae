// A small telemetry frame with every part a saved record takes (series, layers, histograms, bins), and
// its record: for the run library's and the run file's tests.
import { createSeriesColumns, type SeriesColumns } from '../telemetry/bounded-series';
import type { StageFrame, TelemetryFrame } from '../telemetry/frame';
import { isRunKind } from '../session/run-kinds';
import { DEFAULT_PAGE_SETTINGS } from './url-codec';
import { recordFromFrame, type SavedRuns } from './run-record';

/** Columns of the points, each with min and max `spread` either side. */
export function cols(points: [number, number][], spread = 0.125): SeriesColumns {
  const c = createSeriesColumns(points.length);
  points.forEach(([x, y], i) => { c.x[i] = x; c.y[i] = y; c.min[i] = y - spread; c.max[i] = y + spread; c.count[i] = 1; });
  return c;
}

function stage(s: 'z' | 'norm' | 'act', hist: number[]): StageFrame {
  return { stage: s, stats: new Float32Array(9), distribution: new Float32Array(9), hist: Float32Array.from(hist), under: 1, over: 2, overflowEdges: [-1, 1] };
}

export function testFrame(): TelemetryFrame {
  const run = (id: 'plain' | 'batch', loss: [number, number][], acc: number) => ({
    id, norm: id === 'plain' ? 'none' as const : 'batch' as const, placement: 'pre' as const, divergedAt: null, lastLoss: loss[loss.length - 1][1],
    loss: cols(loss), testLoss: cols([[0, 2.3], [250, 0.4]]), testAcc: cols([[0, 0.1], [250, acc]]),
    testLossBatchStats: null, testAccBatchStats: null, renorm: null,
    layers: [{
      units: 4, activation: 'sigmoid' as const, norm: 'none' as const, gradNorm: 0, weightNorm: 0, updateRatio: 0, saturation: 0, running: null,
      stages: [stage('z', [1, 2, 3, 4]), id === 'batch' ? stage('norm', [4, 3, 2, 1]) : null, stage('act', [0, 5, 5, 0])],
      bands: { p15: cols([[20, -1]]), p50: cols([[20, 0]]), p85: cols([[20, 1]]) },
      moments: { zMean: cols([[20, 0.125]]), zVar: cols([[20, 1]]), normMean: null, normVar: null, runningMean: null, runningVar: null },
    }],
  });
  return {
    seq: 3, status: 'paused', notice: null, step: 300, epoch: 0, stepsPerSec: 0, examplesPerSec: 0,
    settings: { ...DEFAULT_PAGE_SETTINGS }, bnDetail: null, landscape: null,
    bins: [[{ lo: -4, hi: 4, count: 4, version: 1 }, { lo: -3, hi: 3, count: 4, version: 1 }, { lo: 0, hi: 1, count: 4, version: 1 }]],
    runs: [run('plain', [[1, 2.3], [2, NaN], [300, 0.5]], 0.9), run('batch', [[1, 2.2], [300, 0.2]], 0.95)],
  };
}

export function testRecord(name = 'eps test'): SavedRuns {
  const f = testFrame();
  return recordFromFrame(f, f.settings!, (id) => (isRunKind(id) ? id : null), { name, savedAt: new Date('2026-12-07T10:00:00Z'), thumbnail: 'data:image/png;base64,iVBORw0KGgo=' });
}

/** testFrame with a batch renorm run beside the plain one: its limits and clipped shares over the steps. */
export function testRenormFrame(): TelemetryFrame {
  const f = testFrame();
  const bn = f.runs[1];
  f.runs[1] = {
    ...bn, id: 'renorm', norm: 'renorm',
    renorm: {
      rmax: cols([[0, 1], [100, 1], [300, 2.5]], 0), dmax: cols([[0, 0], [100, 0], [300, 3]], 0),
      clippedR: cols([[0, 1], [100, 0.75], [300, 0.125]], 0), clippedD: cols([[0, 1], [100, NaN], [300, 0]], 0),
    },
  };
  return f;
}

export function testRenormRecord(name = 'renorm test'): SavedRuns {
  const f = testRenormFrame();
  return recordFromFrame(f, f.settings!, (id) => (isRunKind(id) ? id : null), { name, savedAt: new Date('2026-12-07T10:00:00Z'), thumbnail: null });
}
