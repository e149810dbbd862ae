// The static build served from a deep sub-path by a plain file server (not Vite): the page, its
// workers, the lazy views and the MNIST files all resolve under the prefix; the dashboard trains, an
// experiment runs and draws Figure 1, a tiny sweep runs to completion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { openWatchedPage, waitForTraining } from './support/page';
import { startStaticServer } from './support/static-server';
import { runTinySweep } from './support/sweep';

const PREFIX = '/some/deep/path/';

describe('dist/ served from a sub-path', () => {
  const browser = useBrowser();
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  beforeAll(async () => { server = await startStaticServer(PREFIX); });
  afterAll(async () => { await server?.close(); });

  it('trains, runs an experiment and a tiny sweep, with every request under the prefix', { timeout: 240_000 }, async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1400 } });
    try {
      const response = await page.goto(server.url);
      expect(response?.status()).toBe(200);
      await waitForTraining(page, 10);
      expect(server.requests).toContain(`${PREFIX}mnist/train-images-idx3-ubyte.gz`);
      expect(server.requests.some((p) => new RegExp(`^${PREFIX}assets/(trainer|coordinator)\\.worker-`).test(p))).toBe(true);

      // an experiment with Figure 1 (a lazily loaded view)
      await page.getByRole('button', { name: 'Experiments' }).click();
      await page.getByRole('menuitem').first().click();
      const fig = page.locator('#experiment figure').first();
      await fig.waitFor();
      await expect.poll(() => fig.evaluate((el) => el.querySelectorAll('canvas, svg').length), { message: 'a view drew nothing under the sub-path', timeout: 30_000 }).toBeGreaterThan(0);
      const step = await waitForTraining(page);
      await waitForTraining(page, step + 10);

      // a tiny sweep: the sweep panel, its workers, MNIST in them
      await runTinySweep(page, server.url);
      expect(server.requests.some((p) => new RegExp(`^${PREFIX}assets/sweep\\.worker-`).test(p))).toBe(true);

      const outside = server.requests.filter((p) => !p.startsWith(PREFIX));
      console.log(`[e2e] sub-path ${PREFIX}: ${server.requests.length} requests, ${outside.length} outside it`);
      expect(outside).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
