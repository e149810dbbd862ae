// The shell page: loads cleanly in Chromium, says what it is, credits its data, fits a phone screen.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { openWatchedPage, screenshot } from './support/page';

const TITLE = 'NormScope — watch batch normalization train';
const MNIST_CREDIT = 'MNIST by Yann LeCun and Corinna Cortes, CC BY-SA 3.0';

describe('shell page', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads without console errors or failed requests, with its title, credits and favicon', async () => {
    const { page, problems, close } = await openWatchedPage(browser);
    try {
      const response = await page.goto(baseURL, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);

      await expect.poll(() => page.title()).toBe(TITLE);
      await page.getByRole('heading', { level: 1, name: 'NormScope' }).waitFor();

      const description = await page.locator('meta[name="description"]').getAttribute('content');
      expect(description ?? '').toMatch(/batch normalization/i);
      expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toContain('width=device-width');

      const footer = (await page.locator('footer').innerText()).replace(/\s+/g, ' ');
      expect(footer).toContain(MNIST_CREDIT);
      expect(footer).toContain('Ioffe & Szegedy (2015)');

      const icon = await page.locator('link[rel="icon"]').getAttribute('href');
      expect(icon).toBeTruthy();
      const iconResponse = await page.request.get(new URL(icon!, baseURL).href);
      expect(iconResponse.status()).toBe(200);
      expect(iconResponse.headers()['content-type']).toContain('svg');

      const shot = await screenshot(page, 'shell');
      console.log(`[e2e] screenshot: ${shot}`);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('fits a phone-sized screen without sideways scrolling (dark colour scheme)', async () => {
    const { page, problems, close } = await openWatchedPage(browser, {
      viewport: { width: 375, height: 740 },
      colorScheme: 'dark',
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    try {
      await page.goto(baseURL, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 1, name: 'NormScope' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const shot = await screenshot(page, 'shell-mobile');
      console.log(`[e2e] screenshot: ${shot}`);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
