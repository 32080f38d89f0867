import { describe, expect, it } from 'vitest';
import { expectedLines, runSample, tsSamples } from '../support/doc-samples.js';

// Every runnable TypeScript sample of the README and the docs prints what its `// →` comments say.
// docs/reports.md's interface sketch and docs/sip.md's fragment (it needs captured SIP text) are
// not programs; every other ```ts block is.
const DOCUMENTS: Record<string, (code: string) => boolean> = {
  'README.md': () => true,
  'docs/normalize.md': () => true,
  'docs/embedding.md': () => true,
  'docs/simulator.md': () => true,
  'docs/reports.md': (code) => code.includes('import '),
};

describe.each(Object.entries(DOCUMENTS))('%s samples', (document, runnable) => {
  const samples = tsSamples(document).filter(runnable);
  const slug = document.replace(/\W+/g, '-');

  it('exist', () => expect(samples.length).toBeGreaterThan(0));

  it.each(samples.map((code, index) => [index, code] as const))(
    'sample %i prints what it says',
    async (index, code) => {
      expect(await runSample(`${slug}-${index}`, code)).toEqual(expectedLines(code));
    },
  );
});
