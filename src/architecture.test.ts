// The architecture, checked. Rooms and the one way their dependencies point:
//   engine <- data <- session <- telemetry <- runtime <- workers      (the training side)
//   state <- ui; charts read telemetry types and state                 (the page side)
// The ui and the charts import values only from the state (state/ui-inputs.ts, chart-inputs.ts list
// what they read of the rooms below), i18n and each other; types from the rooms below.
// The engine imports nothing of ours and no package; comlink lives only in runtime and workers;
// scripts reach the rooms through their public entry points (src/<room>/index.ts); and no module
// imports itself round a cycle. Tests and test support (*.test.ts, *.test-support.ts) may reach
// across rooms; the code they test may not. Each rule is also run on planted violations below, so
// a rule that could never fail would be noticed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(SRC, '..');

/** One import of a module: what it names, whether only types, and where it lands in the project. */
export interface Import {
  spec: string;
  typeOnly: boolean;
}

export interface SourceFile {
  /** Repo-relative path with forward slashes, e.g. src/charts/loss-chart.tsx. */
  path: string;
  imports: Import[];
}

interface RoomRule {
  /** Rooms whose values (and types) it may import. */
  values: readonly string[];
  /** Rooms it may import types from, beyond `values`. */
  types: readonly string[];
  packages: readonly RegExp[];
}

const REACT = /^react(-dom)?(\/|$)/;
const D3 = /^d3-[a-z]+$/;

/** The rooms of src/ and the top-level workers/, and what each may import. */
export const RULES: Record<string, RoomRule> = {
  engine: { values: ['engine'], types: [], packages: [] },
  data: { values: ['engine', 'data'], types: [], packages: [/^node:/] },
  session: { values: ['engine', 'data', 'session'], types: [], packages: [] },
  telemetry: { values: ['engine', 'data', 'session', 'telemetry'], types: [], packages: [] },
  runtime: { values: ['engine', 'data', 'session', 'telemetry', 'runtime'], types: [], packages: [/^comlink$/] },
  workers: { values: ['engine', 'data', 'session', 'telemetry', 'runtime', 'workers'], types: [], packages: [/^comlink$/] },
  i18n: { values: ['session', 'i18n'], types: ['engine', 'telemetry'], packages: [/^react$/] },
  state: { values: ['engine', 'data', 'session', 'telemetry', 'runtime', 'workers', 'i18n', 'state'], types: [], packages: [/^zustand(\/|$)/, /^react$/] },
  charts: { values: ['state', 'i18n', 'charts'], types: ['telemetry', 'session', 'runtime'], packages: [REACT, D3] },
  ui: { values: ['state', 'i18n', 'charts', 'ui'], types: ['engine', 'data', 'session', 'telemetry', 'runtime', 'workers'], packages: [REACT, D3] },
  testing: { values: ['engine', 'testing'], types: [], packages: [/^fast-check$/, /^@fast-check\//, /^vitest$/] },
};

/** The rooms whose public entry point (src/<room>/index.ts) scripts import. */
export const PUBLIC_ROOMS = ['engine', 'data', 'session', 'telemetry', 'runtime', 'testing'] as const;
/** Entry points beside index.ts: data's Node-only loading (node:fs), kept out of the browser-safe index. */
const NODE_ENTRY_POINTS = ['src/data/mnist-node'];

/** Every module specifier a file names, and whether the import brings only types. */
export function importsOf(text: string): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)(\s+type)?\s([^'"]*?)from\s*['"]([^'"]+)['"]/g)) {
    // `import { type A, type B } from` brings only types too.
    const names = m[3].match(/\{([^}]*)\}/);
    const allTypeNames = !!names && names[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '));
    out.push({ spec: m[4], typeOnly: !!m[2] || (allTypeNames && !/^\s*[\w$]+\s*,/.test(m[3])) });
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push({ spec: m[1], typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1], typeOnly: false });
  for (const m of text.matchAll(/new Worker\(\s*new URL\(\s*['"](\.[^'"]+\.ts)['"]\s*,\s*import\.meta\.url/g)) out.push({ spec: m[1], typeOnly: false });
  return out;
}

/** The repo-relative module a relative specifier lands on (no extension resolution). */
export function target(path: string, spec: string): string {
  return relative(ROOT, resolve(ROOT, dirname(path), spec.replace(/\?.*$/, ''))).split('\\').join('/');
}

/** The room of a repo-relative path: a folder under src/, or a top-level folder (workers, scripts). */
export function roomOf(path: string): string {
  const [top, second] = path.split('/');
  return top === 'src' ? (second.includes('.') ? 'src' : second) : top;
}

const isTestCode = (path: string) => /\.test(-support)?\.tsx?$/.test(path);

/** Imports against RULES: a room importing a room (or a package) it may not. */
export function roomViolations(files: readonly SourceFile[]): string[] {
  const wrong: string[] = [];
  for (const f of files) {
    const room = roomOf(f.path);
    const rule = RULES[room];
    if (!rule || isTestCode(f.path)) continue;
    for (const imp of f.imports) {
      if (imp.spec.startsWith('.')) {
        const to = roomOf(target(f.path, imp.spec));
        const ok = rule.values.includes(to) || (imp.typeOnly && rule.types.includes(to));
        if (!ok) wrong.push(`${f.path} imports ${imp.typeOnly ? 'types from ' : ''}${imp.spec} (${to})`);
      } else if (!rule.packages.some((p) => p.test(imp.spec))) {
        wrong.push(`${f.path} imports the package ${imp.spec}`);
      }
    }
  }
  return wrong;
}

/** Scripts reach src/ only through src/<room>/index.ts of the public rooms. */
export function scriptViolations(files: readonly SourceFile[]): string[] {
  const wrong: string[] = [];
  for (const f of files) {
    if (roomOf(f.path) !== 'scripts' || isTestCode(f.path)) continue;
    for (const imp of f.imports) {
      if (!imp.spec.startsWith('.')) continue;
      const to = target(f.path, imp.spec).replace(/\.ts$/, '');
      if (!to.startsWith('src/') || NODE_ENTRY_POINTS.includes(to)) continue;
      const m = to.match(/^src\/([^/]+)(\/index(\.ts)?)?$/);
      if (!m || !(PUBLIC_ROOMS as readonly string[]).includes(m[1])) wrong.push(`${f.path} imports ${imp.spec} (not a public entry point)`);
    }
  }
  return wrong;
}

/** Cycles among the value imports of non-test modules, each as a path a -> b -> ... -> a. */
export function importCycles(files: readonly SourceFile[], resolveModule: (from: string, spec: string) => string | null): string[] {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    if (isTestCode(f.path)) continue;
    graph.set(f.path, f.imports.filter((i) => !i.typeOnly && i.spec.startsWith('.')).map((i) => resolveModule(f.path, i.spec)).filter((p): p is string => p !== null));
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

/** comlink only in runtime and workers (scripts may use it to reach them from Node threads). */
export function comlinkViolations(files: readonly SourceFile[]): string[] {
  return files.filter((f) => !isTestCode(f.path) && !['runtime', 'workers', 'scripts'].includes(roomOf(f.path)) && f.imports.some((i) => i.spec === 'comlink'))
    .map((f) => `${f.path} imports comlink`);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'wasm' || e.name === 'node_modules' ? [] : listFiles(path); // wasm/: AssemblyScript, built apart
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

function readProject(): SourceFile[] {
  return [join(ROOT, 'src'), join(ROOT, 'workers'), join(ROOT, 'scripts')].flatMap(listFiles)
    .map((abs) => ({ path: relative(ROOT, abs).split('\\').join('/'), imports: importsOf(readFileSync(abs, 'utf8')) }));
}

function resolveOnDisk(known: Set<string>): (from: string, spec: string) => string | null {
  return (from, spec) => {
    const base = target(from, spec);
    for (const p of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (known.has(p)) return p;
    return null;
  };
}

describe('architecture', () => {
  const files = readProject();

  it('reads every room, workers/ and scripts/', () => {
    const rooms = new Set(files.map((f) => roomOf(f.path)));
    for (const room of ['engine', 'data', 'session', 'telemetry', 'runtime', 'workers', 'state', 'charts', 'ui', 'scripts']) expect(rooms.has(room), room).toBe(true);
    expect([...rooms].filter((r) => !(r in RULES) && r !== 'scripts' && r !== 'src'), 'a room without a rule').toEqual([]);
  });

  it('each room imports only the rooms and packages its rule allows', () => {
    expect(roomViolations(files)).toEqual([]);
  });

  it('comlink lives only in runtime and workers', () => {
    expect(comlinkViolations(files)).toEqual([]);
  });

  it('scripts use the public entry points of the rooms', () => {
    expect(scriptViolations(files)).toEqual([]);
  });

  it('no import cycles', () => {
    expect(importCycles(files, resolveOnDisk(new Set(files.map((f) => f.path))))).toEqual([]);
  });

  it('the engine draws no random number of its own and touches no DOM: a seeded Rng is passed in', () => {
    const wrong = files.filter((f) => roomOf(f.path) === 'engine' && !isTestCode(f.path))
      .filter((f) => /Math\.random|\b(document|window|navigator)\./.test(readFileSync(join(ROOT, f.path), 'utf8')));
    expect(wrong.map((f) => f.path)).toEqual([]);
  });
});

describe('the checker fails on planted violations', () => {
  const file = (path: string, ...specs: (string | Import)[]): SourceFile => ({
    path, imports: specs.map((s) => (typeof s === 'string' ? { spec: s, typeOnly: false } : s)),
  });
  const types = (spec: string): Import => ({ spec, typeOnly: true });

  it('finds imports of every kind, and which bring only types', () => {
    expect(importsOf("import { a } from './a';\nimport type { B } from \"../b\";\nexport { c } from './c';\nimport './d.css';\nconst e = () => import('./e');\nimport { type F, type G } from './f';\nimport H, { type I } from './h';\nnew Worker(new URL('../w/x.ts', import.meta.url));\nconst file = new URL('../data.ts', import.meta.url);"))
      .toEqual([
        { spec: './a', typeOnly: false }, { spec: '../b', typeOnly: true }, { spec: './c', typeOnly: false },
        { spec: './f', typeOnly: true }, { spec: './h', typeOnly: false }, { spec: './d.css', typeOnly: false },
        { spec: './e', typeOnly: false }, { spec: '../w/x.ts', typeOnly: false },
      ]);
    expect(roomOf(target('src/ui/x.ts', '../../workers/w.ts?worker&url'))).toBe('workers');
    expect(roomOf('src/main.tsx')).toBe('src');
  });

  it('engine <- data <- session <- telemetry <- runtime <- workers, one way', () => {
    expect(roomViolations([file('src/engine/mlp.ts', '../data/dataset')])).toHaveLength(1);
    expect(roomViolations([file('src/data/batches.ts', '../session/settings')])).toHaveLength(1);
    expect(roomViolations([file('src/session/session.ts', '../telemetry/frame')])).toHaveLength(1);
    expect(roomViolations([file('src/session/session.ts', types('../telemetry/frame'))])).toHaveLength(1);
    expect(roomViolations([file('src/telemetry/frame.ts', '../runtime/coordinator')])).toHaveLength(1);
    expect(roomViolations([file('src/runtime/coordinator.ts', '../../workers/run-group.worker')])).toHaveLength(1);
    expect(roomViolations([file('src/runtime/coordinator.ts', '../state/store')])).toHaveLength(1);
    expect(roomViolations([file('workers/x.worker.ts', '../src/state/store')])).toHaveLength(1);
    expect(roomViolations([file('src/telemetry/frame.ts', '../session/session', '../engine/mlp')])).toEqual([]);
  });

  it('the engine imports no package; comlink only in runtime and workers', () => {
    expect(roomViolations([file('src/engine/mlp.ts', 'd3-array')])).toHaveLength(1);
    expect(roomViolations([file('src/session/session.ts', 'comlink')])).toHaveLength(1);
    expect(comlinkViolations([file('src/state/store.ts', 'comlink')])).toHaveLength(1);
    expect(comlinkViolations([file('src/runtime/coordinator.ts', 'comlink'), file('workers/a.worker.ts', 'comlink')])).toEqual([]);
  });

  it('state <- ui: the state never imports the ui', () => {
    expect(roomViolations([file('src/state/store.ts', '../ui/Controls')])).toHaveLength(1);
    expect(roomViolations([file('src/state/store.ts', '../charts/canvas')])).toHaveLength(1);
    expect(roomViolations([file('src/ui/App.tsx', '../state/store')])).toEqual([]);
  });

  it('the ui reads values through the state: no session, runtime, data, workers, telemetry or engine values', () => {
    expect(roomViolations([file('src/ui/Controls.tsx', '../session/settings')])).toHaveLength(1);
    expect(roomViolations([file('src/ui/SweepPanel.tsx', '../runtime/sweep/eta')])).toHaveLength(1);
    expect(roomViolations([file('src/ui/SweepPanel.tsx', '../data/dataset-bytes')])).toHaveLength(1);
    expect(roomViolations([file('src/ui/preload-views.ts', '../../workers/sweep.worker.ts?worker&url')])).toHaveLength(1);
    expect(roomViolations([file('src/ui/Session.tsx', '../telemetry/frame')])).toHaveLength(1);
    expect(roomViolations([file('src/ui/Views.tsx', '../engine/mlp')])).toHaveLength(1);
    expect(roomViolations([file('src/ui/Controls.tsx', '../state/ui-inputs', '../charts/palette', '../i18n', types('../session/settings'), types('../runtime/sweep/pool'))])).toEqual([]);
  });

  it('charts read telemetry types and the state, never session values or the engine', () => {
    expect(roomViolations([file('src/charts/loss-chart.tsx', '../session/settings')])).toHaveLength(1);
    expect(roomViolations([file('src/charts/loss-chart.tsx', '../telemetry/frame')])).toHaveLength(1);
    expect(roomViolations([file('src/charts/loss-chart.tsx', types('../engine/types'))])).toHaveLength(1);
    expect(roomViolations([file('src/charts/loss-chart.tsx', '../engine/mlp')])).toHaveLength(1);
    expect(roomViolations([file('src/charts/loss-chart.tsx', types('../telemetry/frame'), '../state/store')])).toEqual([]);
  });

  it('scripts reach src only through the public entry points', () => {
    expect(scriptViolations([file('scripts/train.ts', '../src/session/settings')])).toHaveLength(1);
    expect(scriptViolations([file('scripts/train.ts', '../src/state/index')])).toHaveLength(1);
    expect(scriptViolations([file('scripts/train/args.ts', '../../src/session/index', '../../src/runtime')])).toEqual([]);
  });

  it('finds an import cycle, and none where there is none', () => {
    const files = [file('src/runtime/a.ts', './b'), file('src/runtime/b.ts', './c'), file('src/runtime/c.ts', './a')];
    const resolveIn = resolveOnDisk(new Set(files.map((f) => f.path)));
    expect(importCycles(files, resolveIn)).toEqual(['src/runtime/a.ts -> src/runtime/b.ts -> src/runtime/c.ts -> src/runtime/a.ts']);
    files[2] = file('src/runtime/c.ts', types('./a'));
    expect(importCycles(files, resolveIn)).toEqual([]);
  });
});
