import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProviderName } from '../../src/carriers/providers/types.js';

const EXAMPLES_DIR = resolve(import.meta.dirname, '../../examples/providers');

/** The callbacks of examples/providers/<provider>.jsonl, parsed. */
export function exampleLog(provider: ProviderName): unknown[] {
  return readFileSync(resolve(EXAMPLES_DIR, `${provider}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export const MESSAGES = [{ id: 'message', durationMs: 30_000 }];
