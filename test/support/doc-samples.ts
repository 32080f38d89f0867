import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { ROOT } from './cli.js';

// The TypeScript samples of the README and docs/ run as written. Their imports name the package's
// entry points (`call-lifecycle`, `call-lifecycle/carriers`, …); each is read from src/ through
// package.json's own `exports`, so a sample importing from an entry point that does not exist, or
// a name that entry does not export, fails here as it would for a user.

const scratch = resolve(ROOT, 'test/.snippets');

/** The ```ts blocks of a Markdown file under the repository root. */
export function tsSamples(file: string): string[] {
  return [...readFileSync(resolve(ROOT, file), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

/** What each `console.log(...)` followed by a `// → text` comment says it prints, in order. */
export function expectedLines(code: string): string[] {
  return [...code.matchAll(/console\.log\([^\n]*\);?\n\s*\/\/ → (.+)/g)].map((m) => (m[1] ?? '').trim());
}

interface ExportTarget {
  readonly default: string;
}

const exportsMap = (
  JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, ExportTarget | string>;
  }
).exports;

/** `call-lifecycle/carriers` → the absolute path of `src/carriers/index.js` (vitest maps it to .ts). */
function sourceOf(specifier: string): string {
  const subpath = specifier === 'call-lifecycle' ? '.' : `.${specifier.slice('call-lifecycle'.length)}`;
  const target = exportsMap[subpath];
  if (target === undefined || typeof target === 'string') throw new Error(`no entry point ${specifier}`);
  return resolve(ROOT, target.default.replace(/^\.\/dist\//, ''));
}

/** Writes the sample with its package imports pointed at src/, imports it, and returns what it logged. */
export async function runSample(name: string, code: string): Promise<string[]> {
  mkdirSync(scratch, { recursive: true });
  const file = resolve(scratch, `${name}.ts`);
  writeFileSync(
    file,
    code.replace(/from '(call-lifecycle(?:\/[\w-]+)?)'/g, (_, spec: string) => `from '${sourceOf(spec)}'`),
  );
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...args: unknown[]) => void printed.push(`error: ${args.join(' ')}`));
  try {
    await import(file);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return printed;
}
