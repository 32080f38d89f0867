import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// docs/normalize.md's TypeScript samples run as written (the package's `./carriers` entry point
// read from src/), and each `console.log(...)` followed by a `// → text` comment must print that text.
const ROOT = resolve(import.meta.dirname, '../..');
const samples = [...readFileSync(resolve(ROOT, 'docs/normalize.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map(
  (match) => match[1] ?? '',
);
const scratch = resolve(ROOT, 'test/.snippets');

function expectedLines(code: string): string[] {
  return [...code.matchAll(/console\.log\([^\n]*\);?\n\s*\/\/ → (.+)/g)].map((match) => (match[1] ?? '').trim());
}

describe('docs/normalize.md samples', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exist', () => expect(samples.length).toBeGreaterThanOrEqual(2));

  it.each(samples.map((code, index) => [index, code] as const))(
    'sample %i prints what it says',
    async (index, code) => {
      mkdirSync(scratch, { recursive: true });
      const file = resolve(scratch, `normalize-doc-${index}.ts`);
      writeFileSync(
        file,
        code.replaceAll("from 'call-lifecycle/carriers'", `from '${resolve(ROOT, 'src/carriers/index.js')}'`),
      );
      const printed: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
      await import(file);
      expect(printed).toEqual(expectedLines(code));
    },
  );
});
