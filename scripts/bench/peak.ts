// What one core of this machine can do, to put the bench's effective GFLOP/s in proportion.
//
// The float32 peak of one core is not measurable from JavaScript (nothing here issues 512-bit FMAs),
// so it is assumed from a native measurement recorded for this kind of machine (a 2-vCPU AMD EPYC VM
// with AVX-512): a 512-bit FMA loop reached 200-217 GFLOP/s on one core, OpenBLAS through numpy about
// 180 at 256x512x512. WebAssembly has only 128-bit SIMD without fused multiply-add; its ceiling is
// measured in this run (simd-kernels.ts measureSimdPeak: independent f32x4 multiply-add chains).

export const ASSUMED_CORE_PEAK_GFLOPS = 200;
export const ASSUMED_CORE_PEAK_SOURCE =
  'native 512-bit FMA loop on one core of this machine type: 200-217 GFLOP/s (OpenBLAS/numpy: ~180 at 256x512x512); ' +
  'the lower end is assumed';

export interface PeakInfo {
  /** assumed single-core float32 peak, GFLOP/s */
  corePeakGflops: number;
  corePeakSource: string;
  /** measured now: f32x4 multiply-add chains in WebAssembly, best of a few runs (null without SIMD) */
  wasmSimdPeakGflops: number | null;
  wasmSimdPeakSource: string;
}

export async function peakInfo(): Promise<PeakInfo> {
  const { measureSimdPeak } = await import('../../src/engine/index');
  const measured = measureSimdPeak(9, 100);
  return {
    corePeakGflops: ASSUMED_CORE_PEAK_GFLOPS,
    corePeakSource: ASSUMED_CORE_PEAK_SOURCE,
    wasmSimdPeakGflops: measured === null ? null : Number(measured.toFixed(1)),
    wasmSimdPeakSource: 'measured in this run: 12 independent chains of f32x4.mul + f32x4.add in WebAssembly, best of 9 runs of ~100 ms',
  };
}

/** "W2 batch normscope 27.1 GFLOP/s = 13.6% of the core's peak, 51% of the WebAssembly SIMD ceiling" lines. */
export function formatPeakLines(
  peak: PeakInfo,
  rows: ReadonlyArray<{ workload: string; norm: string; impl: string; gflops: number }>,
): string[] {
  const lines = [
    `single-core peak assumed: ${peak.corePeakGflops} GFLOP/s float32 (${peak.corePeakSource})`,
    `WebAssembly 128-bit SIMD ceiling: ${peak.wasmSimdPeakGflops === null ? 'n/a (no SIMD)' : `${peak.wasmSimdPeakGflops} GFLOP/s`} (${peak.wasmSimdPeakSource})`,
  ];
  for (const r of rows) {
    if (!r.impl.startsWith('normscope')) continue;
    const core = (100 * r.gflops) / peak.corePeakGflops;
    const wasm = peak.wasmSimdPeakGflops ? `, ${((100 * r.gflops) / peak.wasmSimdPeakGflops).toFixed(0)}% of the SIMD ceiling` : '';
    lines.push(`  ${r.workload} ${r.norm.padEnd(5)} ${r.impl.padEnd(12)} ${r.gflops.toFixed(2).padStart(6)} GFLOP/s = ${core.toFixed(1)}% of the core's peak${wasm}`);
  }
  return lines;
}
