import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../src/simulator/default-profile.js';
import { expectUsageError, runCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simulate-cli-'));
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** A one-line error, exit 2, nothing on stdout. */
async function expectSimulateError(args: string[]): Promise<string> {
  return expectUsageError(await runCli(['simulate', ...args]));
}

describe('call-lifecycle simulate', () => {
  it('runs the default campaign (10,000 calls) and prints the summary table', async () => {
    const run = await runCli(['simulate']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe('Campaign: 10,000 calls · 30 channels · seed 1 · profile "default"');
    expect(run.stdout).toMatch(/^Total\s+10,000\s+100\.0 %$/m);
    expect(run.stdout).toMatch(/^Faults: 0 records/m);
  });

  it('writes records (JSON lines or CSV) and a report that agree with each other, the same bytes every run', async () => {
    const args = ['simulate', '--calls', '300', '--seed', 'abc', '--concurrency', '5'];
    const first = await runCli([...args, '--records', join(dir, 'a.jsonl'), '--report', join(dir, 'a.json')]);
    const second = await runCli([...args, '--records', join(dir, 'b.jsonl'), '--report', join(dir, 'b.json')]);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const records = await readFile(join(dir, 'a.jsonl'), 'utf8');
    expect(await readFile(join(dir, 'b.jsonl'), 'utf8')).toBe(records);
    expect(await readFile(join(dir, 'b.json'), 'utf8')).toBe(await readFile(join(dir, 'a.json'), 'utf8'));
    const lines = records
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((r) => r.index)).toEqual([...Array(300).keys()]);
    const report = JSON.parse(await readFile(join(dir, 'a.json'), 'utf8'));
    expect(report.campaign).toMatchObject({ calls: 300, channels: 5, seed: 'abc', partial: false, faults: 0 });
    const answered = lines.filter((r) => r.status === 'ANSWERED').length;
    expect(report.statuses.find((s: { status: string }) => s.status === 'ANSWERED').count).toBe(answered);

    const csv = await runCli([...args, '--records', join(dir, 'a.csv')]);
    expect(csv.code).toBe(0);
    const rows = (await readFile(join(dir, 'a.csv'), 'utf8')).trimEnd().split('\n');
    expect(rows[0]).toBe(
      'index,startAt,channel,callId,to,status,subStatus,resultCode,messagesPlayed,sipCode,q850,startedAt,ringingAt,answeredAt,endedAt,path,ignoredEvents,fault',
    );
    expect(rows).toHaveLength(301);
  });

  it('calls the numbers of a list, skipping the blacklisted ones', async () => {
    const profile = await file('no-share.json', JSON.stringify({ blacklistShare: 0 }));
    const run = await runCli([
      'simulate',
      '--numbers',
      'examples/numbers/contacts.csv',
      '--blacklist',
      'examples/numbers/blacklist.txt',
      '--profile',
      profile,
      '--records',
      join(dir, 'list.jsonl'),
    ]);
    expect(run.code).toBe(0);
    const records = (await readFile(join(dir, 'list.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((r) => r.to)).toEqual([
      '+447700900123',
      '+447700900456',
      '+14155550123',
      '+14155550178',
      '+33639980011',
      '+33639980012',
    ]);
    expect(records.filter((r) => r.subStatus === 'BLACKLISTED').map((r) => r.to)).toEqual([
      '+14155550178',
      '+33639980012',
    ]);
    expect(run.stdout.split('\n')[0]).toBe('Campaign: 6 calls · 30 channels · seed 1 · profile "default"');
  });

  it('reads a partial profile over the default one', async () => {
    const run = await runCli([
      'simulate',
      '--calls',
      '50',
      '--profile',
      'examples/profiles/no-amd.json',
      '--records',
      join(dir, 'no-amd.jsonl'),
    ]);
    expect(run.code).toBe(0);
    const records = (await readFile(join(dir, 'no-amd.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.some((r) => r.timeline.some((e: { state: string }) => e.state === 'connected.detecting'))).toBe(
      false,
    );
    expect(JSON.parse(await readFile('examples/profiles/default.json', 'utf8'))).toEqual(DEFAULT_PROFILE);
  });

  it('rejects broken profiles, number lists and options with one line naming the problem', async () => {
    expect(await expectSimulateError(['--profile', 'examples/profiles/broken.json'])).toMatchInlineSnapshot(
      `"call-lifecycle: simulate: --profile examples/profiles/broken.json: profile.ring.answerRate: expected a probability from 0 to 1, got 1.4"`,
    );
    const malformed = await file('malformed.json', '{ "ring": { "answerRate": 0.5 ');
    expect(await expectSimulateError(['--profile', malformed])).toMatch(
      /^call-lifecycle: .*malformed\.json is not valid JSON: /,
    );
    expect(await expectSimulateError(['--numbers', 'examples/numbers/broken.txt'])).toMatchInlineSnapshot(
      `"call-lifecycle: simulate: --numbers examples/numbers/broken.txt:2: expected an E.164 number such as "+33612345678" (a +, then 2 to 15 digits), got "06 39 98 00 11""`,
    );
    expect(await expectSimulateError(['--numbers', 'nowhere.csv'])).toMatchInlineSnapshot(
      `"call-lifecycle: cannot read nowhere.csv: no such file"`,
    );
    expect(
      await expectSimulateError(['--calls', '10', '--numbers', 'examples/numbers/numbers.txt']),
    ).toMatchInlineSnapshot(`"call-lifecycle: simulate: give --calls or --numbers, not both"`);
    expect(await expectSimulateError(['--calls', 'ten'])).toMatchInlineSnapshot(
      `"call-lifecycle: simulate: --calls: expected a whole number from 1 to 100000000, got "ten""`,
    );
    expect(await expectSimulateError(['--concurrency', '0'])).toMatchInlineSnapshot(
      `"call-lifecycle: simulate: --concurrency: expected a whole number from 1 to 1000000, got "0""`,
    );
    expect(await expectSimulateError(['--records', 'calls.txt'])).toMatchInlineSnapshot(
      `"call-lifecycle: simulate: --records calls.txt: unknown format (accepted extensions: .jsonl, .ndjson, .csv)"`,
    );
    expect(await expectSimulateError(['--report', 'report.pdf'])).toMatchInlineSnapshot(
      `"call-lifecycle: simulate: --report report.pdf: unknown format (accepted extensions: .json, .csv, .md, .html)"`,
    );
    expect(await expectSimulateError(['--records', join(dir, 'missing-dir', 'r.jsonl')])).toMatch(
      /cannot write --records .*r\.jsonl: no such directory$/,
    );
    expect(await expectSimulateError(['--engine', 'turbo'])).toMatchInlineSnapshot(
      `"call-lifecycle: simulate: --engine: expected "fast" or "xstate", got "turbo""`,
    );
    expect(await expectSimulateError(['--speed', '2'])).toMatch(
      /^call-lifecycle: simulate: Unknown option '--speed' \(accepted: --calls, /,
    );
  });
});
