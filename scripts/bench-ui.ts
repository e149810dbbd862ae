// `npm run bench:ui`: how smooth the page stays as its history grows. Builds the app (skip with
// --no-build), serves dist/ with `vite preview`, opens it in Chromium at 1440x1000 and, for the default
// page and for all seven run kinds at once, measures at steps about 2k, 20k, 100k and 500k: the gaps
// between animation frames (p50, p95, max), long tasks (> 50 ms: how many, the longest), and the main
// thread's milliseconds per telemetry frame (median, p95; see bench-ui/in-page.ts). Steps past the
// first point are reached with the page's fast-forward hook (src/telemetry/fast-forward.test-support.ts),
// which fills the same bounded series a real session would, so the page draws as many points; after a
// jump the page trains for real --settle seconds (default 3) before the window opens.
// A benchmark, not a test: it prints and judges against the issue's targets, never fails on them.
//
//   npm run bench:ui -- [--no-build] [--dist dir (an earlier build, to compare)] [--steps 2000,20000,100000,500000] [--seconds 4] [--settle 3] [--repeat 1]
//                       [--only default|seven] [--url-extra '&workers=1'] [--profile step] [--trace step,step...]
//                       [--query '?speed=100' (one scenario, this page)] [--real (train to every point, no fast-forward)]
// --profile writes a CPU profile (JavaScript by function; native work is '(program)'); --trace a
// timeline trace of the main thread summarized by event (script, style, layout, paint, canvas...).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { preview } from 'vite';
import { HOST, PROJECT_ROOT, freePort } from '../e2e/support/server';
import { systemBusyMs } from './bench/sysload';
import { intFlag, nonNegativeFlag, positiveFlag, readFlags, UsageError } from './cli/flags';
import { parseOrExit } from './cli/start';
import { installRecorder, type PageSample } from './bench-ui/in-page';
import { summarize, targetsMet, type WindowStats } from './bench-ui/stats';

interface Options { dist: string; build: boolean; steps: number[]; seconds: number; settle: number; real: boolean; query: string | null; repeat: number; only: string | null; extra: string; profile: number | null; trace: number[]; help: boolean }

const USAGE = `usage: npm run bench:ui -- [--no-build] [--dist DIR] [--steps 2000,20000,100000,500000] [--seconds 4] [--settle 3] [--repeat 1]
                        [--only default|seven] [--url-extra '&workers=1'] [--query '?speed=100'] [--real] [--profile STEP] [--trace STEP,STEP...]`;

function stepList(flag: string, text: string): number[] {
  const steps = text.split(',').map((s) => intFlag(flag, s, 1, Number.MAX_SAFE_INTEGER));
  if (steps.length === 0) throw new UsageError(`--${flag} needs positive integers, comma-separated`);
  return steps;
}

function parseOptions(argv: readonly string[]): Options {
  const flags = readFlags(argv, { values: ['dist', 'steps', 'seconds', 'settle', 'query', 'repeat', 'only', 'url-extra', 'profile', 'trace'], switches: ['no-build', 'real', 'help'] });
  const o: Options = { dist: OUT_DIR, build: !flags.switches.has('no-build'), steps: [2000, 20_000, 100_000, 500_000], seconds: 4, settle: 3, real: flags.switches.has('real'), query: null, repeat: 1, only: null, extra: '', profile: null, trace: [], help: flags.switches.has('help') };
  for (const [flag, text] of flags.values) {
    switch (flag) {
      case 'dist': o.dist = text; o.build = false; break;
      case 'steps': o.steps = stepList(flag, text); break;
      case 'seconds': o.seconds = positiveFlag(flag, text); break;
      case 'settle': o.settle = nonNegativeFlag(flag, text); break;
      case 'repeat': o.repeat = intFlag(flag, text, 1, 1000); break;
      case 'only':
        if (text !== 'default' && text !== 'seven') throw new UsageError(`--only "${text}" is not accepted; accepted: default|seven`);
        o.only = text;
        break;
      case 'url-extra': o.extra = text; break;
      case 'query': o.query = text.startsWith('?') ? text : `?${text}`; break;
      case 'profile': o.profile = intFlag(flag, text, 0, Number.MAX_SAFE_INTEGER); break;
      case 'trace': o.trace = text.split(',').map((s) => intFlag(flag, s, 0, Number.MAX_SAFE_INTEGER)); break;
    }
  }
  return o;
}

/** Results and profiles go to test-results/ (not committed). */
const RESULTS = join(PROJECT_ROOT, 'test-results');
const OUT_DIR = join(RESULTS, 'bench-ui-dist');

/** `vite preview` of the benchmark's build on a free port of 127.0.0.1. */
async function serve(outDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const server = await preview({ root: PROJECT_ROOT, logLevel: 'warn', build: { outDir }, preview: { host: HOST, port, strictPort: true, open: false } });
  return { url: `http://${HOST}:${port}/`, close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())) };
}

const SCENARIOS = [
  // The default page at full speed (it opens at a reading pace of 100 steps/s otherwise).
  { name: 'default', query: '?speed=max' },
  { name: 'seven', query: '?runs=plain,batch,layer,renorm,group,batch-pre,batch-post&speed=max' },
];

async function step(page: Page): Promise<number> {
  return page.evaluate(() => window.normscope!.store.getState().step);
}

async function waitFor(page: Page, what: string, cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await page.waitForTimeout(100);
  }
}

/**
 * Reaches about `target`: training for real below 3000 steps, else fast-forwarding to a little short of
 * it and then training for real `settleS` seconds. A jump is nothing a real session does: every chart
 * redraws its whole history at once and the page's garbage of the jump is collected in the seconds
 * after, so the measuring window starts once that has passed.
 */
async function reach(page: Page, target: number, settleS: number, real: boolean): Promise<void> {
  const now = await step(page);
  let settled = 0;
  if (!real && target > 3000 && target - now > 1000) {
    const lead = 500; // trained for real before the window
    await page.evaluate((n) => window.normscope!.debug.fastForward(n), target - now - lead);
    settled = Date.now() + settleS * 1000;
  }
  await waitFor(page, `step ${target - 400}`, async () => (await step(page)) >= target - 400, real ? 900_000 : 180_000);
  if (settled > Date.now()) await page.waitForTimeout(settled - Date.now()); // a benchmark's settling time, not a test's wait
}

async function measure(page: Page, seconds: number): Promise<WindowStats & { step: number; stepsPerSec: number }> {
  const s0 = await step(page);
  const t0 = Date.now();
  await page.evaluate(() => window.__benchUi!.reset());
  await page.waitForTimeout(seconds * 1000); // a benchmark's measuring window, not a test's wait
  const sample: PageSample = await page.evaluate(() => window.__benchUi!.take());
  const s1 = await step(page);
  return { ...summarize(sample, seconds), step: s1, stepsPerSec: ((s1 - s0) * 1000) / (Date.now() - t0) };
}

async function main(): Promise<void> {
  const o = parseOrExit('bench:ui', parseOptions, () => USAGE);
  if (!o) return;
  mkdirSync(RESULTS, { recursive: true });
  // Its own build folder: the browser tests (and other work in this tree) rebuild dist/ at any time.
  if (o.build) execFileSync('npx', ['vite', 'build', '--mode', 'test', '--logLevel', 'warn', '--outDir', OUT_DIR, '--emptyOutDir'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (!existsSync(join(o.dist, 'index.html'))) throw new Error(`no build in ${o.dist}: run without --no-build`);
  const server = await serve(o.dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS], timeout: 60_000 });
  const rows: string[] = [];
  const results: unknown[] = [];
  console.log(`bench:ui  ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, window ${o.seconds} s`);
  try {
    const scenarios = o.query ? [{ name: 'query', query: o.query }] : SCENARIOS.filter((s) => !o.only || s.name === o.only);
    for (const sc of scenarios) {
      for (let r = 0; r < o.repeat; r++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
        // tsx may wrap functions in __name(): the page gets a stand-in for it.
        await context.addInitScript({ content: `var __name = (f) => f; (${installRecorder.toString()})();` });
        page0Errors(context);
        const page = await context.newPage();
        const sep = sc.query ? '&' : '?';
        await page.goto(`${server.url}${sc.query}${o.extra ? sep + o.extra.replace(/^[?&]/, '') : ''}`);
        await waitFor(page, 'training to start', async () => page.evaluate(() => !!window.__benchUi?.hooked && window.normscope!.store.getState().status === 'running' && window.normscope!.store.getState().step > 0), 120_000);
        for (const target of o.steps) {
          await reach(page, target, o.settle, o.real);
          if (o.profile === target) await profile(page, sc.name, target);
          if (o.trace.includes(target)) await trace(page, sc.name, target);
          const busy0 = systemBusyMs();
          const t0 = Date.now();
          const m = await measure(page, o.seconds);
          const busy1 = systemBusyMs();
          const machine = busy0 !== null && busy1 !== null ? (busy1 - busy0) / (Date.now() - t0) : NaN;
          const ok = targetsMet(sc.name, m);
          results.push({ scenario: sc.name, repeat: r, target, machineBusyCores: machine, ...m });
          const line = `${sc.name.padEnd(8)} ~${String(target).padStart(6)}  step ${String(m.step).padStart(7)}  ${m.stepsPerSec.toFixed(0).padStart(5)} steps/s  `
            + `frame p50 ${m.frameP50.toFixed(1).padStart(5)} p95 ${m.frameP95.toFixed(1).padStart(5)} max ${m.frameMax.toFixed(0).padStart(4)} ms  `
            + `long tasks ${String(m.longTasks).padStart(3)} (max ${m.longTaskMax.toFixed(0).padStart(3)} ms)  `
            + `per telemetry frame ${m.workMedian.toFixed(1).padStart(5)} / p95 ${m.workP95.toFixed(1).padStart(5)} ms (${m.telemetryFrames} frames)  `
            + `busy cores ${machine.toFixed(2)}  ${ok ? 'meets targets' : 'MISSES targets'}`;
          rows.push(line);
          console.log(line);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  writeFileSync(join(RESULTS, 'bench-ui-results.json'), JSON.stringify(results, null, 1));
  console.log('\ntargets: default page p95 <= 17 ms and no long task > 50 ms; seven runs p95 <= 33 ms; per-frame main-thread time at 500k within 1.5x of 2k');
  for (const sc of SCENARIOS) {
    const mine = results.filter((x) => (x as { scenario: string }).scenario === sc.name) as { target: number; workMedian: number }[];
    const lo = mine.filter((x) => x.target === Math.min(...o.steps)).map((x) => x.workMedian);
    const hi = mine.filter((x) => x.target === Math.max(...o.steps)).map((x) => x.workMedian);
    if (lo.length && hi.length && o.steps.length > 1) {
      const ratio = Math.max(...hi) / Math.min(...lo);
      console.log(`${sc.name}: median main-thread ms per telemetry frame at ${Math.max(...o.steps)} / at ${Math.min(...o.steps)} = ${ratio.toFixed(2)}x`);
    }
  }
}

interface TraceEvent { name: string; ph: string; dur?: number; tdur?: number; tid: number; pid: number; args?: { name?: string } }

/**
 * A timeline trace of 3 s; prints the main thread's time by event (inclusive), as wall time and as
 * thread CPU time (tdur: what the thread itself ran, the measure that holds on a loaded machine), and
 * the top-level tasks' CPU time per telemetry frame drawn in those 3 s.
 */
async function trace(page: Page, scenario: string, target: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => { events.push(...(d.value as unknown as TraceEvent[])); });
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,v8,toplevel', transferMode: 'ReportEvents' });
  const frames0 = await page.evaluate(() => window.__benchUi!.take().frames);
  await page.waitForTimeout(3000);
  const frames1 = await page.evaluate(() => window.__benchUi!.take().frames);
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  writeFileSync(join(RESULTS, `bench-ui-trace-${scenario}-${target}.json`), JSON.stringify(events));
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) { console.log('trace: no renderer main thread found'); return; }
  const mine = events.filter((e) => e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur !== undefined);
  const by = new Map<string, { wall: number; cpu: number }>();
  for (const e of mine) {
    const t = by.get(e.name) ?? { wall: 0, cpu: 0 };
    t.wall += e.dur! / 1000;
    t.cpu += (e.tdur ?? NaN) / 1000;
    by.set(e.name, t);
  }
  const frames = frames1 - frames0;
  const top = by.get('ThreadControllerImpl::RunTask')?.cpu ?? NaN;
  console.log(`trace ${scenario} ~${target}: main thread, 3 s, ${frames} telemetry frames; inclusive ms by event (wall / thread CPU / CPU per telemetry frame):`);
  for (const [k, v] of [...by].sort((a, b) => b[1].cpu - a[1].cpu || b[1].wall - a[1].wall).slice(0, 30)) {
    console.log(`  ${v.wall.toFixed(1).padStart(8)} ${v.cpu.toFixed(1).padStart(8)} ${(v.cpu / frames).toFixed(2).padStart(7)} ms  ${k}`);
  }
  console.log(`  top-level tasks' CPU per telemetry frame: ${(top / frames).toFixed(2)} ms; per second: ${(top / 3).toFixed(0)} ms`);
}

/** Uncaught errors in the benchmarked page are printed (a benchmark of a broken page measures nothing). */
function page0Errors(context: import('playwright-core').BrowserContext): void {
  context.on('page', (p) => p.on('pageerror', (e) => console.error(`page error: ${e.message}`)));
}

/** A CPU profile of the page's main thread over 3 s (CDP Profiler), summarized by self time. */
async function profile(page: Page, scenario: string, target: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(3000);
  const { profile: p } = await cdp.send('Profiler.stop') as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; samples: number[]; timeDeltas: number[] } };
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    const file = n.callFrame.url.split('/').pop() ?? '';
    const key = `${n.callFrame.functionName || '(anonymous)'} ${file}${file ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    byName.set(key, (byName.get(key) ?? 0) + us);
  }
  const total = [...byName.values()].reduce((a, b) => a + b, 0);
  const path = join(RESULTS, `bench-ui-profile-${scenario}-${target}.cpuprofile`);
  writeFileSync(path, JSON.stringify(p));
  console.log(`profile ${scenario} ~${target} (${path}), self time of ${(total / 1000).toFixed(0)} ms:`);
  for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / 1000).toFixed(1).padStart(7)} ms  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  await cdp.detach();
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
