// ?runs= with runs that keep their own settings (session/run-spec.ts): read, repaired and written back.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SETTINGS, DEFAULT_SPEED, parse, serialize } from './url-codec';

const base = { settings: { ...DEFAULT_PAGE_SETTINGS }, paused: false, speed: DEFAULT_SPEED };

describe('?runs= with per-run settings', () => {
  it('reads runs with their own settings and writes them back canonically', () => {
    const p = parse('?runs=batch,batch:eps=1');
    expect(p.runs).toEqual(['batch', 'batch:eps=1']);
    expect(p.problems).toEqual([]);
    expect(serialize({ ...base, runs: p.runs })).toBe('?runs=batch,batch:eps=1');
    expect(parse('?runs=batch:lr=0.5,eps=1e-3,plain').runs).toEqual(['plain', 'batch:eps=0.001,lr=0.5']);
    expect(parse(serialize({ ...base, runs: ['plain', 'batch:eps=0.001,lr=0.5'] })).runs).toEqual(['plain', 'batch:eps=0.001,lr=0.5']);
  });

  it('clamps, replaces and drops what it cannot use, with the usual notice; never throws', () => {
    const clamped = parse('?runs=batch,batch:eps=50');
    expect(clamped.runs).toEqual(['batch', 'batch:eps=1']);
    expect(clamped.problems).toEqual([{ key: 'runs', value: 'batch,batch:eps=50', used: 'batch,batch:eps=1', kind: 'clamped' }]);
    const bad = parse('?runs=batch,batch:wat=1,batch:eps=1,batch:eps=1');
    expect(bad.runs).toEqual(['batch', 'batch:eps=1']);
    expect(bad.problems[0]).toMatchObject({ key: 'runs', kind: 'default', used: 'batch,batch:eps=1' });
    expect(bad.notices).toHaveLength(1);
    expect(parse('?runs=%3Cscript%3E:eps=1').runs).toEqual(['plain', 'batch']);
    // the CNN offers no layer norm: the variant goes with its kind
    expect(parse('?arch=cnn&runs=batch,layer:eps=1').runs).toEqual(['batch']);
  });
});
