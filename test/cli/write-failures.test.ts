// The built CLI as a user runs it, against outputs that fail: /dev/full, a closed pipe, a full
// file system, a read-only one; and stopped by SIGTERM and SIGHUP. docs/reliability.md.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const BIN = resolve(ROOT, 'bin/call-lifecycle.js');
const isRoot = process.getuid?.() === 0;
let dir: string;
const mounts: string[] = [];
const children: ReturnType<typeof spawn>[] = [];

beforeAll(async () => {
  if (!existsSync(resolve(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is not built: run npm run build');
  dir = await mkdtemp(join(tmpdir(), 'write-failures-'));
  // Names with the extensions simulate wants, for outputs that cannot take a byte.
  symlinkSync('/dev/full', join(dir, 'full.jsonl'));
  symlinkSync('/dev/full', join(dir, 'full.md'));
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const mount of mounts) execFileSync('umount', [mount]);
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with stdout going to `stdout` (a path) or captured. */
function cli(args: string[], options: { stdout?: string; onSpawn?: (child: ReturnType<typeof spawn>) => void } = {}) {
  return new Promise<Run>((done) => {
    const child = spawn('node', [BIN, ...args], {
      cwd: dir,
      stdio: ['ignore', options.stdout === undefined ? 'pipe' : 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    options.onSpawn?.(child);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** Runs the CLI through a shell so stdout can be redirected to /dev/full. */
function shell(command: string): Run {
  try {
    const stdout = execFileSync('sh', ['-c', command], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function expectOneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  return lines[0] as string;
}

async function wholeJsonLines(path: string): Promise<number> {
  const text = await readFile(path, 'utf8');
  if (text === '') return 0;
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  for (const line of lines) JSON.parse(line);
  return lines.length;
}

describe('a standard output that cannot be written', () => {
  it.each([
    ['simulate', `simulate --calls 200`],
    ['run', `run ${resolve(ROOT, 'examples/busy.json')}`],
    ['diagram', 'diagram'],
  ])('%s > /dev/full: one line, exit 4', (_name, args) => {
    const run = shell(`node ${BIN} ${args} > /dev/full`);
    expect(run.code).toBe(4);
    expect(expectOneLine(run.stderr)).toBe(
      'call-lifecycle: cannot write standard output: no space left on device (ENOSPC)',
    );
  });
});

describe('a records file that cannot be written', () => {
  it('on /dev/full: the campaign stops with one line naming the file, exit 4, a report marked partial', async () => {
    const run = await cli(['simulate', '--calls', '20000', '--records', 'full.jsonl', '--report', 'devfull.json']);
    expect(run.code).toBe(4);
    expect(expectOneLine(run.stderr)).toMatch(
      /^call-lifecycle: simulate: cannot write --records full\.jsonl: no space left on device \(ENOSPC\); stopped after [\d,]+ of 20,000 calls: the records are cut where the output failed, the report is marked partial$/,
    );
    const report = JSON.parse(await readFile(join(dir, 'devfull.json'), 'utf8'));
    expect(report.campaign.partial).toBe(true);
    expect(run.stdout).toMatch(/^PARTIAL/m);
  });

  it('on a pipe whose reader is gone: one line with EPIPE, exit 4', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.jsonl')]);
    // The reader takes a few bytes and leaves.
    const reader = spawn('head', ['-c', '100', join(dir, 'pipe.jsonl')], { stdio: ['ignore', 'ignore', 'ignore'] });
    children.push(reader);
    const run = await cli(['simulate', '--calls', '20000', '--records', 'pipe.jsonl']);
    expect(run.code).toBe(4);
    expect(expectOneLine(run.stderr)).toMatch(
      /^call-lifecycle: simulate: cannot write --records pipe\.jsonl: the reader closed the pipe \(EPIPE\); stopped after/,
    );
  });

  it('the report on /dev/full: one line naming it, exit 4, the records whole', async () => {
    const run = await cli(['simulate', '--calls', '3000', '--records', 'ok.jsonl', '--report', 'full.md']);
    expect(run.code).toBe(4);
    expect(expectOneLine(run.stderr)).toBe(
      'call-lifecycle: simulate: cannot write --report full.md: no space left on device (ENOSPC)',
    );
    expect(await wholeJsonLines(join(dir, 'ok.jsonl'))).toBe(3000);
  });
});

describe.runIf(isRoot)('a file system that fills up or is read-only (tmpfs mounts, root only)', () => {
  it('a full disk: the records end on their last whole record, the lock is gone, the report says partial', async () => {
    const small = join(dir, 'small');
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]);
    mounts.push(small);
    const run = await cli(['simulate', '--calls', '20000', '--records', 'small/calls.jsonl', '--report', 'small.json']);
    expect(run.code).toBe(4);
    expect(expectOneLine(run.stderr)).toMatch(
      /^call-lifecycle: simulate: cannot write --records small\/calls\.jsonl: no space left on device \(ENOSPC\); stopped after [\d,]+ of 20,000 calls: the records file ends on its last whole record, the report is marked partial$/,
    );
    const kept = await wholeJsonLines(join(small, 'calls.jsonl'));
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(20_000);
    expect(existsSync(join(small, 'calls.jsonl.lock'))).toBe(false);
    const report = JSON.parse(await readFile(join(dir, 'small.json'), 'utf8'));
    expect(report.campaign).toMatchObject({ partial: true, plannedCalls: 20000 });
    expect(report.campaign.calls).toBeGreaterThanOrEqual(kept);
  });

  it('a read-only directory: refused before the campaign, exit 2', async () => {
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', readOnly]);
    mounts.push(readOnly);
    const run = await cli(['simulate', '--calls', '20000', '--report', 'read-only/r.html']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(expectOneLine(run.stderr)).toBe(
      'call-lifecycle: simulate: cannot write --report read-only/r.html: read-only file system (EROFS)',
    );
  });
});

describe.skipIf(isRoot)('file-system tests that need root', () => {
  it('are skipped: mounting a small or read-only tmpfs needs root', () => {
    console.warn('SKIPPED: full and read-only file-system tests need root (tmpfs mounts)');
  });
});

describe('SIGTERM and SIGHUP stop a campaign like Ctrl-C', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s: records so far, a partial report, exit %i', async (signal, code) => {
    const records = join(dir, `${signal}.jsonl`);
    const report = join(dir, `${signal}.json`);
    const run = await cli(['simulate', '--calls', '50000000', '--records', records, '--report', report], {
      onSpawn: (child) => {
        // Signal once records are flowing: the lock file exists and the file has grown.
        const poll = setInterval(async () => {
          const size = await stat(records)
            .then((info) => info.size)
            .catch(() => 0);
          if (size > 100_000) {
            clearInterval(poll);
            child.kill(signal);
          }
        }, 50);
      },
    });
    expect(run.code).toBe(code);
    expect(expectOneLine(run.stderr)).toMatch(
      new RegExp(`^call-lifecycle: simulate: stopped by ${signal} after [\\d,]+ of 50,000,000 calls`),
    );
    const written = await wholeJsonLines(records);
    const parsed = JSON.parse(await readFile(report, 'utf8'));
    expect(parsed.campaign).toMatchObject({ partial: true, calls: written });
  });
});

describe('two processes on one records file', () => {
  it('the second is refused while the first writes; the first finishes whole', async () => {
    const records = join(dir, 'shared.jsonl');
    let second: Run | null = null;
    const first = await cli(['simulate', '--calls', '50000000', '--records', records], {
      onSpawn: (child) => {
        const poll = setInterval(async () => {
          const size = await stat(records)
            .then((info) => info.size)
            .catch(() => 0);
          if (size === 0 || second !== null) return;
          clearInterval(poll);
          second = await cli(['simulate', '--calls', '10', '--records', records]);
          child.kill('SIGINT');
        }, 50);
      },
    });
    expect(first.code).toBe(130);
    const refused = second as unknown as Run;
    expect(refused.code).toBe(2);
    expect(expectOneLine(refused.stderr)).toMatch(
      /^call-lifecycle: simulate: --records .*shared\.jsonl is being written by process \d+ \(lock file .*shared\.jsonl\.lock\)/,
    );
    expect(await wholeJsonLines(records)).toBeGreaterThan(0);
  });
});
