// Where the markers of live setting changes go on a time-series view: a vertical line at the step the
// new value took effect, and its label ("batch 60→2") at the top of the plot. Labels that would
// overlap stack in rows below each other; when more collide than `rows` can hold, later labels merge
// into the nearest earlier one ("batch 60→2 +2"), whose title names them all. Markers outside the
// shown steps are left out. Pure; ./change-markers.tsx renders it in SVG.

export interface MarkerInput { step: number; label: string }

export interface PlacedMarker {
  /** Pixel of the line. */
  x: number;
  step: number;
  /** The text drawn ('' when the label was merged into another marker's). */
  text: string;
  /** Every label at this marker, for its title and screen readers. */
  labels: string[];
  /** Label row (0 = top). */
  row: number;
  /** Label drawn to the right of the line (false: to its left, near the right edge). */
  right: boolean;
  /** The label's anchor point (px) and side: start beside the line on its right, end beside it on its left, or start inside the plot when neither side has room. */
  textX: number;
  anchor: 'start' | 'end';
}

export interface MarkerLayoutOptions {
  /** Plot edges in px. */
  left: number;
  right: number;
  /** Label rows available. */
  rows?: number;
  /** Width of one character of the label font (px). */
  charWidth?: number;
  /** Space between the line and its label (px). */
  pad?: number;
  /** Least space between two labels in a row (px), so that they never read as one. */
  gap?: number;
}

/** The width of a label in px, from its length (CJK characters count double). */
export function labelWidth(text: string, charWidth = 6.2): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w * charWidth;
}

/**
 * Lays out markers at scale(step) (changes sorted by step or not): lines inside [left, right], labels
 * in the first row where they do not overlap an earlier label, merged when no row is free.
 */
export function layoutMarkers(changes: readonly MarkerInput[], scale: (step: number) => number, o: MarkerLayoutOptions): PlacedMarker[] {
  const rows = Math.max(1, o.rows ?? 3);
  const cw = o.charWidth ?? 6.2;
  const pad = o.pad ?? 3;
  const gap = o.gap ?? 10;
  const sorted = [...changes].filter((c) => Number.isFinite(c.step)).sort((a, b) => a.step - b.step);
  // Changes at the same step become one marker with several labels.
  const merged: { step: number; labels: string[] }[] = [];
  for (const c of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.step === c.step) last.labels.push(c.label);
    else merged.push({ step: c.step, labels: [c.label] });
  }
  const out: (PlacedMarker & { own: string; merged: number })[] = [];
  /** Per row, the right end of the last label placed (px). */
  const rowEnd = new Array<number>(rows).fill(-Infinity);
  for (const m of merged) {
    const x = scale(m.step);
    if (!(x >= o.left - 0.5 && x <= o.right + 0.5)) continue;
    const text = m.labels.join(', ');
    // room for a " +n" that later markers may add to this label (up to +99)
    const w = labelWidth(text, cw) + labelWidth(' +99', cw);
    const right = x + pad + w <= o.right;
    // Beside the line, right or left; in a plot too narrow for either, as far right as it fits.
    const left = !right && x - pad - w >= o.left;
    const start = right ? x + pad : left ? x - pad - w : Math.max(o.left, o.right - w);
    const end = start + w;
    const textX = left ? x - pad : start;
    const anchor = left ? 'end' as const : 'start' as const;
    const row = rowEnd.findIndex((e) => start >= e + gap);
    if (row >= 0) {
      rowEnd[row] = end;
      out.push({ x, step: m.step, text, labels: [...m.labels], row, right, textX, anchor, own: text, merged: 0 });
    } else {
      // No free row: the line stays, its labels join the last drawn label as "+n".
      const host = [...out].reverse().find((p) => p.text !== '');
      out.push({ x, step: m.step, text: '', labels: [...m.labels], row: 0, right, textX, anchor, own: '', merged: 0 });
      if (host) {
        host.merged += m.labels.length;
        host.labels.push(...m.labels);
        host.text = `${host.own} +${host.merged}`;
      }
    }
  }
  return out.map(({ own: _own, merged: _merged, ...p }) => p);
}
