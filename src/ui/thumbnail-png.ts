// Draws the library's thumbnail (state/thumbnail.ts's sparklines) on a small canvas and returns it as a
// PNG data URL: 160 x 64 px of two or three strokes, about 2-5 KB; null where no canvas can draw.
import { runStyle } from '../charts/palette';
import { sparkLines } from '../state/thumbnail';

export const THUMB_W = 160;
export const THUMB_H = 64;

export function thumbnailPng(runs: readonly { id: string; x: ArrayLike<number>; y: ArrayLike<number> }[]): string | null {
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = THUMB_W;
  canvas.height = THUMB_H;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, THUMB_W, THUMB_H);
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'round';
  for (const line of sparkLines(runs, THUMB_W, THUMB_H, 3)) {
    const style = runStyle(line.id.split(':')[0]);
    ctx.strokeStyle = style.color;
    ctx.setLineDash(style.dash);
    ctx.beginPath();
    ctx.moveTo(line.points[0], line.points[1]);
    for (let i = 2; i < line.points.length; i += 2) ctx.lineTo(line.points[i], line.points[i + 1]);
    ctx.stroke();
  }
  try {
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}
