// Real-process probes with big hostile inputs under a small heap (--max-old-space-size=96): the
// built CLI answers with one line and exit 2, never an out-of-memory abort or a stack trace.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ROOT } from '../../support/cli.js';
import { expectContained } from './hostile.js';

const BIN = resolve(ROOT, 'bin/call-lifecycle.js');
let dir: string;

beforeAll(async () => {
  if (!existsSync(resolve(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is not built: run npm run build');
  dir = await mkdtemp(join(tmpdir(), 'cli-fuzz-process-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The built CLI on a 96 MB heap. */
async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['--max-old-space-size=96', BIN, ...args], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('big hostile inputs, a small heap', () => {
  it.each([
    ['run', 'deep.json', () => '['.repeat(20_000_000), ['run', 'deep.json']],
    ['run', 'long.json', () => JSON.stringify({ call: 'x'.repeat(20_000_000) }), ['run', 'long.json']],
    ['diagram', 'deep-object.json', () => '{"a":'.repeat(2_000_000), ['diagram', '--scenario', 'deep-object.json']],
    [
      'simulate',
      'profile.json',
      () => `{"name": ${JSON.stringify('\u001b'.repeat(5_000_000))}}`,
      ['simulate', '--profile', 'profile.json'],
    ],
    ['simulate', 'numbers.txt', () => '+3361234567x\n'.repeat(1_000_000), ['simulate', '--numbers', 'numbers.txt']],
    [
      'normalize',
      'log.jsonl',
      () => `${'['.repeat(100)}\n`.repeat(200_000),
      ['normalize', '--provider', 'twilio', 'log.jsonl'],
    ],
  ] as const)('%s with %s: one line, exit 2', async (_command, name, make, args) => {
    await writeFile(join(dir, name), make());
    const run = await cli([...args]);
    expectContained(run, [2]);
  });
});
