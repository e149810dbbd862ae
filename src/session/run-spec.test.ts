import { describe, expect, it } from 'vitest';
import { fc, test } from '../testing/property';
import { RUN_KINDS, runSettings } from './run-kinds';
import { formatRunSpec, kindOfRunId, MAX_RUNS, orderRunIds, overrideLabels, PER_RUN_KEYS, readRunList, readRunSpec, runSpecOf } from './run-spec';
import { DEFAULT_SETTINGS, setting } from './settings';

describe('run spec', () => {
  it('per-run keys are the table\'s perRun entries, in table order', () => {
    expect(PER_RUN_KEYS).toEqual(['placement', 'eps', 'momentum', 'batch', 'lr', 'sgdMomentum', 'weightDecay']);
  });

  it('writes a canonical id: keys in table order, numbers as the table formats them', () => {
    const r = readRunSpec('batch:lr=0.50,eps=1e-5', 'page');
    expect(r.problems).toEqual([]);
    expect(formatRunSpec(r.spec!)).toBe('batch:eps=0.00001,lr=0.5');
    expect(formatRunSpec({ kind: 'plain', overrides: {} })).toBe('plain');
    expect(runSpecOf('batch:eps=1')).toEqual({ kind: 'batch', overrides: { eps: 1 } });
    expect(runSpecOf('batch:eps=1.0')).toBeNull(); // not canonical
    expect(kindOfRunId('batch-pre:lr=1')).toBe('batch-pre');
  });

  it('reads a list: a part with = and no : continues the run before it; ordered by kind, repeats out', () => {
    const r = readRunList('batch:eps=1,lr=0.5,plain,batch,batch:eps=1.0', 'page');
    expect(r.ids).toEqual(['plain', 'batch:eps=1,lr=0.5', 'batch', 'batch:eps=1']);
    expect(r.problems).toEqual([]);
    const again = readRunList('batch,batch:eps=1,batch:eps=1', 'page');
    expect(again.ids).toEqual(['batch', 'batch:eps=1']);
    expect(again.problems).toEqual([{ kind: 'dropped', message: 'batch:eps=1 given twice' }]);
  });

  it('clamps page values into the page range, leaves out what it cannot use, and says so', () => {
    const r = readRunList('batch:eps=5,batch:nope=1,renorm:placement=sideways,batch-pre:placement=post,wat:eps=1,batch:batch=2.5', 'page');
    expect(r.ids).toEqual(['batch:eps=1', 'batch', 'renorm', 'batch-pre']);
    expect(r.problems.map((p) => p.kind)).toEqual(['clamped', 'dropped', 'dropped', 'dropped', 'dropped', 'dropped', 'dropped']); // the last: batch:batch=2.5 is batch again
    // The CLI's bounds are the table's: eps 5 is accepted there, eps 0 nowhere.
    expect(readRunList('batch:eps=5', 'table').ids).toEqual(['batch:eps=5']);
    expect(readRunList('batch:eps=0', 'table').problems).toHaveLength(1);
    const many = readRunList([...RUN_KINDS, 'batch:eps=1', 'batch:eps=0.1', 'batch:eps=0.01'], 'page');
    expect(many.ids).toHaveLength(MAX_RUNS);
    expect(many.problems.at(-1)?.message).toMatch(/at most 8 runs/);
  });

  it('applies a run\'s own values over the session\'s, keeping the kind\'s norm and fixed placement', () => {
    const s = { ...DEFAULT_SETTINGS, eps: 1e-5, lr: 0.1 };
    const rs = runSettings({ kind: 'batch-post', overrides: { eps: 1, lr: 0.5 } }, s);
    expect([rs.norm, rs.placement, rs.eps, rs.lr, rs.momentum]).toEqual(['batch', 'post', 1, 0.5, s.momentum]);
    expect(runSettings('plain', s).norm).toBe('none');
  });

  it('labels a run\'s own values with the settings\' short names', () => {
    expect(overrideLabels(runSpecOf('batch:eps=1,momentum=0.9')!, 'en')).toEqual(['ε 1', 'BN momentum 0.9']);
    expect(overrideLabels(runSpecOf('batch:placement=post')!, 'zh')).toEqual(['位置 post']);
  });

  const kind = fc.constantFrom(...RUN_KINDS.filter((k) => k !== 'batch-pre' && k !== 'batch-post'));
  const override = fc.record({
    placement: fc.option(fc.constantFrom('pre' as const, 'post' as const), { nil: undefined }),
    eps: fc.option(fc.double({ min: setting('eps').page.min, max: setting('eps').page.max, noNaN: true }), { nil: undefined }),
    momentum: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    batch: fc.option(fc.integer({ min: 2, max: 1024 }), { nil: undefined }),
    lr: fc.option(fc.double({ min: 1e-4, max: 100, noNaN: true }), { nil: undefined }),
  }, { requiredKeys: [] });

  test.prop([kind, override])('round trip: format, read, format gives the same id and spec', (k, o) => {
    const overrides = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !Object.is(v, -0)));
    const id = formatRunSpec({ kind: k, overrides });
    const r = readRunSpec(id, 'page');
    expect(r.problems).toEqual([]);
    expect(r.spec).toEqual({ kind: k, overrides });
    expect(formatRunSpec(r.spec!)).toBe(id);
    expect(runSpecOf(id)).toEqual(r.spec);
  });

  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.array(fc.oneof(fc.constantFrom(...RUN_KINDS, 'eps=1', 'batch:eps=1e400', 'batch:eps=NaN', 'batch:__proto__=1', 'constructor', 'batch:', ':', '=', 'batch:eps='), fc.string()), { maxLength: 30 }).map((a) => a.join(',')),
  );

  test.prop([hostile])('hostile lists never throw; every id read back is canonical and within the page\'s bounds', (text) => {
    const r = readRunList(text, 'page');
    expect(r.ids.length).toBeLessThanOrEqual(MAX_RUNS);
    expect(new Set(r.ids).size).toBe(r.ids.length);
    expect(orderRunIds(r.ids)).toEqual(r.ids);
    for (const [i, id] of r.ids.entries()) {
      expect(runSpecOf(id)).toEqual(r.specs[i]);
      expect(Object.getPrototypeOf(r.specs[i].overrides)).toBe(Object.prototype);
      expect(readRunList(id, 'page')).toEqual({ specs: [r.specs[i]], ids: [id], problems: [] });
    }
  });
});
