// MNIST delivery end to end in Node: the Vite plugin's compression, cache, middleware and build hook,
// and loadMnistInBrowser fetching from a real HTTP server on 127.0.0.1 or from fake fetches.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mnistPlugin, { buildMnistAssets, mnistMiddleware, type MnistAssets } from '../../scripts/vite-plugin-mnist.ts';
import { DataError, type Dataset } from './dataset.ts';
import { mnistFromIdx } from './mnist.ts';
import type { MnistFileCache } from './mnist-cache.ts';
import { loadMnistInBrowser, type MnistProgress } from './mnist-browser.ts';
import { MNIST_FILE_KEYS, MNIST_FILE_NAMES, type MnistFiles, type MnistManifest } from './mnist-files.ts';
import { tinyMnistFiles } from './mnist-fixture.test-support.ts';
import { defaultMnistDir, loadMnistFromDir } from './mnist-node.ts';

const tmp = mkdtempSync(join(tmpdir(), 'normscope-delivery-'));
const srcDir = join(tmp, 'src');
const cacheDir = join(tmp, 'cache');
const tiny: MnistFiles = tinyMnistFiles(30, 7);
const servers: Server[] = [];

beforeAll(() => {
  mkdirSync(srcDir);
  for (const key of MNIST_FILE_KEYS) writeFileSync(join(srcDir, MNIST_FILE_NAMES[key]), tiny[key]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  rmSync(tmp, { recursive: true, force: true });
});

/** Serves `assets` under /mnist/ on 127.0.0.1; returns the origin. `labelGzip` mimics sirv (vite preview). */
async function serve(assets: MnistAssets, labelGzip = false): Promise<string> {
  const handle = mnistMiddleware('/mnist/', async () => assets);
  const server = createServer((req, res) => {
    if (labelGzip && req.url?.endsWith('.gz')) res.setHeader('Content-Encoding', 'gzip');
    handle(req, res, () => {
      res.statusCode = 404;
      res.end('not here');
    });
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function manifestOf(assets: MnistAssets): MnistManifest {
  return JSON.parse(new TextDecoder().decode(assets.get('manifest.json')!.bytes)) as MnistManifest;
}

function expectSameDataset(a: Dataset, b: Dataset): void {
  expect([a.trainCount, a.testCount, a.inputSize]).toEqual([b.trainCount, b.testCount, b.inputSize]);
  for (const k of ['trainX', 'trainY', 'testX', 'testY'] as const) {
    const x = a[k];
    const y = b[k];
    expect(x.length).toBe(y.length);
    let firstDiff = -1;
    for (let i = 0; i < x.length && firstDiff < 0; i++) if (x[i] !== y[i]) firstDiff = i;
    expect(firstDiff, k).toBe(-1);
  }
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataError);
  return (e as Error).message;
}

describe('buildMnistAssets', () => {
  it('gzips the four files and publishes their sizes in the manifest', async () => {
    const assets = await buildMnistAssets(srcDir, 9, cacheDir);
    expect([...assets.keys()].sort()).toEqual([
      'manifest.json',
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte.gz',
    ]);
    const manifest = manifestOf(assets);
    expect(manifest.credit).toMatch(/LeCun.*Cortes.*CC BY-SA 3.0/);
    for (const key of MNIST_FILE_KEYS) {
      const gz = assets.get(MNIST_FILE_NAMES[key] + '.gz')!;
      expect(gz.contentType).toBe('application/gzip');
      expect(new Uint8Array(gunzipSync(gz.bytes))).toEqual(tiny[key]);
      const sha256 = createHash('sha256').update(gz.bytes).digest('hex');
      expect(manifest.files[MNIST_FILE_NAMES[key] + '.gz']).toEqual({ gzipBytes: gz.bytes.length, rawBytes: tiny[key].length, sha256 });
    }
  });

  it('reuses the cached compressed files', async () => {
    await buildMnistAssets(srcDir, 9, cacheDir); // fills the cache (whatever ran before)
    const cached = readdirSync(cacheDir).find((f) => f.startsWith('t10k-labels-idx1-ubyte.'))!;
    const marker = gzipSync(tiny.testLabels, { level: 1 });
    writeFileSync(join(cacheDir, cached), marker);
    const assets = await buildMnistAssets(srcDir, 9, cacheDir);
    expect(new Uint8Array(assets.get('t10k-labels-idx1-ubyte.gz')!.bytes)).toEqual(new Uint8Array(marker));
  });

  it('refuses a corrupt or missing source file, naming it', async () => {
    const dir = join(tmp, 'corrupt');
    mkdirSync(dir);
    for (const key of MNIST_FILE_KEYS) writeFileSync(join(dir, MNIST_FILE_NAMES[key]), tiny[key]);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), tiny.trainLabels.subarray(0, 20));
    await expect(buildMnistAssets(dir, 1)).rejects.toThrow('train-labels-idx1-ubyte: truncated');
    rmSync(join(dir, 'train-images-idx3-ubyte'));
    await expect(buildMnistAssets(dir, 1)).rejects.toThrow(`MNIST file missing: ${join(dir, 'train-images-idx3-ubyte')}`);
  });
});

describe('loadMnistInBrowser over HTTP', () => {
  let assets: MnistAssets;
  let origin: string;
  beforeAll(async () => {
    assets = await buildMnistAssets(srcDir, 6);
    origin = await serve(assets);
  });

  it('loads what mnistFromIdx gives, reporting monotone progress that ends at the total', async () => {
    const reports: MnistProgress[] = [];
    const ds = await loadMnistInBrowser(`${origin}/mnist/`, (p) => reports.push(p));
    expectSameDataset(ds, mnistFromIdx(tiny));
    const total = Object.values(manifestOf(assets).files).reduce((s, f) => s + f.gzipBytes, 0);
    expect(reports.length).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < reports.length; i++) {
      expect(reports[i].total).toBe(total);
      if (i > 0) expect(reports[i].loaded).toBeGreaterThanOrEqual(reports[i - 1].loaded);
    }
    expect(reports.at(-1)!.loaded).toBe(total);
    expect(new Set(reports.map((r) => r.file))).toEqual(new Set(Object.keys(manifestOf(assets).files)));
  });

  it('accepts a base URL without the trailing slash', async () => {
    expect((await loadMnistInBrowser(`${origin}/mnist`)).trainCount).toBe(30);
  });

  it('falls back to Content-Length for progress when there is no manifest', async () => {
    const withoutManifest = new Map(assets);
    withoutManifest.delete('manifest.json');
    const bare = await serve(withoutManifest);
    const reports: MnistProgress[] = [];
    await loadMnistInBrowser(`${bare}/mnist/`, (p) => reports.push(p));
    const total = [...withoutManifest.values()].reduce((s, a) => s + a.bytes.length, 0);
    expect(reports.at(-1)).toMatchObject({ loaded: total, total });
  });

  it('copes with a server that labels the files Content-Encoding: gzip, as vite preview does', async () => {
    const labelling = await serve(assets, true);
    const reports: MnistProgress[] = [];
    const ds = await loadMnistInBrowser(`${labelling}/mnist/`, (p) => reports.push(p));
    expectSameDataset(ds, mnistFromIdx(tiny));
    const total = Object.values(manifestOf(assets).files).reduce((s, f) => s + f.gzipBytes, 0);
    for (const r of reports) expect(r.loaded).toBeLessThanOrEqual(r.total);
    expect(reports.at(-1)).toMatchObject({ loaded: total, total });
  });

  it('names the URL and status of a failed request', async () => {
    const message = await refusal(loadMnistInBrowser(`${origin}/elsewhere/`));
    expect(message).toMatch(new RegExp(`^${origin}/elsewhere/[a-z0-9-]+\\.gz: HTTP status 404 Not Found$`));
  });

  it('names the URL when the server cannot be reached', async () => {
    const message = await refusal(loadMnistInBrowser('http://127.0.0.1:9/mnist/'));
    expect(message).toMatch(/^http:\/\/127\.0\.0\.1:9\/mnist\/.*\.gz: fetch failed/);
  });

  it('sends an ETag with no-cache and answers a request that names it with 304 and no body', async () => {
    const url = `${origin}/mnist/t10k-images-idx3-ubyte.gz`;
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toBe(`"${manifestOf(assets).files['t10k-images-idx3-ubyte.gz'].sha256}"`);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await fetch(url, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(url, { headers: { 'If-None-Match': '"stale"' } })).status).toBe(200);
  });

  it('answers HEAD with the size and no body, and 404 for unknown names', async () => {
    const head = await fetch(`${origin}/mnist/train-labels-idx1-ubyte.gz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/gzip');
    expect(head.headers.get('content-encoding')).toBeNull();
    expect(Number(head.headers.get('content-length'))).toBe(assets.get('train-labels-idx1-ubyte.gz')!.bytes.length);
    const missing = await fetch(`${origin}/mnist/nothing.gz`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/No MNIST file nothing.gz; available: .*manifest.json/);
  });
});

describe('loadMnistInBrowser with a fake fetch', () => {
  const byName = new Map<string, Uint8Array>(MNIST_FILE_KEYS.map((k) => [MNIST_FILE_NAMES[k] + '.gz', tiny[k]]));
  const fakeFetch =
    (body: (name: string, raw: Uint8Array) => Uint8Array, headers: Record<string, string> = {}): typeof fetch =>
    async (input) => {
      const name = String(input).split('/').pop()!;
      const raw = byName.get(name);
      if (!raw) return new Response('no', { status: 404, statusText: 'Not Found' });
      return new Response(body(name, raw) as BodyInit, { headers });
    };

  it('uses bytes a server already inflated (Content-Encoding: gzip) as they are', async () => {
    const ds = await loadMnistInBrowser('/mnist/', undefined, { fetch: fakeFetch((_, raw) => raw, { 'content-encoding': 'gzip' }) });
    expectSameDataset(ds, mnistFromIdx(tiny));
  });

  it('inflates gzip that arrives one byte at a time (the magic split across chunks)', async () => {
    const trickle: typeof fetch = async (input) => {
      const raw = byName.get(String(input).split('/').pop()!);
      if (!raw) return new Response('no', { status: 404 });
      const gz = gzipSync(raw);
      let i = 0;
      return new Response(new ReadableStream<Uint8Array>({ pull(c) { if (i < gz.length) c.enqueue(gz.subarray(i, ++i)); else c.close(); } }));
    };
    expectSameDataset(await loadMnistInBrowser('/mnist/', undefined, { fetch: trickle, cache: null }), mnistFromIdx(tiny));
  });

  it('refuses corrupt gzip, naming the URL', async () => {
    const corrupt = fakeFetch((name, raw) => (name.startsWith('t10k-images') ? Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4]) : gzipSync(raw)));
    expect(await refusal(loadMnistInBrowser('/mnist/', undefined, { fetch: corrupt }))).toMatch(/^\/mnist\/t10k-images-idx3-ubyte\.gz: not valid gzip data/);
  });

  it('passes parse errors through, naming the IDX file', async () => {
    const truncated = fakeFetch((name, raw) => gzipSync(name.startsWith('t10k-labels') ? raw.subarray(0, raw.length - 1) : raw));
    expect(await refusal(loadMnistInBrowser('/mnist/', undefined, { fetch: truncated }))).toBe(
      't10k-labels-idx1-ubyte: truncated: expected 7 data bytes, found 6 (dims 7)',
    );
  });

  it('rejects with the AbortError itself when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborting: typeof fetch = async (_input, init) => {
      init?.signal?.throwIfAborted();
      throw new Error('unreachable');
    };
    await expect(loadMnistInBrowser('/mnist/', undefined, { fetch: aborting, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** An in-memory stand-in for the Cache API part mnist-cache.ts uses. */
function fakeCacheStorage() {
  const entries = new Map<string, Uint8Array>();
  const cache = {
    async match(key: string, opts?: { ignoreSearch?: boolean }) {
      const k = opts?.ignoreSearch ? [...entries.keys()].find((e) => e.split('?')[0] === key.split('?')[0]) : key;
      const b = k === undefined ? undefined : entries.get(k);
      return b ? new Response(b as BodyInit) : undefined;
    },
    async put(key: string, res: Response) { entries.set(key, new Uint8Array(await res.arrayBuffer())); },
    async delete(url: string, opts?: { ignoreSearch?: boolean }) {
      let any = false;
      for (const k of [...entries.keys()]) if (k === url || (opts?.ignoreSearch && k.split('?')[0] === url)) any = entries.delete(k);
      return any;
    },
  };
  return { entries, storage: { open: async () => cache } as unknown as CacheStorage };
}

describe('loadMnistInBrowser with the Cache API', () => {
  let assets: MnistAssets;
  let origin: string;
  let requests: string[];
  beforeAll(async () => {
    assets = await buildMnistAssets(srcDir, 6);
    origin = await serve(assets);
  });
  const countingFetch: typeof fetch = (input, init) => {
    requests.push(String(input).split('/').pop()!);
    return fetch(input, init);
  };
  /** The cache with its background writes recorded, so that a test waits for them rather than for a time. */
  const recordWrites = (cache: MnistFileCache | null) => {
    const pending: Promise<unknown>[] = [];
    if (!cache) throw new Error('no cache to record');
    const write: MnistFileCache['write'] = (...args) => { const p = cache.write(...args); pending.push(p); return p; };
    return { cache: { ...cache, write }, settled: () => Promise.all(pending) };
  };

  it('keeps each file under its URL and hash, and a second load fetches only the manifest', async () => {
    const { mnistFileCache } = await import('./mnist-cache.ts');
    const { entries, storage } = fakeCacheStorage();
    const { cache, settled } = recordWrites(mnistFileCache(storage));
    requests = [];
    expectSameDataset(await loadMnistInBrowser(`${origin}/mnist/`, undefined, { fetch: countingFetch, cache }), mnistFromIdx(tiny));
    await settled(); // the cache is written in the background
    const manifest = manifestOf(assets);
    expect([...entries.keys()].sort()).toEqual(Object.keys(manifest.files).map((f) => `${origin}/mnist/${f}?v=${manifest.files[f].sha256}`).sort());
    expect(entries.get(`${origin}/mnist/train-images-idx3-ubyte.gz?v=${manifest.files['train-images-idx3-ubyte.gz'].sha256}`)).toEqual(new Uint8Array(assets.get('train-images-idx3-ubyte.gz')!.bytes));

    requests = [];
    const reports: MnistProgress[] = [];
    expectSameDataset(await loadMnistInBrowser(`${origin}/mnist/`, (p) => reports.push(p), { fetch: countingFetch, cache }), mnistFromIdx(tiny));
    expect(requests).toEqual(['manifest.json']);
    expect(reports.at(-1)!.loaded).toBe(reports.at(-1)!.total);
  });

  it('loads started at once (one per run worker) download each file once when Web Locks are there', async () => {
    const { mnistFileCache } = await import('./mnist-cache.ts');
    const { storage } = fakeCacheStorage();
    const cache = mnistFileCache(storage);
    // a LockManager stand-in: exclusive locks by name, granted in request order
    const tails = new Map<string, Promise<unknown>>();
    const locks = {
      request<T>(name: string, callback: () => Promise<T>): Promise<T> {
        const run = (tails.get(name) ?? Promise.resolve()).then(callback, callback);
        tails.set(name, run.catch(() => undefined));
        return run;
      },
    };
    requests = [];
    const loads = await Promise.all([0, 1, 2].map(() => loadMnistInBrowser(`${origin}/mnist/`, undefined, { fetch: countingFetch, cache, locks })));
    for (const ds of loads) expectSameDataset(ds, mnistFromIdx(tiny));
    const files = MNIST_FILE_KEYS.map((k) => MNIST_FILE_NAMES[k] + '.gz');
    expect(requests.filter((r) => r !== 'manifest.json').sort()).toEqual([...files].sort());
    // without locks each load downloads its own copy
    requests = [];
    await Promise.all([0, 1].map(() => loadMnistInBrowser(`${origin}/mnist/`, undefined, { fetch: countingFetch, cache: mnistFileCache(fakeCacheStorage().storage), locks: null })));
    expect(requests.filter((r) => r !== 'manifest.json')).toHaveLength(2 * files.length);
  });

  it('downloads a file again when its hash changed or its entry is damaged, replacing the entry', async () => {
    const { mnistFileCache } = await import('./mnist-cache.ts');
    const { entries, storage } = fakeCacheStorage();
    const { cache, settled } = recordWrites(mnistFileCache(storage));
    const manifest = manifestOf(assets);
    const url = `${origin}/mnist/t10k-images-idx3-ubyte.gz`;
    entries.set(`${url}?v=old`, Uint8Array.from([1, 2, 3]));
    entries.set(`${origin}/mnist/train-labels-idx1-ubyte.gz?v=${manifest.files['train-labels-idx1-ubyte.gz'].sha256}`, Uint8Array.from([0x1f, 0x8b, 9, 9, 9]));
    entries.set(`${origin}/mnist/t10k-labels-idx1-ubyte.gz?v=${manifest.files['t10k-labels-idx1-ubyte.gz'].sha256}`, Uint8Array.from([1, 2, 3]));
    requests = [];
    expectSameDataset(await loadMnistInBrowser(`${origin}/mnist/`, undefined, { fetch: countingFetch, cache }), mnistFromIdx(tiny));
    await settled(); // the cache is written in the background
    expect(requests.sort()).toEqual(['manifest.json', ...MNIST_FILE_KEYS.map((k) => MNIST_FILE_NAMES[k] + '.gz')].sort());
    expect([...entries.keys()].filter((k) => k.startsWith(url))).toEqual([`${url}?v=${manifest.files['t10k-images-idx3-ubyte.gz'].sha256}`]);
    for (const f of ['train-labels-idx1-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) {
      expect(entries.get(`${origin}/mnist/${f}?v=${manifest.files[f].sha256}`)).toEqual(new Uint8Array(assets.get(f)!.bytes));
    }
  });

  it('offline (neither the manifest nor the files can be fetched) loads the copies the cache holds', async () => {
    const { mnistFileCache } = await import('./mnist-cache.ts');
    const { storage } = fakeCacheStorage();
    const { cache, settled } = recordWrites(mnistFileCache(storage));
    await loadMnistInBrowser(`${origin}/mnist/`, undefined, { cache });
    await settled(); // the cache is written in the background
    requests = [];
    const offline: typeof fetch = async (input) => { requests.push(String(input).split('/').pop()!); throw new TypeError('Failed to fetch'); };
    expectSameDataset(await loadMnistInBrowser(`${origin}/mnist/`, undefined, { fetch: offline, cache }), mnistFromIdx(tiny));
    expect(requests.sort()).toEqual(['manifest.json', ...MNIST_FILE_KEYS.map((k) => MNIST_FILE_NAMES[k] + '.gz')].sort());
    // and with an empty cache, the same failure is a clear message
    await expect(loadMnistInBrowser(`${origin}/mnist/`, undefined, { fetch: offline, cache: mnistFileCache(fakeCacheStorage().storage) }))
      .rejects.toThrow(/fetch failed \(Failed to fetch\)/);
  });

  it('keeps nothing a server had the browser inflate (Content-Encoding: gzip)', async () => {
    const { mnistFileCache } = await import('./mnist-cache.ts');
    const { entries, storage } = fakeCacheStorage();
    const { cache, settled } = recordWrites(mnistFileCache(storage));
    const labelling = await serve(assets, true);
    expectSameDataset(await loadMnistInBrowser(`${labelling}/mnist/`, undefined, { cache }), mnistFromIdx(tiny));
    await settled(); // the cache is written in the background
    expect(entries.size).toBe(0);
  });

  it('caches nothing without hashes in the manifest, and a failing cache only costs downloads', async () => {
    const { mnistFileCache } = await import('./mnist-cache.ts');
    const withoutHashes = new Map(assets);
    const manifest = manifestOf(assets);
    for (const f of Object.values(manifest.files)) delete f.sha256;
    withoutHashes.set('manifest.json', { ...assets.get('manifest.json')!, bytes: new TextEncoder().encode(JSON.stringify(manifest)) });
    const bare = await serve(withoutHashes);
    const { entries, storage } = fakeCacheStorage();
    const { cache, settled } = recordWrites(mnistFileCache(storage));
    await loadMnistInBrowser(`${bare}/mnist/`, undefined, { cache });
    await settled(); // the cache is written in the background
    expect(entries.size).toBe(0);

    const broken: MnistFileCache = { read: async () => { throw new Error('disk gone'); }, write: async () => { throw new Error('quota'); } };
    const failing = mnistFileCache({ open: async () => { throw new Error('no storage'); } } as unknown as CacheStorage);
    expectSameDataset(await loadMnistInBrowser(`${origin}/mnist/`, undefined, { cache: failing }), mnistFromIdx(tiny));
    expectSameDataset(await loadMnistInBrowser(`${origin}/mnist/`, undefined, { cache: broken }), mnistFromIdx(tiny));
    expect(mnistFileCache(undefined)).toBeNull();
  });
});

describe('the Vite plugin hooks', () => {
  type Hook = (this: unknown, ...args: unknown[]) => unknown;

  it('emits the four .gz files and the manifest into the build', async () => {
    const plugin = mnistPlugin({ dir: srcDir, level: 1 });
    (plugin.configResolved as Hook).call({}, { base: '/', cacheDir: join(tmp, 'vite-cache') });
    const emitted: { fileName: string; source: Uint8Array }[] = [];
    await (plugin.generateBundle as Hook).call({ emitFile: (f: { fileName: string; source: Uint8Array }) => emitted.push(f) }, {}, {});
    expect(emitted.map((f) => f.fileName).sort()).toEqual([
      'mnist/manifest.json',
      'mnist/t10k-images-idx3-ubyte.gz',
      'mnist/t10k-labels-idx1-ubyte.gz',
      'mnist/train-images-idx3-ubyte.gz',
      'mnist/train-labels-idx1-ubyte.gz',
    ]);
    expect(new Uint8Array(gunzipSync(emitted.find((f) => f.fileName === 'mnist/train-images-idx3-ubyte.gz')!.source))).toEqual(tiny.trainImages);
    expect(existsSync(join(tmp, 'vite-cache', 'normscope-mnist'))).toBe(true);
  });

  it('serves under the configured base in dev', async () => {
    const plugin = mnistPlugin({ dir: srcDir, level: 1 });
    (plugin.configResolved as Hook).call({}, { base: '/app/', cacheDir: join(tmp, 'vite-cache') });
    let middleware: ((req: unknown, res: unknown, next: () => void) => void) | undefined;
    const errors: string[] = [];
    (plugin.configureServer as Hook).call({}, { middlewares: { use: (m: typeof middleware) => (middleware = m) }, config: { logger: { error: (m: string) => errors.push(m) } } });
    const server = createServer((req, res) => middleware!(req, res, () => res.writeHead(404).end()));
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await loadMnistInBrowser(`${origin}/app/mnist/`)).testCount).toBe(7);
    expect((await fetch(`${origin}/mnist/manifest.json`)).status).toBe(404);
    expect(errors).toEqual([]);
  });
});

describe('the Vite plugin in preview', () => {
  it('serves the files itself, as application/gzip without Content-Encoding', async () => {
    const plugin = mnistPlugin({ dir: srcDir, level: 1 });
    type Hook = (this: unknown, ...args: unknown[]) => unknown;
    (plugin.configResolved as Hook).call({}, { base: '/', cacheDir: join(tmp, 'vite-cache') });
    let middleware: ((req: unknown, res: unknown, next: () => void) => void) | undefined;
    (plugin.configurePreviewServer as Hook).call({}, { middlewares: { use: (m: typeof middleware) => (middleware = m) } });
    const server = createServer((req, res) => middleware!(req, res, () => res.writeHead(404).end()));
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetch(`${origin}/mnist/train-images-idx3-ubyte.gz`);
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-encoding')]).toEqual([200, 'application/gzip', null]);
    expect((await loadMnistInBrowser(`${origin}/mnist/`, undefined, { cache: null })).trainCount).toBe(30);
  });
});

describe('real MNIST through the plugin and loadMnistInBrowser', () => {
  it('gives exactly what loadMnistFromDir gives', async () => {
    const origin = await serve(await buildMnistAssets(defaultMnistDir(), 1));
    expectSameDataset(await loadMnistInBrowser(`${origin}/mnist/`), loadMnistFromDir());
  });
});
