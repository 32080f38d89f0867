import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './support/cli.js';

// The README's TypeScript samples run in test/docs/samples.test.ts; here, its console output.
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
