// Keeps the downloaded MNIST files across reloads in the Cache API (per origin, in pages and workers;
// unlike the HTTP cache it keeps a 10 MB file in a private window too). An entry is the file's URL
// plus `?v=<version>`, the version being the file's hash from the plugin's manifest: a changed file
// gets a new key and the old entry is deleted when the new one is stored. Without the Cache API
// (Node, an insecure origin) or without a version, nothing is cached. Every failure of the cache
// only costs a download: it is never an error.

/** The cache the MNIST files go into. */
export const MNIST_CACHE_NAME = 'normscope-mnist';

export interface MnistFileCache {
  /** The stored body of `url` at `version`, or null. */
  read(url: string, version: string): Promise<ReadableStream<Uint8Array> | null>;
  /** The stored body of `url` at whatever version it holds (offline, without the manifest), or null. */
  readLatest?(url: string): Promise<ReadableStream<Uint8Array> | null>;
  /** Stores `chunks` (the body as received) for `url` at `version`, replacing other versions. */
  write(url: string, version: string, chunks: readonly Uint8Array[]): Promise<void>;
}

const keyOf = (url: string, version: string): string => `${url}${url.includes('?') ? '&' : '?'}v=${encodeURIComponent(version)}`;

/** The Cache API behind `storage` (default: the global `caches`), or null when there is none. */
export function mnistFileCache(storage: CacheStorage | undefined = globalThis.caches): MnistFileCache | null {
  if (!storage || typeof storage.open !== 'function') return null;
  let opened: Promise<Cache | null> | null = null;
  const open = (): Promise<Cache | null> => (opened ??= storage.open(MNIST_CACHE_NAME).catch(() => null));
  return {
    async read(url, version) {
      try {
        const res = await (await open())?.match(keyOf(url, version));
        return res?.ok && res.body ? res.body : null;
      } catch {
        return null;
      }
    },
    async readLatest(url) {
      try {
        const res = await (await open())?.match(url, { ignoreSearch: true }); // one version is kept per file
        return res?.ok && res.body ? res.body : null;
      } catch {
        return null;
      }
    },
    async write(url, version, chunks) {
      try {
        const cache = await open();
        if (!cache) return;
        await cache.delete(url, { ignoreSearch: true }); // every older version of this file
        await cache.put(keyOf(url, version), new Response(new Blob([...chunks] as BlobPart[]), { headers: { 'Content-Type': 'application/octet-stream' } }));
      } catch {
        // quota exceeded, storage disabled: the next load downloads again
      }
    },
  };
}
