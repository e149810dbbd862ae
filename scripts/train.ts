// npm run -s train -- [flags]: trains one network headless and prints its progress; with --run given
// more than once, those runs side by side in one session (same weights, same batches), each line and
// final summary naming its run.
// Bad flags or data: one line on stderr naming what is wrong and what is accepted, exit code 2.
import type { TrainSettings } from '../src/session/index';
import { headlessRuns, runKindOf, type EvalPoint, type LandscapePoint, type RunOutcome } from '../src/runtime/index';
import { parseTrainArgs, usage } from './train/args';
import { exitOnUsageError, parseOrExit } from './cli/start';
import { loadTrainData } from './train/data';
import { ProgressBar } from './train/progress';
import { exitQuietlyOnClosedPipe, printLine } from './cli/quiet-pipe';

function main(): void {
  const args = parseOrExit('train', parseTrainArgs, usage);
  if (!args) return;
  const s = args.settings;
  const ds = exitOnUsageError('train', () => loadTrainData(args));

  // Several runs: every line and summary names its run; one run: the output as it always was.
  const several = args.runs.length > 1;
  const runIds = several ? args.runs : [runKindOf(s)];
  const tag = (id: string) => (several ? `${id}  ` : '');
  const tty = !args.json && process.stderr.isTTY && !several;
  const bar = tty ? new ProgressBar(s.steps) : null;
  const fmt = (v: number, d = 4) => (Number.isFinite(v) ? v.toFixed(d) : '-');
  let lastStatus = '';
  const onEval = (p: EvalPoint, runId: string) => {
    if (args.json) {
      printLine(JSON.stringify({ ...(several ? { run: runId } : {}), step: p.step, epoch: p.epoch, loss: p.loss, testLoss: p.testLoss, testAcc: p.testAcc, pct: p.pct, gradNorms: p.gradNorms }));
      return;
    }
    lastStatus = `loss ${fmt(p.loss)}  test loss ${fmt(p.testLoss)}  test acc ${fmt(p.testAcc)}  pct ${p.pct.map((v) => fmt(v, 2)).join('/')}`;
    if (bar) {
      bar.update(p.step, lastStatus, true);
      if (p.step > 0) process.stderr.write('\n');
    } else {
      printLine(`step ${p.step}  ${tag(runId)}${lastStatus}`);
    }
  };
  const onStep = bar ? (step: number) => bar.update(step, lastStatus) : undefined;
  const lastLandscapes = new Map<string, LandscapePoint>();
  const onLandscape = (p: LandscapePoint, runId: string) => {
    lastLandscapes.set(runId, p);
    if (args.json) printLine(JSON.stringify(several ? { run: runId, landscape: p } : { landscape: p }));
    else if (!bar) printLine(`landscape step ${p.step}  ${tag(runId)}${describeLandscape(p, fmt)}`);
  };

  const started = performance.now();
  const outcomes = headlessRuns(s, ds, runIds, onEval, onStep, onLandscape);
  const wallTime = (performance.now() - started) / 1000;
  bar?.finish();

  // The summary of one run: a {"done": true, ...} line, or the closing lines for people.
  const report = (id: string, outcome: RunOutcome, runSettings: TrainSettings): void => {
    const lastLandscape = lastLandscapes.get(id) ?? null;
    const final = outcome.points[outcome.points.length - 1];
    const summary = {
      done: true,
      preset: args.preset,
      ...(several ? { run: id } : args.run ? { run: args.run } : {}),
      settings: several ? runSettings : s,
      dataset: { name: ds.name, train: ds.trainCount, test: ds.testCount },
      steps: final?.step ?? 0,
      testAcc: final?.testAcc,
      testLoss: final?.testLoss,
      diverged: outcome.divergedAt !== null,
      divergedAt: outcome.divergedAt,
      wallTime: Number(wallTime.toFixed(3)),
      stepsPerSec: Number(((final?.step ?? 0) / outcome.trainSeconds).toFixed(1)),
      // The landscape measurements' cost: milliseconds each, and their time as a share of training time.
      landscape: s.landscapeEvery > 0 ? {
        every: s.landscapeEvery,
        measurements: outcome.landscapeCount,
        msEach: outcome.landscapeCount ? Number(((1000 * outcome.landscapeSeconds) / outcome.landscapeCount).toFixed(2)) : null,
        fraction: Number((outcome.landscapeSeconds / outcome.trainSeconds).toFixed(4)),
      } : null,
  };
  if (args.json) printLine(JSON.stringify(summary));
  else {
    if (outcome.divergedAt !== null) printLine(`${tag(id)}diverged: the loss was not finite at step ${outcome.divergedAt}`);
    printLine(`${tag(id)}done: ${summary.steps} steps in ${summary.wallTime} s (${summary.stepsPerSec} steps/s training), test accuracy ${fmt(summary.testAcc ?? NaN)}`);
    const land = summary.landscape;
    if (land) {
      const last = lastLandscape as LandscapePoint | null;
      printLine(`${tag(id)}landscape: ${land.measurements} measurements, ${land.msEach ?? '-'} ms each, ${(100 * land.fraction).toFixed(1)}% of training time`
        + (last ? `; last (step ${last.step}): ${describeLandscape(last, fmt)}` : ''));
    }
  }
  };
  for (const o of outcomes) report(o.id, o.outcome, o.settings);
  if (outcomes.some((o) => o.outcome.divergedAt !== null)) process.exitCode = 1;
}

/** One line of landscape numbers for people. */
function describeLandscape(p: LandscapePoint, fmt: (v: number, d?: number) => string): string {
  const g = (v: number) => (Number.isFinite(v) ? v.toPrecision(3) : '-');
  return `loss ${fmt(p.lossMin)}..${fmt(p.lossMax)}  grad-pred ${g(p.gradPredMin)}..${g(p.gradPredMax)}  beta ${g(p.betaSmooth)}`
    + `  ics-cos ${p.icsCos.map((c) => fmt(c, 3)).join('/')}`;
}

exitQuietlyOnClosedPipe();
main();
