import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers of docs/architecture.md, enforced on the import graph of machines/ and src/: a plain
// walk of the import statements, so a wrong-way import fails here with the line that adds it.

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Bottom to top. A module may import its own capability and any capability of a lower layer, never
 * one of its own layer or above. A new folder under src/ must be placed here (and in
 * docs/architecture.md) before it can import anything.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['machines'],
  ['taxonomy', 'call', 'input', 'text', 'collections'],
  ['carriers', 'diagram'],
  ['scenario', 'simulator', 'report', 'sip'],
  // Live calls are replay in real time: they check events as scenarios do.
  ['live'],
  ['serve'],
  ['docs'],
  ['cli'],
];

/** Capabilities that run only on Node (files, processes, sockets): no browser-safe barrel. */
const NODE_ONLY = new Set(['cli', 'docs', 'serve']);

/** `src/index.ts`, the package's main entry, may re-export any browser-safe capability. */
const MAIN_ENTRY = 'src/index.ts';

const IMPORT = /(?:^|\n)\s*(?:import|export)(?:[^'"]*?\sfrom)?\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Module {
  /** Repository-relative paths of the modules it imports by relative path. */
  readonly local: string[];
  /** Package and `node:` specifiers it imports. */
  readonly bare: string[];
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(directory, name));
}

function readModule(file: string): Module {
  const module: Module = { local: [], bare: [] };
  for (const match of readFileSync(join(ROOT, file), 'utf8').matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? '';
    if (specifier.startsWith('.')) {
      module.local.push(relative(ROOT, resolve(ROOT, dirname(file), specifier.replace(/\.js$/, '.ts'))));
    } else {
      module.bare.push(specifier);
    }
  }
  return module;
}

const GRAPH = new Map([...sourceFiles('machines'), ...sourceFiles('src')].map((file) => [file, readModule(file)]));

/** `machines`, or the capability folder under src/ (`carriers` for src/carriers/sip.ts). */
function capabilityOf(file: string): string {
  const [top, folder] = file.split('/');
  return top === 'src' && file !== MAIN_ENTRY ? (folder ?? '') : (top ?? '');
}

function layerOf(capability: string): number {
  return LAYERS.findIndex((layer) => layer.includes(capability));
}

function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...(GRAPH.get(file)?.local ?? []));
  }
  return [...seen];
}

const isNodeOnly = (name: string) =>
  name.startsWith('node:') || ['fs', 'path', 'os', 'url', 'worker_threads', 'child_process'].includes(name);

const edges = [...GRAPH].flatMap(([from, module]) => module.local.map((to) => ({ from, to })));

describe('the layers', () => {
  it('the walk sees the whole tree', () => {
    expect(GRAPH.size).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(300);
    // Every relative import resolves to a file the walk read (a missed import syntax would show here).
    expect(edges.filter(({ to }) => !GRAPH.has(to) && !to.startsWith('dist/'))).toEqual([]);
  });

  it('every folder under src/ is placed in a layer', () => {
    const capabilities = new Set([...GRAPH.keys()].filter((file) => file !== MAIN_ENTRY).map(capabilityOf));
    expect([...capabilities].filter((capability) => layerOf(capability) === -1)).toEqual([]);
  });

  it('docs/architecture.md shows the same layers, in the same order', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((row) =>
      [...(row[2] ?? '').matchAll(/`(?:src\/)?(\w+)\/?`/g)].map((name) => name[1]),
    );
    expect(rows).toEqual(LAYERS);
  });

  it('machines/ is self-contained: it imports nothing from src/', () => {
    const outside = edges.filter(({ from, to }) => from.startsWith('machines/') && !to.startsWith('machines/'));
    expect(outside.map(({ from, to }) => `${from} imports ${to}`)).toEqual([]);
  });

  it('nothing outside src/cli imports src/cli', () => {
    const intoCli = edges.filter(({ from, to }) => to.startsWith('src/cli/') && !from.startsWith('src/cli/'));
    expect(intoCli.map(({ from, to }) => `${from} imports ${to}`)).toEqual([]);
  });

  it('every import between capabilities points down a layer', () => {
    const wrongWay = edges.filter(({ from, to }) => {
      if (from === MAIN_ENTRY) return false;
      const [source, target] = [capabilityOf(from), capabilityOf(to)];
      return source !== target && layerOf(target) >= layerOf(source);
    });
    expect(wrongWay.map(({ from, to }) => `${from} imports ${to}`)).toEqual([]);
  });
});

describe('the browser-safe core', () => {
  const barrels = [
    MAIN_ENTRY,
    ...[...GRAPH.keys()].filter((file) => /^src\/[^/]+\/index\.ts$/.test(file) && !NODE_ONLY.has(capabilityOf(file))),
  ];

  it.each(barrels)('%s reaches no node: module and no Node-only package', (barrel) => {
    const modules = reachable(barrel);
    expect(modules.length).toBeGreaterThan(1);
    const offenders = modules.flatMap((file) =>
      (GRAPH.get(file)?.bare ?? []).filter(isNodeOnly).map((name) => `${file} imports ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it('Node-only code lives in a node/ folder or a Node-only capability', () => {
    const misplaced = [...GRAPH]
      .filter(([, module]) => module.bare.some(isNodeOnly))
      .map(([file]) => file)
      .filter((file) => !file.split('/').includes('node') && !NODE_ONLY.has(capabilityOf(file)));
    expect(misplaced).toEqual([]);
  });
});
