// The Experiments menu: it opens from the keyboard, every preset is there, choosing one sets the
// controls and the runs in the worker, shows its explanation and writes it to the URL; variants switch
// in one click; Figure 1 draws its three panels; a link to an experiment opens it; Close keeps the settings.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { PRESETS } from '../src/session/presets';
import { MEASURED } from '../src/session/presets/measured';
import { type MessageKey, translate } from '../src/i18n';
import { useBrowser } from './support/chromium';
import { openWatchedPage, RESULTS_DIR } from './support/page';

interface FrameView { settings: Record<string, unknown> | null; runs: { id: string; testAcc: { y: ArrayLike<number> } }[]; step: number }

function frame(page: Page): Promise<{ settings: Record<string, unknown> | null; runs: string[]; step: number; accPoints: number } | null> {
  return page.evaluate(() => {
    const f = (window as unknown as { normscope: { telemetry: { get(): FrameView | null } } }).normscope.telemetry.get();
    return f ? { settings: f.settings, runs: f.runs.map((r) => r.id), step: f.step, accPoints: f.runs[0]?.testAcc.y.length ?? 0 } : null;
  });
}

/** Non-background canvas pixels inside the element matched by `selector`. */
function canvasInk(page: Page, selector: string): Promise<number[]> {
  return page.evaluate((sel) => [...document.querySelectorAll(`${sel} canvas`)].map((c) => {
    const canvas = c as HTMLCanvasElement;
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0) return 0;
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 3; i < d.length; i += 4 * 5) if (d[i] > 0) ink++;
    return ink;
  }), selector);
}

/** The card's table lists each run of the check with the median and range measured.ts holds, in the page's language. */
async function expectCardTable(page: Page, preset: string, check: string, lang: 'en' | 'zh'): Promise<void> {
  const summary = MEASURED.checks.find((c) => c.preset === preset && c.check === check)!;
  const table = page.locator('#experiment').getByTestId('experiment-table');
  await table.waitFor({ timeout: 10_000 });
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
  expect(rows.map((r) => r[0])).toEqual(summary.runs.map((r) => translate(lang, `run.${r.run}` as MessageKey)));
  expect(rows.map((r) => r.slice(1))).toEqual(summary.runs.map((r) => [r.acc!.median.toFixed(3), `${r.acc!.min.toFixed(3)}–${r.acc!.max.toFixed(3)}`]));
}

/** No command or file path anywhere in the page's visible text (the README keeps those). */
async function expectNoDeveloperWords(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  for (const word of ['npm run', 'docs/results', '.jsonl', '种子文章']) expect(text, `the page shows "${word}"`).not.toContain(word);
}

describe('experiments', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('runs each step of the menu: keyboard, settings in the worker, explanation, URL, variants, Figure 1, close', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1000 } });
    try {
      await page.goto(`${baseURL}?paused=1`);
      await expect.poll(async () => (await frame(page))?.runs.length ?? 0, { message: 'the page never showed its two runs', timeout: 60_000 }).toBe(2);

      // the menu opens from the keyboard on its first item and lists every preset
      const menuButton = page.getByRole('button', { name: 'Experiments' });
      await menuButton.focus();
      await page.keyboard.press('ArrowDown');
      const items = page.getByRole('menuitem');
      await expect.poll(() => items.count(), { message: 'the Experiments menu did not list every preset' }).toBe(PRESETS.length);
      for (const p of PRESETS) expect(await page.getByRole('menuitem', { name: new RegExp(p.title.en.replace(/[()&]/g, '.')) }).count()).toBe(1);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
      await page.keyboard.press('Escape');
      expect(await items.count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Experiments');

      // "A high learning rate" from the keyboard: third item
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const panel = page.locator('#experiment');
      await panel.getByRole('heading', { name: 'A high learning rate' }).waitFor();
      await expect.poll(async () => (await frame(page))?.settings?.lr, { message: 'the worker never took the experiment\'s lr 30', timeout: 30_000 }).toBe(30);
      expect((await frame(page))?.settings).toMatchObject({ act: 'sigmoid', hidden: [100, 100, 100], batch: 60, steps: 5000 });
      await expect.poll(() => page.url(), { message: 'the URL never named the experiment high-lr', timeout: 5000 }).toContain('experiment=high-lr');
      // the card leads with the finding and a small table of the lr 30 check (run, median, range over seeds)
      await expectCardTable(page, 'high-lr', 'lr 30', 'en');
      expect(await panel.getByTestId('experiment-finding').innerText()).toMatch(/seed/);
      // the full measured text is one click away, folded
      await panel.locator('.experiment-details > summary').click();
      expect(await panel.innerText()).toMatch(/What NormScope measured[\s\S]*lr 30: plain 0\.\d{3} \[0\.\d{3}-0\.\d{3}\]/);
      await expectNoDeveloperWords(page);
      // it plays, and the accuracy curve fills in (evaluation every 250 steps in the page)
      await expect.poll(async () => (await frame(page))?.step ?? 0, { message: 'the experiment did not train past step 260', timeout: 60_000 }).toBeGreaterThan(260);
      expect((await frame(page))?.accPoints).toBeGreaterThanOrEqual(2);

      // a variant in one click
      await panel.getByRole('button', { name: 'lr 3', exact: true }).click();
      await expect.poll(async () => (await frame(page))?.settings?.lr, { message: 'the worker never took the variant\'s lr 3', timeout: 30_000 }).toBe(3);
      expect(await panel.getByRole('button', { name: 'lr 3', exact: true }).getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => page.url(), { message: 'the URL never named the variant lr-3', timeout: 5000 }).toContain('variant=lr-3');

      // the placement experiment trains batch norm before and after the activation
      await menuButton.click();
      await page.getByRole('menuitem', { name: /before or after/ }).click();
      await expect.poll(async () => (await frame(page))?.runs.join(), { message: 'the runs never became batch-pre and batch-post', timeout: 30_000 }).toBe('batch-pre,batch-post');
      expect((await frame(page))?.settings).toMatchObject({ act: 'relu', init: 'he' });

      // Figure 1: its three panels draw inside the explanation
      await menuButton.click();
      await page.getByRole('menuitem', { name: /Figure 1/ }).click();
      await panel.getByRole('heading', { name: /Figure 1/ }).waitFor();
      const fig = '#experiment .experiment-figure';
      // Views draw when in sight, and the card's table and measured text above the figure can still grow
      // after a first scroll: a reader looks again, so each look scrolls it into view first. Panel (a) passes
      // 20 only with the evaluation at step 250 (a lone dot at step 0 inks ~9): it needs 250 steps trained
      // in sight; (b) and (c) ink from the first steps, so 0 of 3 means nothing drew at all (out of sight or no frame).
      let seen = '';
      await expect.poll(async () => {
        await page.locator(fig).scrollIntoViewIfNeeded();
        const ink = await canvasInk(page, fig);
        const f = await frame(page);
        seen = `inks ${ink.join(', ') || 'no canvas'}; step ${f?.step ?? '?'}, runs ${f?.runs.join(',') ?? '?'}`;
        return ink.filter((n) => n > 20).length;
      }, { message: 'Figure 1 did not draw its three panels', timeout: 60_000 }).toBe(3).catch((e: Error) => { throw new Error(`${e.message} (last look: ${seen})`); });
      await page.locator(fig).screenshot({ path: join(RESULTS_DIR, 'experiment-fig1.png') });

      // Close: the explanation goes, the settings stay, the URL keeps them without the experiment
      await panel.getByRole('button', { name: /Close/ }).click();
      expect(await panel.count()).toBe(0);
      await expect.poll(() => page.url(), { message: 'leaving the experiment did not take it out of the URL', timeout: 5000 }).not.toContain('experiment=');
      expect((await frame(page))?.settings).toMatchObject({ steps: 50000, act: 'sigmoid' });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens an experiment from a link, in Chinese, and repairs a bad one with a notice', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${baseURL}?experiment=deep-sigmoid&lang=zh&paused=1`);
      await page.locator('#experiment').getByRole('heading', { name: '十层 sigmoid' }).waitFor();
      await expectCardTable(page, 'deep-sigmoid', '10 x 100 sigmoid, xavier', 'zh');
      await page.locator('#experiment .experiment-details > summary').click();
      await expectNoDeveloperWords(page);
      // the link's settings are the page's (its store, what the trainer is given): that the worker takes a
      // URL's settings is dashboard.e2e.ts's (?paused=1 too), an experiment's, the first test's (lr 30)
      await expect.poll(() => page.evaluate(() => (window as unknown as { normscope?: { store: { getState(): { settings: { hidden: number[] } } } } })
        .normscope?.store.getState().settings.hidden.length), { message: 'the link never set the 10 hidden layers', timeout: 30_000 }).toBe(10);
      await page.waitForLoadState('load');
      // the sweep's card and panel: no commands either, and the warning that its examples differ from the quoted protocol
      await page.goto(`${baseURL}?experiment=small-batches&lang=zh&paused=1`);
      await page.getByTestId('sweep-panel').waitFor({ timeout: 60_000 });
      await page.locator('#experiment .experiment-details > summary').click();
      expect(await page.getByTestId('sweep-protocol-warning').innerText()).toContain('240,000');
      await expectNoDeveloperWords(page);
      await page.goto(`${baseURL}?experiment=%3Cscript%3Ealert(1)%3C/script%3E&paused=1&lang=en`);
      await page.getByText(/experiment=<script>alert\(1\)<\/script> is not valid/).waitFor();
      expect(await page.locator('#experiment').count()).toBe(0);
      expect(await page.locator('script:not([src]):not([type])').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
