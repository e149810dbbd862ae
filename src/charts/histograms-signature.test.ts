import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../telemetry/frame';
import { HistogramsSignature } from './histograms-signature';

/** A frame with one layer and stage per run, `hist` as its counts. */
function frame(hist: number[][], ids = hist.map((_, i) => `run${i}`), version = 1): TelemetryFrame {
  return {
    bins: [[{ lo: -1, hi: 1, count: hist[0]?.length ?? 0, version }]],
    runs: hist.map((h, i) => ({ id: ids[i], layers: [{ stages: [{ hist: Float32Array.from(h), under: 0, over: 1, overflowEdges: [-1, 1] }] }] })),
  } as unknown as TelemetryFrame;
}

describe('HistogramsSignature: whether the histograms to draw changed', () => {
  it('holds for equal copies and moves when a count, the bins, the runs or their number change', () => {
    const sig = new HistogramsSignature();
    const v0 = sig.of(frame([[1, 2, 3], [4, 5, 6]]));
    expect(sig.of(frame([[1, 2, 3], [4, 5, 6]]))).toBe(v0); // the worker's copy between refreshes
    const v1 = sig.of(frame([[1, 2, 3], [4, 5, 7]]));
    expect(v1).not.toBe(v0);
    const v2 = sig.of(frame([[1, 2, 3], [4, 5, 7]], undefined, 2));
    expect(v2).not.toBe(v1);
    const v3 = sig.of(frame([[1, 2, 3], [4, 5, 7]], ['plain', 'batch'], 2));
    expect(v3).not.toBe(v2);
    const v4 = sig.of(frame([[1, 2, 3]], ['plain'], 2));
    expect(v4).not.toBe(v3);
    expect(sig.of(frame([[1, 2, 3]], ['plain'], 2))).toBe(v4);
  });

  it('compares long histograms past its first buffer', () => {
    const sig = new HistogramsSignature();
    const long = Array.from({ length: 600 }, (_, i) => i);
    const v0 = sig.of(frame([long, long]));
    expect(sig.of(frame([long, long]))).toBe(v0);
    expect(sig.of(frame([long, [...long.slice(0, 599), -1]]))).not.toBe(v0);
  });
});
