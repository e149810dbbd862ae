// "Save PNG": composites a figure onto one canvas at its on-screen places and downloads it: its
// canvases, its SVGs (serialized with their computed colours and fonts, then decoded as images) and
// its HTML text (caption, legends, subheads, tables, formulas), word by word where the text wraps.

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

/** Paints the figure's HTML text where the layout put it, word by word when it wraps. */
function paintText(ctx: CanvasRenderingContext2D, figure: HTMLElement, box: DOMRect): void {
  const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  ctx.textBaseline = 'middle';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const parent = node.parentElement;
    // SVG text is in the SVG images
    if (!parent || !text.trim() || parent.closest(`svg, ${NOT_FIGURE}, .ns-chart-sub, .visually-hidden`)) continue;
    const cs = getComputedStyle(parent);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    ctx.fillStyle = cs.color;
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
    for (const p of pieces) ctx.fillText(p.text.replace(/\s+/g, ' '), p.r.left - box.left, p.r.top - box.top + p.r.height / 2);
  }
}

export async function saveFigurePng(figure: HTMLElement, name: string): Promise<void> {
  const box = figure.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.ceil(box.width * dpr);
  out.height = Math.ceil(box.height * dpr);
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  const bg = getComputedStyle(figure).backgroundColor;
  ctx.fillStyle = !bg || bg === 'rgba(0, 0, 0, 0)' ? '#ffffff' : bg;
  ctx.fillRect(0, 0, box.width, box.height);
  for (const el of Array.from(figure.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg'))) {
    if (el.closest(NOT_FIGURE) || el.parentElement?.closest('svg')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (el instanceof HTMLCanvasElement) { ctx.drawImage(el, r.left - box.left, r.top - box.top, r.width, r.height); continue; }
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgMarkup(el))}`;
    try { await img.decode(); ctx.drawImage(img, r.left - box.left, r.top - box.top, r.width, r.height); } catch { /* skip an SVG that fails to load */ }
  }
  paintText(ctx, figure, box);
  download(out.toDataURL('image/png'), name);
}
