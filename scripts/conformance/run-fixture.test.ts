// The conformance runner takes renorm and group norm through the fixture format: `groups` on a hidden
// layer, `rmax` / `dmax` on the model (defaults 1 and 0: exactly batch norm), and refuses malformed ones.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng';
import type { HiddenLayerSpec, ModelSpec } from '../../src/engine/types';
import { runFixture, type Fixture } from './run-fixture';

function fixture(hidden: HiddenLayerSpec[], extra: Partial<ModelSpec> = {}): Fixture {
  const rng = new Rng(7);
  const I = 5;
  const O = 3;
  const model: ModelSpec = { inputSize: I, hidden, outputSize: O, normPlacement: 'pre', eps: 1e-5, momentum: 0.1, ...extra };
  const rows = (R: number, C: number, scale = 1) => Array.from({ length: R }, () => Array.from({ length: C }, () => Math.fround(scale * rng.normal())));
  let inSize = I;
  const params: Fixture['params'] = hidden.map((h) => {
    const p: Fixture['params'][number] = { W: rows(h.units, inSize, 0.5), b: rows(1, h.units, 0.1)[0] };
    if (h.norm !== 'none') {
      p.gamma = rows(1, h.units, 0.2)[0].map((v) => Math.fround(1 + v));
      p.beta = rows(1, h.units, 0.2)[0];
    }
    inSize = h.units;
    return p;
  });
  params.push({ W: rows(O, inSize, 0.5), b: rows(1, O, 0.1)[0] });
  const batches = Array.from({ length: 4 }, () => ({ x: rows(6, I, 2), y: Array.from({ length: 6 }, () => rng.int(O)) }));
  return { name: 'test', model, optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0 }, params, batches, evalX: rows(5, I) };
}

const layers = (norm: HiddenLayerSpec['norm'], groups?: number): HiddenLayerSpec[] => [
  { units: 6, activation: 'tanh', norm, ...(groups ? { groups } : {}) },
  { units: 4, activation: 'relu', norm, ...(groups ? { groups } : {}) },
];

describe('conformance runner: renorm and group norm', () => {
  it('runs renorm with the default limits exactly as batch norm, and with rmax/dmax differently', () => {
    const bn = runFixture(fixture(layers('batch')));
    expect(runFixture(fixture(layers('renorm')))).toEqual(bn);
    expect(runFixture(fixture(layers('renorm'), { rmax: 1, dmax: 0 }))).toEqual(bn);
    const wide = runFixture(fixture(layers('renorm'), { rmax: 3, dmax: 5 }));
    // against running statistics 0 and 1, r and d correct from the first step on
    expect(wide.losses[0]).not.toBe(bn.losses[0]);
    expect(wide.running.every((r) => r !== null && r.mean.length > 0)).toBe(true);
  });

  it('runs group norm: one group is layer norm, and `groups` may be left out', () => {
    expect(runFixture(fixture(layers('group', 1)))).toEqual(runFixture(fixture(layers('layer'))));
    const r = runFixture(fixture(layers('group', 2)));
    expect(r.running).toEqual([null, null]);
    expect(r.losses.every(Number.isFinite)).toBe(true);
    expect(runFixture(fixture(layers('group'))).losses.every(Number.isFinite)).toBe(true);
  });

  it('refuses malformed norms with a clear message', () => {
    expect(() => runFixture(fixture(layers('group', 4)))).toThrow('model: hidden layer 1: groups must divide its 6 units, got 4; use one of 1, 2, 3, 6');
    expect(() => runFixture(fixture(layers('batch', 2)))).toThrow(/hidden layer 1: groups is only used by group norm/);
    expect(() => runFixture(fixture(layers('instance' as never)))).toThrow(/norm must be one of none, batch, layer, renorm, group, got "instance"/);
    expect(() => runFixture(fixture(layers('renorm'), { rmax: 0.5 }))).toThrow(/rmax must be a finite number >= 1, got 0.5/);
    expect(() => runFixture(fixture(layers('renorm'), { dmax: 'x' as never }))).toThrow(/dmax must be a finite number >= 0, got x/);
    const noGamma = fixture(layers('group', 2));
    delete noGamma.params[1].gamma;
    expect(() => runFixture(noGamma)).toThrow(/params\[1\] \(hidden layer 2\)\.gamma: expected 4 values/);
  });
});
