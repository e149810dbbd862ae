// Where a value sits on a slider and back: linear, logarithmic, logarithmic with a zero at the left
// end (weight decay), or logarithmic with "max" (null) at the right end (speed). Slider positions are
// integers 0..positions; values read off a log slider are rounded to two significant digits, so a drag
// lands on readable numbers (60, 0.0013), while the number field beside it takes any exact value.

export interface SliderScale {
  kind: 'linear' | 'log' | 'log0' | 'logMax';
  min: number;
  max: number;
  integer?: boolean;
  /** Number of steps of the range input (its max); its min is 0. */
  positions: number;
  /** Smallest non-zero value of a 'log0' slider (position 1). */
  lowest?: number;
  /** Decimals for a linear slider's values. */
  decimals?: number;
}

function roundSig(v: number, digits = 2): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const p = Math.pow(10, digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  return Math.round(v * p) / p;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function positionOf(s: SliderScale, value: number | null): number {
  const n = s.positions;
  if (value === null) return n;
  if (!Number.isFinite(value)) return 0;
  const logPos = (lo: number, hi: number, steps: number) => Math.round((steps * (Math.log(clamp(value, lo, hi)) - Math.log(lo))) / (Math.log(hi) - Math.log(lo)));
  switch (s.kind) {
    case 'linear': return Math.round((n * (clamp(value, s.min, s.max) - s.min)) / (s.max - s.min));
    case 'log': return logPos(s.min, s.max, n);
    case 'log0': return value <= 0 ? 0 : 1 + logPos(s.lowest ?? s.max / 1e4, s.max, n - 1);
    case 'logMax': return logPos(s.min, s.max, n - 1);
  }
}

export function valueAt(s: SliderScale, position: number): number | null {
  const n = s.positions;
  const p = clamp(Math.round(position), 0, n);
  const logVal = (lo: number, hi: number, t: number) => Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)));
  let v: number;
  switch (s.kind) {
    case 'linear': {
      v = s.min + ((s.max - s.min) * p) / n;
      const d = s.decimals ?? 3;
      v = Math.round(v * 10 ** d) / 10 ** d;
      break;
    }
    case 'log': v = p === 0 ? s.min : p === n ? s.max : roundSig(logVal(s.min, s.max, p / n)); break;
    case 'log0':
      if (p === 0) return 0;
      v = p === n ? s.max : roundSig(logVal(s.lowest ?? s.max / 1e4, s.max, (p - 1) / (n - 1)));
      break;
    case 'logMax':
      if (p === n) return null;
      v = p === n - 1 ? s.max : roundSig(logVal(s.min, s.max, p / (n - 1)));
      break;
  }
  if (s.integer) v = Math.round(v);
  return clamp(v, s.kind === 'log0' ? 0 : s.min, s.max);
}

/** A value as the number field shows it: short, exact enough to type back. */
export function formatValue(v: number | null): string {
  if (v === null) return '';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) return v.toExponential().replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
}
