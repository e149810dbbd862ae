// Micro-benchmark of the dense kernels in src/engine/matmul.ts.
//
//   npx tsx scripts/bench-matmul.ts [--trials N] [--ms T] [--shapes 60x784x100,...] [--baselines] [--ts] [--json]
//   (npm run build:wasm first: the engine imports the compiled kernels)
//
// By default the products run on the WebAssembly SIMD kernels, in place on operands allocated in a
// SimdArena, as a model's are; --ts runs the pure TypeScript kernel on ordinary Float32Arrays.
//
// For every shape B x C x OC it reports GFLOP/s (FLOPs = 2*B*C*OC per product) of
//   fwd   matmulForward                        out  = inp @ W^T + bias
//   dinp  the dinp product of matmulBackward   dinp += dout @ W
//   dW    matmulBackward with dinp = dbias = null   dW += dout^T @ inp
//   step  matmulForward + full matmulBackward (3 products + bias sums; counted as 3 products)
// Each number is the median of `trials` timed trials (each ~`ms` milliseconds of repeated calls) after
// a warm-up, timed by this process's CPU time (so other processes sharing the two vCPUs do not count;
// `stepW` is the step by wall time). Float32Array inputs, random values in [-1, 1).
// The last lines give the plain mean over the B = 60 and B = 256 shapes and, per benchmark MLP
// (W1 = 784-100-100-100-10 at B = 60, W2 = 784-512-512-512-10 at B = 256), the effective rate of all
// its dense products in one training step: sum of FLOPs / sum of times (each layer's step counted).
//
// This machine is a 2-vCPU VM whose throughput drifts by tens of percent while a run is going (an
// integer-only loop swings between ~5 and ~9 Gop/s), so a calibration loop is timed before each shape
// and printed (`cal`, Gop/s): compare numbers only between runs with similar `cal`. --baselines also
// times two reference kernels defined below (naive triple loop; a 4x4 register-tiled Float32Array
// kernel reading the operands in place) for comparison.

import os from 'node:os';
import { gemmAccumulate, matmulBackward, matmulForward } from '../src/engine/index';
import { SimdArena, simdBackwardInput, useSimd } from '../src/engine/index';
import { Rng } from '../src/engine/index';
import { positiveFlag, readFlags, UsageError } from './cli/flags';
import { parseOrExit } from './cli/start';

type Shape = [number, number, number];
const DEFAULT_SHAPES: Shape[] = [
  [60, 784, 100], [60, 100, 100], [60, 100, 10],
  [256, 784, 512], [256, 512, 512], [256, 512, 10],
  [32, 784, 256],
];

interface Args { trials: number; ms: number; shapes: Shape[]; baselines: boolean; json: boolean; ts: boolean }

const USAGE = 'usage: npx tsx scripts/bench-matmul.ts [--trials N] [--ms T] [--shapes BxCxOC,...] [--baselines] [--ts] [--json]';

function shapeOf(text: string): Shape {
  const p = text.split('x').map((x) => (/^\d+$/.test(x.trim()) ? Number(x) : NaN));
  if (p.length !== 3 || p.some((x) => !(x > 0))) throw new UsageError(`--shapes: "${text}" is not accepted; accepted: BxCxOC, e.g. 60x784x100`);
  return p as Shape;
}

function parse(argv: readonly string[]): Args & { help: boolean } {
  const flags = readFlags(argv, { values: ['trials', 'ms', 'shapes'], switches: ['baselines', 'ts', 'json', 'help'], short: { h: 'help' } });
  const a = { trials: 9, ms: 120, shapes: DEFAULT_SHAPES, baselines: flags.switches.has('baselines'), json: flags.switches.has('json'), ts: flags.switches.has('ts'), help: flags.switches.has('help') };
  for (const [flag, text] of flags.values) {
    if (flag === 'trials') a.trials = positiveFlag(flag, text, true);
    else if (flag === 'ms') a.ms = positiveFlag(flag, text);
    else a.shapes = text.split(',').map(shapeOf);
  }
  return a;
}

/** Uniform numbers in [0, 1) from the engine's seeded generator, so that failures reproduce. */
function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.uniform();
}

/** Where operands live: ordinary arrays (--ts) or, for the SIMD kernels, a model-like arena. */
let alloc: (n: number) => Float32Array = (n) => new Float32Array(n);

function randomF32(n: number, rnd: () => number): Float32Array {
  const a = alloc(n);
  for (let i = 0; i < n; i++) a[i] = 2 * rnd() - 1;
  return a;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** CPU seconds (user + system) this process has used so far. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Median seconds per call of f over `trials` trials of about `ms` each, after a warm-up, by CPU time
 * of this process (other processes sharing the 2 vCPUs then do not count) and by wall time.
 */
function timeIt(f: () => void, trials: number, ms: number): { cpu: number; wall: number } {
  // Warm up (and let TurboFan optimise) for ~3 trial lengths, and find the repetitions per trial.
  const warmEnd = performance.now() + 3 * ms;
  let n = 0;
  const t0 = performance.now();
  while (performance.now() < warmEnd || n < 3) {
    f();
    n++;
  }
  const per = (performance.now() - t0) / n;
  const reps = Math.max(1, Math.round(ms / Math.max(per, 1e-6)));
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let t = 0; t < trials; t++) {
    const c = cpuSeconds();
    const s = performance.now();
    for (let r = 0; r < reps; r++) f();
    wall.push((performance.now() - s) / 1000 / reps);
    cpu.push((cpuSeconds() - c) / reps);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

/** An integer loop of 6 independent chains (calibration of the machine's current speed). */
function calLoop(n: number): number {
  let a = 0, b = 1, c = 2, d = 3, e = 4, g = 5;
  for (let i = 0; i < n; i++) {
    a = (a + i) | 0; b = (b ^ i) | 0; c = (c + 3) | 0; d = (d ^ 7) | 0; e = (e + a) | 0; g = (g ^ b) | 0;
  }
  return (a ^ b ^ c ^ d ^ e ^ g) | 0;
}
let calSink = 0;

/** Calibration: Gop/s of calLoop by CPU time (median of 5 runs of 3e7 operations). */
function calibrate(): number {
  const ts: number[] = [];
  for (let t = 0; t < 5; t++) {
    const s = cpuSeconds();
    calSink += calLoop(5e6);
    ts.push(cpuSeconds() - s);
  }
  return (6 * 5e6) / median(ts) / 1e9;
}

// ---------------------------------------------------------------------------------------------------
// Baselines (only with --baselines): what the kernels are measured against.

/** Naive dot-product forward: out[b,o] = bias[o] + sum_c inp[b,c] W[o,c]. */
function naiveForward(out: Float32Array, inp: Float32Array, w: Float32Array, bias: Float32Array, B: number, C: number, OC: number): void {
  for (let b = 0; b < B; b++) {
    for (let o = 0; o < OC; o++) {
      let s = bias[o];
      for (let c = 0; c < C; c++) s += inp[b * C + c] * w[o * C + c];
      out[b * OC + o] = s;
    }
  }
}

/** 4x4 register tile reading inp and W rows in place (dot-product form), remainders naive. */
function tiled44Forward(out: Float32Array, inp: Float32Array, w: Float32Array, bias: Float32Array, B: number, C: number, OC: number): void {
  let b = 0;
  for (; b + 4 <= B; b += 4) {
    const a0 = b * C, a1 = a0 + C, a2 = a1 + C, a3 = a2 + C;
    let o = 0;
    for (; o + 4 <= OC; o += 4) {
      const w0 = o * C, w1 = w0 + C, w2 = w1 + C, w3 = w2 + C;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let c = 0; c < C; c++) {
        const x0 = inp[a0 + c], x1 = inp[a1 + c], x2 = inp[a2 + c], x3 = inp[a3 + c];
        const y0 = w[w0 + c], y1 = w[w1 + c], y2 = w[w2 + c], y3 = w[w3 + c];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      const r = b * OC + o;
      out[r] = bias[o] + c00; out[r + 1] = bias[o + 1] + c01; out[r + 2] = bias[o + 2] + c02; out[r + 3] = bias[o + 3] + c03;
      out[r + OC] = bias[o] + c10; out[r + OC + 1] = bias[o + 1] + c11; out[r + OC + 2] = bias[o + 2] + c12; out[r + OC + 3] = bias[o + 3] + c13;
      out[r + 2 * OC] = bias[o] + c20; out[r + 2 * OC + 1] = bias[o + 1] + c21; out[r + 2 * OC + 2] = bias[o + 2] + c22; out[r + 2 * OC + 3] = bias[o + 3] + c23;
      out[r + 3 * OC] = bias[o] + c30; out[r + 3 * OC + 1] = bias[o + 1] + c31; out[r + 3 * OC + 2] = bias[o + 2] + c32; out[r + 3 * OC + 3] = bias[o + 3] + c33;
    }
    for (; o < OC; o++) {
      for (let i = b; i < b + 4; i++) {
        let s = bias[o];
        for (let c = 0; c < C; c++) s += inp[i * C + c] * w[o * C + c];
        out[i * OC + o] = s;
      }
    }
  }
  for (; b < B; b++) {
    for (let o = 0; o < OC; o++) {
      let s = bias[o];
      for (let c = 0; c < C; c++) s += inp[b * C + c] * w[o * C + c];
      out[b * OC + o] = s;
    }
  }
}

// ---------------------------------------------------------------------------------------------------

interface Row {
  shape: string;
  /** Calibration loop Gop/s (CPU time) just before the shape. */
  cal: number;
  /** GFLOP/s by CPU time. */
  fwd: number; dinp: number; dW: number; step: number;
  /** GFLOP/s of `step` by wall time. */
  stepWall: number;
  naiveFwd?: number; tiled44Fwd?: number;
}

function benchShape([B, C, OC]: Shape, args: Args): Row {
  const rnd = seeded(B * 1_000_003 + C * 1009 + OC);
  const inp = randomF32(B * C, rnd), w = randomF32(OC * C, rnd), bias = randomF32(OC, rnd), dout = randomF32(B * OC, rnd);
  const out = alloc(B * OC), dinp = alloc(B * C), dw = alloc(OC * C), db = alloc(OC);
  const flops = 2 * B * C * OC;
  const cal = calibrate();
  // Gradients grow without bound while accumulating; zero them now and then so values stay finite.
  let calls = 0;
  const rezero = () => {
    if (++calls % 1024 === 0) { dinp.fill(0); dw.fill(0); db.fill(0); }
  };
  const T = (f: () => void, trials = args.trials) => timeIt(f, trials, args.ms);
  const fwd = T(() => matmulForward(out, inp, w, bias, B, C, OC));
  const dI = T(() => {
    if (args.ts) gemmAccumulate(dinp, C, 1, B, C, OC, dout, OC, 1, w, 1, C);
    else simdBackwardInput(dinp, dout, w, B, C, OC);
    rezero();
  });
  const dW = T(() => { matmulBackward(null, dw, null, dout, inp, w, B, C, OC); rezero(); });
  const step = T(() => {
    matmulForward(out, inp, w, bias, B, C, OC);
    matmulBackward(dinp, dw, db, dout, inp, w, B, C, OC);
    rezero();
  });
  const row: Row = {
    shape: `${B}x${C}x${OC}`, cal,
    fwd: flops / fwd.cpu / 1e9, dinp: flops / dI.cpu / 1e9, dW: flops / dW.cpu / 1e9, step: (3 * flops) / step.cpu / 1e9,
    stepWall: (3 * flops) / step.wall / 1e9,
  };
  if (args.baselines) {
    row.naiveFwd = flops / T(() => naiveForward(out, inp, w, bias, B, C, OC), Math.min(args.trials, 5)).cpu / 1e9;
    row.tiled44Fwd = flops / T(() => tiled44Forward(out, inp, w, bias, B, C, OC), Math.min(args.trials, 5)).cpu / 1e9;
  }
  return row;
}

function main(): void {
  const args = parseOrExit('bench-matmul', parse, () => USAGE);
  if (!args) return;
  if (args.ts) useSimd(false);
  else if (!useSimd(true)) throw new Error('WebAssembly SIMD is not available here (run with --ts)');
  else {
    const floats = args.shapes.reduce((n, [B, C, OC]) => n + 2 * (B * C + OC * C + B * OC + OC) + 64, 0);
    const arena = new SimdArena(floats);
    alloc = (n) => arena.alloc(n);
  }
  // Get the calibration loop optimised before the first measurement.
  for (let i = 0; i < 200; i++) calSink += calLoop(1e5);
  const rows: Row[] = [];
  const f = (x: number | undefined) => (x === undefined ? '' : x.toFixed(2)).padStart(7);
  if (!args.json) {
    console.log(`${args.ts ? 'pure TypeScript kernel' : 'WebAssembly SIMD kernels, in place'}; node ${process.version}, ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`GFLOP/s by CPU time, median of ${args.trials} trials of ~${args.ms} ms (stepW: step by wall time;`);
    console.log('cal: Gop/s of an integer calibration loop before the shape, ~9 when the core runs at full speed)');
    console.log(`${'shape BxCxOC'.padEnd(14)}${'fwd'.padStart(7)}${'dinp'.padStart(7)}${'dW'.padStart(7)}${'step'.padStart(7)}${'stepW'.padStart(7)}${'cal'.padStart(7)}${args.baselines ? 'naiveF'.padStart(7) + 'tile44F'.padStart(8) : ''}`);
  }
  for (const s of args.shapes) {
    const r = benchShape(s, args);
    rows.push(r);
    if (!args.json) console.log(`${r.shape.padEnd(14)}${f(r.fwd)}${f(r.dinp)}${f(r.dW)}${f(r.step)}${f(r.stepWall)}${f(r.cal)}${args.baselines ? f(r.naiveFwd) + ' ' + f(r.tiled44Fwd) : ''}`);
  }
  // Mean over the B = 60 and B = 256 shapes (the two benchmark MLPs).
  const main6 = rows.filter((r) => r.shape.startsWith('60x') || r.shape.startsWith('256x'));
  const mean = (k: 'fwd' | 'dinp' | 'dW' | 'step' | 'stepWall') => main6.reduce((s, r) => s + r[k], 0) / Math.max(main6.length, 1);
  const summary = { fwd: mean('fwd'), dinp: mean('dinp'), dW: mean('dW'), step: mean('step'), stepWall: mean('stepWall') };
  // Effective rate of the dense products of a whole training step of W1 / W2 (time-weighted).
  const byShape = new Map(rows.map((r) => [r.shape, r.step]));
  const mlp = (name: string, B: number, sizes: number[]): string | null => {
    let fl = 0;
    let t = 0;
    for (let i = 0; i + 1 < sizes.length; i++) {
      const g = byShape.get(`${B}x${sizes[i]}x${sizes[i + 1]}`);
      if (g === undefined) return null;
      const f = 6 * B * sizes[i] * sizes[i + 1];
      fl += f;
      t += f / g;
    }
    return `${name} step (${B}: ${sizes.join('-')}): ${(fl / t).toFixed(2)} GFLOP/s`;
  };
  const w1 = mlp('W1', 60, [784, 100, 100, 100, 10]);
  const w2 = mlp('W2', 256, [784, 512, 512, 512, 10]);
  if (calSink === 0.5) console.log(''); // keep the calibration loop observable
  if (args.json) console.log(JSON.stringify({ node: process.version, rows, meanB60B256: summary, w1, w2 }, null, 1));
  else {
    if (main6.length) console.log(`${'mean B60/B256'.padEnd(14)}${f(summary.fwd)}${f(summary.dinp)}${f(summary.dW)}${f(summary.step)}${f(summary.stepWall)}`);
    for (const line of [w1, w2]) if (line) console.log(line);
  }
}

main();
