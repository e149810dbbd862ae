import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
for (let trial = 0; trial < 10; trial++) {
const ctx = await browser.newContext({ viewport: { width: 400, height: 800 }, colorScheme: 'dark', deviceScaleFactor: 2, isMobile: true, hasTouch: true });
const page = await ctx.newPage();
await page.goto('http://localhost:4180/?dataset=circles&hidden=8&paused=1');
for (let i = 0; i < 60; i++) {
  const r = await page.evaluate(() => {
    const cw = document.documentElement.clientWidth;
    const over = document.documentElement.scrollWidth - cw;
    const wide = [];
    if (over > 0) for (const el of document.querySelectorAll('body *')) { const b = el.getBoundingClientRect(); if (b.right > cw + 1) wide.push(`${el.tagName}.${el.className?.baseVal ?? el.className} ${Math.round(b.left)}-${Math.round(b.right)}`); }
    return { over, status: document.querySelector('[data-testid=session-status]')?.textContent, wide: wide.slice(0, 8) };
  });
  if (r.over > 0 || i % 10 == 0) console.log(trial, i, JSON.stringify(r));
  await page.waitForTimeout(50);
}
await ctx.close();
}
await browser.close();
