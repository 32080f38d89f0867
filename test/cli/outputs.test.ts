// Outputs are checked before any work, an output is never an input or another output, and a
// records file has one writer at a time (docs/reliability.md).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUsageError, runCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-outputs-'));
});

const children: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

const at = (name: string) => join(dir, name);

describe('simulate refuses bad outputs before the campaign starts', () => {
  it('refuses the same file as records and report', async () => {
    const line = expectUsageError(await runCli(['simulate', '--records', at('same.csv'), '--report', at('same.csv')]));
    expect(line).toBe(
      `call-lifecycle: simulate: --report ${at('same.csv')} is also --records (another output): give each output its own file`,
    );
    expect(existsSync(at('same.csv'))).toBe(false);
  });

  it('refuses an output that is an input, however the path is spelled', async () => {
    await writeFile(at('profile.json'), '{"name":"p"}');
    const line = expectUsageError(
      await runCli(
        ['simulate', '--profile', at('profile.json'), '--report', join(dir, '.', 'x', '..', 'profile.json')],
        {
          cwd: dir,
        },
      ),
    );
    expect(line).toMatch(/is also --profile \(an input\): give each output its own file$/);
    expect(await readFile(at('profile.json'), 'utf8')).toBe('{"name":"p"}');
  });

  it('refuses a report in a missing directory or onto a directory, before simulating anything', async () => {
    await mkdir(at('a-dir'), { recursive: true });
    expect(expectUsageError(await runCli(['simulate', '--report', at('nowhere/r.md')]))).toBe(
      `call-lifecycle: simulate: cannot write --report ${at('nowhere/r.md')}: no such directory`,
    );
    expect(
      expectUsageError(await runCli(['simulate', '--report', `${at('a-dir')}/`, '--records', at('r.jsonl')])),
    ).toMatch(/unknown format|is a directory/);
    expect(existsSync(at('r.jsonl'))).toBe(false);
  });

  it('accepts an empty blacklist (nobody opted out yet)', async () => {
    await writeFile(at('empty.txt'), '# no one yet\n');
    const run = await runCli(['simulate', '--calls', '50', '--blacklist', at('empty.txt')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Total\s+50\s/m);
  });
});

describe('a records file has one writer at a time', () => {
  it('refuses a records file another live process is writing, naming the process and the lock', async () => {
    // A real other process holds the lock: a child that sleeps.
    const child = spawn('node', ['-e', 'setTimeout(() => {}, 60_000)']);
    children.push(child);
    await writeFile(at('locked.jsonl.lock'), `${child.pid}\n`);
    await writeFile(at('locked.jsonl'), 'kept\n');
    const line = expectUsageError(await runCli(['simulate', '--calls', '10', '--records', at('locked.jsonl')]));
    expect(line).toBe(
      `call-lifecycle: simulate: --records ${at('locked.jsonl')} is being written by process ${child.pid} (lock file ${at('locked.jsonl.lock')}); wait for it, or delete the lock file if no such process runs`,
    );
    expect(await readFile(at('locked.jsonl'), 'utf8')).toBe('kept\n');
    child.kill('SIGKILL');
  });

  it('takes over a lock left by a process that died, and removes it when done', async () => {
    const child = spawn('node', ['-e', '']);
    const pid = child.pid as number;
    await new Promise((done) => child.on('exit', done));
    await writeFile(at('stale.jsonl.lock'), `${pid}\n`);
    const run = await runCli(['simulate', '--calls', '10', '--records', at('stale.jsonl')]);
    expect(run.code).toBe(0);
    expect((await readFile(at('stale.jsonl'), 'utf8')).split('\n')).toHaveLength(11);
    expect(existsSync(at('stale.jsonl.lock'))).toBe(false);
  });
});

describe('the CSV report neutralizes formulas (OWASP CSV injection)', () => {
  it('prefixes with a quote the seed and profile name that start with = + - @', async () => {
    await writeFile(at('evil.json'), JSON.stringify({ name: '=HYPERLINK("http://x","y")' }));
    const run = await runCli([
      'simulate',
      '--calls',
      '20',
      '--seed',
      '@SUM(1+1)',
      '--profile',
      at('evil.json'),
      '--report',
      at('evil.csv'),
    ]);
    expect(run.code).toBe(0);
    const lines = (await readFile(at('evil.csv'), 'utf8')).split('\n');
    expect(lines[1]).toBe("campaign,,seed,'@SUM(1+1)");
    expect(lines[2]).toBe(`campaign,,profile,"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('keeps a numeric seed a number, minus sign included', async () => {
    const run = await runCli(['simulate', '--calls', '5', '--seed=-3', '--report', at('minus.csv')]);
    expect(run.code).toBe(0);
    expect((await readFile(at('minus.csv'), 'utf8')).split('\n')[1]).toBe('campaign,,seed,-3');
  });
});

describe('diagram --out', () => {
  it('refuses to overwrite its --scenario input', async () => {
    await writeFile(at('scenario.json'), await readFile('examples/busy.json', 'utf8'));
    const line = expectUsageError(
      await runCli(['diagram', '--scenario', at('scenario.json'), '--out', at('scenario.json')]),
    );
    expect(line).toBe(
      `call-lifecycle: diagram: --out ${at('scenario.json')} is also --scenario (an input): give each output its own file`,
    );
  });
});
