// One buffer per telemetry frame. A frame holds some 500 typed arrays (every series' columns, every
// histogram, per run and layer). Transferred one by one, each arrives on the page as its own
// ArrayBuffer, and Blink wraps each in a garbage-collected object with a finalizer (it owns the
// backing store): about a thousand objects per frame, several frames a second, which the page's
// collector (Oilpan) then sweeps on the main thread in tasks of 10-35 ms. Packed, a frame crosses as
// one buffer with views into it: one finalizer per frame.
//
// packFrame copies the frame's structure (plain objects and arrays), with every typed array replaced
// by a view of the same type and contents into one new ArrayBuffer; the input is left untouched. The
// same array met twice becomes one view. Views start at multiples of 8 bytes, so any element type is
// aligned.

type View = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
type ViewConstructor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => View;

const align8 = (n: number): number => (n + 7) & ~7;

function isTypedArray(v: unknown): v is View {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
}

/** Bytes the packed buffer of `value` takes (each distinct typed array rounded up to 8 bytes). */
export function packedBytes(value: unknown): number {
  const seen = new Set<View>();
  let bytes = 0;
  const visit = (v: unknown): void => {
    if (isTypedArray(v)) {
      if (!seen.has(v)) { seen.add(v); bytes += align8(v.byteLength); }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) visit(x);
  };
  visit(value);
  return bytes;
}

/** `value` with all its typed arrays as views into one buffer (see the top of the file), and that buffer. */
export function packFrame<T>(value: T): { frame: T; buffer: ArrayBuffer } {
  if (isTypedArray(value)) throw new TypeError('packFrame packs the typed arrays inside a frame, not a typed array alone');
  const buffer = new ArrayBuffer(packedBytes(value));
  const placed = new Map<View, View>();
  let offset = 0;
  const copy = (v: unknown): unknown => {
    if (isTypedArray(v)) {
      let view = placed.get(v);
      if (!view) {
        view = new (v.constructor as ViewConstructor)(buffer, offset, v.length);
        view.set(v);
        offset += align8(v.byteLength);
        placed.set(v, view);
      }
      return view;
    }
    if (ArrayBuffer.isView(v)) throw new TypeError(`packFrame packs number arrays; a frame holds a ${v.constructor.name}`);
    if (Array.isArray(v)) return v.map(copy);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = copy(x);
      return out;
    }
    return v;
  };
  return { frame: copy(value) as T, buffer };
}
