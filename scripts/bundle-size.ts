// What the first page costs to download: the JavaScript that index.html loads before anything is
// asked for (its entry chunk and every chunk that one imports statically), gzipped as a server would
// send it. Chunks reached only through import() (the lazily loaded views) and the Web Worker chunks
// are counted apart. Reads dist/.vite/manifest.json (vite.config.ts sets build.manifest).
//
//   npx vite build && npx tsx scripts/bundle-size.ts [distDir]     prints the table; exit 1 over budget
//
// e2e/bundle-size.e2e.ts runs the same check after the build of the browser tests.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Issue 6: the first page's JavaScript is at most 250 KB (250,000 bytes) gzipped. */
export const FIRST_PAGE_BUDGET = 250_000;

/** The part of Vite's build manifest this reads: chunk key -> output file and its imports. */
export type ViteManifest = Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }>;

export interface SizedFile {
  /** Path under dist/, e.g. `assets/index-abc123.js`. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleSizes {
  /** index.html's JavaScript: the entry and its static imports, in load order. */
  firstPage: SizedFile[];
  /** Chunks loaded later by import(): the lazily loaded views. */
  lazy: SizedFile[];
  /** Every other JavaScript file of dist/assets: the Web Worker chunks. */
  workers: SizedFile[];
  /** CSS that index.html loads (not counted in the JavaScript budget). */
  firstPageCss: SizedFile[];
}

/**
 * The output files of the manifest's HTML entry (`index.html`) and, transitively, of its static
 * `imports`: what the browser fetches before the page runs. Throws when the manifest has no such entry.
 */
export function firstPageChunks(manifest: ViteManifest, entry = 'index.html'): { js: string[]; css: string[] } {
  if (!manifest[entry]) throw new Error(`the build manifest has no entry "${entry}" (entries: ${Object.keys(manifest).filter((k) => manifest[k].isEntry).join(', ') || 'none'})`);
  const js: string[] = [];
  const css = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest names chunk "${key}" in an import list but has no entry for it`);
    if (chunk.file.endsWith('.js')) js.push(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return { js, css: [...css] };
}

/** Output files reachable only through dynamic import() from the first page's chunks (or from each other). */
export function lazyChunks(manifest: ViteManifest, entry = 'index.html'): string[] {
  const eager = new Set(firstPageChunks(manifest, entry).js);
  const lazy: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string, viaImport: boolean): void => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    if (viaImport && chunk.file.endsWith('.js') && !eager.has(chunk.file)) lazy.push(chunk.file);
    for (const k of chunk.imports ?? []) visit(k, viaImport);
    for (const k of chunk.dynamicImports ?? []) visit(k, true);
  };
  visit(entry, false);
  return lazy;
}

function sized(distDir: string, file: string): SizedFile {
  const bytes = readFileSync(join(distDir, file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length }; // zlib's default level 6, a server's usual
}

/** Measures a `vite build` output folder. Throws with a clear message when there is no build or manifest. */
export function measureBundle(distDir: string): BundleSizes {
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`npx vite build\` first (vite.config.ts sets build.manifest)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest;
  const first = firstPageChunks(manifest);
  const lazy = lazyChunks(manifest);
  const known = new Set([...first.js, ...lazy]);
  const assets = existsSync(join(distDir, 'assets')) ? readdirSync(join(distDir, 'assets')) : [];
  const workers = assets.map((f) => `assets/${f}`).filter((f) => f.endsWith('.js') && !known.has(f)).sort();
  return {
    firstPage: first.js.map((f) => sized(distDir, f)),
    lazy: lazy.map((f) => sized(distDir, f)),
    workers: workers.map((f) => sized(distDir, f)),
    firstPageCss: first.css.map((f) => sized(distDir, f)),
  };
}

export const totalGzip = (files: readonly SizedFile[]): number => files.reduce((s, f) => s + f.gzipBytes, 0);
const totalRaw = (files: readonly SizedFile[]): number => files.reduce((s, f) => s + f.bytes, 0);
const kB = (n: number): string => `${(n / 1000).toFixed(1)} kB`;

/** A readable table of the sizes and the verdict against FIRST_PAGE_BUDGET. */
export function formatBundleSizes(s: BundleSizes): string {
  const lines: string[] = [];
  const group = (title: string, files: readonly SizedFile[]): void => {
    lines.push(`${title}: ${kB(totalGzip(files))} gzipped (${kB(totalRaw(files))} raw) in ${files.length} file(s)`);
    for (const f of files) lines.push(`  ${f.file.padEnd(44)} ${kB(f.gzipBytes).padStart(10)} gzipped ${kB(f.bytes).padStart(10)} raw`);
  };
  group('first page JavaScript', s.firstPage);
  group('first page CSS', s.firstPageCss);
  group('lazily loaded views', s.lazy);
  group('Web Worker chunks', s.workers);
  const first = totalGzip(s.firstPage);
  lines.push(`budget: first page JavaScript ${kB(first)} of ${kB(FIRST_PAGE_BUDGET)} gzipped: ${first <= FIRST_PAGE_BUDGET ? 'within' : 'OVER'}`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const distDir = process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'dist');
  try {
    const sizes = measureBundle(distDir);
    console.log(`${relative(process.cwd(), distDir) || '.'}:`);
    console.log(formatBundleSizes(sizes));
    process.exitCode = totalGzip(sizes.firstPage) <= FIRST_PAGE_BUDGET ? 0 : 1;
  } catch (e) {
    process.stderr.write(`bundle-size: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
