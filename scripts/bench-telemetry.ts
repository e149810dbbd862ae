// `npx tsx scripts/bench-telemetry.ts [--frames N]`: the cost of one telemetry frame, measured on
// the values a real training step leaves in the engine's workspaces.
//
// A frame, per run: for each hidden layer and stage (z = norm input, norm = activation input, act =
// output), LayerStats (per-unit moments, 12 percentiles, saturation) and the stage's StableBins
// (observe, then count into 40 bins), plus series appends and the update ratio of every W. Runs of a
// twin share the bins (observe both, then count both). Workloads:
//   W1 784-100-100-100-10 sigmoid, batch 60 (3 layers x 3 stages of 60 x 100 values per run)
//   W2 784-512-512-512-10 relu, batch 256 (3 layers x 3 stages of 256 x 512 values per run)
// One training step (untimed) runs before every timed frame, so each frame sees fresh values (the
// same values every time would let the CPU's branch predictor learn them and flatter the numbers).
// Reported: median and 90th percentile of the frame time over N frames per round, best of 5 rounds
// that interleave all configurations (on a shared machine, the least disturbed round), the time of a
// training step, and the share of the worker's time telemetry takes at min(30, steps/s) frames/s.
import os from 'node:os';
import { Mlp } from '../src/engine/index';
import { Rng } from '../src/engine/index';
import type { Activation, FloatArray, ModelSpec } from '../src/engine/index';
import { BoundedSeries } from '../src/telemetry/index';
import { StableBins } from '../src/telemetry/index';
import { createLayerStats, LayerStatsComputer, ParamSnapshot, type LayerStats } from '../src/telemetry/index';
import { intFlag, readFlags } from './cli/flags';
import { parseOrExit } from './cli/start';

interface Workload { name: string; hidden: number[]; act: Activation; batch: number; init: string; lr: number }

const WORKLOADS: Workload[] = [
  { name: 'W1 784-100x3-10 sigmoid, batch 60', hidden: [100, 100, 100], act: 'sigmoid', batch: 60, init: 'normal:0.1', lr: 0.1 },
  { name: 'W2 784-512x3-10 relu, batch 256', hidden: [512, 512, 512], act: 'relu', batch: 256, init: 'he', lr: 0.01 },
];
const STAGES = ['z', 'norm', 'act'] as const;
type Stage = (typeof STAGES)[number];
const BINS = 40;
const FPS = 30;
const ALL = { stats: true, bins: true, ratios: true };

function makeModel(w: Workload, norm: 'none' | 'batch'): Mlp {
  const spec: ModelSpec = {
    inputSize: 784, outputSize: 10, normPlacement: 'pre', eps: 1e-5, momentum: 0.1,
    hidden: w.hidden.map((units) => ({ units, activation: w.act, norm })),
  };
  return new Mlp(spec, { type: 'sgd', lr: w.lr, momentum: 0, weightDecay: 0 }, { init: w.init, seed: 1 });
}

function stageValues(m: Mlp, j: number, stage: Stage): FloatArray | null {
  const l = m.layers[j];
  if (stage === 'z') return l.normInput(l.train);
  if (stage === 'norm') return l.train.norm ? l.activationInput(l.train) : null;
  return l.output(l.train);
}

/** Everything a frame writes into, preallocated: per run, layer and stage. */
class Telemetry {
  private readonly computer = new LayerStatsComputer();
  private readonly stats: LayerStats[][][];
  private readonly counts: Float32Array[][][];
  private readonly bins: StableBins[][];
  private readonly bands: BoundedSeries[][][];
  private readonly loss: BoundedSeries[];
  readonly snapshots: ParamSnapshot[][];
  readonly ratios: Float64Array[];
  /** Steps so far (the x of the series). */
  step = 0;

  constructor(readonly runs: Mlp[], readonly parts: { stats: boolean; bins: boolean; ratios: boolean } = ALL) {
    const L = runs[0].layers.length;
    const per = <T>(f: (j: number, s: number) => T) => Array.from({ length: L }, (_, j) => STAGES.map((_, s) => f(j, s)));
    this.stats = runs.map((m) => per((j) => createLayerStats(m.layers[j].units)));
    this.counts = runs.map(() => per(() => new Float32Array(BINS)));
    this.bins = per((_, s) => new StableBins(STAGES[s] === 'act' && runs[0].layers[0].activation === 'sigmoid' ? { domain: { lo: 0, hi: 1 } } : {}));
    this.bands = runs.map(() => per(() => new BoundedSeries()));
    this.loss = runs.map(() => new BoundedSeries());
    this.snapshots = runs.map((m) => m.layers.map((l) => new ParamSnapshot(l.W.length)));
    this.ratios = runs.map((m) => new Float64Array(m.layers.length));
  }

  /** Before a step whose update ratio will be reported: copy every W. */
  capture(): void {
    this.runs.forEach((m, r) => m.layers.forEach((l, j) => this.snapshots[r][j].capture(l.W)));
  }

  frame(step: number, losses: number[]): void {
    const { runs } = this;
    for (let j = 0; j < runs[0].layers.length; j++) {
      for (let s = 0; s < STAGES.length; s++) {
        const bins = this.bins[j][s];
        for (let r = 0; r < runs.length; r++) {
          const m = runs[r];
          const v = stageValues(m, j, STAGES[s]);
          if (!v) continue;
          const B = m.lastBatchSize;
          const U = m.layers[j].units;
          if (this.parts.stats) {
            const st = this.computer.compute(v, B, U, STAGES[s] === 'act' ? m.layers[j].activation : 'none', this.stats[r][j][s]);
            this.bands[r][j][s].append(step, st.p50);
          }
          if (this.parts.bins) bins.observe(v, B * U);
        }
        if (!this.parts.bins) continue;
        for (let r = 0; r < runs.length; r++) {
          const v = stageValues(runs[r], j, STAGES[s]);
          if (v) bins.count(v, runs[r].lastBatchSize * runs[r].layers[j].units, this.counts[r][j][s]);
        }
      }
    }
    runs.forEach((m, r) => {
      this.loss[r].append(step, losses[r]);
      if (this.parts.ratios) m.layers.forEach((l, j) => { this.ratios[r][j] = this.snapshots[r][j].ratio(l.W); });
    });
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

interface Timing { median: number; p90: number }

function summarize(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p90: quantile(s, 0.9) };
}

/** Times `frames` frames of `t`, each after one untimed training step of every run. */
function timeFrames(t: Telemetry, batches: { x: Float32Array; y: Int32Array }[], B: number, frames: number, warmup: number): Timing {
  const ms: number[] = [];
  for (let f = 0; f < warmup + frames; f++) {
    const { x, y } = batches[f % batches.length];
    t.capture();
    const losses = t.runs.map((m) => m.trainStep(x, y, B));
    const t0 = performance.now();
    t.frame(++t.step, losses);
    const dt = performance.now() - t0;
    if (f >= warmup) ms.push(dt);
  }
  return summarize(ms);
}

function timeSteps(m: Mlp, batches: { x: Float32Array; y: Int32Array }[], B: number, steps: number): number {
  const ms: number[] = [];
  for (let i = 0; i < steps; i++) {
    const { x, y } = batches[i % batches.length];
    const t0 = performance.now();
    m.trainStep(x, y, B);
    ms.push(performance.now() - t0);
  }
  return summarize(ms).median;
}

function timeCapture(t: Telemetry, reps: number): number {
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    t.capture();
    ms.push(performance.now() - t0);
  }
  return summarize(ms).median;
}

const USAGE = 'usage: npx tsx scripts/bench-telemetry.ts [--frames N]';

/** --frames: frames per round (null: 80, or 8 for the big workload). */
function parseOptions(argv: readonly string[]): { frames: number | null; help: boolean } {
  const flags = readFlags(argv, { values: ['frames'], switches: ['help'] });
  const frames = flags.values.get('frames');
  return { frames: frames === undefined ? null : intFlag('frames', frames, 1, 1e6), help: flags.switches.has('help') };
}

/** Best (lowest) of the per-round medians: on a shared machine the least disturbed round. */
function best(timings: Timing[]): Timing {
  return timings.reduce((a, b) => (b.median < a.median ? b : a));
}

function main(): void {
  const options = parseOrExit('bench-telemetry', parseOptions, () => USAGE);
  if (!options) return;
  const framesArg = options.frames;
  const rounds = 5;
  const f3 = (x: number) => x.toFixed(3).padStart(7);
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x ${os.cpus().length}, load average ${os.loadavg()[0].toFixed(2)}`);
  console.log(`Times in ms: median (and p90) of the frames of the best of ${rounds} interleaved rounds`);
  for (const w of WORKLOADS) {
    const big = w.batch * Math.max(...w.hidden) > 50_000;
    const frames = framesArg ?? (big ? 8 : 80);
    const rng = new Rng(7);
    const batches = Array.from({ length: 16 }, () => ({
      x: Float32Array.from({ length: w.batch * 784 }, () => rng.uniform()),
      y: Int32Array.from({ length: w.batch }, () => rng.int(10)),
    }));
    const bn = makeModel(w, 'batch');
    const plain = makeModel(w, 'none');
    for (let i = 0; i < 20; i++) for (const m of [bn, plain]) m.trainStep(batches[i % 16].x, batches[i % 16].y, w.batch);
    const only = (part: 'stats' | 'bins' | 'ratios') => ({ stats: part === 'stats', bins: part === 'bins', ratios: part === 'ratios' });
    const configs = {
      one: new Telemetry([bn]),
      stats: new Telemetry([bn], only('stats')),
      hist: new Telemetry([bn], only('bins')),
      ratios: new Telemetry([bn], only('ratios')),
      twin: new Telemetry([plain, bn]),
      twinNoRatios: new Telemetry([plain, bn], { stats: true, bins: true, ratios: false }),
    };
    type Key = keyof typeof configs;
    const results = Object.fromEntries(Object.keys(configs).map((k) => [k, [] as Timing[]])) as Record<Key, Timing[]>;
    const steps = { bn: [] as number[], plain: [] as number[], capture: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      steps.bn.push(timeSteps(bn, batches, w.batch, big ? 4 : 40));
      steps.plain.push(timeSteps(plain, batches, w.batch, big ? 4 : 40));
      for (const k of Object.keys(configs) as Key[]) {
        results[k].push(timeFrames(configs[k], batches, w.batch, frames, Math.ceil(frames / 4)));
      }
      steps.capture.push(timeCapture(configs.twin, big ? 10 : 100));
    }
    const r = Object.fromEntries((Object.keys(results) as Key[]).map((k) => [k, best(results[k])])) as Record<Key, Timing>;
    const stepBn = Math.min(...steps.bn);
    const stepPlain = Math.min(...steps.plain);
    const capture = Math.min(...steps.capture);
    const U = w.hidden[0];
    const weights = bn.layers.reduce((sum, l) => sum + l.W.length, 0);
    console.log(`\n${w.name}: ${w.hidden.length} layers x 3 stages of ${w.batch} x ${U} = ${w.batch * U} values`);
    console.log(`  training step              BN ${f3(stepBn)}   plain ${f3(stepPlain)}`);
    console.log(`  BN run, 9 channels         ${f3(r.one.median)} (p90 ${f3(r.one.p90)})`);
    console.log(`    stats (moments, 12 percentiles, saturation)   ${f3(r.stats.median)}`);
    console.log(`    histograms (observe + count, 40 bins)         ${f3(r.hist.median)}`);
    console.log(`    update ratios of ${String(weights).padEnd(7)} weights          ${f3(r.ratios.median)}`);
    console.log(`  twin frame (plain 6 + BN 9 channels)  ${f3(r.twin.median)} (p90 ${f3(r.twin.p90)}); without update ratios ${f3(r.twinNoRatios.median)}`);
    console.log(`  W snapshots of both runs before a measured step   ${f3(capture)}`);
    // The worker alternates steps of both runs and frames; frames run at min(30, steps/s) per second.
    const fps = Math.min(FPS, 1000 / (stepBn + stepPlain));
    const share = (fps * (r.twin.median + capture)) / 1000;
    const shareNoRatios = (fps * r.twinNoRatios.median) / 1000;
    console.log(`  at ${fps.toFixed(1)} frames/s telemetry takes ${(100 * share).toFixed(1)}% of the worker's time`
      + ` (${(100 * shareNoRatios).toFixed(1)}% without update ratios); budget 10%`);
  }
}

main();
