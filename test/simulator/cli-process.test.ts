// The built CLI as a user runs it (npm test builds first): worker threads and Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  if (!existsSync(resolve(ROOT, 'dist/src/simulator/node/campaign-worker.js')))
    throw new Error('dist/ is not built: run npm run build (npm test does)');
  dir = await mkdtemp(join(tmpdir(), 'simulate-process-'));
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('call-lifecycle simulate (built CLI)', () => {
  it('writes byte-identical records and report with 1 or 2 worker threads', async () => {
    const runs = [];
    for (const workers of ['1', '2']) {
      const records = join(dir, `w${workers}.jsonl`);
      const report = join(dir, `w${workers}.md`);
      const run = await spawnCli([
        'simulate',
        '--calls',
        '30000',
        '--seed',
        '7',
        '--workers',
        workers,
        '--records',
        records,
        '--report',
        report,
      ]);
      expect(run.code).toBe(0);
      runs.push({
        stdout: run.stdout,
        records: await readFile(records, 'utf8'),
        report: await readFile(report, 'utf8'),
      });
    }
    const [one, two] = runs as [(typeof runs)[number], (typeof runs)[number]];
    expect(two.records.length).toBeGreaterThan(1_000_000);
    expect(two.records === one.records).toBe(true);
    expect(two.report).toBe(one.report);
    expect(two.stdout).toBe(one.stdout);
  });

  it('stops on Ctrl-C (SIGINT): records so far, a report marked partial, exit code 130', async () => {
    const records = join(dir, 'stopped.jsonl');
    const report = join(dir, 'stopped.json');
    const child = spawn(
      'node',
      [
        resolve(ROOT, 'bin/call-lifecycle.js'),
        'simulate',
        '--calls',
        '50000000',
        '--records',
        records,
        '--report',
        report,
      ],
      { cwd: ROOT },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    await waitFor(async () => existsSync(records) && (await stat(records)).size > 100_000, 20_000);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted after [\d,]+ of 50,000,000 calls/);
    const written = (await readFile(records, 'utf8')).split('\n');
    expect(written.pop()).toBe(''); // the file ends with a whole line
    const parsed = JSON.parse(await readFile(report, 'utf8'));
    expect(parsed.campaign.partial).toBe(true);
    expect(parsed.campaign.calls).toBe(written.length);
    expect(JSON.parse(written.at(-1) as string).index).toBe(written.length - 1);
  });
});
