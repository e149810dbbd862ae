// A single training run without a page, evaluation included: the command line's trainer
// (scripts/train.ts). One run's session (one-run.ts) stepped by the one training loop
// (train-steps.ts), as the page's run groups step theirs; it stops at the first step that diverges
// (the session's rule, session/net-model.ts). Every `evalEvery` steps (and at step 0 and the end) it evaluates on the
// whole test set in evaluation mode and takes the 15/50/85th percentiles of the inputs to the
// last hidden layer's activation over the first rows of the test set (Ioffe & Szegedy, Figure 1 b-c).
// With `landscapeEvery` > 0 it also measures the loss landscape along the gradient and ICS
// (landscape/measure.ts) every that many steps, before the step's update and on its batch; that time
// is kept apart from the training time.
import type { Dataset } from '../data/dataset';
import { ConvNet } from '../engine/convnet';
import { Mlp } from '../engine/mlp';
import type { FloatArray } from '../engine/types';
import type { WeightLayer } from '../engine/weight-layer';
import { weightGradNorms as gradNormsOf, type NetModel } from '../session/net-model';
import { LandscapeProbe } from '../session/landscape/measure';
import type { TrainSettings } from '../session/settings';
import { landscapeDue } from '../telemetry/landscape-monitor';
import { QuantileSelector } from '../telemetry/select-quantiles';
import { modelOf, oneRunSession } from './one-run';
import { trainSteps } from './train-steps';

export interface EvalPoint {
  step: number;
  epoch: number;
  /** Mean training loss over the steps since the previous evaluation (NaN at step 0). */
  loss: number;
  testLoss: number;
  testAcc: number;
  /** 15th, 50th and 85th percentiles of the last hidden layer's activation inputs (the CNN: its last conv layer's, every position). */
  pct: [number, number, number];
  /** Training steps per second since the previous evaluation (evaluation time excluded). */
  stepsPerSec: number;
  /** ||dL/dW|| of each weight layer (hidden or conv layers, then the output layer) at the last training step; [] at step 0. */
  gradNorms: number[];
}

/** One landscape measurement: at the parameters after `step` updates, on the batch of step + 1. */
export interface LandscapePoint {
  step: number;
  /** L(w) on the batch. */
  loss: number;
  /** min and max over the step sizes eta of L(w - eta g). */
  lossMin: number;
  lossMax: number;
  /** min and max over eta of ||grad L(w - eta g) - g||. */
  gradPredMin: number;
  gradPredMax: number;
  /** max over eta of ||grad L(w - eta g) - g|| / ||eta g||. */
  betaSmooth: number;
  /** Per linear layer (hidden layers, then the output layer): ICS ||G - G'|| and cos(G, G'). */
  icsDist: number[];
  icsCos: number[];
  /** Milliseconds the measurement took. */
  ms: number;
}

export interface RunOutcome {
  points: EvalPoint[];
  /** The step whose loss was not finite, or null. */
  divergedAt: number | null;
  /** Time in training steps (evaluations and landscape measurements excluded). */
  trainSeconds: number;
  /** Landscape measurements made and the time they took. */
  landscapeCount: number;
  landscapeSeconds: number;
}

export const PERCENTILE_ROWS = 1000;
/** The CNN's last conv layer has 3,136 values per sample: 100 test rows give 313,600. */
export const CNN_PERCENTILE_ROWS = 100;

/** Reads the activation input of the model's last watched layer after an evaluation pass (values per sample, reader). */
function lastActivationInput(model: NetModel): { perSample: number; read: () => FloatArray } | null {
  if (model instanceof ConvNet) {
    const convs = model.weightLayers.filter((l) => l.type === 'conv');
    const l: WeightLayer | undefined = convs[convs.length - 1];
    if (!l) return null;
    return { perSample: l.outSize, read: () => (l.placement === 'pre' && l.evalWs.norm ? l.evalWs.norm : l.evalWs.z) };
  }
  const last = model.layers[model.layers.length - 1];
  return last ? { perSample: last.units, read: () => last.activationInput(last.evalWs) } : null;
}

export function headlessRun(
  s: TrainSettings, ds: Dataset,
  onEval: (p: EvalPoint) => void = () => {},
  onStep: (step: number) => void = () => {},
  onLandscape: (p: LandscapePoint) => void = () => {},
): RunOutcome {
  const session = oneRunSession(s, ds);
  const run = session.runs[0];
  const model = modelOf(session);
  const pctRows = Math.min(model instanceof ConvNet ? CNN_PERCENTILE_ROWS : PERCENTILE_ROWS, ds.testCount);
  const last = lastActivationInput(model);
  const pctValues = new Float32Array(pctRows * (last ? last.perSample : 0));
  // The percentiles the page's frames use (select-quantiles.ts): exact, numpy's "linear".
  const selector = new QuantileSelector(3);
  const pctOut = new Float64Array(3);
  const points: EvalPoint[] = [];

  // The landscape probe differentiates the fully connected network (the CLI refuses it for the CNN).
  const probe = s.landscapeEvery > 0 && model instanceof Mlp ? new LandscapeProbe(model) : null;
  let landscapeCount = 0;
  let landscapeSeconds = 0;
  let lossSum = 0;
  let lossCount = 0;
  let trainSeconds = 0;
  let intervalSeconds = 0;
  let stepStart = 0;
  const evaluate = (step: number) => {
    const { loss: testLoss, accuracy: testAcc } = model.evaluate(ds.testX, ds.testY, ds.testCount);
    let pct: [number, number, number] = [NaN, NaN, NaN];
    if (last) {
      model.forwardEval(ds.testX, pctRows, { chunk: pctRows }, (start, R) => {
        pctValues.set(last.read().subarray(0, R * last.perSample), start * last.perSample);
      });
      selector.select(pctValues, finiteFirst(pctValues), [15, 50, 85], pctOut);
      pct = [pctOut[0], pctOut[1], pctOut[2]];
    }
    const p: EvalPoint = {
      step, epoch: session.epoch, loss: lossCount ? lossSum / lossCount : NaN, testLoss, testAcc, pct,
      stepsPerSec: intervalSeconds > 0 ? lossCount / intervalSeconds : NaN,
      gradNorms: step > 0 ? weightGradNorms(model) : [],
    };
    points.push(p);
    onEval(p);
    lossSum = 0;
    lossCount = 0;
    intervalSeconds = 0;
  };
  // Before a step: the landscape on the step's batch, when due (its time kept apart); after it: the
  // loss, the step's time, and the evaluation every evalEvery steps and at the end.
  const measureLandscape = () => {
    const m0 = performance.now();
    const { x, y, B } = session.nextBatch();
    const r = probe!.measure(x, y, B, s.lr);
    const ms = performance.now() - m0;
    landscapeCount++;
    landscapeSeconds += ms / 1000;
    onLandscape({
      step: session.step, loss: r.loss, lossMin: r.lossMin, lossMax: r.lossMax, gradPredMin: r.gradPredMin, gradPredMax: r.gradPredMax,
      betaSmooth: r.betaSmooth, icsDist: Array.from(r.icsDist), icsCos: Array.from(r.icsCos), ms,
    });
  };
  const observer = {
    beforeStep() {
      if (probe && landscapeDue(session.step, s.landscapeEvery)) measureLandscape();
      stepStart = performance.now();
    },
    afterStep() {
      const dt = (performance.now() - stepStart) / 1000;
      trainSeconds += dt;
      intervalSeconds += dt;
      if (run.divergedAt !== null) return;
      lossSum += run.lastLoss;
      lossCount++;
      onStep(session.step);
      if (session.step % s.evalEvery === 0 || session.step === s.steps) evaluate(session.step);
    },
  };

  evaluate(0);
  trainSteps(session, observer, s.steps);
  return { points, divergedAt: run.divergedAt, trainSeconds, landscapeCount, landscapeSeconds };
}

/** Moves the values that are not NaN to the front of `v` (the selector takes no NaN); returns how many. */
function finiteFirst(v: Float32Array): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i] === v[i]) v[n++] = v[i];
  return n;
}

/** Euclidean norm of each weight gradient, hidden (or conv) layers first, then the output layer. */
export function weightGradNorms(model: NetModel): number[] {
  return gradNormsOf(model);
}
