// Re-expresses a histogram in other bins, for redrawing history after StableBins changed its range.
// Values are taken as spread uniformly inside each source bin, so source bin i (edges [a, b], count c)
// gives destination bin j the share of its width that overlaps j:
//   dst_j += c |[a, b] ∩ [e_j, e_j+1]| / (b - a)
// Mass outside [dstLo, dstHi] goes to the first or last bin (a union of ranges never leaves any). The total
// count is preserved (up to rounding). O(source bins + destination bins), no allocation.

/** Adds the counts src[0..srcBins) over [srcLo, srcHi] into dst[0..dstBins) over [dstLo, dstHi] (dst is overwritten). */
export function reprojectCounts(
  src: ArrayLike<number>, srcLo: number, srcHi: number,
  dst: Float32Array | Float64Array, dstLo: number, dstHi: number,
  srcBins = src.length, dstBins = dst.length,
): void {
  if (!(srcHi > srcLo && dstHi > dstLo)) throw new RangeError(`ranges must have lo < hi: [${srcLo}, ${srcHi}] -> [${dstLo}, ${dstHi}]`);
  if (srcBins > src.length || dstBins > dst.length || dstBins < 1) throw new RangeError('bin counts exceed the arrays');
  dst.fill(0, 0, dstBins);
  const sw = (srcHi - srcLo) / srcBins;
  const dw = (dstHi - dstLo) / dstBins;
  for (let i = 0; i < srcBins; i++) {
    const c = src[i];
    if (c === 0) continue;
    const a = srcLo + i * sw;
    const b = i === srcBins - 1 ? srcHi : srcLo + (i + 1) * sw;
    const perUnit = c / (b - a);
    if (a < dstLo) dst[0] += perUnit * (Math.min(b, dstLo) - a);
    if (b > dstHi) dst[dstBins - 1] += perUnit * (b - Math.max(a, dstHi));
    const from = Math.max(0, Math.floor((a - dstLo) / dw));
    const to = Math.min(dstBins - 1, Math.floor((b - dstLo) / dw));
    for (let j = from; j <= to; j++) {
      const right = j + 1 === dstBins ? dstHi : dstLo + (j + 1) * dw;
      const overlap = Math.min(b, right) - Math.max(a, dstLo + j * dw);
      if (overlap > 0) dst[j] += perUnit * overlap;
    }
  }
}
