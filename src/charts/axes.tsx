// SVG axes from a D3 scale: D3 computes the ticks, React renders them (colours from CSS variables).
import { memo, type ReactNode } from 'react';

export interface TickScale {
  (v: number): number;
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (v: number) => string;
  range(): number[];
}

interface AxisProps {
  scale: TickScale;
  /** Tick count hint for scale.ticks(). */
  ticks?: number;
  format?: (v: number) => string;
  label?: ReactNode;
  /** Draw grid lines of this length across the plot (px), or none. */
  grid?: number;
  /** Explicit tick values instead of scale.ticks(ticks). */
  tickValues?: number[];
}

/** A bottom axis translated to y. */
function AxisBottomView({ scale, y, ticks = 5, format, label, grid, tickValues }: AxisProps & { y: number }) {
  const [r0, r1] = scale.range();
  const fmt = format ?? scale.tickFormat(ticks);
  return (
    <g className="ns-ax" transform={`translate(0,${y})`}>
      {(tickValues ?? scale.ticks(ticks)).map((t) => {
        const x = Math.round(scale(t)) + 0.5;
        return (
          <g key={t} transform={`translate(${x},0)`}>
            {grid ? <line className="ns-ax-grid" y2={-grid} /> : null}
            <line y2={4} />
            <text y={14} textAnchor="middle">{fmt(t)}</text>
          </g>
        );
      })}
      <path className="ns-ax-line" d={`M${r0},0.5H${r1}`} />
      {label ? <text className="ns-ax-label" x={r1} y={-4} textAnchor="end">{label}</text> : null}
    </g>
  );
}

/** A left axis translated to x. */
function AxisLeftView({ scale, x, ticks = 4, format, label, grid, tickValues }: AxisProps & { x: number }) {
  const [r0, r1] = scale.range();
  const fmt = format ?? scale.tickFormat(ticks);
  return (
    <g className="ns-ax" transform={`translate(${x},0)`}>
      {(tickValues ?? scale.ticks(ticks)).map((t) => {
        const y = Math.round(scale(t)) + 0.5;
        return (
          <g key={t} transform={`translate(0,${y})`}>
            {grid ? <line className="ns-ax-grid" x2={grid} /> : null}
            <line x2={-4} />
            <text x={-6} dy="0.32em" textAnchor="end">{fmt(t)}</text>
          </g>
        );
      })}
      <path className="ns-ax-line" d={`M-0.5,${r0}V${r1}`} />
      {label ? <text className="ns-ax-label" x={4} y={Math.min(r0, r1) + 2} dy="0.71em">{label}</text> : null}
    </g>
  );
}

/** Compact number format for ticks of any magnitude (1e-3, 0.05, 12k). */
/**
 * Whether two axes' props render the same: the same ticks at the same pixels, the same range and
 * furniture. Their scales are new objects on every render of a chart; compared this way an axis
 * re-renders only when its domain, size or options change, not on every telemetry frame.
 */
export function sameAxisProps(a: AxisProps & { x?: number; y?: number }, b: AxisProps & { x?: number; y?: number }): boolean {
  if (a.x !== b.x || a.y !== b.y || a.ticks !== b.ticks || a.format !== b.format || a.label !== b.label || a.grid !== b.grid) return false;
  if (!sameNumbers(a.scale.range(), b.scale.range())) return false;
  if ((a.tickValues === undefined) !== (b.tickValues === undefined)) return false;
  const ta = a.tickValues ?? a.scale.ticks(a.ticks ?? 5);
  const tb = b.tickValues ?? b.scale.ticks(b.ticks ?? 5);
  if (!sameNumbers(ta, tb)) return false;
  for (const t of ta) if (Math.round(a.scale(t)) !== Math.round(b.scale(t))) return false;
  // without a format, the labels follow the scale's tickFormat (which the equal ticks fix, but check one)
  return a.format !== undefined || ta.length === 0 || a.scale.tickFormat(a.ticks)(ta[0]) === b.scale.tickFormat(b.ticks)(tb[0]);
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** A bottom axis translated to y (re-renders only when what it shows changes: sameAxisProps). */
export const AxisBottom = memo(AxisBottomView, sameAxisProps);
/** A left axis translated to x (re-renders only when what it shows changes: sameAxisProps). */
export const AxisLeft = memo(AxisLeftView, sameAxisProps);

export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-2) {
    const e = Math.floor(Math.log10(a));
    const m = v / 10 ** e;
    return Math.abs(m - 1) < 1e-9 ? `1e${e}` : `${+m.toFixed(1)}e${e}`;
  }
  return `${+v.toPrecision(3)}`;
}

/** Step (or examples-seen) format: 1200 -> 1.2k, 2500000 -> 2.5M. */
export function formatStep(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  return a >= 1000 ? `${+(v / 1000).toFixed(1)}k` : `${v}`;
}

/** Powers of ten inside a log domain (at most ~6, thinned), for readable log axes. */
export function decadeTicks(domain: readonly number[], max = 6): number[] {
  const lo = Math.ceil(Math.log10(Math.min(domain[0], domain[1])) - 1e-9);
  const hi = Math.floor(Math.log10(Math.max(domain[0], domain[1])) + 1e-9);
  const every = Math.max(1, Math.ceil((hi - lo + 1) / max));
  const out: number[] = [];
  for (let e = lo; e <= hi; e += every) out.push(10 ** e);
  return out;
}

/** Ticks of a log axis: the decades when there are 3 or more, else the scale's own (up to ~5). */
export function logTicks(scale: TickScale, domain: readonly number[]): number[] {
  const d = decadeTicks(domain);
  if (d.length >= 3) return d;
  const t = scale.ticks(4);
  const every = Math.max(1, Math.ceil(t.length / 5));
  return t.filter((_, i) => i % every === 0);
}
