// Accessibility: axe-core runs inside the page on the light and dark dashboards, in Chinese, and on
// every experiment, after the views have drawn. Every violation is printed (id, impact, nodes, first
// target); none may be serious or critical.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PRESETS } from '../src/session/presets';
import { useBrowser } from './support/chromium';
import { nextFrames, openWatchedPage, pauseTraining, speak, waitForTraining, waitForTransitionsDone, waitForViewsLoaded, type WatchedPage } from './support/page';

// The page's Content-Security-Policy refuses inline scripts, so axe is not added as a <script>: the
// test evaluates its source through the DevTools protocol, which the policy does not govern.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }

/** Runs axe on the whole document; prints and returns the violations. */
async function axeViolations(page: Page, label: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  for (const v of violations) console.log(`axe ${label}: ${v.impact} ${v.id} (${v.nodes.length} nodes) ${JSON.stringify(v.nodes[0]?.target)}: ${v.help}; ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join(' | ')}`);
  if (violations.length === 0) console.log(`axe ${label}: no violations`);
  return violations;
}

function serious(violations: AxeViolation[]): string[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${JSON.stringify(v.nodes[0]?.target)}`);
}

type PageWindow = { normscope: {
  store: { getState(): { runs: string[]; experiment: { name: string } | null; runExperiment(name: string): Promise<void> } };
  telemetry: { get(): { status: string; runs: { id: string }[] } | null };
} };

function runCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as PageWindow).normscope.telemetry.get()?.runs.length ?? 0);
}

/** Whether the page shows the experiment `name` with its own runs in the latest telemetry frame, paused. */
function experimentRunsPaused(page: Page, name: string): Promise<boolean> {
  return page.evaluate((n) => {
    const { store, telemetry } = (window as unknown as PageWindow).normscope;
    const s = store.getState();
    const frame = telemetry.get();
    return s.experiment?.name === n && frame?.status === 'paused' && frame.runs.map((r) => r.id).join(',') === s.runs.join(',');
  }, name);
}

describe('accessibility', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  // One page trained to step 300 serves every test below, in this order: the chart summaries (they
  // switch the language to Chinese); Chinese; light and dark (in English again); every experiment.
  // It opens in whichever test runs first: waitForTraining polls with expect.poll, which needs a
  // running test (in a beforeAll it fails at once).
  let shared: Promise<WatchedPage> | undefined;
  const trained = (): Promise<WatchedPage> => (shared ??= (async () => {
    const watched = await openWatchedPage(browser(), { colorScheme: 'light', viewport: { width: 1280, height: 1000 } });
    await watched.page.goto(baseURL);
    await waitForTraining(watched.page, 300);
    return watched;
  })());
  // The dashboard's axe runs read it trained to step 300 and paused (its charts hold their data): a page
  // that holds still, as the experiments below are, and no training on a core the axe runs need.
  // (Tried: prefers-reduced-motion, to skip the colour transitions of a scheme switch: its 0.01 ms
  // transition on every element made each switch 1-4 s instead of 0.3 s.)
  let stopped: Promise<WatchedPage> | undefined;
  const still = (): Promise<WatchedPage> => (stopped ??= (async () => {
    const watched = await trained();
    await pauseTraining(watched.page);
    await expect.poll(() => watched.page.evaluate(() => (window as unknown as PageWindow).normscope.telemetry.get()?.status), { timeout: 30_000, message: 'the dashboard did not pause' }).toBe('paused');
    return watched;
  })());
  afterAll(async () => { await (await shared?.catch(() => undefined))?.close(); });

  it('every chart has a live summary (polite on screen), filled in after training, changing at most once per 5 s', async () => {
    const { page, problems } = await trained();
    const summaries = page.getByTestId('chart-summary');
    const figures = await page.locator('figure').count();
    expect(await summaries.count()).toBeGreaterThanOrEqual(Math.min(figures, 6));
    for (const el of await summaries.all()) {
      expect(await el.getAttribute('role')).toBe('status');
      // polite on screen, silent off screen
      const onScreen = await el.evaluate((e) => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; });
      expect(await el.getAttribute('aria-live')).toBe(onScreen ? 'polite' : 'off');
    }
    // record every change of every summary, in a quiet window (nothing else happens on the page: a long
    // task such as an axe run delays the summaries' interval timer, and the next tick comes early)
    await page.evaluate(() => {
      const w = window as unknown as { summaryChanges: { i: number; t: number; text: string }[] };
      w.summaryChanges = [];
      document.querySelectorAll('[data-testid="chart-summary"]').forEach((el, i) => {
        new MutationObserver(() => w.summaryChanges.push({ i, t: performance.now(), text: el.textContent ?? '' }))
          .observe(el, { childList: true, characterData: true, subtree: true });
      });
    });
    // until the loss summary has changed twice more (a gap between two of its updates to look at)
    const lossIndex = (await summaries.allInnerTexts()).findIndex((t) => t.includes('training loss'));
    expect(lossIndex, 'a summary of the training loss').toBeGreaterThanOrEqual(0);
    await expect.poll(() => page.evaluate((i) => (window as unknown as { summaryChanges: { i: number }[] }).summaryChanges.filter((c) => c.i === i).length, lossIndex), {
      timeout: 60_000, message: 'the training-loss summary did not change twice while training',
    }).toBeGreaterThanOrEqual(2);
    const texts = await summaries.allInnerTexts();
    console.log(`chart summaries:\n${texts.join('\n')}`);
    expect(texts.every((s) => s.trim().length > 0)).toBe(true);
    expect(texts.find((s) => s.includes('training loss'))).toMatch(/^Step [\d,]+, training loss: Plain [\d.e+-]+, Batch norm [\d.e+-]+$/);
    expect(texts.find((s) => s.includes('test accuracy'))).toMatch(/^Step [\d,]+, test accuracy: Plain \d+\.\d%, Batch norm \d+\.\d%$/);
    expect(texts.some((s) => /^Step [\d,]+, layer \d, batch mean and variance before the norm: Plain mean/.test(s))).toBe(true);
    const changes = await page.evaluate(() => (window as unknown as { summaryChanges: { i: number; t: number; text: string }[] }).summaryChanges);
    // the loss changes while training: its summary was updated, but never twice within the interval
    expect(changes.length).toBeGreaterThan(0);
    const gaps: number[] = [];
    const lastAt = new Map<number, number>();
    for (const c of changes) {
      const prev = lastAt.get(c.i);
      if (prev !== undefined) gaps.push(c.t - prev);
      lastAt.set(c.i, c.t);
    }
    console.log(`summary updates: ${changes.length}; shortest gap between two updates of one summary: ${gaps.length ? Math.round(Math.min(...gaps)) : 'none'} ms`);
    for (const g of gaps) expect(g).toBeGreaterThan(4500);
    // in Chinese
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect.poll(async () => (await summaries.allInnerTexts()).find((s) => s.includes('训练损失')) ?? '', { message: 'no chart summary in Chinese' }).toMatch(/^第 [\d,]+ 步，训练损失：/);
    expect(problems).toEqual([]);
  });

  it('the dashboard, light then dark, has no serious or critical axe violations (menu closed and open)', async () => {
    // the dark scheme is the same page after prefers-color-scheme changes, checked once its colour
    // transitions are over (as the experiments below are)
    const { page, problems } = await still();
    await speak(page, 'en');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await waitForTransitionsDone(page);
      expect(serious(await axeViolations(page, scheme))).toEqual([]);
      // with the Experiments menu open
      await page.getByRole('button', { name: 'Experiments' }).click();
      await page.getByRole('menuitem').first().waitFor();
      expect(serious(await axeViolations(page, `${scheme}, menu open`))).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('menuitem').count(), { message: `Escape did not close the Experiments menu (${scheme})`, timeout: 5_000 }).toBe(0);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await waitForTransitionsDone(page);
    expect(problems).toEqual([]);
  });

  it('the dashboard in Chinese has no serious or critical axe violations', async () => {
    const { page, problems } = await still();
    await speak(page, 'zh');
    await expect.poll(() => runCount(page), { timeout: 60_000, message: 'no run showed up on the Chinese page' }).toBeGreaterThan(0);
    // every view rendered and drawn from a few telemetry frames
    await waitForViewsLoaded(page);
    await nextFrames(page, 2);
    expect(serious(await axeViolations(page, 'zh'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  // Every experiment, opened on the shared page as its menu item does and paused as soon as it plays
  // (axe reads the card, the controls and the views it shows, holding still; its charts may have
  // trained a step or none: charts drawn with data are checked on the dashboard above, at step 300
  // and on, light, dark and Chinese), checked light and dark.
  it('every experiment, light and dark, has no serious or critical axe violations', { timeout: 360_000 }, async () => {
    const { page, problems } = await trained();
    await speak(page, 'en');
    const found: string[] = [];
    for (const [i, p] of PRESETS.entries()) {
      // what the menu item does (experiments.e2e.ts drives the menu), awaited: it resolves once the
      // experiment plays, so that the pause below comes after its play
      await page.evaluate((name) => (window as unknown as PageWindow).normscope.store.getState().runExperiment(name), p.name);
      await expect.poll(() => page.locator('#experiment-title').innerText().catch(() => ''), { timeout: 30_000, message: `the page did not show the experiment ${p.name}` }).toBe(p.title.en);
      // paused at once, then the experiment's own runs in the latest telemetry frame, which says paused:
      // axe reads a page that holds still
      await pauseTraining(page);
      await expect.poll(() => experimentRunsPaused(page, p.name), { timeout: 60_000, message: `the experiment ${p.name} did not show its runs, paused` }).toBe(true);
      await waitForViewsLoaded(page);
      await nextFrames(page, 2);
      // light then dark, dark then light for the next one (one switch of scheme fewer each)
      for (const colorScheme of i % 2 === 0 ? ['light', 'dark'] as const : ['dark', 'light'] as const) {
        await page.emulateMedia({ colorScheme });
        await waitForTransitionsDone(page); // the colours axe reads are the final ones
        found.push(...serious(await axeViolations(page, `${p.name} ${colorScheme}`)).map((s) => `${p.name} ${colorScheme}: ${s}`));
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
  });
});
