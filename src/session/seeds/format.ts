// How a summary over seeds reads in text (the CLI's table, the explanations, the README): the median
// and the range as "0.962 [0.955-0.968]", a count as "7 of 8", a paired difference (which may be
// negative, so its range says "to" rather than a dash) as "+0.012 [-0.004 to +0.030]".
import type { SeedSummary } from './stats';

/** "0.962 [0.955-0.968]" (three decimals by default). */
export function medianRange(s: Pick<SeedSummary, 'median' | 'min' | 'max'>, digits = 3): string {
  return `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}-${s.max.toFixed(digits)}]`;
}

/** "7 of 8". */
export function kOfN(k: number, n: number): string {
  return `${k} of ${n}`;
}

/** "+0.012" / "-0.004" / "0.000". */
export function signed(v: number, digits = 3): string {
  const t = v.toFixed(digits);
  return v > 0 && Number(t) !== 0 ? `+${t}` : Number(t) === 0 ? (0).toFixed(digits) : t;
}

/** A paired difference: "+0.012 [-0.004 to +0.030]". */
export function signedRange(median: number, min: number, max: number, digits = 3): string {
  return `${signed(median, digits)} [${signed(min, digits)} to ${signed(max, digits)}]`;
}

/** "5.8e-6" (JavaScript writes "5.8e-6" for toExponential(1) already). */
export function exp(v: number, digits = 1): string {
  return v.toExponential(digits);
}

/** Tiny values: "5.8e-6 [4.2e-6 to 9.1e-6]" (a dash would read as a minus). */
export function medianRangeExp(s: Pick<SeedSummary, 'median' | 'min' | 'max'>, digits = 1): string {
  return `${exp(s.median, digits)} [${exp(s.min, digits)} to ${exp(s.max, digits)}]`;
}
