// A campaign worker thread that crashes is a fault, not a hang: its calls are recomputed in the
// main thread (the same records, byte for byte), and Ctrl-C works even while a worker is stuck.
// Faults are injected into real worker threads of the built CLI (CALL_LIFECYCLE_INJECT_FAULT,
// src/simulator/node/fault-injection.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const BIN = resolve(ROOT, 'bin/call-lifecycle.js');
const CALLS = '12000'; // six chunks of 2,000: each of the two workers owes three
let dir: string;
let clean: { records: string; report: string; stdout: string };
const children: ReturnType<typeof spawn>[] = [];

function simulate(name: string, fault: string | null, onSpawn?: (child: ReturnType<typeof spawn>) => void) {
  const records = join(dir, `${name}.jsonl`);
  const report = join(dir, `${name}.json`);
  const env = { ...process.env };
  if (fault === null) delete env.CALL_LIFECYCLE_INJECT_FAULT;
  else env.CALL_LIFECYCLE_INJECT_FAULT = fault;
  return new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    records: string;
    report: string;
  }>((done) => {
    const child = spawn(
      'node',
      [BIN, 'simulate', '--calls', CALLS, '--workers', '2', '--seed', 'w', '--records', records, '--report', report],
      { cwd: dir, env },
    );
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    onSpawn?.(child);
    child.on('exit', (code, signal) => done({ code, signal, stdout, stderr, records, report }));
  });
}

beforeAll(async () => {
  if (!existsSync(resolve(ROOT, 'dist/src/simulator/node/campaign-worker.js')))
    throw new Error('dist/ is not built: run npm run build (npm test does)');
  dir = await mkdtemp(join(tmpdir(), 'worker-faults-'));
  const run = await simulate('clean', null);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  clean = {
    records: await readFile(run.records, 'utf8'),
    report: await readFile(run.report, 'utf8'),
    stdout: run.stdout,
  };
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('a crashed campaign worker', () => {
  it.each([
    ['exits (process.exit in the thread)', 'exit:2000', /a campaign worker stopped \(exit code 70\)/],
    ['throws an uncaught error', 'throw:4000', /injected worker fault/],
    ['dies on its first chunk', 'exit:0', /exit code 70/],
  ])(
    'that %s: one warning line, exit 0, the same records and report as without the fault',
    async (_how, fault, reason) => {
      const run = await simulate(fault.replace(':', '-'), fault);
      // A signal here would come from outside the CLI (it never kills itself): name it and what it said.
      expect({ code: run.code, signal: run.signal }, run.stderr).toEqual({ code: 0, signal: null });
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^call-lifecycle: simulate: a worker thread failed \(.+\); its calls are recomputed in the main thread, with the same records$/,
      );
      expect(lines[0]).toMatch(reason);
      expect((await readFile(run.records, 'utf8')) === clean.records).toBe(true);
      expect(await readFile(run.report, 'utf8')).toBe(clean.report);
      expect(run.stdout).toBe(clean.stdout);
    },
  );
});

describe('a campaign worker stuck in a loop', () => {
  it('does not hold up Ctrl-C: the first one writes the records so far and a partial report, exit 130', async () => {
    const run = await simulate('hang', 'hang:6000', (child) => {
      // Chunks 0–2 arrive (the first 6,000 calls), then the worker owing chunk 3 spins forever.
      const poll = setInterval(async () => {
        const size = await stat(join(dir, 'hang.jsonl'))
          .then((info) => info.size)
          .catch(() => 0);
        if (size === 0) return;
        clearInterval(poll);
        child.kill('SIGINT');
      }, 50);
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/^call-lifecycle: simulate: interrupted after [\d,]+ of 12,000 calls/m);
    const records = await readFile(run.records, 'utf8');
    expect(records.endsWith('\n')).toBe(true);
    const written = records.slice(0, -1).split('\n');
    expect(clean.records.startsWith(records)).toBe(true);
    expect(JSON.parse(await readFile(run.report, 'utf8')).campaign).toMatchObject({
      partial: true,
      calls: written.length,
    });
  });
});
