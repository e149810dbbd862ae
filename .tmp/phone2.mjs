import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
const page = await ctx.newPage();
await page.goto('http://localhost:4180/?dataset=spiral');
await page.waitForTimeout(3000);
const info = await page.evaluate(() => {
  const aside = document.querySelector('aside, .controls, [aria-label="Controls"]');
  const r = aside?.getBoundingClientRect();
  return { tag: aside?.tagName, cls: aside?.className, top: r?.top, h: r?.height, docH: document.documentElement.scrollHeight };
});
console.log(JSON.stringify(info));
const btns = await page.getByRole('button').allInnerTexts();
console.log(btns.slice(0, 12).join(' | '));
await browser.close();
