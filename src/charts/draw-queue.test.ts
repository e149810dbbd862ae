import { describe, expect, it } from 'vitest';
import { DrawQueue } from './draw-queue';

/** A queue on a fake clock: frames run when the test says; each task advances the clock by its cost. */
function fakeQueue(budgetMs: number) {
  let t = 0;
  const frames: ((start: number) => void)[] = [];
  const paints: (() => void)[] = [];
  const q = new DrawQueue({
    budgetMs,
    now: () => t,
    requestFrame: (cb) => { frames.push(cb); },
    afterPaint: () => new Promise<void>((resolve) => { paints.push(() => { t += 2; resolve(); }); }), // 2 ms of paint
  });
  const runFrame = async () => {
    const cb = frames.shift();
    if (!cb) return false;
    cb(t);
    for (const p of paints.splice(0)) p();
    await Promise.resolve();
    await Promise.resolve();
    return true;
  };
  return { q, runFrame, task: (ms: number, log: string[], name: string) => () => { t += ms; log.push(name); } };
}

describe('DrawQueue', () => {
  it('runs tasks in order, within the budget per frame (at least one), over as many frames as needed', async () => {
    const { q, runFrame, task } = fakeQueue(4);
    const log: string[] = [];
    const a = task(3, log, 'a');
    const b = task(3, log, 'b');
    const c = task(10, log, 'c');
    q.request(a); q.request(b); q.request(c); q.request(a); // a asked twice: runs once
    await runFrame();
    expect(log).toEqual(['a', 'b']); // 3 ms < 4 lets b start; 6 ms stops there
    await runFrame();
    expect(log).toEqual(['a', 'b', 'c']); // alone over the budget: still runs
    expect(await runFrame()).toBe(false); // nothing left, no frame asked
  });

  it('settle() resolves once everything is drawn and painted, with those frames\' milliseconds', async () => {
    const { q, runFrame, task } = fakeQueue(2);
    const log: string[] = [];
    q.request(task(3, log, 'a')); // over the budget: b waits for the next frame
    q.request(task(5, log, 'b'));
    let got: number | null = null;
    void q.settle().then((ms) => { got = ms; });
    await runFrame();
    expect(got).toBeNull();
    await runFrame();
    expect(got).toBe(3 + 2 + 5 + 2); // each frame: its draw and 2 ms of paint
    let empty: number | null = null;
    void q.settle().then((ms) => { empty = ms; });
    await Promise.resolve();
    expect(empty).toBe(0);
  });

  it('a cancelled task never runs, and a failing one does not stop the others', async () => {
    const { q, runFrame, task } = fakeQueue(100);
    const log: string[] = [];
    const a = task(1, log, 'a');
    q.request(a);
    q.request(() => { throw new Error('chart fault'); });
    q.request(task(1, log, 'b'));
    q.cancel(a);
    const thrown: unknown[] = [];
    const orig = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void) => { try { fn(); } catch (e) { thrown.push(e); } return 0; }) as typeof setTimeout;
    try { await runFrame(); } finally { globalThis.setTimeout = orig; }
    expect(log).toEqual(['b']);
    expect(thrown).toHaveLength(1);
  });
});

/**
 * A queue with a 10 ms frame budget on a fake clock: `clock.tally` is what the frame's tasks added (reset
 * each frame), and the frame's paint then takes paintOf(tally) ms.
 */
function budgetQueue(paintOf: (tally: number) => number) {
  const clock = { t: 0, tally: 0 };
  const frames: ((start: number) => void)[] = [];
  const paints: (() => void)[] = [];
  const q = new DrawQueue({
    budgetMs: 100, frameBudgetMs: 10, now: () => clock.t,
    requestFrame: (cb) => { frames.push(cb); },
    afterPaint: () => new Promise<void>((resolve) => { paints.push(() => { clock.t += paintOf(clock.tally); resolve(); }); }),
  });
  const runFrame = async () => {
    clock.tally = 0;
    frames.shift()!(clock.t);
    for (const p of paints.splice(0)) p();
    await Promise.resolve(); await Promise.resolve();
  };
  return { q, clock, runFrame };
}

describe('DrawQueue frame budget', () => {
  it('stops a frame when its draws plus their measured native cost per task would pass frameBudgetMs', async () => {
    const { q, clock, runFrame } = budgetQueue((ran) => 3 * ran); // 3 ms native per task drawn
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => () => { clock.t += 1; clock.tally++; log.push(n); });
    for (const k of tasks) q.request(k);
    await runFrame();
    expect(log).toHaveLength(6); // nothing measured yet: only the JavaScript budget applies
    for (const k of tasks) q.request(k);
    log.length = 0;
    await runFrame();
    // estimate 3 ms per task: after 2 tasks (2 ms), a third would make 3 + 3 * 3 = 12 > 10
    expect(log).toEqual(['a', 'b']);
  });

  it('plans each task by its own cost: a heavy chart gets a frame of its own, and its estimate comes down slowly', async () => {
    const budget = budgetQueue((js) => 3 * js); // a frame's paint costs 3 times its JavaScript
    const { q, clock } = budget;
    const log: string[] = [];
    const runFrame = async () => { await budget.runFrame(); log.push('|'); };
    let heavyMs = 3;
    const task = (name: string, ms: () => number) => () => { clock.t += ms(); clock.tally += ms(); log.push(name); };
    const light1 = task('l1', () => 0.5);
    const heavy = task('H', () => heavyMs);
    const light2 = task('l2', () => 0.5);
    const all = () => { q.request(light1); q.request(heavy); q.request(light2); };
    all();
    await runFrame(); // nothing known: all three (JavaScript 4 ms)
    expect(log.splice(0)).toEqual(['l1', 'H', 'l2', '|']);
    all();
    // l1 costs 0.5 + 1.5; H 3 + 9: together 14 > 10, so H waits, and then runs alone
    for (let f = 0; f < 3; f++) await runFrame();
    expect(log.splice(0)).toEqual(['l1', '|', 'H', '|', 'l2', '|']);
    // H draws little once (an append): its estimate falls by a fifth of the gap, not to the new cost
    heavyMs = 0.25;
    q.request(heavy);
    await runFrame();
    log.length = 0;
    all();
    await runFrame();
    expect(log.splice(0)).toEqual(['l1', '|']); // 2 + (0.8 x 12 + 0.2 x 1) = 11.8 > 10: still apart
  });
});
