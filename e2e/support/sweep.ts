// The sweep panel in browser tests: choosing norms and batch sizes, and a tiny sweep run to its end.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Ticks or unticks the sweep panel's checkboxes by their names ("Batch 8", "Layer norm"...). */
export async function setSweepChecks(page: Page, names: Record<string, boolean>): Promise<void> {
  for (const [name, on] of Object.entries(names)) {
    const box = page.getByTestId('sweep-panel').getByRole('checkbox', { name, exact: true });
    if ((await box.isChecked()) !== on) await box.click();
  }
}

/** The smallest sweep the small-batches experiment offers (1,280 examples, batch 128, plain and batch
 * norm: its own workers and MNIST in them) opened at `url` + `?paused=1&sweep-examples=1280`, run to Done. */
export async function runTinySweep(page: Page, url: string): Promise<void> {
  await page.goto(`${url}?paused=1&sweep-examples=1280`);
  await page.getByTestId('sweep-panel').waitFor();
  await setSweepChecks(page, { 'Batch 2': false, 'Batch 4': false, 'Batch 8': false, 'Batch 16': false, 'Batch 32': false, 'Batch 64': false, 'Layer norm': false });
  const panel = page.getByTestId('sweep-panel');
  await panel.getByRole('button', { name: 'Start sweep' }).click();
  await expect.poll(() => panel.getByTestId('sweep-status').innerText(), { timeout: 180_000, interval: 250 }).toMatch(/^Done: /);
}
