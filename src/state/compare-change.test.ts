import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../session/settings';
import { compareChangePlan } from './compare-change';

const s = { ...DEFAULT_SETTINGS, eps: 1, lr: 0.1 };

describe('Compare a change', () => {
  it('adds the batch-norm run keeping the new value and puts the session\'s value back to where the runs started', () => {
    const plan = compareChangePlan(s, ['plain', 'batch'], [
      { step: 10, key: 'eps', from: 1e-5, to: 0.1 }, { step: 20, key: 'eps', from: 0.1, to: 1 },
    ]);
    expect(plan).toMatchObject({ ok: true, id: 'batch:eps=1', key: 'eps', from: 1e-5, to: 1, runs: ['plain', 'batch', 'batch:eps=1'] });
    expect(plan.ok && plan.settings.eps).toBe(1e-5);
  });

  it('takes the first normalised run without batch norm, the last per-run change, and refuses what it cannot do', () => {
    const changes = [{ step: 5, key: 'lr' as const, from: 0.05, to: 0.1 }, { step: 9, key: 'steps' as const, from: 10, to: 20 }];
    expect(compareChangePlan(s, ['plain', 'layer'], changes)).toMatchObject({ ok: true, id: 'layer:lr=0.1', runs: ['plain', 'layer', 'layer:lr=0.1'] });
    expect(compareChangePlan(s, ['plain', 'batch'], [])).toEqual({ ok: false, why: 'no-change' });
    expect(compareChangePlan(s, ['plain', 'batch'], [{ step: 5, key: 'eps', from: 1, to: 2 }])).toEqual({ ok: false, why: 'same' });
    expect(compareChangePlan(s, ['batch', 'batch:lr=0.1'], changes)).toEqual({ ok: false, why: 'exists' });
    const eight = ['plain', 'batch', 'layer', 'renorm', 'group', 'batch-pre', 'batch-post', 'batch:eps=0.5'];
    expect(compareChangePlan(s, eight, changes)).toEqual({ ok: false, why: 'full' });
  });
});
