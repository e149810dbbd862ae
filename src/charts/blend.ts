// A translucent stroke as the opaque colour it shows over the plot's surface: c·a + surface·(1 − a) per
// channel. Drawn opaque, a faint series looks the same whether it was stroked in one path (a full draw)
// or in pieces frame by frame (./append-layer.ts: pieces that cross the same pixels would add up their
// alpha), and it rasterises without blending. Colours as a canvas reports them (#rrggbb, rgb(), rgba()).

/** [r, g, b, a] of a #rgb, #rrggbb, rgb() or rgba() colour, or null. */
export function parseColor(c: string): [number, number, number, number] | null {
  const s = c.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, (d) => d + d) : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), 1];
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/i.exec(s);
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3]), fn[4] === undefined ? 1 : Number(fn[4])];
  return null;
}

/** `color` at `alpha` over the opaque `surface`, as an opaque #rrggbb; null when either cannot be read or the colour is itself translucent. */
export function blendOver(color: string, surface: string, alpha: number): string | null {
  const c = parseColor(color);
  const s = parseColor(surface);
  if (!c || !s || c[3] !== 1 || s[3] !== 1) return null;
  const a = Math.min(Math.max(alpha, 0), 1);
  let out = '#';
  for (let i = 0; i < 3; i++) out += Math.round(c[i] * a + s[i] * (1 - a)).toString(16).padStart(2, '0');
  return out;
}
