// The static build served from a deep sub-path by a plain file server (not Vite): the page, its
// workers, the lazy views and the MNIST files all resolve under the prefix; the page trains, every lazy
// view's code loads, the sweep panel draws and a tiny sweep runs to completion.
// One page load: the tiny sweep's address (?sweep-examples=1280, the small-batches experiment with its
// sweep panel open) trains MNIST on the page, so no dashboard load and reload before the sweep.
// Figure 1 of an experiment drawing under the same policy (deployHeaders' CSP is CSP_HEADER):
// csp-offline.e2e.ts, offline; its three panels: experiments.e2e.ts. Here its code (figure1-chart)
// loads under the prefix with every other lazy view's, through the idle preload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { PRELOADED_CHUNKS } from './support/preloaded-chunks';
import { openWatchedPage, waitForTraining } from './support/page';
import { startStaticServer } from './support/static-server';
import { setSweepChecks } from './support/sweep';

const PREFIX = '/some/deep/path/';

describe('dist/ served from a sub-path', () => {
  const browser = useBrowser();
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  beforeAll(async () => { server = await startStaticServer(PREFIX); });
  afterAll(async () => { await server?.close(); });

  it('trains, loads every lazy view and runs a tiny sweep, with every request under the prefix', { timeout: 240_000 }, async () => {
    const { page, problems, close } = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1400 } });
    try {
      // the smallest sweep the small-batches experiment offers (see support/sweep.ts: runTinySweep)
      const response = await page.goto(`${server.url}?sweep-examples=1280`);
      expect(response?.status()).toBe(200);
      await waitForTraining(page, 10);
      expect(server.requests).toContain(`${PREFIX}mnist/train-images-idx3-ubyte.gz`);
      expect(server.requests.some((p) => new RegExp(`^${PREFIX}assets/(trainer|coordinator)\\.worker-`).test(p))).toBe(true);
      // every lazy view's chunk (a failed import of it or of a chunk it needs is a problem: a 404 or a request outside the prefix)
      await expect.poll(() => PRELOADED_CHUNKS.filter((n) => !server.requests.some((p) => p.startsWith(`${PREFIX}assets/${n}-`))), { message: 'the idle preload did not fetch every lazy view under the prefix', timeout: 30_000 }).toEqual([]);

      // a tiny sweep in the lazily loaded sweep panel: its workers, MNIST in them (starting it pauses the page's training)
      const panel = page.getByTestId('sweep-panel');
      await panel.waitFor();
      await setSweepChecks(page, { 'Batch 2': false, 'Batch 4': false, 'Batch 8': false, 'Batch 16': false, 'Batch 32': false, 'Batch 64': false, 'Layer norm': false });
      await panel.getByRole('button', { name: 'Start sweep' }).click();
      await expect.poll(() => panel.getByTestId('sweep-status').innerText(), { message: 'the tiny sweep did not finish', timeout: 180_000, interval: 250 }).toMatch(/^Done: /);

      const outside = server.requests.filter((p) => !p.startsWith(PREFIX));
      console.log(`[e2e] sub-path ${PREFIX}: ${server.requests.length} requests, ${outside.length} outside it`);
      expect(outside).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
