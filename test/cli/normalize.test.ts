import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fc, test as property } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { expectUsageError, ROOT, runCli } from '../support/cli.js';

const outcomes = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map((record) => [
      record.callId,
      [record.status, record.subStatus, record.resultCode].filter((part) => part !== null).join('/'),
    ]);

describe('call-lifecycle normalize', () => {
  it('prints one record per call as JSON lines, from a file', async () => {
    const { code, stdout, stderr } = await runCli([
      'normalize',
      '--provider',
      'vonage',
      'examples/providers/vonage.jsonl',
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(outcomes(stdout)).toEqual([
      ['aaaaaaaa-0000-4000-8000-000000000001', 'ANSWERED/COMPLETE/HANGUP'],
      ['aaaaaaaa-0000-4000-8000-000000000002', 'ABSENT/BUSY'],
      ['aaaaaaaa-0000-4000-8000-000000000003', 'ERROR/UNALLOCATED_NUMBER'],
      ['aaaaaaaa-0000-4000-8000-000000000004', 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_INCOMPLETE'],
      ['aaaaaaaa-0000-4000-8000-000000000005', 'ABSENT/NO_ANSWER'],
      ['aaaaaaaa-0000-4000-8000-000000000006', 'ERROR/REJECTED'],
    ]);
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Call 1 was answered before its "completed": the implied-answer reading was not needed.
    expect(records[0]).toMatchObject({ provider: 'vonage', to: '+447700900001', unmapped: [], policies: [] });
    expect(records[4]).toMatchObject({ policies: ['no-ring-no-absent'] });
  });

  it('reads standard input when no file is given, and takes the message length', async () => {
    const stdin = readFileSync(resolve(ROOT, 'examples/providers/twilio.jsonl'), 'utf8');
    const short = await runCli(['normalize', '--provider', 'twilio'], { stdin });
    const long = await runCli(['normalize', '--provider', 'twilio', '--message-ms', '60000', '-'], { stdin });
    expect(short.code).toBe(0);
    expect(outcomes(short.stdout)[0]).toEqual(['CA00000000000000000000000000000001', 'ANSWERED/COMPLETE']);
    expect(outcomes(long.stdout)[0]).toEqual(['CA00000000000000000000000000000001', 'ANSWERED/INCOMPLETE/HANGUP']);
  });

  it('reports a Vonage record or error webhook (no leg uuid) on stderr and goes on, exit 0', async () => {
    // Shapes: Vonage/vonage-dotnet-sdk Voice/EventWebhooks/Record.cs and Error.cs (no uuid, only
    // conversation_uuid); see test/carriers/providers/sourced-vonage-asterisk.test.ts.
    const stdin = [
      readFileSync(resolve(ROOT, 'examples/providers/vonage.jsonl'), 'utf8').trim(),
      '{"recording_url":"https://api.nexmo.com/v1/files/r1","recording_uuid":"r1","size":1,"conversation_uuid":"CON-1","start_time":"2026-01-05T10:00:00.000Z","end_time":"2026-01-05T10:00:09.000Z","timestamp":"2026-01-05T10:00:10.000Z"}',
      '{"reason":"Syntax error in NCCO.","conversation_uuid":"CON-1","timestamp":"2026-01-05T10:00:11.000Z"}',
    ].join('\n');
    const lines = stdin.split('\n').length;
    const { code, stdout, stderr } = await runCli(['normalize', '--provider', 'vonage'], { stdin });
    expect(code).toBe(0);
    expect(outcomes(stdout)).toHaveLength(6);
    expect(stderr).toBe(
      `call-lifecycle: normalize: standard input:${lines - 1}: unmapped recording_url "https://api.nexmo.com/v1/files/r1": a Vonage record webhook of conversation CON-1: it names no call leg (no uuid), so it is reported, not applied (see docs/carriers.md)\n` +
        `call-lifecycle: normalize: standard input:${lines}: unmapped reason "Syntax error in NCCO.": a Vonage error webhook of conversation CON-1: it names no call leg (no uuid), so it is reported, not applied (see docs/carriers.md)\n`,
    );
  });

  it('stops at a malformed line, naming its number', async () => {
    const stdin = '{"CallSid":"CA1","CallStatus":"busy","To":"+33612345678"}\n\n{"CallSid": "CA2",\n';
    const { code, stdout, stderr } = await runCli(['normalize', '--provider', 'twilio'], { stdin });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    // The reason in parentheses is Node's own JSON.parse message, which varies between versions.
    expect(stderr).toMatch(
      /^call-lifecycle: normalize: standard input:3: not valid JSON \(.+\); use --skip-malformed to skip such lines\n$/,
    );
  });

  it('also takes one JSON array of callbacks, naming elements in errors', async () => {
    const callbacks = [
      { CallSid: 'CA1', To: '+33612345678', CallStatus: 'ringing', SequenceNumber: '1' },
      { CallSid: 'CA1', CallStatus: 'busy', SequenceNumber: '2' },
    ];
    const ok = await runCli(['normalize', '--provider', 'twilio'], { stdin: JSON.stringify(callbacks, null, 2) });
    expect(ok.code).toBe(0);
    expect(outcomes(ok.stdout)).toEqual([['CA1', 'ABSENT/BUSY']]);
    const bad = await runCli(['normalize', '--provider', 'twilio'], { stdin: JSON.stringify([...callbacks, 'oops']) });
    expect(bad.stderr).toBe(
      'call-lifecycle: normalize: standard input: element 2: not a twilio callback: expected an object with CallSid, got "oops"; use --skip-malformed to skip such lines\n',
    );
  });

  it('stops at a line that is not a callback of the provider, naming its number', async () => {
    const stdin = '{"CallSid":"CA1","CallStatus":"busy","To":"+33612345678"}\n{"uuid":"u1","status":"busy"}\n';
    const { code, stdout, stderr } = await runCli(['normalize', '--provider', 'twilio'], { stdin });
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'call-lifecycle: normalize: standard input:2: CallSid: not a twilio callback: expected a CallSid, got nothing; use --skip-malformed to skip such lines\n',
    });
  });

  it('with --skip-malformed, skips bad lines with a warning each and goes on', async () => {
    const stdin =
      'not json\n{"CallSid":"CA1","CallStatus":"ringing","To":"+33612345678","SequenceNumber":"1"}\n[1,2]\n{"CallSid":"CA1","CallStatus":"busy","SipResponseCode":"486","SequenceNumber":"2"}\n';
    const { code, stdout, stderr } = await runCli(['normalize', '--provider', 'twilio', '--skip-malformed'], { stdin });
    expect(code).toBe(0);
    expect(outcomes(stdout)).toEqual([['CA1', 'ABSENT/BUSY']]);
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^call-lifecycle: normalize: skipped standard input:1: not valid JSON \(.+\)$/),
      'call-lifecycle: normalize: skipped standard input:3: not a twilio callback: expected an object with CallSid, got [1,2]',
    ]);
  });

  it('prints unmapped values on stderr too, and exits 3 for a call whose log ends early', async () => {
    const stdin = [
      '{"CallSid":"CA1","To":"+33612345678","CallStatus":"ringing","SequenceNumber":"1"}',
      '{"CallSid":"CA2","To":"+33612345679","CallStatus":"warp","SequenceNumber":"1"}',
      '{"CallSid":"CA2","To":"+33612345679","CallStatus":"busy","SequenceNumber":"2"}',
    ].join('\n');
    const { code, stdout, stderr } = await runCli(['normalize', '--provider', 'twilio'], { stdin });
    expect(code).toBe(3);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    ).toMatchObject([
      {
        callId: 'CA1',
        provider: 'twilio',
        error: 'stalled',
        message: 'twilio call CA1: the log ends in ringing, with no final status from twilio',
      },
      { callId: 'CA2', subStatus: 'BUSY', unmapped: [{ field: 'CallStatus', value: 'warp' }] },
    ]);
    expect(stderr).toBe(
      'call-lifecycle: normalize: twilio call CA1: the log ends in ringing, with no final status from twilio\n' +
        'call-lifecycle: normalize: twilio call CA2: unmapped CallStatus "warp" (no event; see docs/carriers.md)\n',
    );
  });

  it.each([
    [
      ['normalize', 'x.jsonl'],
      'normalize: --provider is required (accepted: twilio, vonage, telnyx, plivo, asterisk, freeswitch)',
    ],
    [
      ['normalize', '--provider', 'twillio'],
      'normalize: unknown provider "twillio" (accepted: twilio, vonage, telnyx, plivo, asterisk, freeswitch)',
    ],
    [
      ['normalize', '--provider', 'twilio', '--message-ms', '0'],
      'normalize: --message-ms: expected a whole number of ms from 1 to 86400000, got "0"',
    ],
    [
      ['normalize', '--provider', 'twilio', '--message-ms', '5', '--messages', 'm.json'],
      'normalize: give --message-ms or --messages, not both',
    ],
    [
      ['normalize', '--provider', 'twilio', '--voicemail', 'shout'],
      'normalize: --voicemail: expected "leave" or "hangup", got "shout"',
    ],
    [
      ['normalize', '--provider', 'twilio', '--to', '0612345678'],
      'normalize: --to: expected an E.164 number such as "+33612345678", got "0612345678"',
    ],
    [
      ['normalize', '--provider', 'twilio', 'a.jsonl', 'b.jsonl'],
      'normalize: expected at most one events file (or - for standard input), got 2',
    ],
    [['normalize', '--provider', 'twilio', 'missing.jsonl'], 'cannot read missing.jsonl: no such file'],
  ])('%j fails with one line and exit 2', async (args, message) => {
    expect(await runCli(args)).toEqual({ code: 2, stdout: '', stderr: `call-lifecycle: ${message}\n` });
  });

  it('takes a messages file and checks it', async () => {
    const stdin =
      '{"CallSid":"CA1","To":"+33612345678","CallStatus":"in-progress","SequenceNumber":"1","Timestamp":"Fri, 27 Nov 2026 09:00:00 +0000"}\n{"CallSid":"CA1","CallStatus":"completed","SequenceNumber":"2","Timestamp":"Fri, 27 Nov 2026 09:00:18 +0000"}\n';
    const ok = await runCli(
      ['normalize', '--provider', 'twilio', '--messages', 'test/cli/fixtures/two-messages.json'],
      { stdin },
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ subStatus: 'COMPLETE', resultCode: 'HANGUP', messagesPlayed: 2 });
    const bad = await runCli(
      ['normalize', '--provider', 'twilio', '--messages', 'test/cli/fixtures/bad-messages.json'],
      { stdin },
    );
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'call-lifecycle: normalize: test/cli/fixtures/bad-messages.json: messages[0].durationMs: expected a whole number of ms from 1 to 86400000, got -3\n',
    });
  });

  it('is listed with its help', async () => {
    const help = await runCli(['normalize', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: call-lifecycle normalize --provider <name>');
    expect((await runCli(['--help'])).stdout).toContain('normalize');
  });
});

describe('call-lifecycle normalize: formats and streaming', () => {
  // Twilio posts status callbacks as application/x-www-form-urlencoded bodies (every value text);
  // a saved webhook log holds one body a line.
  const forms = [
    'CallSid=CAf1&CallStatus=ringing&To=%2B33612345678&SequenceNumber=1&Timestamp=Fri%2C+27+Nov+2026+09%3A00%3A01+%2B0000',
    'CallSid=CAf1&CallStatus=busy&To=%2B33612345678&SipResponseCode=486&SequenceNumber=2&Timestamp=Fri%2C+27+Nov+2026+09%3A00%3A05+%2B0000',
  ];

  it('reads form-encoded bodies, detected from the first line or chosen with --format', async () => {
    const detected = await runCli(['normalize', '--provider', 'twilio'], { stdin: `${forms.join('\n')}\n` });
    const chosen = await runCli(['normalize', '--provider', 'twilio', '--format', 'form'], {
      stdin: forms.join('\r\n'),
    });
    expect([detected.code, outcomes(detected.stdout)]).toEqual([0, [['CAf1', 'ABSENT/BUSY']]]);
    expect(chosen.stdout).toBe(detected.stdout);
  });

  it('reads one JSON array of callbacks, and refuses an unknown --format or --grace', async () => {
    const array = JSON.stringify(forms.map((form) => Object.fromEntries(new URLSearchParams(form))));
    const run = await runCli(['normalize', '--provider', 'twilio', '--format', 'json'], { stdin: array });
    expect(outcomes(run.stdout)).toEqual([['CAf1', 'ABSENT/BUSY']]);
    expect(expectUsageError(await runCli(['normalize', '--provider', 'twilio', '--format', 'xml']))).toBe(
      'call-lifecycle: normalize: --format: expected auto, jsonl, json, form, got "xml"',
    );
    expect(expectUsageError(await runCli(['normalize', '--provider', 'twilio', '--grace', '-1']))).toMatch(/--grace/);
  });

  it('writes a call once its grace has passed in log time, and reports a callback that comes after', async () => {
    const at = (seconds: number) =>
      `Fri, 27 Nov 2026 09:${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')} +0000`;
    const line = (sid: string, status: string, seconds: number, sequence: number) =>
      JSON.stringify({
        CallSid: sid,
        To: '+33612345678',
        CallStatus: status,
        SequenceNumber: String(sequence),
        Timestamp: at(seconds),
      });
    const stdin = [
      line('CAa', 'ringing', 1, 1),
      line('CAa', 'busy', 5, 2),
      // 10 s of log time later the busy call is past a 2 s grace: written, then its late echo is reported.
      line('CAb', 'ringing', 15, 1),
      line('CAa', 'ringing', 16, 3),
      line('CAb', 'no-answer', 45, 2),
    ].join('\n');
    const { code, stdout, stderr } = await runCli(['normalize', '--provider', 'twilio', '--grace', '2000'], { stdin });
    expect(code).toBe(0);
    expect(outcomes(stdout)).toEqual([
      ['CAa', 'ABSENT/BUSY'],
      ['CAb', 'ABSENT/NO_ANSWER'],
    ]);
    expect(stderr).toBe(
      "call-lifecycle: normalize: twilio call CAa: a callback came more than 2000 ms (log time) after the call's last one, once its record was written; it was not applied (raise --grace)\n",
    );
  });

  // Lines are split a chunk at a time (normalize-input.ts), not by readline: a line cut between two
  // chunks, a \r\n cut between its \r and its \n, and readline's line ends (\n, \r\n, a lone \r)
  // must read as the whole text does.
  const log = readFileSync(resolve(ROOT, 'examples/providers/twilio.jsonl'), 'utf8');
  const lines = log.split('\n').filter((line) => line !== '');
  const inChunks = async (chunks: readonly (string | Buffer)[]) => {
    let stdout = '';
    const io: CliIO = {
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => undefined,
      readStdin: async () => '',
      readStdinStream: () => Readable.from(chunks),
      cwd: ROOT,
      stderrIsTTY: false,
    };
    return { code: await main(['normalize', '--provider', 'twilio'], io), stdout };
  };
  const whole = runCli(['normalize', '--provider', 'twilio'], { stdin: log });

  it('decodes a character whose UTF-8 bytes are cut between two chunks', async () => {
    // "é" is two bytes in UTF-8, cut here between them; an undocumented AnsweredBy is printed back
    // in the record's unmapped values, so a wrong decoding shows.
    const text = `${lines.join('\n').replace('"CallStatus"', '"AnsweredBy": "Zoé", "CallStatus"')}\n`;
    const bytes = Buffer.from(text, 'utf8');
    const cut = bytes.indexOf(Buffer.from('é', 'utf8')) + 1;
    const expected = await runCli(['normalize', '--provider', 'twilio'], { stdin: text });
    expect(expected.stdout).toContain('"value":"Zoé"');
    expect(await inChunks([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual({ code: 0, stdout: expected.stdout });
  });

  property.prop(
    [
      fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: lines.length, maxLength: lines.length }),
      fc.uniqueArray(fc.nat(log.length + lines.length), { maxLength: 12 }),
    ],
    { numRuns: 30 },
  )('reads the same records whatever the line ends and wherever the chunks are cut', async (ends, cuts) => {
    const text = lines.map((line, index) => line + ends[index]).join('');
    const at = [0, ...cuts.filter((cut) => cut < text.length).sort((a, b) => a - b), text.length];
    const chunks = at.slice(1).map((end, index) => text.slice(at[index], end));
    const expected = await whole;
    expect(expected.code).toBe(0);
    expect(await inChunks(chunks)).toEqual({ code: 0, stdout: expected.stdout });
  });
});
