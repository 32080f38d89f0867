import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { killAllChildren, startServeChild } from './child.js';

interface Block {
  readonly lang: string;
  readonly body: string;
}

function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((match) => ({
    lang: match[1] ?? '',
    body: match[2] ?? '',
  }));
}

/** The server command of a page: `[ENV=value ...] npx call-lifecycle serve [args]`. */
function serverCommand(body: string): { env: Record<string, string>; args: string[] } {
  const words = body.replace(/#.*$/gm, '').trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name, value] = (words.shift() ?? '').split('=');
    env[name ?? ''] = value ?? '';
  }
  expect(words.slice(0, 3)).toEqual(['npx', 'call-lifecycle', 'serve']);
  return { env, args: words.slice(3) };
}

const dirs: string[] = [];
afterAll(async () => {
  await killAllChildren();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs a page's examples in order: the first `sh` block that starts the server starts it (as a
 * child, in a fresh directory, on a free port), every later `sh` block runs in bash, and an output
 * block right after one is exactly what it prints.
 */
async function runPage(markdown: string): Promise<number> {
  const all = blocks(markdown);
  // The server the examples run against: the last one started before the first curl.
  const firstCurl = all.findIndex((block) => block.lang === 'sh' && block.body.includes('curl'));
  const start = all.findLastIndex(
    (block, index) => index < firstCurl && block.lang === 'sh' && block.body.includes('npx call-lifecycle serve'),
  );
  const { env, args } = serverCommand(all[start]?.body ?? '');
  const cwd = mkdtempSync(join(tmpdir(), 'cl-docs-'));
  dirs.push(cwd);
  const server = await startServeChild(['--store', `sqlite:${join(cwd, 'calls.db')}`, ...args], env);
  const port = new URL(server.url).port;
  let ran = 0;
  for (const [index, block] of all.entries()) {
    if (index <= start || block.lang !== 'sh') continue;
    const script = block.body.replaceAll('localhost:8080', `127.0.0.1:${port}`);
    const { stdout } = await promisify(execFile)('bash', ['-c', `set -e\n${script}`], { cwd, timeout: 30_000 });
    const next = all[index + 1];
    if (next !== undefined && (next.lang === 'json' || next.lang === 'text')) expect(stdout).toBe(next.body);
    else expect(stdout).not.toBe('');
    ran += 1;
  }
  server.process.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  return ran;
}

describe('the serve examples', () => {
  it('docs/serve.md: every curl example prints what the page shows', async () => {
    expect(await runPage(readFileSync(resolve(ROOT, 'docs/serve.md'), 'utf8'))).toBeGreaterThanOrEqual(6);
  });

  it("README: the quick start's serve and curl lines show a record", async () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('Live calls:'), readme.indexOf('## Replay one call'));
    expect(await runPage(section)).toBe(1);
  });
});
