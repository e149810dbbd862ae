// The architecture, checked: dependencies point one way (ui -> state/charts -> session -> engine/data,
// with the workers' entry points beside the session), the engine is pure TypeScript with no package
// at all, and each layer uses only the packages that belong to it. Tests may reach across layers;
// the code they test may not.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(SRC, '..');

type Layer = 'engine' | 'data' | 'session' | 'state' | 'charts' | 'ui';

/** What each layer's code may import: other parts of the project, and packages (by name or prefix). */
const ALLOWED: Record<Layer, { parts: readonly string[]; packages: readonly RegExp[] }> = {
  engine: { parts: ['engine'], packages: [] },
  data: { parts: ['engine', 'data'], packages: [/^node:/] },
  session: { parts: ['engine', 'data', 'session'], packages: [/^comlink$/] },
  state: { parts: ['engine', 'data', 'session', 'state', 'workers'], packages: [/^comlink$/, /^zustand(\/|$)/, /^react$/] },
  charts: { parts: ['engine', 'data', 'session', 'state', 'charts'], packages: [/^react(-dom)?(\/|$)/, /^d3-[a-z]+$/] },
  ui: { parts: ['engine', 'data', 'session', 'state', 'charts', 'ui', 'workers'], packages: [/^react(-dom)?(\/|$)/, /^comlink$/, /^d3-[a-z]+$/] },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'wasm' ? [] : sourceFiles(path); // wasm/: AssemblyScript, built apart
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Every module specifier a file names: import/export ... from, side-effect imports, import(). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

/** The project part a relative specifier lands in: a folder under src/, or a top-level folder. */
function partOf(file: string, spec: string): string {
  const target = relative(ROOT, resolve(dirname(file), spec.replace(/\?.*$/, '')));
  const [top, second] = target.split(/[\\/]/);
  return top === 'src' ? second : top;
}

describe('architecture', () => {
  const layers = Object.keys(ALLOWED) as Layer[];

  for (const layer of layers) {
    it(`${layer} imports only ${ALLOWED[layer].parts.join(', ')}${ALLOWED[layer].packages.length ? ' and its packages' : ', and no package'}`, () => {
      const files = sourceFiles(join(SRC, layer));
      expect(files.length).toBeGreaterThan(0);
      const wrong: string[] = [];
      for (const file of files) {
        for (const spec of specifiers(readFileSync(file, 'utf8'))) {
          const name = relative(ROOT, file);
          if (spec.startsWith('.')) {
            const part = partOf(file, spec);
            if (!ALLOWED[layer].parts.includes(part)) wrong.push(`${name} imports ${spec} (${part})`);
          } else if (!ALLOWED[layer].packages.some((p) => p.test(spec))) {
            wrong.push(`${name} imports the package ${spec}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('the engine draws no random number of its own and touches no DOM: a seeded Rng is passed in', () => {
    const wrong = sourceFiles(join(SRC, 'engine')).filter((f) => /Math\.random|\b(document|window|navigator)\./.test(readFileSync(f, 'utf8')));
    expect(wrong.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('finds imports of every kind (the checks above would pass on files they cannot read)', () => {
    expect(specifiers("import { a } from './a';\nimport type { B } from \"../b\";\nexport { c } from './c';\nimport './d.css';\nconst e = () => import('./e');"))
      .toEqual(['./a', '../b', './c', './d.css', './e']);
    expect(partOf(join(SRC, 'ui', 'x.ts'), '../../workers/w.ts?worker&url')).toBe('workers');
    expect(partOf(join(SRC, 'ui', 'x.ts'), '../charts/c')).toBe('charts');
  });
});
