// The layer-list conformance runner on fixtures beyond ../shared/conformance/cases-cnn: cases-extra/,
// computed by PyTorch (gen-extra.py), covering strides 2 and 3, padding >= kernel / 2, kernel 5, 3x3
// pooling of odd maps, norms on linear layers, identity hidden activations, momentum with weight
// decay and Adam; each with the SIMD kernels and with the TypeScript ones, to check.mjs's tolerance.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { simdEnabled, useSimd } from '../../src/engine/simd-kernels';
import { runConvFixture, type ConvFixture } from './run-conv-fixture';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'cases-extra');
const initiallyOn = simdEnabled();
afterAll(() => {
  useSimd(initiallyOn);
});

/** The worst |got - want| / (1e-4 + 1e-3 |want|) over everything expected (check.mjs's measure), and where. */
function worst(want: unknown, got: unknown, path: string): { ratio: number; path: string } {
  if (typeof want === 'number') {
    const ratio = typeof got === 'number' && Number.isFinite(got) ? Math.abs(got - want) / (1e-4 + 1e-3 * Math.abs(want)) : Infinity;
    return { ratio, path };
  }
  if (want === null) return { ratio: got === null || got === undefined ? 0 : Infinity, path };
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return { ratio: Infinity, path: `${path} (length)` };
    return want.reduce((w: { ratio: number; path: string }, v, i) => {
      const c = worst(v, got[i], `${path}[${i}]`);
      return c.ratio > w.ratio ? c : w;
    }, { ratio: 0, path });
  }
  const o = want as Record<string, unknown>;
  return Object.keys(o).reduce((w: { ratio: number; path: string }, k) => {
    const c = worst(o[k], (got as Record<string, unknown> | null)?.[k], `${path}.${k}`);
    return c.ratio > w.ratio ? c : w;
  }, { ratio: 0, path });
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('layer-list fixtures computed by PyTorch', () => {
  it('are there', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });
  for (const file of files) {
    for (const simd of [true, false]) {
      it(`${file} (${simd ? 'SIMD' : 'TypeScript'} kernels)`, () => {
        const f = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as ConvFixture & { expected: unknown };
        useSimd(simd);
        const w = worst(f.expected, runConvFixture(f), 'result');
        expect(w.ratio, w.path).toBeLessThanOrEqual(1);
      });
    }
  }

  it('refuses parameters nested in the wrong shape, naming where', () => {
    const f = JSON.parse(readFileSync(join(DIR, files[0]), 'utf8')) as ConvFixture;
    (f.params[0].W as number[][][][])[0][0].pop();
    expect(() => runConvFixture(f)).toThrow(/parameter shape does not match the model: params\[0\] \(conv\)\.W\[0\]\[0\]: expected \d+ values, got \d+/);
  });
});
