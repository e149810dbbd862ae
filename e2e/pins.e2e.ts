// Pinned overlays (issue #16): batch norm at eps 1e-5 beside eps 1, saved to the library; then the
// learning rate changes, the saved pair is pinned, and after a reload the loss, accuracy, percentile and
// landscape charts overlay it (their legends list the pinned runs, marked; the canvases say how many
// pinned lines they drew), the Pinned strip says what differs (the learning rate only); Unpin
// takes the overlay away.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage, RESULTS_DIR, waitForTraining } from './support/page';

type Win = { normscope: { store: { getState(): { settings: { lr: number }; set(k: string, v: unknown): void } } } };

const dialog = (page: Page) => page.locator('dialog.library');
const lossCanvas = (page: Page) => page.locator('[data-chart="LossChart"] canvas').first();
const pinnedLegend = (page: Page, chart: string) => page.locator(`[data-chart="${chart}"] .ns-legend2 li[data-pinned]`);

async function openLibrary(page: Page): Promise<void> {
  await page.locator('button.library-open').click();
  await expect.poll(() => dialog(page).evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  await expect.poll(() => dialog(page).getByText('Reading the library…').count()).toBe(0);
}

async function closeLibrary(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog(page).evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
}

describe('pinned overlays', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('saves batch norm at eps 1e-5 and 1, changes lr, pins the pair, sees it overlaid after a reload, unpins', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${baseURL}?dataset=spiral&hidden=16,16&runs=batch,batch:eps=1&speed=max`);
      await waitForTraining(page, 200, 90_000);
      await openLibrary(page);
      await dialog(page).getByLabel('Name').fill('eps pair');
      await dialog(page).getByRole('button', { name: 'Save current runs' }).click();
      await expect.poll(() => dialog(page).locator('.lib-ok').innerText().catch(() => '')).toBe('Saved “eps pair”.');
      await closeLibrary(page);

      // change a setting: the learning rate
      const lr = await page.evaluate(() => (window as unknown as Win).normscope.store.getState().settings.lr);
      const newLr = lr === 0.05 ? 0.2 : 0.05;
      await page.evaluate((v) => (window as unknown as Win).normscope.store.getState().set('lr', v), newLr);
      await expect.poll(() => page.evaluate(() => (window as unknown as Win).normscope.store.getState().settings.lr)).toBe(newLr);

      // pin the saved pair
      await openLibrary(page);
      await dialog(page).getByRole('button', { name: 'Pin eps pair: overlay its runs on the charts' }).click();
      await expect.poll(() => dialog(page).getByRole('button', { name: 'Unpin eps pair' }).getAttribute('aria-pressed')).toBe('true');
      await closeLibrary(page);
      await expect.poll(() => page.getByTestId('pinned-differs').innerText()).toBe(`differs: Learning rate ${lr} (live ${newLr})`);

      // reload: the pin is still there, overlaid on the loss and accuracy charts
      await page.reload();
      await waitForTraining(page, 50, 90_000);
      await expect.poll(() => page.getByTestId('pinned-strip').locator('strong').allInnerTexts(), { timeout: 30_000 }).toEqual(['eps pair']);
      await expect.poll(() => page.getByTestId('pinned-differs').innerText()).toBe(`differs: Learning rate ${lr} (live ${newLr})`);
      // charts draw only while on screen
      await page.locator('[data-chart="LossChart"]').scrollIntoViewIfNeeded();
      await expect.poll(() => pinnedLegend(page, 'LossChart').allInnerTexts(), { timeout: 30_000 })
        .toEqual(['Batch norm (pinned: eps pair)', 'Batch norm · ε 1 (pinned: eps pair)']);
      expect(await pinnedLegend(page, 'AccuracyChart').count()).toBe(2);
      // two smoothed loss lines and two test-loss lines; two test-accuracy lines
      await expect.poll(() => lossCanvas(page).getAttribute('data-pinned-lines'), { timeout: 30_000 }).toBe('4');
      await page.locator('[data-chart="AccuracyChart"]').scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator('[data-chart="AccuracyChart"] canvas').first().getAttribute('data-pinned-lines'), { timeout: 30_000 }).toBe('2');
      // percentile bands: the first panel (Batch norm) overlays the pinned Batch norm's p15, p50 and p85
      await page.locator('[data-chart="PercentilesChart"]').scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator('[data-chart="PercentilesChart"] canvas').first().getAttribute('data-pinned-lines'), { timeout: 30_000 }).toBe('3');
      // loss landscape (measured at step 0 and every 500): each pinned run's band edges and lines, 8 per run
      // (loss min, max and at w; gradient predictiveness min and max; beta; ICS distance and cosine of the output layer)
      await page.locator('[data-chart="LandscapeChart"]').scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator('[data-chart="LandscapeChart"] canvas').first().getAttribute('data-pinned-lines'), { timeout: 30_000 }).toBe('16');
      expect(await pinnedLegend(page, 'LandscapeChart').allInnerTexts()).toEqual(['Batch norm (pinned: eps pair)', 'Batch norm · ε 1 (pinned: eps pair)']);
      // a pinned run's legend toggle hides its lines
      await page.locator('[data-chart="LossChart"]').scrollIntoViewIfNeeded();
      await pinnedLegend(page, 'LossChart').first().locator('button').click();
      await expect.poll(() => lossCanvas(page).getAttribute('data-pinned-lines'), { timeout: 30_000 }).toBe('2');
      await pinnedLegend(page, 'LossChart').first().locator('button').click();
      await expect.poll(() => lossCanvas(page).getAttribute('data-pinned-lines'), { timeout: 30_000 }).toBe('4');
      await page.locator('[data-chart="LossChart"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(RESULTS_DIR, 'pins-overlaid.png') });
      await page.locator('[data-chart="LossChart"]').screenshot({ path: join(RESULTS_DIR, 'pins-loss.png') });

      // unpin from the strip: the overlay goes, the legend loses its pinned entries
      await page.getByRole('button', { name: 'Unpin eps pair' }).click();
      await expect.poll(() => pinnedLegend(page, 'LossChart').count(), { timeout: 30_000 }).toBe(0);
      await page.locator('[data-chart="LossChart"]').scrollIntoViewIfNeeded(); // the click scrolled up to the strip
      await expect.poll(() => lossCanvas(page).getAttribute('data-pinned-lines'), { timeout: 30_000 }).toBe('0');
      expect(await page.getByTestId('pinned-strip').count()).toBe(0);
      await page.locator('[data-chart="LossChart"]').screenshot({ path: join(RESULTS_DIR, 'pins-unpinned.png') });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
