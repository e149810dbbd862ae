import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto('http://localhost:4180/?dataset=spiral&landscape-every=50&runs=plain,batch');
await page.waitForTimeout(8000);
await page.getByRole('button', { name: 'Pause' }).click();
const fig = page.getByRole('figure', { name: /Loss landscape/ });
await fig.scrollIntoViewIfNeeded();
const svg = fig.locator('svg.ns-overlay');
const b = await svg.boundingBox();
const ticks = await svg.locator('g').evaluateAll((gs) => gs.slice(0, 3).map((g) => g.textContent));
console.log('svg', b, 'status', await page.getByTestId('session-status').innerText());
for (const fx of [0.1, 0.2, 0.25, 0.3]) {
  await page.mouse.move(b.x + b.width * fx, b.y + 80);
  await page.waitForTimeout(200);
  const tip = await page.locator('.ns-tip-step').first().innerText().catch(() => 'none');
  console.log(fx, Math.round(b.width * fx), tip);
}
// axis tick positions of panel 0
const labels = await svg.locator('text').evaluateAll((ts) => ts.filter((t) => /^\d+k?$/.test(t.textContent)).slice(0, 8).map((t) => `${t.textContent}@${Math.round(t.getBoundingClientRect().x + t.getBoundingClientRect().width / 2)}`));
console.log(labels.join(' '), 'svg.x', b.x);
await browser.close();
