import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module the entry point reaches through relative imports, with its bare imports. */
function reachableModules(entry: string): Map<string, string[]> {
  const modules = new Map<string, string[]>();
  const pending = [resolve(ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (modules.has(file)) continue;
    const bare: string[] = [];
    modules.set(file, bare);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else bare.push(specifier);
    }
  }
  return modules;
}

describe('the browser-safe core', () => {
  it('src/index.ts reaches no node: module and no Node-only package', () => {
    const modules = reachableModules('src/index.ts');
    expect(modules.size).toBeGreaterThan(10);
    const offenders = [...modules].flatMap(([file, bare]) =>
      bare
        .filter((name) => name.startsWith('node:') || ['fs', 'path', 'worker_threads', 'child_process'].includes(name))
        .map((name) => `${file.slice(ROOT.length + 1)} imports ${name}`),
    );
    expect(offenders).toEqual([]);
  });
});
