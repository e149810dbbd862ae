// "Save PNG": composites a figure onto one canvas at its on-screen places and downloads it: its
// canvases, its SVGs (serialized with their computed colours and fonts, then decoded as images) and
// its HTML text (caption, legends, subheads, tables, formulas), word by word where the text wraps.
// At twice the CSS pixels (or the screen's ratio when higher); the rows that held only the page's
// buttons are cut out (no blank band); a footer stamps the step, the runs, the settings that differ
// from the defaults and the live changes, so a saved picture says what it shows.
import type { TelemetryFrame } from '../telemetry/frame';
import type { TrainSettings } from '../session/settings';
import { SETTINGS } from '../state/chart-inputs';
import { getApp } from '../state/app';
import { getLang, type MessageKey, runName, translate } from '../i18n';
import { changeLabel, formatStepNumber, type SettingChange } from '../state/setting-changes';
import { DEFAULT_PAGE_SETTINGS } from '../state/url-codec';

/** Buttons and controls (with their labels) are the page's, not the figure's. */
const NOT_FIGURE = 'button, select, label, input, .ns-fig-tools, .ns-chart-controls';

function download(url: string, name: string): void {
  const a = document.createElement('a');
  a.download = `${name}.png`;
  a.href = url;
  a.click();
}

/** An SVG copy carrying its computed colours and fonts (the page's CSS does not travel with it). */
function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // through CSSOM, not setAttribute('style'): the Content-Security-Policy has no 'unsafe-inline' for styles
  clone.style.color = getComputedStyle(svg).color;
  clone.style.font = '10px system-ui, sans-serif';
  const src = svg.querySelectorAll<SVGElement>('*');
  const dst = clone.querySelectorAll<SVGElement>('*');
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const d = dst[i];
    if (el instanceof SVGTextElement) {
      d.setAttribute('fill', cs.fill);
      d.setAttribute('font-family', cs.fontFamily);
      d.setAttribute('font-size', cs.fontSize);
      d.setAttribute('font-weight', cs.fontWeight);
    } else if (cs.stroke && cs.stroke !== 'none') {
      d.setAttribute('stroke', cs.stroke);
      d.setAttribute('stroke-opacity', cs.strokeOpacity);
    }
  });
  return new XMLSerializer().serializeToString(clone);
}

/** A vertical band [top, bottom) of the figure, in CSS pixels from its top. */
type Band = [number, number];

/** Maps a y of the figure to the saved image's, once the bands in `cuts` (sorted, disjoint) are removed. */
function shiftOf(cuts: readonly Band[]): (y: number) => number {
  return (y) => {
    let d = 0;
    for (const [a, b] of cuts) if (y >= b) d += b - a; else if (y > a) d += y - a;
    return y - d;
  };
}

/**
 * The bands to cut: rows of the page's controls (toolbars) where nothing of the figure is drawn.
 * `drawn` are the figure's own boxes (plots, text); a toolbar row overlapping one stays.
 */
export function cutBands(tools: readonly Band[], drawn: readonly Band[]): Band[] {
  const merged: Band[] = [];
  for (const [a, b] of [...tools].sort((p, q) => p[0] - q[0])) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b); else merged.push([a, b]);
  }
  const out: Band[] = [];
  for (const [a0, b0] of merged) {
    let pieces: Band[] = [[a0, b0]];
    for (const [c, d] of drawn) {
      pieces = pieces.flatMap(([a, b]) => (d <= a || c >= b ? [[a, b] as Band] : [[a, Math.min(b, c)] as Band, [Math.max(a, d), b] as Band].filter(([x, y]) => y - x > 0.5)));
    }
    out.push(...pieces);
  }
  return out.filter(([a, b]) => b - a >= 2);
}

interface TextPiece { text: string; font: string; color: string; x: number; y: number; top: number; bottom: number }

/** The figure's HTML text where the layout put it, word by word when it wraps. */
function textPieces(figure: HTMLElement, box: DOMRect): TextPiece[] {
  const out: TextPiece[] = [];
  const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const parent = node.parentElement;
    // SVG text is in the SVG images
    if (!parent || !text.trim() || parent.closest(`svg, ${NOT_FIGURE}, .ns-chart-sub, .visually-hidden`)) continue;
    const cs = getComputedStyle(parent);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    const font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    range.selectNodeContents(node);
    const rects = range.getClientRects();
    if (rects.length === 0) continue;
    const pieces: { text: string; r: DOMRect }[] = [];
    if (rects.length === 1) pieces.push({ text, r: rects[0] });
    else {
      const re = /\S+/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const r = range.getBoundingClientRect();
        if (r.width > 0) pieces.push({ text: m[0], r });
      }
    }
    for (const p of pieces) {
      const top = p.r.top - box.top;
      out.push({ text: p.text.replace(/\s+/g, ' '), font, color: cs.color, x: p.r.left - box.left, y: top + p.r.height / 2, top, bottom: top + p.r.height });
    }
  }
  return out;
}

/** The footer's lines: what, when, which runs, which settings (those not at their defaults), which changes. */
export function footerLines(frame: Pick<TelemetryFrame, 'step' | 'runs'> | null, settings: TrainSettings | null, changes: readonly SettingChange[], lang: 'en' | 'zh'): string[] {
  const say = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const runs = frame ? frame.runs.map((r) => runName(say, r.id)).join(lang === 'zh' ? '、' : ', ') : '';
  const lines = [`NormScope · ${say('chart.step', { step: formatStepNumber(frame?.step ?? 0, lang) })}${runs ? ` · ${runs}` : ''}`];
  if (settings) {
    const differ = SETTINGS.filter((d) => String(settings[d.key]) !== String(DEFAULT_PAGE_SETTINGS[d.key]))
      .map((d) => `${d.flag}=${(d.format as (v: unknown) => string)(settings[d.key])}`);
    lines.push(`${say('png.settings')}: ${differ.length ? differ.join(' ') : say('png.defaults')}`);
  }
  if (changes.length) lines.push(`${say('png.changes')}: ${changes.map((c) => `${changeLabel(c, lang)} (${formatStepNumber(c.step, lang)})`).join(', ')}`);
  return lines;
}

/** Breaks `text` into lines no wider than `width` at spaces (the canvas's current font). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && ctx.measureText(next).width > width) { lines.push(line); line = w; } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function saveFigurePng(figure: HTMLElement, name: string): Promise<void> {
  const box = figure.getBoundingClientRect();
  const scale = Math.max(2, window.devicePixelRatio || 1);
  const figCs = getComputedStyle(figure);
  const bg = figCs.backgroundColor;
  const background = !bg || bg === 'rgba(0, 0, 0, 0)' ? '#ffffff' : bg;

  // what is drawn, and where
  const images: { el: HTMLCanvasElement | SVGSVGElement; r: DOMRect }[] = [];
  for (const el of Array.from(figure.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg'))) {
    if (el.closest(NOT_FIGURE) || el.parentElement?.closest('svg')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    images.push({ el, r });
  }
  const texts = textPieces(figure, box);
  const drawn: Band[] = [
    ...images.map(({ r }) => [r.top - box.top, r.bottom - box.top] as Band),
    ...texts.map((p) => [p.top, p.bottom] as Band),
  ];
  const tools: Band[] = Array.from(figure.querySelectorAll<HTMLElement>('.ns-fig-tools, .ns-chart-controls'))
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.height > 0)
    .map((r) => [r.top - box.top, r.bottom - box.top + 4] as Band); // with the row gap below it
  const cuts = cutBands(tools, drawn);
  const y = shiftOf(cuts);

  // the footer
  let frame: TelemetryFrame | null = null;
  let settings: TrainSettings | null = null;
  let changes: readonly SettingChange[] = [];
  try {
    const app = getApp();
    frame = app.hub.get();
    settings = app.store.getState().settings;
    changes = app.store.getState().changes;
  } catch { /* a figure outside the app: no footer facts */ }
  const lang = getLang();
  const pad = 12;
  const lineH = 15;
  const measure = document.createElement('canvas').getContext('2d');
  const footFont = `400 11px ${figCs.fontFamily}`;
  if (measure) measure.font = footFont;
  const foot = footerLines(frame, settings, changes, lang).flatMap((l) => (measure ? wrap(measure, l, box.width - 2 * pad) : [l]));
  // the figure ends at its last drawn row (a card stretched by its grid row has blank space below)
  const lastDrawn = drawn.reduce((m, [, b]) => Math.max(m, b), 0);
  const bodyH = Math.min(y(box.height), y(lastDrawn) + pad);
  const height = bodyH + foot.length * lineH + pad;

  const out = document.createElement('canvas');
  out.width = Math.ceil(box.width * scale);
  out.height = Math.ceil(height * scale);
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.scale(scale, scale);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, box.width, height);
  for (const { el, r } of images) {
    const x0 = r.left - box.left;
    const y0 = y(r.top - box.top);
    if (el instanceof HTMLCanvasElement) { ctx.drawImage(el, x0, y0, r.width, r.height); continue; }
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgMarkup(el))}`;
    try { await img.decode(); ctx.drawImage(img, x0, y0, r.width, r.height); } catch { /* skip an SVG that fails to load */ }
  }
  ctx.textBaseline = 'middle';
  for (const p of texts) {
    ctx.font = p.font;
    ctx.fillStyle = p.color;
    ctx.fillText(p.text, p.x, y(p.y));
  }
  // the footer, under a hairline
  ctx.strokeStyle = figCs.borderTopColor || '#dcdfe8';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(pad, bodyH + 0.5);
  ctx.lineTo(box.width - pad, bodyH + 0.5);
  ctx.stroke();
  ctx.font = footFont;
  ctx.fillStyle = figCs.color;
  foot.forEach((line, i) => ctx.fillText(line, pad, bodyH + (i + 0.5) * lineH + 4));
  download(out.toDataURL('image/png'), name);
}
