// "Save PNG": composites a figure's canvases and SVG overlays (serialized into an Image) at their
// places onto one canvas, with the caption, and downloads it.

function download(url: string, name: string): void {
  const a = document.createElement('a');
  a.download = `${name}.png`;
  a.href = url;
  a.click();
}

/** Inlines computed colours/fonts the serialized SVG loses outside the page's CSS. */
function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const color = getComputedStyle(svg).color;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // through CSSOM, not setAttribute('style'): the Content-Security-Policy has no 'unsafe-inline' for styles
  clone.style.color = color;
  clone.style.font = '10px system-ui, sans-serif';
  const src = svg.querySelectorAll<SVGElement>('*');
  const dst = clone.querySelectorAll<SVGElement>('*');
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const d = dst[i];
    if (el instanceof SVGTextElement) d.setAttribute('fill', cs.fill);
    else if (cs.stroke && cs.stroke !== 'none') { d.setAttribute('stroke', cs.stroke); d.setAttribute('stroke-opacity', cs.strokeOpacity); }
  });
  return new XMLSerializer().serializeToString(clone);
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
  const cap = figure.querySelector('figcaption');
  if (cap) {
    const r = cap.getBoundingClientRect();
    ctx.fillStyle = getComputedStyle(cap).color;
    ctx.font = '600 14px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.fillText(cap.textContent ?? name, r.left - box.left, r.top - box.top);
  }
  // One-line texts: legend entries (after their swatch) and panel subheads.
  for (const el of Array.from(figure.querySelectorAll<HTMLElement>('.ns-legend2 li, .ns-subhead'))) {
    const r = el.getBoundingClientRect();
    const swatch = el.querySelector('svg');
    const sr = swatch?.getBoundingClientRect();
    const cs = getComputedStyle(el);
    ctx.fillStyle = cs.color;
    ctx.font = `${cs.fontWeight} ${cs.fontSize} system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.fillText(el.textContent ?? '', (sr ? sr.right + 4 : r.left) - box.left, r.top + r.height / 2 - box.top);
  }
  for (const el of Array.from(figure.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg.ns-overlay, .ns-legend2 svg'))) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (el instanceof HTMLCanvasElement) { ctx.drawImage(el, r.left - box.left, r.top - box.top, r.width, r.height); continue; }
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgMarkup(el))}`;
    try { await img.decode(); ctx.drawImage(img, r.left - box.left, r.top - box.top, r.width, r.height); } catch { /* skip an SVG that fails to load */ }
  }
  download(out.toDataURL('image/png'), name);
}
