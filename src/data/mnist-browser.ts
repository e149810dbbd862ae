// Loads MNIST over HTTP in a page or a Web Worker: fetches the four `.gz` files published by
// scripts/vite-plugin-mnist.ts, gunzips them with DecompressionStream while they arrive, and parses
// them like Node does. Files whose manifest entry has a hash are kept in the Cache API
// (./mnist-cache.ts): a reload reads them from there instead of the network.
//
// Progress counts compressed bytes summed over the four files, which download in parallel. Totals
// come from `manifest.json` (published by the plugin) or, without it, from each Content-Length.
// A server that adds `Content-Encoding: gzip` to `.gz` files makes the browser inflate them itself:
// the raw bytes that arrive are recognised (no gzip magic) and used as they are, and progress converts
// them back to compressed bytes with the manifest's ratio gzipBytes / rawBytes.

import { DataError, type Dataset } from './dataset.ts';
import { mnistFileCache, type MnistFileCache } from './mnist-cache.ts';
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
  /** Where downloaded files are kept across reloads; default: the Cache API when there is one. null: none. */
  cache?: MnistFileCache | null;
  /**
   * Web Locks, so that workers loading at once (one per run) download each file once: the first
   * downloads and stores it, the others wait and read it from the cache. Default: navigator.locks
   * when there is one; null: none (each downloads its own copy).
   */
  locks?: FileLocks | null;
}

/** The part of the Web Locks API (LockManager) used here. */
export interface FileLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

function defaultLocks(): FileLocks | null {
  const nav = (globalThis as { navigator?: { locks?: FileLocks } }).navigator;
  return nav?.locks ?? null;
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
  const cache = options.cache === undefined ? mnistFileCache() : options.cache;
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
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
      const version = manifest?.files[served]?.sha256;
      const raw = await download(fetchFn, base + served, options.signal, cache, locks, (received, contentLength, inflated) => {
        if (p.expected === 0 && contentLength > 0) p.expected = contentLength;
        p.inflatedByBrowser = inflated;
        p.received = received;
        report(served);
      }, version);
      if (p.expected === 0) p.expected = p.received;
      p.received = p.expected; // done: the final report says loaded === total
      p.inflatedByBrowser = false;
      report(served);
      return [key, raw] as const;
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
 * The raw (inflated) content of `url`: from `cache` when it holds `version`, else from the network
 * (then stored in `cache`; with `locks`, one download per file however many workers ask at once).
 * After each chunk: `onChunk(received, contentLength, inflated)`, where `received` counts body bytes
 * as they arrive (compressed unless the browser inflates them), contentLength is 0 when unknown and
 * `inflated` says the browser is undoing a Content-Encoding.
 */
async function download(
  fetchFn: typeof fetch,
  url: string,
  signal: AbortSignal | undefined,
  cache: MnistFileCache | null,
  locks: FileLocks | null,
  onChunk: (received: number, contentLength: number, inflated: boolean) => void,
  version?: string,
): Promise<Uint8Array> {
  const fromCache = async (): Promise<Uint8Array | null> =>
    cache && version ? readEntry(await cache.read(url, version).catch(() => null), url, onChunk) : null;
  const cached = await fromCache();
  if (cached) return cached;
  if (!cache || !version || !locks) return fetchFile(fetchFn, url, signal, cache, onChunk, version);
  // Held while downloading and storing: a worker that waited finds the file in the cache.
  return locks.request(`normscope-mnist ${url} ${version}`, async () =>
    (await fromCache()) ?? fetchFile(fetchFn, url, signal, cache, onChunk, version, true));
}

/** `url` from the network (stored in `cache` under `version`: awaited with `awaitStore`, else in the background). */
async function fetchFile(
  fetchFn: typeof fetch,
  url: string,
  signal: AbortSignal | undefined,
  cache: MnistFileCache | null,
  onChunk: (received: number, contentLength: number, inflated: boolean) => void,
  version?: string,
  awaitStore = false,
): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetchFn(url, { signal });
  } catch (e) {
    if (isAbort(e)) throw e;
    // offline (the manifest did not come either, so no version is known): the copy the cache holds
    const latest = !version && cache?.readLatest ? await readEntry(await cache.readLatest(url).catch(() => null), url, onChunk) : null;
    if (latest) return latest;
    throw new DataError(`${url}: fetch failed (${errorText(e)})`);
  }
  if (!res.ok) throw new DataError(`${url}: HTTP status ${res.status}${res.statusText ? ' ' + res.statusText : ''}`);
  const encoding = res.headers.get('content-encoding');
  const inflated = encoding !== null && encoding !== 'identity';
  const contentLength = Number(res.headers.get('content-length') ?? 0) || 0;
  const body = res.body ?? new Response(await res.arrayBuffer()).body!;
  // only the file as served is kept (not bytes the browser inflated), so entries are always gzip
  const received: Uint8Array[] | null = cache && version && !inflated ? [] : null;
  const raw = await readInflating(body, url, received, (n) => onChunk(n, contentLength, inflated));
  if (cache && version && received) {
    const stored = cache.write(url, version, received).catch(() => {});
    if (awaitStore) await stored;
  }
  return raw;
}

/**
 * A cache entry's content, or null when there is none or it is damaged (then the file is downloaded
 * again and the entry replaced). An entry is the served .gz file itself: its gzip trailer's CRC-32
 * checks it as it inflates.
 */
async function readEntry(
  body: ReadableStream<Uint8Array> | null,
  url: string,
  onChunk: (received: number, contentLength: number, inflated: boolean) => void,
): Promise<Uint8Array | null> {
  if (!body) return null;
  try {
    return await readInflating(body, url, null, (n) => onChunk(n, 0, false), true);
  } catch (e) {
    if (isAbort(e)) throw e;
    return null;
  }
}

/**
 * Reads `body` to its end; gzip data (it starts with the magic 1f 8b) is inflated while it arrives,
 * anything else is returned as it is (or refused with `requireGzip`). Body chunks are appended to
 * `keep` when given.
 */
async function readInflating(
  body: ReadableStream<Uint8Array>,
  url: string,
  keep: Uint8Array[] | null,
  onChunk: (received: number) => void,
  requireGzip = false,
): Promise<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  const next = async (): Promise<Uint8Array | null> => {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new DataError(`${url}: download failed after ${received} bytes (${errorText(e)})`);
    }
    if (chunk.done) return null;
    received += chunk.value.length;
    keep?.push(chunk.value);
    onChunk(received);
    return chunk.value;
  };
  // enough bytes to see the magic
  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < 2) {
    const c = await next();
    if (!c) break;
    head.push(c);
    headBytes += c.length;
  }
  const first = concat(head, headBytes);
  if (first.length < 2 || first[0] !== 0x1f || first[1] !== 0x8b) {
    if (requireGzip) {
      reader.cancel().catch(() => {});
      throw new DataError(`${url}: not gzip data`);
    }
    const chunks = [first];
    for (let c = await next(); c; c = await next()) chunks.push(c);
    return concat(chunks, received);
  }
  const inflater = new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>;
  const writer = inflater.writable.getWriter();
  const output = new Response(inflater.readable).arrayBuffer();
  output.catch(() => {}); // awaited below; a failure is reported once, there
  const feed = async (): Promise<void> => {
    await writer.write(first);
    for (let c = await next(); c; c = await next()) await writer.write(c);
    await writer.close();
  };
  try {
    await feed();
    return new Uint8Array(await output);
  } catch (e) {
    reader.cancel().catch(() => {});
    writer.abort().catch(() => {});
    if (isAbort(e) || e instanceof DataError) throw e;
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
