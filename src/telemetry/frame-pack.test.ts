import { describe, expect, it } from 'vitest';
import { make2d } from '../data/synthetic';
import { TrainingSession } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/settings';
import { FrameBuilder, frameTransferables } from './frame';
import { packFrame, packedBytes } from './frame-pack';

/** Every typed array under `v` with its path. */
function arrays(v: unknown, path = ''): [string, ArrayBufferView][] {
  if (ArrayBuffer.isView(v)) return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => arrays(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => arrays(x, `${path}.${k}`));
  return [];
}

describe('packFrame', () => {
  it('puts every typed array into one buffer, same types and values, aligned, the input untouched', () => {
    const shared = new Uint32Array([7, 8, 9]);
    const input = {
      a: new Float64Array([1.5, -2, NaN]), b: [new Float32Array([3, 4]), null, { c: new Uint8Array([1, 2, 3, 4, 5]) }],
      d: shared, e: { again: shared, empty: new Float32Array(0) }, n: 5, s: 'x', z: null,
    };
    const { frame, buffer } = packFrame(input);
    expect(frame).not.toBe(input);
    expect(frame.n).toBe(5);
    expect(frame.s).toBe('x');
    expect(frame.z).toBeNull();
    expect(frame.b[1]).toBeNull();
    const before = arrays(input);
    const after = arrays(frame);
    expect(after.map(([p]) => p)).toEqual(before.map(([p]) => p));
    for (const [i, [path, view]] of after.entries()) {
      const orig = before[i][1];
      expect(view.constructor, path).toBe(orig.constructor);
      expect(view.buffer, path).toBe(buffer);
      expect(view.byteOffset % 8, path).toBe(0);
      expect(Array.from(view as Float64Array), path).toEqual(Array.from(orig as Float64Array));
      expect(view, path).not.toBe(orig);
    }
    // the same array twice is one view; 8-byte slots: 24 + 8 + 8 + 16 + 0
    expect(frame.e.again).toBe(frame.d);
    expect(buffer.byteLength).toBe(56);
    expect(packedBytes(input)).toBe(56);
    // the input's arrays are their own still
    expect(input.a.buffer).not.toBe(buffer);
    expect(input.e.again).toBe(input.d);
  });

  it('packs a real frame into one transferable of about the same size, with the same contents', () => {
    const ds = make2d('spiral', { seed: 3, trainCount: 300, testCount: 100, noise: 0.1 });
    const s = new TrainingSession(ds, { ...DEFAULT_SETTINGS, dataset: 'spiral', hidden: [8, 8], batch: 16, evalEvery: 10, steps: 1e9 }, ['plain', 'batch']);
    const builder = new FrameBuilder(s);
    for (let step = 1; step <= 60; step++) {
      builder.beforeStep(s);
      s.trainStep();
      builder.afterStep(s);
      if (step % 10 === 0) builder.afterEval(s, s.evaluate(false));
    }
    const frame = builder.build(s, 1, 'running', { layer: 0, unit: 0 }, null);
    const separate = frameTransferables(frame);
    expect(separate.length).toBeGreaterThan(50);
    const { frame: packed, buffer } = packFrame(frame);
    expect(frameTransferables(packed)).toEqual([buffer]);
    const bytes = separate.reduce<number>((n, b) => n + (b as ArrayBuffer).byteLength, 0);
    expect(buffer.byteLength).toBeGreaterThanOrEqual(bytes);
    expect(buffer.byteLength).toBeLessThanOrEqual(bytes + 8 * separate.length);
    // structured clone of the packed frame reads back equal to the frame (what the page receives)
    expect(structuredClone(packed, { transfer: [buffer] })).toEqual(frame);
  });

  it('refuses a bare typed array and views it cannot place (DataView, BigInt arrays)', () => {
    expect(() => packFrame(new Float32Array(2))).toThrow(/not a typed array alone/);
    expect(() => packFrame({ d: new DataView(new ArrayBuffer(4)) })).toThrow(/DataView/);
    expect(() => packFrame({ b: new BigInt64Array(1) })).toThrow(/BigInt64Array/);
  });
});
