// `npm run bench`: steps per second and effective GFLOP/s of training the benchmark MLPs with our
// engine and, in the same run, with TensorFlow.js on its cpu and wasm backends. See --help.
//
// W1 = Ioffe & Szegedy (2015) Figure 1: 784-100-100-100-10 sigmoid, batch 60, batch norm before the
// sigmoid (eps 1e-5, momentum 0.1) or no norm, SGD lr 0.1, N(0, 0.1^2) weights.
// W2 = 784-512-512-512-10 relu, batch 256, batch norm (pre) or none, SGD lr 0.01, He weights.
// W3 = the CNN of issue 17 (conv 3x3 1->8 pad 1, norm, relu, pool 2, conv 3x3 8->16 pad 1, norm, relu,
// pool 2, linear 784->10), batch 60, BatchNorm2d or none, SGD lr 0.1, PyTorch's init; TF.js runs it NHWC.
// Every implementation trains from the same initial weights on the same 16 seeded random batches
// (x uniform [0, 1), labels 0..9), cycled; softmax cross-entropy. Each configuration: 2 untimed
// steps (the first one also records the loss), a calibration of ~0.75 s, then `trials` timed trials
// of ~1.5 s each (fewer, at least 3, if they would take over 12 s); the median is reported. The
// implementations' trials of one workload are interleaved round-robin, so that load from other
// processes hits them alike and the ratios hold up on a shared machine.

import os from 'node:os';
import { parseArgs, USAGE, type BenchArgs } from './bench/args';
import { parseOrExit } from './cli/start';
import { formatPeakLines, peakInfo, type PeakInfo } from './bench/peak';
import { createNormscopeTrainer } from './bench/normscope';
import {
  computeRatios, contended, FLOP_FORMULA, firstLossAgreement, formatRatioLine, formatResultsTable, gflopsOf,
  toJsonDocument, type BenchDetail,
} from './bench/report';
import { systemBusyMs } from './bench/sysload';
import { measureInterleaved, median, relativeSpread } from './bench/timing';
import { engineTwins, FRAME_INTERVAL_MS, randomMnistLike, sessionWithTelemetry } from './bench/telemetry';
import type { ImplId, Trainer } from './bench/types';
import { makeBatches, makeWeights, makeWorkload, workloadFlops, type Batch, type Workload } from './bench/workloads';

type TfjsModule = typeof import('./bench/tfjs');

interface Live {
  impl: ImplId;
  trainer: Trainer;
  /** Makes this implementation's TF.js backend the active one (no-op for ours). */
  activate: () => Promise<void>;
  firstLoss: number;
}

async function createLive(impl: ImplId, w: Workload, batches: Batch[], weights: Float32Array[], tfjs: TfjsModule | null): Promise<Live> {
  let trainer: Trainer;
  let activate = async () => {};
  if (impl === 'normscope' || impl === 'normscope-ts') {
    const t = await createNormscopeTrainer(w, batches, weights, impl === 'normscope');
    trainer = t;
    activate = t.activate;
  } else {
    // A trainer's tensors live on the backend that was active when it was made; it only ever runs
    // while that backend is active again, so no data moves between backends.
    const backend = impl === 'tfjs-cpu' ? 'cpu' : 'wasm';
    activate = async () => { await tfjs!.useBackend(backend); };
    await activate();
    trainer = w.cnn ? tfjs!.createTfjsCnnTrainer(w, batches, weights) : tfjs!.createTfjsTrainer(w, batches, weights);
  }
  await activate();
  const firstLoss = trainer.stepWithLoss();
  return { impl, trainer, activate, firstLoss };
}

async function run(args: BenchArgs, log: (s: string) => void): Promise<{ details: BenchDetail[]; errors: string[]; tfjs: TfjsModule | null }> {
  const wantsTfjs = args.impls.some((i) => i.startsWith('tfjs'));
  // Imported only when needed: tfjs-layers takes a while to load.
  const tfjs: TfjsModule | null = wantsTfjs ? await import('./bench/tfjs') : null;
  tfjs?.initTfjs();
  const details: BenchDetail[] = [];
  const errors: string[] = [];
  const fail = (label: string, e: unknown) => {
    const msg = `${label} failed: ${e instanceof Error ? e.message : String(e)}`;
    errors.push(msg);
    log(`  ${msg}`);
  };
  for (const [id, norm] of args.workloads) {
    const w = makeWorkload(id, norm);
    const batches = makeBatches(w);
    const weights = makeWeights(w);
    const flopsPerStep = workloadFlops(w);
    const label = (impl: ImplId) => `${id} ${norm.padEnd(5)} ${impl.padEnd(12)}`;
    const live: Live[] = [];
    for (const impl of args.impls) {
      try {
        live.push(await createLive(impl, w, batches, weights, tfjs));
      } catch (e) {
        fail(label(impl), e);
      }
    }
    try {
      // All implementations of this workload, trials interleaved round-robin.
      const ms = await measureInterleaved(live.map((l) => ({
        step: () => l.trainer.step(),
        activate: l.activate,
        afterTrial: () => l.trainer.afterTrial?.(),
      })), {
        trials: args.trials,
        trialSeconds: args.trialSeconds,
        warmupSeconds: args.warmupSeconds,
        maxTrialsSeconds: args.maxTrialsSeconds,
        systemCpuNow: systemBusyMs,
      });
      for (let i = 0; i < live.length; i++) {
        const l = live[i];
        const m = ms[i];
        await l.activate();
        const lastLoss = l.trainer.stepWithLoss();
        const d: BenchDetail = {
          workload: id, norm, impl: l.impl,
          stepsPerSec: m.stepsPerSec,
          gflops: gflopsOf(flopsPerStep, m.stepsPerSec),
          flopsPerStep,
          trialRates: m.trialRates,
          stepsPerTrial: m.stepsPerTrial,
          cpuShare: median(m.cpuShares),
          otherCores: m.otherCores.every((v) => v !== null) ? median(m.otherCores as number[]) : null,
          warmupSteps: m.warmupSteps,
          spread: relativeSpread(m.trialRates),
          firstLoss: l.firstLoss,
          lastLoss,
          seconds: m.seconds,
        };
        details.push(d);
        log(`  ${label(l.impl)} ${d.stepsPerSec.toFixed(2).padStart(8)} steps/s  ${d.gflops.toFixed(2).padStart(6)} GFLOP/s  (${m.seconds.toFixed(1)} s)`);
      }
    } catch (e) {
      fail(`${id} ${norm}`, e);
    } finally {
      for (const l of live) {
        await l.activate();
        l.trainer.dispose();
      }
    }
  }
  return { details, errors, tfjs };
}

/** Steps per second of the twin W1 networks in a live session with telemetry, against the engine alone. */
async function measureTelemetry(args: BenchArgs, log: (s: string) => void) {
  const { useSimd } = await import('../src/engine/index');
  useSimd(true); // the app's kernels (the last trials may have run the TypeScript ones)
  const ds = randomMnistLike();
  const engine = engineTwins(ds);
  const session = sessionWithTelemetry(ds);
  const [e, s] = await measureInterleaved([engine, session].map((t) => ({ step: () => t.step(), activate: async () => {} })), {
    trials: args.trials, trialSeconds: args.trialSeconds, warmupSeconds: args.warmupSeconds, maxTrialsSeconds: args.maxTrialsSeconds,
  });
  const result = {
    workload: 'W1 twins (plain + batch norm), batch 60',
    engineStepsPerSec: e.stepsPerSec,
    sessionStepsPerSec: s.stepsPerSec,
    overhead: 1 - s.stepsPerSec / e.stepsPerSec,
    /** Of the session's own time, the share spent in telemetry (robust to the machine's speed drifting). */
    telemetryTimeShare: session.share(),
    framesPerSec: FRAME_INTERVAL_MS > 0 ? 1000 / FRAME_INTERVAL_MS : 0,
  };
  log(`  telemetry: engine ${e.stepsPerSec.toFixed(1)} twin steps/s, session with telemetry ${s.stepsPerSec.toFixed(1)}: overhead ${(100 * result.overhead).toFixed(1)}%, telemetry's share of the session's time ${(100 * result.telemetryTimeShare).toFixed(1)}%`);
  return result;
}

async function main(): Promise<number> {
  const args = parseOrExit('bench', parseArgs, () => USAGE);
  if (!args) return 0;
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const progress = (s: string) => process.stderr.write(`${s}\n`);
  // With --json, stdout carries exactly one JSON object: anything a library logs goes to stderr.
  if (args.json) console.log = console.info = (...a: unknown[]) => progress(a.map(String).join(' '));

  const t0 = performance.now();
  const loadBefore = os.loadavg();
  progress(`bench: ${args.workloads.map(([a, b]) => `${a}:${b}`).join(', ')} x ${args.impls.join(', ')}; ` +
    `${args.trials} trials of ~${args.trialSeconds} s, median`);
  const { details, errors, tfjs } = await run(args, progress);
  const telemetry = args.impls.includes('normscope') ? await measureTelemetry(args, progress) : null;
  let wasmMatMul: { plain: number; transposedA: number } | null = null;
  if (tfjs && args.impls.includes('tfjs-wasm')) {
    await tfjs.useBackend('wasm');
    wasmMatMul = tfjs.calibrateMatMul();
  }
  const peak: PeakInfo | null = args.impls.some((i) => i.startsWith('normscope')) ? await peakInfo() : null;
  const wallSeconds = (performance.now() - t0) / 1000;

  const cpus = os.cpus();
  const tfInfo = tfjs ? tfjs.initTfjs() : null;
  const machine = {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    loadavgBefore: loadBefore.map((v) => Number(v.toFixed(2))),
    loadavgAfter: os.loadavg().map((v) => Number(v.toFixed(2))),
    tfjs: tfInfo && {
      version: tfInfo.version,
      wasmSimd: tfInfo.wasmSimd ?? null,
      wasmThreads: tfInfo.wasmThreads ?? null,
      wasmBinary: tfInfo.wasmBinary ?? null,
      wasmDir: tfInfo.wasmDir,
      /** GFLOP/s of the wasm backend's 256x512x512 product, plain and A^T@B */
      wasmMatMulGflops: wasmMatMul,
    },
  };
  const ratios = computeRatios(details);
  const agreement = firstLossAgreement(details);

  if (args.json) {
    out(JSON.stringify(toJsonDocument(details, {
      flopFormula: FLOP_FORMULA,
      config: { trials: args.trials, trialSeconds: args.trialSeconds, warmupSeconds: args.warmupSeconds, maxTrialsSeconds: args.maxTrialsSeconds, batches: 16 },
      details: details.map((d) => ({ ...d, firstLoss: Number.isFinite(d.firstLoss) ? d.firstLoss : String(d.firstLoss), lastLoss: Number.isFinite(d.lastLoss) ? d.lastLoss : String(d.lastLoss) })),
      firstLossAgreement: agreement,
      telemetryOverhead: telemetry,
      peak,
      machine,
      wallSeconds: Number(wallSeconds.toFixed(1)),
      errors,
    })));
  } else {
    out('');
    out(`NormScope bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}` +
      (machine.tfjs ? `, TF.js ${machine.tfjs.version}` +
        (machine.tfjs.wasmSimd !== null ? ` (wasm: ${machine.tfjs.wasmBinary}, SIMD ${machine.tfjs.wasmSimd ? 'on' : 'off'}, ${machine.tfjs.wasmThreads} thread)` : '')
        : ''));
    out('W1 = 784-100-100-100-10 sigmoid, B=60, SGD lr 0.1, N(0,0.1^2); W2 = 784-512-512-512-10 relu, B=256, SGD lr 0.01, He');
    out('W3 = CNN conv3x3 1->8 pad 1, pool 2, conv3x3 8->16 pad 1, pool 2, linear 784->10, relu, B=60, SGD lr 0.1, PyTorch init (BatchNorm2d)');
    out(`batch norm before the activation (eps 1e-5, momentum 0.1); ${args.trials} trials of ~${args.trialSeconds} s after warm-up, median`);
    out('');
    out(formatResultsTable(details));
    out('');
    for (const r of ratios) out(formatRatioLine(r));
    if (telemetry) {
      const pct = 100 * telemetry.overhead;
      out(`telemetry (${telemetry.workload}, frames every ${FRAME_INTERVAL_MS} ms): engine alone ${telemetry.engineStepsPerSec.toFixed(1)} steps/s, ` +
        `session with telemetry ${telemetry.sessionStepsPerSec.toFixed(1)} steps/s: overhead ${pct.toFixed(1)}%; ` +
        `telemetry's share of the session's time ${(100 * telemetry.telemetryTimeShare).toFixed(1)}% (target <= 10%: ${Math.max(pct, 100 * telemetry.telemetryTimeShare) <= 10 ? 'met' : 'NOT MET'})`);
    }
    if (agreement.length) {
      out('');
      out('first-step loss (same weights, same batch) agrees across implementations to: ' +
        agreement.map((a) => `${a.workload} ${a.norm} ${a.maxRelDiff.toExponential(1)}`).join(', '));
    }
    out('');
    out(`GFLOP/s: ${FLOP_FORMULA}.`);
    const perStep = args.workloads.map(([id, norm]) => {
      const w = makeWorkload(id, norm);
      return `${id} ${(workloadFlops(w) / 1e6).toFixed(3)} MFLOP/step`;
    });
    out(`  ${[...new Set(perStep)].join(', ')}`);
    if (peak) for (const line of formatPeakLines(peak, details)) out(line);
    const busy = contended(details);
    if (busy.length) {
      out(`note: other processes were busy during ${busy.map((d) => `${d.workload} ${d.norm} ${d.impl}`).join(', ')}; ` +
        'those numbers may be low: rerun on a quiet machine.');
    }
    out('spread = (max-min)/median of the trial rates; cpu = our CPU time / wall time (~100% for one busy thread);');
    out('others = cores kept busy by other processes during the trials (on a 2-vCPU VM even 1.0 there slows us down).');
    if (wasmMatMul) {
      out(`tfjs-wasm product 256x512 @ 512x512 on this machine: A@B ${wasmMatMul.plain} GFLOP/s, ` +
        `A^T@B ${wasmMatMul.transposedA} GFLOP/s (the backward pass's transposed products take the slow path).`);
    }
    out(`load average before/after: ${machine.loadavgBefore.join(' ')} / ${machine.loadavgAfter.join(' ')}; wall time ${wallSeconds.toFixed(1)} s`);
    for (const e of errors) out(`ERROR: ${e}`);
  }
  return errors.length ? 1 : 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
