// Throughput of a two-run MNIST session (Figure 1: hidden 100,100,100 sigmoid, batch 60, runs plain
// and batch) in Node worker threads: today's single training worker against one worker per run under
// the coordinator (runtime/coordinator.ts), and the coordinator with one group (its own overhead).
// Telemetry is pulled as the page does (a frame, then ~16 ms, then the next), so its cost is counted.
// Modes alternate, each measured --repeats times for --seconds after a warm-up; the load average of
// the machine is printed with every number (it is shared: read the numbers against it).
//   npx tsx scripts/bench-workers.ts [--seconds 10] [--repeats 3] [--warmup 3]
import { wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createCoordinator, type GroupLike } from '../src/runtime/index';
import type { RunGroup } from '../src/runtime/index';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/session/index';
import type { Trainer } from '../src/runtime/index';
import { positiveFlag, readFlags } from './cli/flags';
import { parseOrExit } from './cli/start';

type Mode = 'one-worker' | 'worker-per-run' | 'coordinator-1-group';
const MODES: Mode[] = ['one-worker', 'worker-per-run', 'coordinator-1-group'];

const USAGE = 'usage: npx tsx scripts/bench-workers.ts [--seconds 10] [--repeats 3] [--warmup 3]';

function parseOptions(argv: readonly string[]): { seconds: number; repeats: number; warmup: number; help: boolean } {
  const flags = readFlags(argv, { values: ['seconds', 'repeats', 'warmup'], switches: ['help'] });
  const get = (name: string, fallback: number) => {
    const text = flags.values.get(name);
    return text === undefined ? fallback : positiveFlag(name, text);
  };
  return { seconds: get('seconds', 10), repeats: get('repeats', 3), warmup: get('warmup', 3), help: flags.switches.has('help') };
}

const SETTINGS: TrainSettings = {
  ...DEFAULT_SETTINGS, dataset: 'mnist', hidden: [100, 100, 100], act: 'sigmoid', batch: 60, lr: 0.1, init: 'normal:1',
  steps: 1e8, evalEvery: 500, seed: 1,
};

function thread(kind: 'trainer' | 'group'): Worker {
  return new Worker(new URL('./bench-workers/boot.mjs', import.meta.url), { workerData: { kind } });
}

async function start(mode: Mode): Promise<{ trainer: Remote<Trainer> | Trainer; close: () => Promise<void> }> {
  if (mode === 'one-worker') {
    const w = thread('trainer');
    return { trainer: wrap<Trainer>(nodeEndpoint(w)), close: async () => { await w.terminate(); } };
  }
  const threads: Worker[] = [];
  const trainer = createCoordinator({
    groups: mode === 'worker-per-run' ? 2 : 1,
    spawn: () => {
      const w = thread('group');
      threads.push(w);
      return { group: wrap<RunGroup>(nodeEndpoint(w)) as unknown as GroupLike, close: () => { void w.terminate(); } };
    },
  });
  return { trainer, close: async () => { await trainer.dispose(); await Promise.all(threads.map((w) => w.terminate())); } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(mode: Mode, seconds: number, warmup: number): Promise<{ stepsPerSec: number; load: number[] }> {
  const { trainer, close } = await start(mode);
  try {
    await trainer.load(SETTINGS, ['plain', 'batch']);
    let pumping = true;
    const pump = (async () => {
      let seq = 0;
      while (pumping) { seq = (await trainer.nextFrame(seq)).seq; await sleep(16); }
    })();
    await trainer.play();
    await sleep(warmup * 1000);
    const s0 = (await trainer.status()).step;
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const s1 = (await trainer.status()).step;
    const t1 = performance.now();
    const load = loadavg();
    await trainer.pause();
    pumping = false;
    await Promise.race([pump, sleep(500)]);
    return { stepsPerSec: ((s1 - s0) * 1000) / (t1 - t0), load };
  } finally {
    await close();
  }
}

const options = parseOrExit('bench-workers', parseOptions, () => USAGE);
if (!options) process.exit(0);
const { seconds, repeats, warmup } = options;
console.log(`two-run MNIST session (plain + batch, 784-100-100-100-10 sigmoid, batch 60); ${availableParallelism()} cores; ${seconds} s per measurement after ${warmup} s warm-up`);
const results: Record<Mode, number[]> = { 'one-worker': [], 'worker-per-run': [], 'coordinator-1-group': [] };
for (let r = 0; r < repeats; r++) {
  for (const mode of MODES) {
    const { stepsPerSec, load } = await measure(mode, seconds, warmup);
    results[mode].push(stepsPerSec);
    console.log(`  ${mode.padEnd(20)} ${stepsPerSec.toFixed(1).padStart(7)} twin steps/s   load average ${load.map((v) => v.toFixed(2)).join(' ')}`);
  }
}
const best = (m: Mode) => Math.max(...results[m]);
console.log(`best of ${repeats}: one worker ${best('one-worker').toFixed(1)}, one worker per run ${best('worker-per-run').toFixed(1)} (x${(best('worker-per-run') / best('one-worker')).toFixed(2)}), coordinator with one group ${best('coordinator-1-group').toFixed(1)} twin steps/s`);
