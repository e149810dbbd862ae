// Loads MNIST over HTTP in a page or a Web Worker: fetches the four `.gz` files published by
// scripts/vite-plugin-mnist.ts, gunzips them with DecompressionStream and parses them like Node does.
//
// Progress counts compressed bytes summed over the four files, which download in parallel. Totals
// come from `manifest.json` (published by the plugin) or, without it, from each Content-Length.
// A server that adds `Content-Encoding: gzip` to `.gz` files (`vite preview` does) makes the browser
// inflate them itself: the raw bytes that arrive are recognised (no gzip magic) and used as they are,
// and progress converts them back to compressed bytes with the manifest's ratio gzipBytes / rawBytes.

import { DataError, type Dataset } from './dataset.ts';
import { mnistFromIdx } from './mnist.ts';
import { MNIST_FILE_KEYS, MNIST_FILE_NAMES, MNIST_MANIFEST_NAME, type MnistFiles, type MnistManifest } from './mnist-files.ts';

export interface MnistProgress {
  /** Bytes received so far over all four files. */
  loaded: number;
  /** Bytes expected over all four files (grows if a size is only learnt from a response). */
  total: number;
  /** The served file name whose chunk triggered this report, e.g. `train-images-idx3-ubyte.gz`. */
  file: string;
}

export interface MnistBrowserOptions {
  /** Defaults to the global fetch; tests pass a fake. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

interface FileProgress {
  /** Body bytes received: compressed, or inflated when `inflatedByBrowser`. */
  received: number;
  /** Compressed size, 0 while unknown. */
  expected: number;
  /** Raw size from the manifest, 0 when unknown. */
  rawBytes: number;
  inflatedByBrowser: boolean;
}

/** Compressed bytes received so far, as best known; never above the expected size. */
function compressedLoaded(p: FileProgress): number {
  let loaded = p.received;
  if (p.inflatedByBrowser && p.rawBytes > 0 && p.expected > 0) loaded = Math.round((p.received * p.expected) / p.rawBytes);
  return p.expected > 0 ? Math.min(loaded, p.expected) : loaded;
}

/**
 * Fetches `${baseUrl}/<name>.gz` for the four MNIST files and returns the Dataset. `baseUrl` is the
 * folder, e.g. `import.meta.env.BASE_URL + 'mnist/'` (relative URLs resolve as fetch resolves them).
 */
export async function loadMnistInBrowser(
  baseUrl: string,
  onProgress?: (p: MnistProgress) => void,
  options: MnistBrowserOptions = {},
): Promise<Dataset> {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  const manifest = await fetchManifest(fetchFn, base + MNIST_MANIFEST_NAME, options.signal);

  const progress = new Map<string, FileProgress>();
  for (const key of MNIST_FILE_KEYS) {
    const served = MNIST_FILE_NAMES[key] + '.gz';
    const sizes = manifest?.files[served];
    progress.set(served, { received: 0, expected: sizes?.gzipBytes ?? 0, rawBytes: sizes?.rawBytes ?? 0, inflatedByBrowser: false });
  }
  const report = (file: string): void => {
    if (!onProgress) return;
    let loaded = 0;
    let total = 0;
    for (const p of progress.values()) {
      loaded += compressedLoaded(p);
      total += p.expected > 0 ? p.expected : compressedLoaded(p);
    }
    onProgress({ loaded, total, file });
  };

  const contents = await Promise.all(
    MNIST_FILE_KEYS.map(async (key) => {
      const served = MNIST_FILE_NAMES[key] + '.gz';
      const p = progress.get(served)!;
      const bytes = await download(fetchFn, base + served, options.signal, (received, contentLength, inflated) => {
        if (p.expected === 0 && contentLength > 0) p.expected = contentLength;
        p.inflatedByBrowser = inflated;
        p.received = received;
        report(served);
      });
      if (p.expected === 0) p.expected = bytes.length;
      p.received = p.expected; // done: the final report says loaded === total
      p.inflatedByBrowser = false;
      report(served);
      return [key, await gunzipIfCompressed(bytes, base + served)] as const;
    }),
  );
  return mnistFromIdx(Object.fromEntries(contents) as unknown as MnistFiles);
}

/** The plugin's manifest, or null when it is absent or unreadable (progress then uses Content-Length). */
async function fetchManifest(fetchFn: typeof fetch, url: string, signal?: AbortSignal): Promise<MnistManifest | null> {
  try {
    const res = await fetchFn(url, { signal });
    if (!res.ok) return null;
    const json = (await res.json()) as MnistManifest;
    return json && typeof json.files === 'object' && json.files !== null ? json : null;
  } catch (e) {
    if (isAbort(e)) throw e;
    return null;
  }
}

/**
 * The whole response body. After each chunk: `onChunk(received, contentLength, inflated)`, where
 * contentLength is 0 when unknown and `inflated` says the browser is undoing a Content-Encoding
 * (then the body yields more bytes than the Content-Length, which counts encoded bytes).
 */
async function download(
  fetchFn: typeof fetch,
  url: string,
  signal: AbortSignal | undefined,
  onChunk: (received: number, contentLength: number, inflated: boolean) => void,
): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetchFn(url, { signal });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new DataError(`${url}: fetch failed (${errorText(e)})`);
  }
  if (!res.ok) throw new DataError(`${url}: HTTP status ${res.status}${res.statusText ? ' ' + res.statusText : ''}`);
  const encoding = res.headers.get('content-encoding');
  const inflated = encoding !== null && encoding !== 'identity';
  const contentLength = Number(res.headers.get('content-length') ?? 0) || 0;

  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    if (!res.body) {
      const whole = new Uint8Array(await res.arrayBuffer());
      onChunk(whole.length, contentLength, inflated);
      return whole;
    }
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onChunk(received, contentLength, inflated);
    }
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new DataError(`${url}: download failed after ${received} bytes (${errorText(e)})`);
  }
  return concat(chunks, received);
}

/** Gunzips `bytes` when they start with the gzip magic 1f 8b, else returns them unchanged. */
async function gunzipIfCompressed(bytes: Uint8Array, url: string): Promise<Uint8Array> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  try {
    const inflated = source.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
    return new Uint8Array(await new Response(inflated).arrayBuffer());
  } catch (e) {
    throw new DataError(`${url}: not valid gzip data (${errorText(e)})`);
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function isAbort(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'AbortError';
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
