import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIRST_PAGE_BUDGET, firstPageChunks, formatBundleSizes, lazyChunks, measureBundle, totalGzip, type ViteManifest } from './bundle-size';

// index.html -> index.js, which imports shared.js statically and views.js lazily; views.js imports
// shared.js (already eager) and chart.js (lazy only); a cycle between shared and util must not loop.
const manifest: ViteManifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_shared.js'], dynamicImports: ['src/views.tsx'], css: ['assets/index.css'] },
  '_shared.js': { file: 'assets/shared.js', imports: ['_util.js'] },
  '_util.js': { file: 'assets/util.js', imports: ['_shared.js'] },
  'src/views.tsx': { file: 'assets/views.js', imports: ['_shared.js', '_chart.js'] },
  '_chart.js': { file: 'assets/chart.js' },
};

const tmp = mkdtempSync(join(tmpdir(), 'normscope-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('firstPageChunks and lazyChunks', () => {
  it('follow static imports from index.html, and count import() targets apart', () => {
    expect(firstPageChunks(manifest)).toEqual({ js: ['assets/index.js', 'assets/shared.js', 'assets/util.js'], css: ['assets/index.css'] });
    expect(lazyChunks(manifest)).toEqual(['assets/views.js', 'assets/chart.js']);
  });

  it('say what is wrong with a manifest without the entry or with a dangling import', () => {
    expect(() => firstPageChunks({ 'main.ts': { file: 'a.js', isEntry: true } })).toThrow('the build manifest has no entry "index.html" (entries: main.ts)');
    expect(() => firstPageChunks({ 'index.html': { file: 'a.js', imports: ['_gone.js'] } })).toThrow('names chunk "_gone.js"');
  });
});

describe('measureBundle', () => {
  it('gzips each file and puts the workers (files no chunk list names) in their own group', () => {
    const dist = join(tmp, 'dist');
    mkdirSync(join(dist, '.vite'), { recursive: true });
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
    for (const f of ['index', 'shared', 'util', 'views', 'chart', 'trainer.worker-x']) writeFileSync(join(dist, 'assets', `${f}.js`), `export const ${f.replace(/\W/g, '_')} = "${'a'.repeat(5000)}";\n`);
    writeFileSync(join(dist, 'assets', 'index.css'), 'body { margin: 0 }\n');
    const s = measureBundle(dist);
    expect(s.firstPage.map((f) => f.file)).toEqual(['assets/index.js', 'assets/shared.js', 'assets/util.js']);
    expect(s.lazy.map((f) => f.file)).toEqual(['assets/views.js', 'assets/chart.js']);
    expect(s.workers.map((f) => f.file)).toEqual(['assets/trainer.worker-x.js']);
    expect(s.firstPage[0].bytes).toBeGreaterThan(5000);
    expect(s.firstPage[0].gzipBytes).toBeLessThan(200); // 5,000 repeated letters compress to almost nothing
    expect(totalGzip(s.firstPage)).toBe(s.firstPage.reduce((a, f) => a + f.gzipBytes, 0));
    expect(formatBundleSizes(s)).toMatch(new RegExp(`budget: first page JavaScript [\\d.]+ kB of ${FIRST_PAGE_BUDGET / 1000}.0 kB gzipped: within`));
  });

  it('names the missing manifest', () => {
    expect(() => measureBundle(join(tmp, 'nothing'))).toThrow(/manifest\.json is missing: run `npx vite build` first/);
  });
});
