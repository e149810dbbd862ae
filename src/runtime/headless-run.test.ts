// Runs side by side from the command line (headlessRuns, `--run plain --run plain:eps=1`): one session,
// the same initial weights and batches. Epsilon acts only inside a norm, so a plain run at eps 1 makes
// bit for bit the losses of a plain run at the session's eps; batch norm at eps 1 does not. A run of
// the pair also equals that run trained alone (headlessRun): training beside others changes nothing.
import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { DEFAULT_SETTINGS, type TrainSettings } from '../session/settings';
import { headlessRun, headlessRuns, type EvalPoint } from './headless-run';

const s: TrainSettings = { ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [16, 16], norm: 'batch', batch: 32, steps: 40, evalEvery: 20 };
const ds = make2d('spiral', { seed: s.seed, trainCount: 400, testCount: 200, noise: s.noise });
const numbers = (points: readonly EvalPoint[]) => points.map((p) => [p.step, p.loss, p.testLoss, p.testAcc, ...p.pct]);

describe('headlessRuns: runs with their own settings side by side', () => {
  it('plain and plain:eps=1 give identical losses; batch and batch:eps=1 differ; each run equals it trained alone', () => {
    const seen: string[] = [];
    const out = headlessRuns(s, ds, ['plain', 'plain:eps=1', 'batch', 'batch:eps=1'], (p, id) => seen.push(`${id}@${p.step}`));
    expect(out.map((o) => o.id)).toEqual(['plain', 'plain:eps=1', 'batch', 'batch:eps=1']);
    expect(seen.filter((e) => e.endsWith('@40'))).toHaveLength(4);
    const [plain, plainEps, batch, batchEps] = out.map((o) => numbers(o.outcome.points));
    expect(plain).toHaveLength(3);
    expect(plainEps).toEqual(plain);
    expect(batchEps[2][1]).not.toBe(batch[2][1]);
    expect(out[3].settings.eps).toBe(1);
    expect(out[2].settings.eps).toBe(s.eps);
    expect(numbers(headlessRun(s, ds).points)).toEqual(batch);
  });
});
