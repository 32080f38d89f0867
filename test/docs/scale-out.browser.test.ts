import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailableReason } from '../support/browser.js';
import { MermaidPage } from '../diagram/support/mermaid-page.js';

// docs/scale-out.md draws the ownership scheme in Mermaid: each drawing must render (GitHub shows
// a parse error instead of a drawing otherwise) and show the steps the text relies on.
const doc = readFileSync(resolve(import.meta.dirname, '../../docs/scale-out.md'), 'utf8');
const drawings = [...doc.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

const unavailable = browserUnavailableReason();
if (unavailable !== null) console.warn(`skipping the scale-out drawings: ${unavailable}`);

describe.skipIf(unavailable !== null)('docs/scale-out.md drawings, rendered by mermaid in Chromium', () => {
  let page: MermaidPage;
  beforeAll(async () => {
    page = await MermaidPage.open();
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  it('has the callback path and the lease life cycle', () => {
    expect(drawings).toHaveLength(2);
  });

  it.each([
    [0, ['COMMIT done (on disk)', '2xx (only now)', 'check lease (owner, token, not expired) FOR KEY SHARE']],
    [1, ['owned by P under token t', 'owned by Q under token t+1', 'FOR UPDATE SKIP LOCKED']],
  ] as const)('drawing %i renders and shows its steps', async (index, steps) => {
    const rendered = await page.render(drawings[index] ?? '');
    if (!rendered.ok) throw new Error(`mermaid could not render it: ${rendered.error}`);
    const shown = rendered.text.replace(/\u00a0/g, ' ');
    for (const step of steps) expect(shown).toContain(step);
  });
});
