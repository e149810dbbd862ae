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
import { runKindOf } from './one-run';
import { TrainingSession } from '../session/session';
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
  return headlessRuns(s, ds, [runKindOf(s)], (p) => onEval(p), onStep, (p) => onLandscape(p))[0].outcome;
}

/** One run of a side-by-side session and what it did. */
export interface NamedOutcome { id: string; outcome: RunOutcome; /** The run's settings: the session's with its own values. */ settings: TrainSettings }

/**
 * Runs `runIds` (`batch`, `batch:eps=1`) trained side by side in one session: the same initial weights,
 * the same batches (session/session.ts), each evaluated as headlessRun evaluates its one run. A run that
 * diverges stops being evaluated; the others train on. The training time is the session's (all runs).
 */
export function headlessRuns(
  s: TrainSettings, ds: Dataset, runIds: readonly string[],
  onEval: (p: EvalPoint, runId: string) => void = () => {},
  onStep: (step: number) => void = () => {},
  onLandscape: (p: LandscapePoint, runId: string) => void = () => {},
): NamedOutcome[] {
  const session = new TrainingSession(ds, s, runIds);
  const first = session.runs[0].model;
  const pctRows = Math.min(first instanceof ConvNet ? CNN_PERCENTILE_ROWS : PERCENTILE_ROWS, ds.testCount);
  // The percentiles the page's frames use (select-quantiles.ts): exact, numpy's "linear".
  const selector = new QuantileSelector(3);
  const pctOut = new Float64Array(3);
  const watched = session.runs.map((run) => {
    const model = run.model;
    const last = lastActivationInput(model);
    return {
      run, model, last, pctValues: new Float32Array(pctRows * (last ? last.perSample : 0)), points: [] as EvalPoint[],
      // The landscape probe differentiates the fully connected network (the CLI refuses it for the CNN).
      probe: s.landscapeEvery > 0 && model instanceof Mlp ? new LandscapeProbe(model) : null,
      lossSum: 0, lossCount: 0,
    };
  });
  type Watched = (typeof watched)[number];

  let landscapeCount = 0;
  let landscapeSeconds = 0;
  let trainSeconds = 0;
  let intervalSeconds = 0;
  let stepStart = 0;
  const evaluate = (w: Watched, step: number) => {
    const { model, last, pctValues } = w;
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
      step, epoch: session.epoch, loss: w.lossCount ? w.lossSum / w.lossCount : NaN, testLoss, testAcc, pct,
      stepsPerSec: intervalSeconds > 0 ? w.lossCount / intervalSeconds : NaN,
      gradNorms: step > 0 ? weightGradNorms(model) : [],
    };
    w.points.push(p);
    onEval(p, w.run.id);
    w.lossSum = 0;
    w.lossCount = 0;
  };
  // Before a step: the landscape on the step's batch, when due (its time kept apart); after it: the
  // loss, the step's time, and the evaluation every evalEvery steps and at the end.
  const measureLandscape = () => {
    const { x, y, B } = session.nextBatch();
    for (const w of watched) {
      if (!w.probe || w.run.divergedAt !== null) continue;
      const m0 = performance.now();
      const r = w.probe.measure(x, y, B, w.run.settings.lr);
      const ms = performance.now() - m0;
      landscapeCount++;
      landscapeSeconds += ms / 1000;
      onLandscape({
        step: session.step, loss: r.loss, lossMin: r.lossMin, lossMax: r.lossMax, gradPredMin: r.gradPredMin, gradPredMax: r.gradPredMax,
        betaSmooth: r.betaSmooth, icsDist: Array.from(r.icsDist), icsCos: Array.from(r.icsCos), ms,
      }, w.run.id);
    }
  };
  const observer = {
    beforeStep() {
      if (s.landscapeEvery > 0 && landscapeDue(session.step, s.landscapeEvery) && watched.some((w) => w.probe)) measureLandscape();
      stepStart = performance.now();
    },
    afterStep() {
      const dt = (performance.now() - stepStart) / 1000;
      trainSeconds += dt;
      intervalSeconds += dt;
      const due = session.step % s.evalEvery === 0 || session.step === s.steps;
      let live = 0;
      for (const w of watched) {
        if (w.run.divergedAt !== null) continue;
        live++;
        w.lossSum += w.run.lastLoss;
        w.lossCount++;
        if (due) evaluate(w, session.step);
      }
      if (live > 0) onStep(session.step);
      if (due) intervalSeconds = 0;
    },
  };

  for (const w of watched) evaluate(w, 0);
  intervalSeconds = 0;
  trainSteps(session, observer, s.steps);
  return watched.map((w) => ({
    id: w.run.id,
    settings: w.run.settings,
    outcome: { points: w.points, divergedAt: w.run.divergedAt, trainSeconds, landscapeCount: landscapeCount / watched.length, landscapeSeconds: landscapeSeconds / watched.length },
  }));
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
