// Nearest point lookup for hover tooltips: bisection on a series' ascending x (d3-array bisector).
import { bisector } from 'd3-array';

const byValue = bisector((d: number) => d);

/** Index of the point of xs[0..n) whose x is nearest to `x` (-1 when n = 0). */
export function nearestIndex(xs: ArrayLike<number>, x: number, n = xs.length): number {
  if (n <= 0) return -1;
  // bisector works on array-likes; restrict to n with a subarray-free search.
  const i = byValue.left(xs as unknown as number[], x, 0, n);
  if (i <= 0) return 0;
  if (i >= n) return n - 1;
  return x - xs[i - 1] <= xs[i] - x ? i - 1 : i;
}
