import { fc, test as fcTest } from '../testing/property';
import { describe, expect, it } from 'vitest';
import { DataError } from './dataset.ts';
import { parseIdx } from './idx.ts';
import { encodeIdx } from './idx-encode.ts';

const NAME = 't10k-images-idx3-ubyte';
const good = (): Uint8Array => encodeIdx([2, 3, 4], Uint8Array.from({ length: 24 }, (_, i) => i * 10));

function refusal(bytes: Uint8Array): string {
  try {
    parseIdx(bytes, NAME);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    const message = (e as Error).message;
    expect(message.startsWith(NAME + ': ')).toBe(true);
    return message;
  }
  throw new Error('parseIdx accepted a malformed file');
}

describe('parseIdx', () => {
  it('reads dims and data of a well-formed file', () => {
    const { dims, data } = parseIdx(good(), NAME);
    expect(dims).toEqual([2, 3, 4]);
    expect(Array.from(data)).toEqual(Array.from({ length: 24 }, (_, i) => i * 10));
  });

  it('works on a view with a non-zero byte offset', () => {
    const bytes = good();
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(parseIdx(padded.subarray(3), NAME).dims).toEqual([2, 3, 4]);
  });

  it('refuses fewer than 4 bytes', () => {
    expect(refusal(new Uint8Array([0, 0, 8]))).toMatch(/too short.*3 bytes/);
  });

  it('refuses a bad magic number and spots gzip', () => {
    const bytes = good();
    bytes[1] = 7;
    expect(refusal(bytes)).toMatch(/bad magic number.*0x00 0x07/);
    expect(refusal(new Uint8Array([0x1f, 0x8b, 8, 0, 0]))).toMatch(/gzip/);
  });

  it('refuses other element types by name', () => {
    const bytes = good();
    bytes[2] = 0x0d;
    expect(refusal(bytes)).toMatch(/0x0d \(float32\) is not supported/);
    bytes[2] = 0x42;
    expect(refusal(bytes)).toMatch(/unknown element type 0x42/);
  });

  it('refuses 0 or more than 4 dimensions', () => {
    expect(refusal(new Uint8Array([0, 0, 8, 0]))).toMatch(/0 dimensions/);
    expect(refusal(encodeIdx([1, 1, 1, 1, 1], new Uint8Array(1)))).toMatch(/5 dimensions/);
  });

  it('refuses a truncated header', () => {
    expect(refusal(good().subarray(0, 10))).toMatch(/truncated header.*need 16 header bytes, found 10/);
  });

  it('refuses a zero dimension', () => {
    expect(refusal(encodeIdx([5, 0], new Uint8Array(0)))).toMatch(/dimension 1 is 0/);
  });

  it('refuses truncated data with the expected and found counts', () => {
    const bytes = good();
    expect(refusal(bytes.subarray(0, bytes.length - 5))).toContain(`${NAME}: truncated: expected 24 data bytes, found 19`);
  });

  it('refuses trailing bytes', () => {
    const bytes = good();
    const longer = new Uint8Array(bytes.length + 2);
    longer.set(bytes);
    expect(refusal(longer)).toMatch(/2 trailing bytes: expected 24 data bytes, found 26/);
  });

  it('refuses absurd dims without allocating', () => {
    expect(refusal(encodeIdx([0xffffffff, 0xffffffff], new Uint8Array(4)))).toMatch(/truncated/);
  });

  fcTest.prop([fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 255 })])(
    'round-trips encodeIdx for any small shape',
    (dims, fill) => {
      const data = new Uint8Array(dims.reduce((a, b) => a * b, 1)).fill(fill);
      const parsed = parseIdx(encodeIdx(dims, data), NAME);
      expect(parsed.dims).toEqual(dims);
      expect(parsed.data).toEqual(data);
    },
  );

  fcTest.prop([fc.uint8Array({ maxLength: 64 })])('never throws anything but DataError', (bytes) => {
    try {
      parseIdx(bytes, NAME);
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
    }
  });
});
