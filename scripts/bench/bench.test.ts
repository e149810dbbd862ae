import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import {
  computeRatios, contended, tsTargetFor, firstLossAgreement, fmtNum, formatRatioLine, formatResultsTable, formatTable,
  gflopsOf, targetFor, toJsonDocument, type BenchDetail, type BenchResult,
} from './report';
import { parseProcStatBusyMs } from './sysload';
import { measure, measureInterleaved, median, relativeSpread, stepsForTrial, trialCount } from './timing';
import { cnnStepFlops, DEFAULT_WORKLOADS, makeBatches, makeWeights, makeWorkload, stepFlops, toModelSpec, workloadFlops } from './workloads';

describe('median and spread', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });
  it('does not reorder its input', () => {
    const v = [3, 1, 2];
    median(v);
    expect(v).toEqual([3, 1, 2]);
  });
  it('spread is (max - min) / median', () => {
    expect(relativeSpread([90, 100, 110])).toBeCloseTo(0.2);
    expect(relativeSpread([5, 5, 5])).toBe(0);
  });
});

describe('trial sizing', () => {
  it('sizes trials to the calibrated rate, at least one step', () => {
    expect(stepsForTrial(100, 1.5)).toBe(150);
    expect(stepsForTrial(0.3, 1.5)).toBe(1);
    expect(stepsForTrial(NaN, 1.5)).toBe(1);
  });
  it('measures with a fake clock: 10 ms per step is 100 steps/s', () => {
    let t = 0;
    let cpu = 0;
    let steps = 0;
    const m = measure(() => { t += 10; cpu += 10; steps++; }, {
      trials: 5, trialSeconds: 0.5, warmupSeconds: 0.1, untimedSteps: 2, now: () => t, cpuNow: () => cpu,
    });
    expect(m.stepsPerSec).toBeCloseTo(100);
    expect(m.stepsPerTrial).toBe(50);
    expect(m.trialRates).toHaveLength(5);
    expect(m.cpuShares.every((c) => Math.abs(c - 1) < 1e-9)).toBe(true);
    expect(steps).toBe(2 + 10 + 5 * 50);
    expect(m.warmupSteps).toBe(12);
  });
  it('reports the median trial and the CPU share when the process waits', () => {
    let t = 0;
    let cpu = 0;
    let call = 0;
    // the third trial (steps 22..31 after 2 untimed + 10 calibration) runs at half speed
    const m = measure(() => {
      call++;
      const slow = call > 2 + 10 + 2 * 10 && call <= 2 + 10 + 3 * 10;
      t += slow ? 20 : 10;
      cpu += 10;
    }, { trials: 5, trialSeconds: 0.1, warmupSeconds: 0.1, untimedSteps: 2, now: () => t, cpuNow: () => cpu });
    expect(m.stepsPerTrial).toBe(10);
    expect(m.trialRates.map((r) => Math.round(r))).toEqual([100, 100, 50, 100, 100]);
    expect(m.stepsPerSec).toBeCloseTo(100);
    expect(m.cpuShares[2]).toBeCloseTo(0.5);
  });
  it('runs fewer trials (at least minTrials) when they would exceed maxTrialsSeconds', () => {
    expect(trialCount(5, 1.5, undefined, 3)).toBe(5);
    expect(trialCount(5, 1.5, 12, 3)).toBe(5);
    expect(trialCount(5, 3.5, 12, 3)).toBe(3);
    expect(trialCount(5, 2.9, 12, 3)).toBe(4);
    expect(trialCount(2, 10, 12, 3)).toBe(2);
    let t = 0;
    const m = measure(() => { t += 3500; }, { trials: 5, trialSeconds: 1.5, warmupSeconds: 0.75, maxTrialsSeconds: 12, now: () => t, cpuNow: () => t });
    expect(m.stepsPerTrial).toBe(1);
    expect(m.trialRates).toHaveLength(3);
    expect(m.warmupSteps).toBe(2);
  });
  it('counts the cores other processes kept busy', () => {
    let t = 0;
    let sys = 0;
    // each 10 ms step: we use 10 ms of CPU, the machine 15 ms (another process half a core)
    const m = measure(() => { t += 10; sys += 15; }, {
      trials: 3, trialSeconds: 0.1, warmupSeconds: 0.05, now: () => t, cpuNow: () => t, systemCpuNow: () => sys,
    });
    expect(m.otherCores.map((v) => v!.toFixed(2))).toEqual(['0.50', '0.50', '0.50']);
    const u = measure(() => { t += 10; }, { trials: 2, trialSeconds: 0.1, warmupSeconds: 0.05, now: () => t, cpuNow: () => t });
    expect(u.otherCores).toEqual([null, null]);
  });
  it('reads the busy time from /proc/stat', () => {
    const stat = 'cpu  100 5 20 1000 7 1 2 3 0 0\ncpu0 50 2 10 500 3 0 1 1 0 0\n';
    expect(parseProcStatBusyMs(stat)).toBe((100 + 5 + 20 + 1 + 2 + 3) * 10);
    expect(parseProcStatBusyMs('nothing')).toBeNull();
  });
  it('interleaves the trials of several implementations round-robin', async () => {
    let t = 0;
    const log: string[] = [];
    let active = '';
    const entry = (name: string, msPerStep: number) => ({
      step: () => { t += msPerStep; if (log[log.length - 1] !== name) log.push(name); },
      activate: () => { active = name; },
      afterTrial: (i: number) => log.push(`${name}${i}${active === name ? '' : '!'}`),
    });
    const [fast, slow] = await measureInterleaved([entry('a', 10), entry('b', 4000)], {
      trials: 5, trialSeconds: 0.5, warmupSeconds: 0.1, maxTrialsSeconds: 12, now: () => t, cpuNow: () => t,
    });
    expect(fast.stepsPerSec).toBeCloseTo(100);
    expect(fast.trialRates).toHaveLength(5);
    expect(slow.stepsPerSec).toBeCloseTo(0.25);
    expect(slow.trialRates).toHaveLength(3); // 4 s trials, 12 s budget
    // warm-ups first, then a0 b0 a1 b1 a2 b2 a3 a4, each trial with its own entry active
    expect(log.filter((s) => /\d/.test(s))).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'a4']);
  });
  it('calls afterTrial once per trial', () => {
    let t = 0;
    const seen: number[] = [];
    measure(() => { t += 1; }, { trials: 3, trialSeconds: 0.01, warmupSeconds: 0.01, now: () => t, cpuNow: () => t, afterTrial: (i) => seen.push(i) });
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('FLOP counting', () => {
  it('counts forward, dW for every layer and dX for all but the first', () => {
    // 2 layers 3->4->2, B=5: fwd 2*5*(12+8), dW the same, dX only layer 2: 2*5*8
    expect(stepFlops([3, 4, 2], 5)).toBe(2 * 5 * 20 * 2 + 2 * 5 * 8);
  });
  it('gives the documented totals for W1 and W2', () => {
    const w1 = makeWorkload('W1', 'batch');
    const w2 = makeWorkload('W2', 'batch');
    const mac1 = 784 * 100 + 100 * 100 + 100 * 100 + 100 * 10;
    const mac2 = 784 * 512 + 512 * 512 + 512 * 512 + 512 * 10;
    expect(stepFlops(w1.sizes, w1.batch)).toBe(2 * 60 * (3 * mac1 - 784 * 100));
    expect(stepFlops(w1.sizes, w1.batch)).toBe(26_376_000);
    expect(stepFlops(w2.sizes, w2.batch)).toBe(2 * 256 * (3 * mac2 - 784 * 512));
  });
  it('converts to GFLOP/s', () => {
    expect(gflopsOf(26_376_000, 100)).toBeCloseTo(2.6376);
  });
});

describe('workloads and data', () => {
  it('W1 is the Ioffe & Szegedy Figure 1 network', () => {
    const w = makeWorkload('W1', 'batch');
    expect(w.sizes).toEqual([784, 100, 100, 100, 10]);
    expect(w).toMatchObject({ activation: 'sigmoid', batch: 60, lr: 0.1, eps: 1e-5, momentum: 0.1, init: 'normal:0.1' });
    const spec = toModelSpec(w);
    expect(spec.hidden).toEqual([1, 2, 3].map(() => ({ units: 100, activation: 'sigmoid', norm: 'batch' })));
    expect(spec).toMatchObject({ inputSize: 784, outputSize: 10, normPlacement: 'pre', eps: 1e-5, momentum: 0.1 });
    expect(toModelSpec(makeWorkload('W1', 'none')).hidden[0].norm).toBe('none');
  });
  it('W3 is the issue\'s CNN at batch 60: its conv products and weights', () => {
    const w = makeWorkload('W3', 'batch');
    expect(w).toMatchObject({ cnn: true, batch: 60, lr: 0.1, init: 'pytorch', activation: 'relu' });
    // conv 1: 60 x 8 x 9 x 784 multiply-adds, forward and dW (no dX for the input); conv 2: 60 x 16 x 72 x 196,
    // forward, dW and dX; the linear layer 784 -> 10 as in stepFlops
    expect(cnnStepFlops(60)).toBe(4 * 60 * 8 * 9 * 784 + 6 * 60 * 16 * 72 * 196 + 6 * 60 * 784 * 10);
    expect(workloadFlops(w)).toBe(97_655_040);
    const weights = makeWeights(w);
    expect(weights.map((a) => a.length)).toEqual([8 * 9, 16 * 72, 10 * 784]);
    // PyTorch's init: U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in 9, 72, 784
    expect(Math.max(...weights[0].map(Math.abs))).toBeLessThanOrEqual(1 / 3);
    expect(Math.max(...weights[2].map(Math.abs))).toBeLessThanOrEqual(1 / 28);
    expect(DEFAULT_WORKLOADS).toContainEqual(['W3', 'batch']);
  });

  it('W2 is 784-512-512-512-10 relu, batch 256', () => {
    const w = makeWorkload('W2', 'batch');
    expect(w.sizes).toEqual([784, 512, 512, 512, 10]);
    expect(w).toMatchObject({ activation: 'relu', batch: 256, init: 'he' });
  });
  it('random batches are deterministic, in range and of the right size', () => {
    const w = makeWorkload('W1', 'none');
    const a = makeBatches(w, 3, 7);
    const b = makeBatches(w, 3, 7);
    expect(a).toHaveLength(3);
    expect(a[0].x.length).toBe(60 * 784);
    expect(a[0].y.length).toBe(60);
    expect(a[2].x).toEqual(b[2].x);
    expect(a[1].y).toEqual(b[1].y);
    expect(Math.min(...a[0].x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a[0].x)).toBeLessThan(1);
    expect(Math.max(...a[0].y)).toBeLessThan(10);
    expect(new Set(a.flatMap((bt) => [...bt.y])).size).toBe(10);
  });
  it('weights have the engine layout and the asked-for scale', () => {
    const w1 = makeWeights(makeWorkload('W1', 'batch'));
    expect(w1.map((a) => a.length)).toEqual([784 * 100, 100 * 100, 100 * 100, 100 * 10]);
    const std = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    expect(std(w1[0])).toBeCloseTo(0.1, 2);
    const w2 = makeWeights(makeWorkload('W2', 'batch'));
    expect(std(w2[0])).toBeCloseTo(Math.sqrt(2 / 784), 2);
    expect(std(w2[1])).toBeCloseTo(Math.sqrt(2 / 512), 2);
  });
});

const result = (workload: 'W1' | 'W2', norm: 'batch' | 'none', impl: BenchResult['impl'], stepsPerSec: number): BenchDetail => ({
  workload, norm, impl, stepsPerSec, gflops: stepsPerSec / 10, flopsPerStep: 1e8, trialRates: [stepsPerSec, stepsPerSec * 1.1],
  stepsPerTrial: 10, cpuShare: 0.99, otherCores: 0.01, warmupSteps: 5, spread: 0.1, firstLoss: 2.3, lastLoss: 2.25, seconds: 5,
});

describe('ratios and targets', () => {
  const details = [
    result('W1', 'batch', 'normscope', 300), result('W1', 'batch', 'tfjs-cpu', 15), result('W1', 'batch', 'tfjs-wasm', 100),
    result('W1', 'none', 'normscope', 150), result('W1', 'none', 'tfjs-wasm', 100),
    result('W2', 'batch', 'normscope', 4), result('W2', 'batch', 'tfjs-cpu', 0.5), result('W2', 'batch', 'tfjs-wasm', 1.6),
    result('W2', 'none', 'tfjs-wasm', 2),
  ];
  it('targets: 2x on W1, 2.5x on W2', () => {
    expect(targetFor('W1')).toBe(2);
    expect(targetFor('W2')).toBe(2.5);
  });
  it('divides ours by each TF.js backend and judges the wasm target', () => {
    const r = computeRatios(details);
    expect(r).toHaveLength(3); // W2 none has no normscope result
    expect(r[0]).toMatchObject({ workload: 'W1', norm: 'batch', vsWasm: 3, vsCpu: 20, target: 2, met: true });
    expect(r[1]).toMatchObject({ workload: 'W1', norm: 'none', vsWasm: 1.5, vsCpu: null, met: false });
    expect(r[2]).toMatchObject({ workload: 'W2', norm: 'batch', vsCpu: 8, target: 2.5, met: true });
    expect(r[2].vsWasm).toBeCloseTo(2.5);
  });
  it('ratio lines say met / NOT MET', () => {
    const [a, b] = computeRatios(details);
    expect(formatRatioLine(a)).toContain('3.00x  (target >= 2x: met)');
    expect(formatRatioLine(a)).toContain('ours/tfjs-cpu  20.00x');
    expect(formatRatioLine(b)).toContain('NOT MET');
    expect(formatRatioLine(b)).toContain('ours/tfjs-cpu     n/a');
    // the tfjs-cpu column lines up whether the target is met or not
    expect(formatRatioLine(a).indexOf('ours/tfjs-cpu')).toBe(formatRatioLine(b).indexOf('ours/tfjs-cpu'));
    const none = computeRatios([result('W1', 'batch', 'normscope', 1)]);
    expect(none[0].met).toBeNull();
    expect(formatRatioLine(none[0])).toContain('n/a');
  });
  it('divides the SIMD kernels by the pure TypeScript ones: 2x on W1, 3x on W2', () => {
    expect(tsTargetFor('W1')).toBe(2);
    expect(tsTargetFor('W2')).toBe(3);
    const r = computeRatios([
      result('W1', 'batch', 'normscope', 300), result('W1', 'batch', 'normscope-ts', 100),
      result('W2', 'none', 'normscope', 10), result('W2', 'none', 'normscope-ts', 4),
    ]);
    expect(r[0]).toMatchObject({ vsTs: 3, tsTarget: 2, tsMet: true, vsWasm: null });
    expect(r[1]).toMatchObject({ vsTs: 2.5, tsTarget: 3, tsMet: false });
    expect(formatRatioLine(r[0])).toContain('simd/ts   3.00x  (target >= 2x: met)');
    expect(formatRatioLine(r[1])).toContain('simd/ts   2.50x  (target >= 3x: NOT MET)');
    expect(computeRatios(details)[0].vsTs).toBeNull();
    expect(formatRatioLine(computeRatios(details)[0])).not.toContain('simd/ts');
  });
  it('flags contended configurations', () => {
    const waited = { ...result('W1', 'batch', 'normscope', 1), cpuShare: 0.6 };
    const shared = { ...result('W2', 'batch', 'normscope', 1), otherCores: 0.9 };
    const unknown = { ...result('W2', 'none', 'normscope', 1), otherCores: null };
    expect(contended([waited, result('W1', 'none', 'normscope', 1), shared, unknown])).toEqual([waited, shared]);
  });
  it('measures the first-step loss agreement', () => {
    const a = firstLossAgreement([
      { ...result('W1', 'batch', 'normscope', 1), firstLoss: 2.4 },
      { ...result('W1', 'batch', 'tfjs-wasm', 1), firstLoss: 2.4 * (1 + 1e-6) },
      result('W2', 'batch', 'normscope', 1),
    ]);
    expect(a).toHaveLength(1);
    expect(a[0].maxRelDiff).toBeCloseTo(1e-6, 9);
  });
});

describe('formatting', () => {
  it('aligns columns', () => {
    const t = formatTable(['a', 'num'], [['xyz', '1.5'], ['q', '100.25']], 'lr');
    expect(t.split('\n')).toEqual(['a       num', '---  ------', 'xyz     1.5', 'q    100.25']);
  });
  it('formats numbers to a sensible precision', () => {
    expect(fmtNum(123.456)).toBe('123.5');
    expect(fmtNum(12.345)).toBe('12.35');
    expect(fmtNum(1.2345)).toBe('1.23');
    expect(fmtNum(0.12345)).toBe('0.123');
  });
  it('the results table has one aligned row per configuration', () => {
    const lines = formatResultsTable([result('W1', 'batch', 'normscope', 300), result('W2', 'none', 'tfjs-wasm', 1.6)]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^workload {2}norm {3}impl/);
    const col = lines[0].indexOf('steps/s') + 'steps/s'.length;
    expect(lines[2].slice(0, col).endsWith('300.0')).toBe(true);
    expect(lines[3].slice(0, col).endsWith('1.60')).toBe(true);
  });
  it('the JSON document lists exactly the required keys per result', () => {
    const doc = toJsonDocument([result('W1', 'batch', 'normscope', 300), result('W1', 'batch', 'tfjs-wasm', 100)], { machine: { cores: 2 } });
    expect(doc.results).toEqual([
      { workload: 'W1', norm: 'batch', impl: 'normscope', stepsPerSec: 300, gflops: 30 },
      { workload: 'W1', norm: 'batch', impl: 'tfjs-wasm', stepsPerSec: 100, gflops: 10 },
    ]);
    expect(doc.machine).toEqual({ cores: 2 });
    expect((doc.ratios as { vsWasm: number }[])[0].vsWasm).toBe(3);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('command line', () => {
  it('defaults to everything', () => {
    const a = parseArgs([]);
    expect(a).toMatchObject({ json: false, impls: ['normscope', 'normscope-ts', 'tfjs-cpu', 'tfjs-wasm'], trials: 5, trialSeconds: 1.5 });
    expect(a.workloads).toEqual([['W1', 'batch'], ['W1', 'none'], ['W2', 'batch'], ['W2', 'none'], ['W3', 'batch'], ['W3', 'none']]);
  });
  it('parses --only, --workloads, --json and numbers', () => {
    expect(parseArgs(['--only', 'ours']).impls).toEqual(['normscope']);
    expect(parseArgs(['--only=tfjs']).impls).toEqual(['tfjs-cpu', 'tfjs-wasm']);
    expect(parseArgs(['--only', 'wasm,normscope']).impls).toEqual(['normscope', 'tfjs-wasm']);
    expect(parseArgs(['--only', 'ts,ours']).impls).toEqual(['normscope', 'normscope-ts']);
    expect(parseArgs(['--workloads', 'w2:batch,W1']).workloads).toEqual([['W2', 'batch'], ['W1', 'batch'], ['W1', 'none']]);
    const a = parseArgs(['--json', '--trials', '3', '--trial-seconds=0.5']);
    expect(a).toMatchObject({ json: true, trials: 3, trialSeconds: 0.5 });
  });
  it('rejects what it does not know', () => {
    expect(() => parseArgs(['--only', 'pytorch'])).toThrow(/unknown implementation/);
    expect(() => parseArgs(['--workloads', 'W4'])).toThrow(/unknown workload/);
    expect(() => parseArgs(['--workloads', 'W1:layer'])).toThrow(/unknown norm/);
    expect(() => parseArgs(['--trials', '0'])).toThrow(/--trials "0" is not accepted; accepted: an integer above 0/);
    expect(() => parseArgs(['--trials'])).toThrow(/--trials needs a value/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown flag --fast/);
  });
});
