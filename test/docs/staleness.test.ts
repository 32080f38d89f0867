import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DOCS } from '../../src/docs/registry.js';

describe('generated docs', () => {
  it.each(GENERATED_DOCS.map((doc) => [doc.path, doc] as const))(
    '%s is up to date (run `npm run docs` if not)',
    async (path, doc) => {
      const committed = await readFile(resolve(import.meta.dirname, '../..', path), 'utf8').catch(() => '(missing)');
      expect(committed === (await doc.render()), `${path} is stale: run npm run docs and commit it`).toBe(true);
    },
  );
});
