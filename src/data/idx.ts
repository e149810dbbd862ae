// Parser of the IDX format (LeCun's container for MNIST), shared by Node and the browser.
//
// Layout, all integers big-endian:
//   bytes 0-1  zero
//   byte  2    element type: 0x08 ubyte, 0x09 sbyte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64
//   byte  3    number of dimensions d
//   then d uint32 sizes, then prod(sizes) elements.
// Only unsigned bytes are accepted (all MNIST files use them).

import { DataError } from './dataset.ts';

export interface IdxArray {
  dims: number[];
  /** A view into the input bytes (no copy), exactly prod(dims) long. */
  data: Uint8Array;
}

const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

const UNSIGNED_BYTE = 0x08;
const MAX_DIMS = 4;

/** Parses one IDX file of unsigned bytes; throws DataError naming `fileName` on anything malformed. */
export function parseIdx(bytes: Uint8Array, fileName: string): IdxArray {
  const fail = (what: string): never => {
    throw new DataError(`${fileName}: ${what}`);
  };
  if (bytes.length < 4) fail(`too short for an IDX header: ${bytes.length} bytes, need at least 4`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const gzipHint = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (it looks gzip-compressed: decompress it first)' : '';
    fail(`bad magic number: the first two bytes must be 0, found ${hex(bytes[0])} ${hex(bytes[1])}${gzipHint}`);
  }
  const type = bytes[2];
  if (type !== UNSIGNED_BYTE) {
    const name = TYPE_NAMES[type];
    fail(
      name
        ? `element type ${hex(type)} (${name}) is not supported, only 0x08 (unsigned byte)`
        : `unknown element type ${hex(type)}, expected 0x08 (unsigned byte)`,
    );
  }
  const ndims = bytes[3];
  if (ndims < 1 || ndims > MAX_DIMS) fail(`${ndims} dimensions, expected 1 to ${MAX_DIMS}`);

  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) {
    fail(`truncated header: ${ndims} dimensions need ${headerLength} header bytes, found ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerLength);
  const dims: number[] = [];
  let expected = 1; // exact: a product of at most four uint32 stays far below 2^53 until it is absurd
  for (let d = 0; d < ndims; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    if (size === 0) fail(`dimension ${d} is 0, every dimension must be at least 1`);
    dims.push(size);
    expected *= size;
  }

  const found = bytes.length - headerLength;
  if (found < expected) {
    fail(`truncated: expected ${expected} data bytes, found ${found} (dims ${dims.join(' x ')})`);
  }
  if (found > expected) {
    fail(`${found - expected} trailing bytes: expected ${expected} data bytes, found ${found} (dims ${dims.join(' x ')})`);
  }
  return { dims, data: bytes.subarray(headerLength) };
}

function hex(byte: number): string {
  return '0x' + byte.toString(16).padStart(2, '0');
}
