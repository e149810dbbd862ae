// Writes unsigned-byte IDX files: the inverse of parseIdx, for tests and small fixtures.

/** Header (0, 0, 0x08, dims.length, big-endian uint32 dims) followed by `data`. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
