// Features kept as bytes: MNIST's pixels stay the Uint8Array they arrive as (47 MB for the training
// set instead of 188 MB as float32) and become float32 x = b / 255 only when rows are copied out.

/** b -> fround(b / 255) for every byte b: the float32 value a stored pixel byte stands for. */
export const UNIT_OF_BYTE: Float32Array = (() => {
  const table = new Float32Array(256);
  for (let b = 0; b < 256; b++) table[b] = b / 255;
  return table;
})();

/** Every byte b -> b / 255 in float32 (a new array of the same length). */
export function bytesToUnit(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = UNIT_OF_BYTE[bytes[i]];
  return out;
}
