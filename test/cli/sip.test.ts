import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, expectUsageError, runCli } from '../support/cli.js';

const BUSY = 'test/sip/captures/busy.pcapng';

describe('call-lifecycle sip', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sip-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the record docs/sip.md shows, and the summary table on stderr', async () => {
    const run = await runCli(['sip', BUSY]);
    expect(run.code).toBe(0);
    const doc = await readFile(resolve(ROOT, 'docs/sip.md'), 'utf8');
    const shown = /<!-- sip-example:busy -->\n```json\n(.*)\n```/.exec(doc)?.[1];
    expect(run.stdout).toBe(`${shown}\n`);
    expect(run.stderr).toContain('Campaign: 1 calls · 1 channels');
    expect(run.stderr).toMatch(/BUSY\s+1\s+100\.0 %/);
  });

  it('reads standard input (-) as a real process', () => {
    const child = spawnSync('node', [resolve(ROOT, 'bin/call-lifecycle.js'), 'sip', '-'], {
      input: spawnSync('cat', [resolve(ROOT, 'test/sip/captures/interleaved.pcapng')]).stdout,
      encoding: 'utf8',
    });
    expect(child.status).toBe(0);
    expect(
      child.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).subStatus),
    ).toEqual(Array(5).fill('INCOMPLETE'));
  });

  it('writes a report and one trace SVG per call', async () => {
    const report = join(dir, 'report.json');
    const diagrams = join(dir, 'svg');
    const run = await runCli([
      'sip',
      'test/sip/captures/interleaved.pcapng',
      '--report',
      report,
      '--diagram',
      diagrams,
    ]);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(await readFile(report, 'utf8'));
    expect(parsed.campaign.calls).toBe(5);
    const files = (await readdir(diagrams)).sort();
    expect(files).toHaveLength(5);
    expect(files[0]).toMatch(/^0001-1-\d+_127\.0\.0\.1\.svg$/);
    expect(await readFile(join(diagrams, files[0] as string), 'utf8')).toContain('ANSWERED');
  });

  it('has no record for a call whose INVITE names no E.164 number unless --to gives one (exit 3)', async () => {
    const capture = 'test/sip/captures/sipp-builtin.pcapng';
    const without = await runCli(['sip', capture]);
    expect(without.code).toBe(3);
    expect(JSON.parse(without.stdout.split('\n')[0] as string)).toMatchObject({ error: 'invalid' });
    expect(without.stderr).toContain('the INVITE names no E.164 number (sip:service@127.0.0.1:');
    const withTo = await runCli(['sip', capture, '--to', '+33612345678']);
    expect(withTo.code).toBe(0);
  });

  it('--us skips calls another side placed', async () => {
    const run = await runCli(['sip', BUSY, '--us', '127.0.0.1:5999']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('1 call(s) placed by another side than --us skipped');
    expect((await runCli(['sip', BUSY, '--us', '127.0.0.1'])).stdout).toContain('"BUSY"');
  });

  it('refuses what is not a capture, or a bad option, with one line and exit 2', async () => {
    expect(expectUsageError(await runCli(['sip', 'README.md']))).toBe(
      'call-lifecycle: sip: README.md: not a pcap or pcapng capture (it starts with bytes 23 20 63 61)',
    );
    expect(expectUsageError(await runCli(['sip', 'nope.pcapng']))).toBe(
      'call-lifecycle: sip: nope.pcapng: no such file',
    );
    expect(expectUsageError(await runCli(['sip', BUSY, '--us', 'here']))).toBe(
      'call-lifecycle: sip: --us: expected ADDR or ADDR:PORT ([::1]:5060 for IPv6), got "here"',
    );
    expect(expectUsageError(await runCli(['sip']))).toBe(
      'call-lifecycle: sip: expected one capture file (or - for standard input), got 0',
    );
    expect(expectUsageError(await runCli(['sip', BUSY, '--message-ms', '0']))).toBe(
      'call-lifecycle: sip: --message-ms: expected a whole number of ms from 1 to 86400000, got "0"',
    );
  });
});
