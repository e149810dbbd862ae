import { CNN_RUN_KINDS } from '../session/cnn-spec';
import { checkLimits, datasetShape } from '../session/limits';
import { PRESETS } from '../session/presets';
import { RUN_KINDS } from '../session/run-kinds';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTINGS, type SettingDef, type TrainSettings } from '../session/settings';
import { DEFAULT_PAGE_SETTINGS, DEFAULT_RUNS, DEFAULT_SPEED, parse, serialize, type UrlState } from './url-codec';

/** Every setting is one the settings table accepts (the table is the judge of validity). */
/** Every setting reads back from its own text, and every number is within the page's range. */
function expectValid(settings: TrainSettings) {
  // one expect per call, listing what is wrong (the properties call this thousands of times, and
  // an expect per setting made that ~90,000 expect calls)
  const wrong: string[] = [];
  for (const def of SETTINGS) {
    const text = (def.format as (v: unknown) => string)(settings[def.key]);
    if (!def.parse(text).ok) wrong.push(`${def.flag}=${text} does not parse`);
  }
  for (const def of SETTINGS) {
    if (def.kind !== 'number') continue;
    const v = settings[def.key];
    if (!(typeof v === 'number' && v >= def.page.min && v <= def.page.max)) wrong.push(`${def.key} ${String(v)} outside [${def.page.min}, ${def.page.max}]`);
  }
  expect(wrong).toEqual([]);
}

/** A value of `def` other than the page's default that the page offers: a range end, or another option. */
function otherValue(def: SettingDef): unknown {
  const base = DEFAULT_PAGE_SETTINGS[def.key];
  const candidates: unknown[] = def.kind === 'number' ? [def.page.min, def.page.max]
    : def.kind === 'choice' ? [...def.options]
    : def.key === 'hidden' ? [[10, 20]] : ['xavier', 'normal:0.5'];
  return candidates.find((v) => JSON.stringify(v) !== JSON.stringify(base));
}

describe('url codec', () => {
  it('round-trips every key of the settings table: written under its flag, read back as it was', () => {
    for (const def of SETTINGS) {
      const value = otherValue(def);
      expect(value, def.key).toBeDefined();
      const settings = { ...DEFAULT_PAGE_SETTINGS, [def.key]: value } as TrainSettings;
      const search = serialize({ settings, runs: [...DEFAULT_RUNS], paused: false, speed: DEFAULT_SPEED });
      expect(new URLSearchParams(search).has(def.flag), `${def.key}: ${search}`).toBe(true);
      const back = parse(search);
      expect(back.problems, `${def.key}: ${search}`).toEqual([]);
      expect(back.settings, def.key).toEqual(settings);
    }
  });

  it('gives the default session for an empty URL, and an empty URL for the default session', () => {
    const p = parse('');
    expect(p.settings).toEqual(DEFAULT_PAGE_SETTINGS);
    expect(p.settings).toMatchObject({ dataset: 'mnist', hidden: [100, 100, 100], act: 'sigmoid', init: 'normal:0.1', evalEvery: 250 });
    expect(p.runs).toEqual(DEFAULT_RUNS);
    expect(p.paused).toBe(false);
    // the page opens at a readable speed (2,000 steps in 20 s); "max" is written out
    expect(p.speed).toBe(DEFAULT_SPEED);
    expect(DEFAULT_SPEED).toBe(100);
    expect(p.notices).toEqual([]);
    expect(serialize(p)).toBe('');
    expect(serialize({ ...p, speed: null })).toBe('?speed=max');
    expect(parse('?speed=max').speed).toBeNull();
  });

  it('reads settings, runs, paused and speed', () => {
    const p = parse('?dataset=spiral&hidden=16,16&batch=32&act=tanh&runs=plain,batch,layer&paused=1&speed=120&lang=zh&whatever=3');
    expect(p.settings).toMatchObject({ dataset: 'spiral', hidden: [16, 16], batch: 32, act: 'tanh' });
    expect(p.runs).toEqual(['plain', 'batch', 'layer']);
    expect(p.paused).toBe(true);
    expect(p.speed).toBe(120);
    expect(p.lang).toBe('zh');
    expect(p.notices).toEqual([]);
  });

  it('repairs garbage with a notice naming the key and the value used', () => {
    const p = parse('?batch=-5&eps=abc&lr=1e99');
    expect(p.settings.batch).toBe(2);
    expect(p.settings.eps).toBe(DEFAULT_PAGE_SETTINGS.eps);
    expect(p.settings.lr).toBe(100);
    expect(p.problems).toEqual([
      { key: 'batch', value: '-5', used: '2', kind: 'clamped' },
      { key: 'eps', value: 'abc', used: '0.00001', kind: 'default' },
      { key: 'lr', value: '1e99', used: '100', kind: 'clamped' },
    ].map((p) => (p.key === 'eps' ? { ...p, used: String(DEFAULT_PAGE_SETTINGS.eps) } : p)));
    expect(p.notices[0]).toBe('batch=-5 is out of range: using 2');
    expect(p.notices[1]).toMatch(/^eps=abc is not valid: using the default/);
    expectValid(p.settings);
  });

  it('repairs runs, hidden, init, speed and paused', () => {
    const p = parse('?runs=nope&hidden=0,5&init=normal:999&speed=-1&paused=maybe&dataset=imagenet&batch=7.5');
    expect(p.runs).toEqual(DEFAULT_RUNS);
    expect(p.settings.hidden).toEqual(DEFAULT_PAGE_SETTINGS.hidden);
    expect(p.settings.init).toBe('normal:100');
    expect(p.settings.dataset).toBe('mnist');
    expect(p.settings.batch).toBe(8);
    expect(p.speed).toBe(1);
    expect(p.paused).toBe(false);
    expect(p.problems.map((x) => x.key)).toEqual(['runs', 'hidden', 'init', 'speed', 'paused', 'dataset', 'batch']);
    expect(parse('?runs=batch,bogus').runs).toEqual(['batch']);
    expect(parse('?speed=max').speed).toBeNull();
  });

  it('never throws on arbitrary strings and always yields valid settings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      const p = parse(s);
      expectValid(p.settings);
      expect(p.runs.length).toBeGreaterThan(0);
    }), { numRuns: 500 });
  });

  it('never throws on arbitrary values of the known keys', () => {
    const keys = [...SETTINGS.map((s) => s.flag), 'runs', 'paused', 'speed', 'lang'];
    const value = fc.oneof(fc.string(), fc.double().map(String), fc.integer().map(String), fc.constantFrom('', 'NaN', 'Infinity', '-0', '1e308', 'normal:', 'normal:-1', ',,', '1,2,3'));
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 12 }), (pairs) => {
      const search = new URLSearchParams(pairs).toString();
      const p = parse(`?${search}`);
      expectValid(p.settings);
      expect(p.runs.length).toBeGreaterThan(0);
      expect(p.notices.length).toBe(p.problems.length);
      // and what it yields survives a round trip unchanged
      const again = parse(serialize(p));
      expect(again.settings).toEqual(p.settings);
      expect(again.notices).toEqual([]);
    }), { numRuns: 500 });
  });

  it('reports every value it did not take as written, for hostile queries', () => {
    const keys = [...SETTINGS.map((s) => s.flag), 'runs', 'experiment', 'variant', 'paused', 'speed', 'lang'];
    const hostile = fc.oneof(
      fc.constantFrom('1e400', '-1e400', 'NaN', '-5', '0', '-0', '0x10', '1_000', ' 7 ', '9'.repeat(400), '<script>alert(1)</script>',
        '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '\u202e1', '１２', '١٢', '💥', '%00', Array(10_000).fill(100).join(','),
        Array(17).fill(100).join(','), '100,,100', '4097', 'normal:1e-400', 'normal:NaN', 'plain,plain,batch', 'high-lr', 'lr-30'),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.double().map(String),
    );
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), hostile), { maxLength: 10 }), (pairs) => {
      const query = `?${new URLSearchParams(pairs).toString()}`;
      const p = parse(query);
      expectValid(p.settings);
      const first = new Map<string, string>();
      for (const [k, v] of pairs) if (!first.has(k)) first.set(k, v);
      const reported = new Set(p.problems.map((q) => q.key));
      for (const def of SETTINGS) {
        const given = first.get(def.flag);
        if (given === undefined) continue;
        const r = def.parse(given);
        const taken = r.ok && JSON.stringify(r.value) === JSON.stringify(p.settings[def.key]);
        // a value not taken exactly as written is always reported, naming its key
        if (!taken) expect(reported.has(def.flag), `${def.flag}=${given.slice(0, 40)}`).toBe(true);
      }
      // a key given twice is reported as repeated
      for (const k of first.keys()) {
        if (pairs.filter(([q]) => q === k).length > 1) expect(p.problems.some((q) => q.key === k && q.kind === 'repeated'), k).toBe(true);
      }
      // no notice carries more than a short excerpt of what was written
      for (const q of p.problems) expect(q.value.length).toBeLessThanOrEqual(40);
    }), { numRuns: 1000 });
  });

  it('round-trips any valid state', () => {
    const settingsArb = fc.record({
      dataset: fc.constantFrom('mnist', 'spiral', 'circles', 'xor', 'gauss'),
      hidden: fc.array(fc.integer({ min: 1, max: 512 }), { minLength: 1, maxLength: 16 }),
      act: fc.constantFrom('sigmoid', 'tanh', 'relu'),
      arch: fc.constantFrom('mlp', 'cnn'),
      norm: fc.constantFrom('none', 'batch', 'layer', 'renorm', 'group'),
      placement: fc.constantFrom('pre', 'post'),
      eps: fc.double({ min: 1e-8, max: 1, noNaN: true }),
      momentum: fc.double({ min: 0, max: 1, noNaN: true }),
      batch: fc.integer({ min: 2, max: 1024 }),
      optimizer: fc.constantFrom('sgd', 'adam'),
      lr: fc.double({ min: 1e-4, max: 100, noNaN: true }),
      sgdMomentum: fc.double({ min: 0, max: 0.9999, noNaN: true }),
      weightDecay: fc.double({ min: 0, max: 0.1, noNaN: true }),
      init: fc.oneof(fc.constantFrom('xavier', 'he', 'pytorch'), fc.double({ min: 1e-3, max: 10, noNaN: true }).map((s) => `normal:${s}`)),
      steps: fc.integer({ min: 1, max: 1e8 }),
      evalEvery: fc.integer({ min: 1, max: 1e8 }),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      noise: fc.double({ min: 0, max: 2, noNaN: true }),
      landscapeEvery: fc.integer({ min: 0, max: 100_000 }),
      groups: fc.integer({ min: 0, max: 4096 }),
    }).filter((st) => {
      // a valid state is also within the size limits of its data set
      const { inputSize, outputSize } = datasetShape(st.dataset as TrainSettings['dataset']);
      // and the CNN takes MNIST only
      return checkLimits(st as TrainSettings, inputSize, outputSize) === null && (st.arch === 'mlp' || st.dataset === 'mnist');
    }) as fc.Arbitrary<TrainSettings>;
    const stateArb = fc.record({
      settings: settingsArb,
      runs: fc.subarray([...RUN_KINDS], { minLength: 1 }).map((r) => [...r]),
      paused: fc.boolean(),
      speed: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 5000 })),
      experiment: fc.oneof(fc.constant(null), fc.constantFrom(...PRESETS).chain((p) => fc.constantFrom(null, ...(p.variants ?? []).map((v) => v.id)).map((variant) => ({ name: p.name, variant })))),
    }).filter((st) => st.settings.arch === 'mlp' || st.runs.every((r) => CNN_RUN_KINDS.includes(r))) as fc.Arbitrary<UrlState>;
    fc.assert(fc.property(stateArb, (state) => {
      const search = serialize(state);
      const p = parse(search);
      expect(p.notices).toEqual([]);
      expect(p.settings).toEqual(state.settings);
      expect(p.runs).toEqual(state.runs);
      expect(p.paused).toBe(state.paused);
      expect(p.speed).toBe(state.speed);
      expect(p.experiment).toEqual(state.experiment);
    }), { numRuns: 300 });
  });

  it('reads arch=cnn and repairs what the CNN does not offer', () => {
    const p = parse('?arch=cnn&init=pytorch');
    expect(p.settings.arch).toBe('cnn');
    expect(p.settings.init).toBe('pytorch');
    expect(p.notices).toEqual([]);
    expect(serialize(p)).toBe('?arch=cnn&init=pytorch');
    const runs = parse('?arch=cnn&runs=plain,layer,renorm,group');
    expect(runs.runs).toEqual(['plain', 'group']);
    expect(runs.problems).toEqual([{ key: 'runs', value: 'plain,layer,renorm,group', used: 'plain,group', kind: 'default' }]);
    expect(parse('?arch=cnn&runs=layer').runs).toEqual(['plain', 'batch']);
    const spiral = parse('?arch=cnn&dataset=spiral');
    expect(spiral.settings.arch).toBe('mlp');
    expect(spiral.problems.map((q) => q.key)).toEqual(['arch']);
    // The activation limit counts N x C x H x W: batch 1000 is past it, 318 is the largest that fits.
    const big = parse('?arch=cnn&batch=1000');
    expect(big.settings.batch).toBe(318);
    expect(big.problems).toEqual([{ key: 'batch', value: '1000', used: '318', kind: 'limit' }]);
    expect(parse('?arch=rnn').problems).toEqual([{ key: 'arch', value: 'rnn', used: 'mlp', kind: 'default' }]);
  });

  it('opens an experiment: its settings and runs are the base the other keys change', () => {
    const p = parse('?experiment=high-lr');
    expect(p.experiment).toEqual({ name: 'high-lr', variant: null });
    expect(p.settings).toMatchObject({ lr: 30, hidden: [100, 100, 100], steps: 5000, evalEvery: 250 });
    expect(p.runs).toEqual(['plain', 'batch']);
    expect(parse('?lr=5&experiment=high-lr&variant=lr-3').settings.lr).toBe(5);
    expect(parse('?experiment=high-lr&variant=lr-3').settings.lr).toBe(3);
    expect(parse('?experiment=placement').runs).toEqual(['batch-pre', 'batch-post']);
    const bad = parse('?experiment=<script>&variant=x');
    expect(bad.experiment).toBeNull();
    expect(bad.problems.map((q) => q.key)).toEqual(['experiment']);
    const badVariant = parse('?experiment=bad-init&variant=huge');
    expect(badVariant.experiment).toEqual({ name: 'bad-init', variant: null });
    expect(badVariant.problems.map((q) => q.key)).toEqual(['variant']);
    const state = parse('?experiment=bad-init&variant=large');
    expect(serialize(state)).toBe('?experiment=bad-init&variant=large');
    expect(serialize({ ...state, settings: { ...state.settings, lr: 0.5 } })).toBe('?experiment=bad-init&variant=large&lr=0.5');
  });

  it('writes only non-default values, readably', () => {
    const s = serialize({ settings: { ...DEFAULT_PAGE_SETTINGS, dataset: 'spiral', hidden: [16, 16], batch: 32 }, runs: ['plain', 'batch', 'layer'], paused: true, speed: DEFAULT_SPEED });
    expect(s).toBe('?dataset=spiral&hidden=16,16&batch=32&runs=plain,batch,layer&paused=1');
  });
});

describe('the URL and the size limits', () => {
  it('the URL codec brings a model or batch past the limits back within them and reports it', () => {
    const deep = parse('?hidden=4096,4096,4096,4096');
    expect(deep.settings.hidden).toEqual(parse('').settings.hidden);
    expect(deep.problems).toContainEqual(expect.objectContaining({ key: 'hidden', kind: 'limit' }));
    expect(deep.notices.join(' ')).toMatch(/size limits/);
    const wide = parse('?hidden=4096&batch=1024');
    expect(wide.settings.hidden).toEqual([4096]);
    expect(wide.problems).toContainEqual(expect.objectContaining({ key: 'batch', kind: 'limit' }));
    const { inputSize, outputSize } = datasetShape('mnist');
    expect(checkLimits(wide.settings, inputSize, outputSize)).toBeNull();
    expect(parse('?hidden=512,512&batch=256').problems).toEqual([]);
  });
});
