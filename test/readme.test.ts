import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/cli.js';

// The README's TypeScript snippets run as written (importing the package from src/), and each
// `console.log(...)` followed by a `// → text` comment must print that text.
const ROOT = resolve(import.meta.dirname, '..');
const snippets = [...readFileSync(resolve(ROOT, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map(
  (m) => m[1] ?? '',
);
const scratch = resolve(ROOT, 'test/.snippets');

function expectedLines(code: string): string[] {
  return [...code.matchAll(/console\.log\([^\n]*\);?\n\s*\/\/ → (.+)/g)].map((m) => (m[1] ?? '').trim());
}

describe('README snippets', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exist', () => expect(snippets.length).toBeGreaterThanOrEqual(2));

  it.each(snippets.map((code, index) => [index, code] as const))(
    'snippet %i runs and prints what it says',
    async (index, code) => {
      mkdirSync(scratch, { recursive: true });
      const file = resolve(scratch, `snippet-${index}.ts`);
      writeFileSync(file, code.replaceAll("from 'call-lifecycle'", `from '${resolve(ROOT, 'src/index.js')}'`));
      const printed: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
      vi.spyOn(console, 'error').mockImplementation(
        (...args: unknown[]) => void printed.push(`error: ${args.join(' ')}`),
      );
      await import(file);
      expect(printed).toEqual(expectedLines(code));
    },
  );
});

describe('README sample output', () => {
  it('is what npx call-lifecycle simulate prints', async () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    const shown = /```console\n\$ npx call-lifecycle simulate\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const { code, stdout } = await runCli(['simulate']);
    expect(code).toBe(0);
    expect(stdout).toBe(shown);
  });
});
