import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto('http://localhost:4180/?dataset=spiral');
await page.waitForTimeout(4000);
for (const name of ['Run', 'Layer']) console.log(name, await page.getByRole('combobox', { name, exact: true }).count());
console.log('RunBatch', await page.getByRole('combobox', { name: /^Run.+/ }).count(), 'Layer1', await page.getByRole('combobox', { name: /^Layer.+/ }).count());
await browser.close();
