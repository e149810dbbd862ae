// Embeds (issue #16): a same-origin page holding `<iframe src="/?embed=loss">` under the app's policy
// shows only the loss view with the minimal bar (Play/Pause, Reset, batch size, epsilon, "Open in
// NormScope"), trains, and its sliders change the session; the link opens the full page with the
// same settings. A page of another origin cannot frame it (frame-ancestors 'self').
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { CSP_HEADER } from '../scripts/vite-plugin-csp';
import { useBrowser } from './support/chromium';
import { openWatchedPage, RESULTS_DIR } from './support/page';

const HOST_HTML = (src: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog post</title></head>
<body><h1>Batch norm, live</h1><iframe title="NormScope: loss" src="${src}" width="720" height="520"></iframe></body></html>`;

/** The iframe's frame once its document has loaded. */
async function embedFrame(page: import('playwright-core').Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe');
  let frame: Frame | null = null;
  await expect.poll(async () => { frame = await handle.contentFrame(); return frame !== null && frame.url().includes('embed='); }, { timeout: 30_000 }).toBe(true);
  return frame!;
}

describe('embed', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  it('a same-origin page embeds ?embed=loss: only that view and the minimal bar, and it trains', async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 900, height: 700 } });
    try {
      // the host page: same origin, served with the app's own policy (frame-src falls back to 'self');
      // the embed trains spiral (it trains at once: an MNIST page spends seconds loading its data)
      await page.route(`${baseURL}blog-post.html`, (route) => route.fulfill({
        status: 200, contentType: 'text/html', headers: { 'Content-Security-Policy': CSP_HEADER }, body: HOST_HTML('/?embed=loss&dataset=spiral&hidden=16,16&speed=max&batch=32'),
      }));
      await page.goto(`${baseURL}blog-post.html`);
      const frame = await embedFrame(page);
      await expect.poll(() => frame.locator('[data-chart]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chart'))), { timeout: 60_000 }).toEqual(['LossChart']);
      expect(await frame.locator('aside.sidebar, header.topbar, .experiment, footer').count()).toBe(0);
      const bar = frame.getByRole('region', { name: 'Embedded NormScope controls' });
      expect(await bar.getByRole('button', { name: /Pause|Play/ }).count()).toBe(1);
      expect(await bar.getByRole('button', { name: 'Reset' }).count()).toBe(1);
      expect(await bar.getByRole('slider').count()).toBe(2);
      // it trains: the step grows and the loss chart draws its canvas
      const step = () => frame.evaluate(() => (window as unknown as { normscope: { store: { getState(): { step: number } } } }).normscope.store.getState().step);
      await expect.poll(step, { timeout: 90_000, message: 'the embedded page did not train' }).toBeGreaterThan(100);
      await expect.poll(() => frame.locator('[data-chart="LossChart"] canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      // the link to the full page keeps the settings and drops the embed; the address keeps the embed
      const href = await bar.getByRole('link', { name: /Open in NormScope/ }).getAttribute('href');
      expect(href).toMatch(/^\/\?/);
      expect(href).toContain('batch=32');
      expect(href).not.toContain('embed');
      expect(await bar.getByRole('link', { name: /Open in NormScope/ }).getAttribute('target')).toBe('_blank');
      await expect.poll(() => frame.evaluate(() => window.location.search), { timeout: 10_000 }).toContain('embed=loss');
      // Pause from the bar
      await bar.getByRole('button', { name: 'Pause' }).click();
      await expect.poll(() => frame.evaluate(() => (window as unknown as { normscope: { store: { getState(): { status: string } } } }).normscope.store.getState().status)).toBe('paused');
      await page.screenshot({ path: join(RESULTS_DIR, 'embed.png') });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('an unknown view is reported like any repaired address value', async () => {
    const { page, problems, close } = await openWatchedPage(browser());
    try {
      await page.goto(`${baseURL}?embed=loss,nonsense&paused=1`);
      await expect.poll(() => page.locator('.notice').innerText().catch(() => ''), { timeout: 60_000 }).toMatch(/embed=loss,nonsense is not valid, using the default loss/);
      expect(await page.locator('[data-chart]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')))).toEqual(['LossChart']);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('another origin cannot frame it (frame-ancestors \'self\')', async () => {
    const context = await browser().newContext();
    try {
      const page = await context.newPage();
      const other = 'http://other-site.test/post.html';
      await context.route('http://other-site.test/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: HOST_HTML(`${baseURL}?embed=loss&paused=1`) }));
      await page.goto(other);
      const handle = await page.waitForSelector('iframe');
      // Chromium replaces a refused frame's document with its error page
      await expect.poll(async () => (await handle.contentFrame())?.url() ?? '', { timeout: 30_000, message: 'the frame of another origin was not refused' }).toMatch(/^chrome-error:/);
      const frame = await handle.contentFrame();
      expect(await frame!.locator('[data-chart], .embed-bar').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
