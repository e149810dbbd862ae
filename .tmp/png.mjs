import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const page = await ctx.newPage();
await page.goto('http://localhost:4180/?dataset=spiral');
await page.waitForTimeout(6000);
const saves = page.getByRole('button', { name: 'Save PNG' });
const n = await saves.count();
for (let i = 0; i < n; i++) {
  await saves.nth(i).scrollIntoViewIfNeeded();
  const [d] = await Promise.all([page.waitForEvent('download'), saves.nth(i).click()]);
  await d.saveAs(`/tmp/png/${i}-${d.suggestedFilename()}`);
}
console.log(n);
await browser.close();
