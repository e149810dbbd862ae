// The run library in IndexedDB (issue #16): save the current runs, reload, the entry is listed (name,
// runs with their accuracy, a thumbnail, the space used), rename, export and import it back, delete;
// a full storage (IDBObjectStore.put stubbed to throw QuotaExceededError before the page loads) says
// so and leaves the library and the live page as they were; a corrupt file is refused with a message
// and changes nothing. Copy link in the ⋯ menu puts the page's address on the clipboard.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage, RESULTS_DIR, screenshot, statusStep, waitForTraining, type WatchedPage } from './support/page';

const dialog = (page: Page) => page.locator('dialog.library');
const entries = (page: Page) => dialog(page).locator('.lib-entry');

async function openLibrary(page: Page): Promise<void> {
  const button = page.locator('button.library-open');
  try {
    await expect.poll(() => button.count(), { timeout: 30_000 }).toBe(1);
  } catch (e) {
    await screenshot(page, 'run-library-no-button'); // what the page showed instead
    throw e;
  }
  expect(await button.getAttribute('aria-label')).toBe('Run library: saved runs on this device');
  await button.click();
  await expect.poll(() => dialog(page).evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  await expect.poll(() => dialog(page).getByText('Reading the library…').count(), { message: 'the library list did not load' }).toBe(0);
}

/** Entry names as listed. */
const names = (page: Page) => entries(page).locator('.lib-name').allInnerTexts();

/** A small 2-D problem at full speed: what is saved, listed and exported is the same for any dataset,
 * and it trains from the first frame (an MNIST page spends seconds loading its data, three times here). */
const SMALL = 'dataset=spiral&hidden=16,16&speed=max';

describe('run library', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('saves the runs, lists them after a reload, renames, exports, imports, refuses a corrupt file, deletes', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${baseURL}?${SMALL}`);
      // the test set is evaluated at step 0, so every run has an accuracy to list from the first steps on
      await waitForTraining(page, 50);
      await openLibrary(page);
      await expect.poll(() => dialog(page).locator('.pending').innerText()).toBe('Nothing saved yet.');
      await dialog(page).getByLabel('Name').fill('batch norm at eps 1e-5');
      await dialog(page).getByRole('button', { name: 'Save current runs' }).click();
      await expect.poll(() => dialog(page).locator('.lib-ok').innerText().catch(() => '')).toBe('Saved “batch norm at eps 1e-5”.');
      expect(await names(page)).toEqual(['batch norm at eps 1e-5']);
      // the training goes on meanwhile
      const before = (await statusStep(page)).step ?? 0;
      await expect.poll(async () => (await statusStep(page)).step ?? 0).toBeGreaterThan(before);

      await page.reload();
      await waitForTraining(page, 1);
      await openLibrary(page);
      await expect.poll(() => names(page)).toEqual(['batch norm at eps 1e-5']);
      const entry = entries(page).first();
      const runsText = await entry.locator('.lib-runs').innerText();
      expect(runsText).toMatch(/^Plain 0\.\d{3} · Batch norm 0\.\d{3}$/);
      const thumb = entry.locator('img.lib-thumb');
      expect(await thumb.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect((await thumb.getAttribute('src'))!.length).toBeLessThan(20_000);
      expect(await thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(160);
      expect(await dialog(page).getByTestId('library-space').innerText()).toMatch(/^This library: 1 saved, [\d.]+ (KB|MB) · storage used by this site: [\d.]+ (B|KB|MB|GB) of [\d.]+ (MB|GB|TB)$/);
      await screenshot(page, 'run-library');
      await dialog(page).screenshot({ path: join(RESULTS_DIR, 'run-library-dialog.png') });

      // rename
      await entry.getByRole('button', { name: 'Rename' }).click();
      await entry.getByLabel('Name').fill('BN eps 1e-5, 50+ steps');
      await entry.getByRole('button', { name: 'Save name' }).click();
      await expect.poll(() => names(page)).toEqual(['BN eps 1e-5, 50+ steps']);

      // export, then import the file back: a second entry with the same content
      const [download] = await Promise.all([page.waitForEvent('download'), entry.getByRole('button', { name: 'Export JSON' }).click()]);
      expect(download.suggestedFilename()).toBe('normscope-runs-BN-eps-1e-5-50-steps.json');
      const exported = join(RESULTS_DIR, download.suggestedFilename());
      await download.saveAs(exported);
      await dialog(page).getByTestId('library-import').setInputFiles(exported);
      await expect.poll(() => dialog(page).locator('.lib-ok').innerText().catch(() => '')).toBe('Imported “BN eps 1e-5, 50+ steps”.');
      await expect.poll(() => entries(page).count()).toBe(2);

      // a corrupt (truncated) file and a hostile one: a clear message, nothing changes
      const text = await (await import('node:fs/promises')).readFile(exported, 'utf8');
      const truncated = join(RESULTS_DIR, 'run-library-truncated.json');
      writeFileSync(truncated, text.slice(0, Math.floor(text.length / 3)));
      await dialog(page).getByTestId('library-import').setInputFiles(truncated);
      await expect.poll(() => dialog(page).locator('.lib-error').innerText().catch(() => '')).toMatch(/^run-library-truncated\.json is not a run file NormScope can import, nothing changed: it is not complete JSON/);
      const hostile = join(RESULTS_DIR, 'run-library-hostile.json');
      writeFileSync(hostile, text.replace('"settings":{', '"settings":{"__proto__":{"polluted":1},'));
      await dialog(page).getByTestId('library-import').setInputFiles(hostile);
      await expect.poll(() => dialog(page).locator('.lib-error').innerText().catch(() => '')).toMatch(/settings has a key that does not belong there: “__proto__”/);
      expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
      await expect.poll(() => entries(page).count()).toBe(2);

      // delete (two steps)
      await entries(page).first().getByRole('button', { name: 'Delete' }).click();
      await entries(page).first().getByRole('button', { name: 'Delete for good' }).click();
      await expect.poll(() => entries(page).count()).toBe(1);
      await entries(page).first().getByRole('button', { name: 'Delete' }).click();
      await entries(page).first().getByRole('button', { name: 'Delete for good' }).click();
      await expect.poll(() => dialog(page).locator('.pending').innerText().catch(() => '')).toBe('Nothing saved yet.');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog(page).evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  // The full storage and Copy link share one page (opened by whichever test runs first): put stubbed to
  // throw before the page loads, clipboard allowed, batch 8 in the address.
  describe('on a page whose storage is full', () => {
    let shared: Promise<WatchedPage> | undefined;
    const fullPage = (): Promise<WatchedPage> => (shared ??= (async () => {
      const watched = await openWatchedPage(browser());
      await watched.page.context().addInitScript(() => {
        IDBObjectStore.prototype.put = function put() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
      });
      await watched.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
      await watched.page.goto(`${baseURL}?${SMALL}&batch=8`);
      return watched;
    })());
    afterAll(async () => { await (await shared?.catch(() => undefined))?.close(); });

    it('a full storage: says so, saves nothing, the page keeps training', async () => {
      const { page, problems } = await fullPage();
      await waitForTraining(page, 50);
      await openLibrary(page);
      await dialog(page).getByRole('button', { name: 'Save current runs' }).click();
      await expect.poll(() => dialog(page).locator('.lib-error').innerText().catch(() => '')).toMatch(/^The browser's storage for this site is full: nothing was saved\./);
      expect(await entries(page).count()).toBe(0);
      await dialog(page).screenshot({ path: join(RESULTS_DIR, 'run-library-quota.png') });
      const before = (await statusStep(page)).step ?? 0;
      await expect.poll(async () => (await statusStep(page)).step ?? 0).toBeGreaterThan(before);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog(page).evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
      expect(problems).toEqual([]);
    });

    it('Copy link in the ⋯ menu copies the page address', async () => {
      const { page, problems } = await fullPage();
      await expect.poll(async () => (await statusStep(page)).text, { timeout: 60_000 }).toMatch(/^(Training|Paused)/);
      await page.getByRole('button', { name: /^More/ }).click();
      await page.getByRole('menuitem', { name: 'Copy link' }).click();
      await expect.poll(() => page.locator('.notice').innerText().catch(() => '')).toMatch(/Link copied/);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.evaluate(() => window.location.href));
      expect(await page.evaluate(() => window.location.search)).toContain('batch=8');
      expect(problems).toEqual([]);
    });
  });
});
