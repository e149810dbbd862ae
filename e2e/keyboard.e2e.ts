// Keyboard: Tab from the top of the page visits the skip link, the top bar (transport, speed,
// experiments, downloads, language), the controls sidebar in visual order, then the views; every
// tabbable control is reached, focus is never trapped, and every focused control shows a focus ring.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/chromium';
import { nextFrames, openWatchedPage, waitForViewsLoaded, type WatchedPage } from './support/page';

/** top: in the page, or in the sidebar's content for its controls. */
interface Stop { key: string; role: string; name: string; region: string; top: number; left: number; ring: boolean }

/** What has focus now: a stable key, its role and accessible name (approximated), region and place. */
function focused(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const input = el as HTMLInputElement;
    const role = el.getAttribute('role') ?? ({ A: 'link', BUTTON: 'button', SELECT: 'combobox', TEXTAREA: 'textbox', SUMMARY: 'button' } as Record<string, string>)[el.tagName]
      ?? (el.tagName === 'INPUT' ? ({ checkbox: 'checkbox', radio: 'radio', range: 'slider', number: 'spinbutton' } as Record<string, string>)[input.type] ?? 'textbox' : el.tagName.toLowerCase());
    const labelled = el.getAttribute('aria-labelledby')?.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    // a label's own words, without the options or the value of a control inside it
    const labelText = (label: Element | null | undefined) => {
      if (!label) return null;
      const copy = label.cloneNode(true) as Element;
      copy.querySelectorAll('select, output, input').forEach((c) => c.remove());
      return copy.textContent;
    };
    const forLabel = el.id ? labelText(document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) : null;
    const name = (el.getAttribute('aria-label') ?? labelled ?? forLabel ?? labelText(el.closest('label')) ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const region = el.closest('header') ? 'topbar' : el.closest('aside') ? 'sidebar' : el.closest('main') ? 'main' : el.closest('footer') ? 'footer' : 'page';
    const r = el.getBoundingClientRect();
    // the sidebar scrolls on its own (sticky): place its controls in its content box
    const aside = el.closest('aside');
    const top = aside ? r.top - aside.getBoundingClientRect().top + aside.scrollTop : r.top + window.scrollY;
    const path: string[] = [];
    for (let n: Element | null = el; n && n !== document.body; n = n.parentElement) path.unshift(`${n.tagName}${n.parentElement ? [...n.parentElement.children].indexOf(n) : 0}`);
    // the ring: an outline or box-shadow while focused, on the element or the label wrapping it
    const style = (x: Element) => getComputedStyle(x);
    const ringed = (x: Element | null) => !!x && (style(x).outlineStyle !== 'none' && parseFloat(style(x).outlineWidth) > 0 || style(x).boxShadow !== 'none');
    return { key: path.join('/'), role, name: name.slice(0, 60), region, top, left: r.left + window.scrollX, ring: ringed(el) || ringed(el.closest('label')) };
  });
}

/** Keys of every element the Tab key should reach: visible, enabled, tabindex not negative. */
function tabbables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
    return [...document.querySelectorAll<HTMLElement>(sel)].filter((el) => {
      if ((el as HTMLButtonElement).disabled || el.tabIndex < 0) return false;
      if (el.closest('[inert], [hidden]')) return false;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      const isRadio = (el as HTMLInputElement).type === 'radio';
      // one stop per radio group: the checked radio
      if (isRadio && !(el as HTMLInputElement).checked) return false;
      return s.visibility !== 'hidden' && s.display !== 'none' && (r.width > 0 || r.height > 0 || isRadio);
    }).map((el) => {
      const path: string[] = [];
      for (let n: Element | null = el; n && n !== document.body; n = n.parentElement) path.unshift(`${n.tagName}${n.parentElement ? [...n.parentElement.children].indexOf(n) : 0}`);
      return path.join('/');
    });
  });
}

describe('keyboard', () => {
  const baseURL = inject('baseURL');
  const browser = useBrowser();

  // One paused page serves both tests, in this order: the Tab walk, from the page as it opened (focus
  // on nothing yet); then the menu test, which focuses the Experiments button itself. It opens in
  // whichever test runs first and closes after the last.
  let shared: Promise<WatchedPage> | undefined;
  const opened = (): Promise<WatchedPage> => (shared ??= (async () => {
    const watched = await openWatchedPage(browser(), { viewport: { width: 1280, height: 1000 } });
    await watched.page.goto(`${baseURL}?paused=1`);
    return watched;
  })());
  afterAll(async () => { await (await shared?.catch(() => undefined))?.close(); });

  it('Tab visits the skip link, the top bar, the sidebar in visual order and the views; nothing is unreachable or trapped', async () => {
    const { page, problems } = await opened();
    await expect.poll(() => page.evaluate(() => (window as unknown as { normscope: { telemetry: { get(): { runs: unknown[] } | null } } }).normscope.telemetry.get()?.runs.length ?? 0), { message: 'the page never showed its two runs', timeout: 60_000 }).toBe(2);
    await waitForViewsLoaded(page); // the lazily loaded views' controls are tabbable too
    await nextFrames(page, 2);
    const expected = await tabbables(page);
    const stops: Stop[] = [];
    for (let i = 0; i < expected.length + 5; i++) {
      await page.keyboard.press('Tab');
      const s = await focused(page);
      if (!s) break; // focus left the document: back to the browser, no trap
      if (stops.some((x) => x.key === s.key)) break; // wrapped around
      stops.push(s);
    }
    console.log(`keyboard order (${stops.length} stops):\n${stops.map((s, i) => `${i + 1}. [${s.region}] ${s.role} "${s.name}"`).join('\n')}`);

    expect(stops[0].role).toBe('link');
    expect(stops[0].name).toBe('Views');
    // regions in order: top bar, then sidebar, then the views (main), then the footer
    const regions = stops.slice(1).map((s) => s.region).filter((r, i, a) => i === 0 || a[i - 1] !== r);
    expect(regions.filter((r) => r !== 'footer')).toEqual(['topbar', 'sidebar', 'main']);
    const top = stops.filter((s) => s.region === 'topbar').map((s) => s.name);
    const at = (re: RegExp) => top.findIndex((n) => re.test(n));
    expect(at(/Pause|Play|Train/)).toBeGreaterThanOrEqual(0);
    expect(at(/Experiments/)).toBeGreaterThan(at(/Pause|Play|Train/));
    expect(at(/Language/)).toBe(top.length - 1);
    // the jumps between the views and the controls are for phones: not shown, not reached, on a wide page
    expect(stops.filter((s) => /Controls ↓|Back to the charts/.test(s.name))).toEqual([]);
    // the sidebar in visual order: each stop below (or on the row of) the previous one
    const side = stops.filter((s) => s.region === 'sidebar');
    expect(side.length).toBeGreaterThan(5);
    for (let i = 1; i < side.length; i++) expect(side[i].top, `${side[i - 1].name} -> ${side[i].name}`).toBeGreaterThanOrEqual(side[i - 1].top - 24);
    // every tabbable control is reached
    // (those present before and after the walk: a panel may swap a button while it settles)
    const after = new Set(await tabbables(page));
    const seen = new Set(stops.map((s) => s.key));
    const missed = expected.filter((k) => after.has(k) && !seen.has(k));
    const label = (key: string) => page.evaluate((k) => {
      let el: Element | null = document.body;
      for (const part of k.split('/')) el = el?.children[Number(/\d+$/.exec(part)![0])] ?? null;
      return `${k} ${el?.outerHTML.slice(0, 120) ?? ''}`;
    }, key);
    expect(await Promise.all(missed.map(label))).toEqual([]);
    // a visible focus indicator everywhere
    expect(stops.filter((s) => !s.ring).map((s) => `${s.role} "${s.name}"`)).toEqual([]);
    // the skip link moves focus to the views
    await page.evaluate(() => (document.querySelector('a.skip') as HTMLElement).focus());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { message: 'the skip link did not move focus to the views' }).toBe('views');
    expect(problems).toEqual([]);
  });

  it('the Experiments menu works from the keyboard: Enter opens it, arrows move, Escape closes it on its button', async () => {
    const { page, problems } = await opened();
    const button = page.getByRole('button', { name: 'Experiments' });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')), { message: 'Enter did not move focus into the Experiments menu' }).toBe('menuitem');
    const first = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(first);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowDown'); // wraps to the first
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(first);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menuitem').count()).toBe(0);
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(problems).toEqual([]);
  });
});
