// Telemetry overhead: the twin W1 networks (plain and batch norm, batch 60) trained by the live
// session, with everything the dashboard gets (per-step loss series, bands every 10 steps, update
// ratios, test metrics on 1,000 rows every 500 steps in both evaluation modes, and a full frame built
// and structured-cloned with transfer as often as the trainer sends them), against the same two models trained by the engine
// alone on the same batch stream. overhead = 1 - session / engine.
import type { Dataset } from '../../src/data/index';
import { BatchSampler, gather } from '../../src/data/index';
import { Mlp } from '../../src/engine/index';
import { Rng } from '../../src/engine/index';
import { modelSpecOf, optimizerSpecOf, streamSeeds } from '../../src/session/index';
import { FrameBuilder, packFrame } from '../../src/telemetry/index';
import { TrainingSession } from '../../src/session/index';
import { DEFAULT_FRAME_INTERVAL_MS } from '../../src/runtime/index';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/session/index';
import type { Trainer } from './types';

export const TELEMETRY_SETTINGS: TrainSettings = {
  ...DEFAULT_SETTINGS, dataset: 'mnist', hidden: [100, 100, 100], act: 'sigmoid', norm: 'batch', placement: 'pre',
  batch: 60, lr: 0.1, init: 'normal:0.1', evalEvery: 500, steps: 1e9,
};
export const FRAME_INTERVAL_MS = DEFAULT_FRAME_INTERVAL_MS;

/** Random MNIST-shaped data (6,000 training and 1,000 test rows). */
export function randomMnistLike(seed = 7): Dataset {
  const rng = new Rng(seed);
  const make = (n: number) => Float32Array.from({ length: n * 784 }, () => rng.uniform());
  const labels = (n: number) => Uint8Array.from({ length: n }, () => rng.int(10));
  return { name: 'random', inputSize: 784, numClasses: 10, trainX: make(6000), trainY: labels(6000), testX: make(1000), testY: labels(1000), trainCount: 6000, testCount: 1000 };
}

/** The two models, trained by the engine alone. */
export function engineTwins(ds: Dataset, s: TrainSettings = TELEMETRY_SETTINGS): Trainer {
  const seeds = streamSeeds(s.seed);
  const models = (['none', 'batch'] as const).map((norm) =>
    new Mlp(modelSpecOf({ ...s, norm }, ds.inputSize, ds.numClasses), optimizerSpecOf(s), { init: s.init, seed: seeds.weights }));
  const sampler = new BatchSampler(ds.trainCount, new Rng(seeds.batches));
  const x = new Float32Array(s.batch * ds.inputSize);
  const y = new Uint8Array(s.batch);
  const step = () => {
    gather(x, y, ds, sampler.next(s.batch), s.batch);
    let loss = 0;
    for (const m of models) loss = m.trainStep(x, y, s.batch);
    return loss;
  };
  return { step: () => { step(); }, stepWithLoss: step, dispose() {} };
}

/**
 * The same two models in a live session with full telemetry. It also keeps its own account of where
 * its time goes (training steps against everything telemetry adds), which stays meaningful when the
 * machine's speed drifts between trials.
 */
export function sessionWithTelemetry(ds: Dataset, s: TrainSettings = TELEMETRY_SETTINGS): Trainer & { frames: () => number; share: () => number } {
  const session = new TrainingSession(ds, s, ['plain', 'batch']);
  const builder = new FrameBuilder(session);
  let lastFrame = performance.now();
  let frames = 0;
  let trainMs = 0;
  let telemetryMs = 0;
  const step = () => {
    const t0 = performance.now();
    builder.beforeStep(session);
    const t1 = performance.now();
    session.trainStep();
    const t2 = performance.now();
    builder.afterStep(session);
    if (session.step % s.evalEvery === 0) builder.afterEval(session, session.evaluate(false));
    const now = performance.now();
    if (now - lastFrame >= FRAME_INTERVAL_MS) {
      lastFrame = now;
      const frame = builder.build(session, ++frames, 'running', { layer: 0, unit: 0 }, null);
      const { frame: packed, buffer } = packFrame(frame); // as the trainer sends it (src/runtime/frame-waiter.ts)
      structuredClone(packed, { transfer: [buffer] });
    }
    const t3 = performance.now();
    trainMs += t2 - t1;
    telemetryMs += (t1 - t0) + (t3 - t2);
    return session.runs[1].lastLoss;
  };
  return {
    step: () => { step(); }, stepWithLoss: step, dispose() {}, frames: () => frames,
    share: () => telemetryMs / (trainMs + telemetryMs),
  };
}
