import { spawnSync } from 'node:child_process';
import { createReadStream, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ladderToMermaid } from '../../src/diagram/ladder-mermaid.js';
import { ladderToSvg } from '../../src/diagram/ladder-svg.js';
import type { Ladder } from '../../src/diagram/ladder.js';
import { captureLadder } from '../../src/sip/capture-ladder.js';
import type { CapturedSip } from '../../src/sip/capture/messages.js';
import { sipLadder } from '../../src/sip/ladder.js';
import { readSipCapture } from '../../src/sip/read-capture.js';
import type { SipCallResult } from '../../src/sip/sip-record.js';
import { svgTexts } from '../diagram/support/svg-text.js';
import { expectUsageError, runCli } from '../support/cli.js';

// The captures are SIPp's calls on loopback captured by dumpcap (test/sip/sipp.test.ts makes them
// again where SIPp runs); their ladders are written in test/sip/support/scenarios.ts.
const CAPTURES = resolve(import.meta.dirname, 'captures');
const capture = (name: string) => join(CAPTURES, `${name}.pcapng`);
const ONE_SECOND = { messages: [{ id: 'message', durationMs: 1000 }] };

async function ladderOf(name: string, callId?: string, options: object = {}): Promise<Ladder> {
  const found = await captureLadder(createReadStream(capture(name)), { ...ONE_SECOND, ...options }, callId);
  if (found.ladder === null) throw new Error(`${name}: no ladder (${found.calls} calls)`);
  return found.ladder;
}

const rows = (ladder: Ladder): string[] =>
  ladder.messages.map(
    (message) =>
      `${message.at} ${message.from}→${message.to} ${message.label}${message.ignored ? ' IGNORED' : ''}${message.states.length > 0 ? ` ⇒ ${message.states.join(' ← ')}` : ''}`,
  );

const HAVE_TSHARK = spawnSync('tshark', ['-v'], { stdio: 'ignore' }).error === undefined;

/** The SIP messages of a capture as Wireshark's dissector reads them: ms after the first INVITE, and the method or status code. */
function tsharkSip(file: string, callId: string): string[] {
  const out = spawnSync(
    'tshark',
    [
      '-r',
      file,
      '-Y',
      `sip.Call-ID == "${callId}"`,
      '-T',
      'fields',
      '-e',
      'frame.time_epoch',
      '-e',
      'sip.Method',
      '-e',
      'sip.Status-Code',
      '-e',
      'sip.CSeq.method',
    ],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`tshark failed: ${out.stderr}`);
  const lines = out.stdout
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  const start = Number(lines[0]?.[0]);
  return lines.map(([time, method, status, cseqMethod]) => {
    // A response carries its request's method in Method too: the status code names it.
    const start_ = status === '' ? method : `${status}${cseqMethod === 'INVITE' ? '' : ` (${cseqMethod})`}`;
    return `${Math.round((Number(time) - start) * 1000)} ${start_}`;
  });
}

/** Our ladder's SIP arrows (between platform and carrier) in the same form. */
function ourSip(ladder: Ladder): string[] {
  return ladder.messages
    .filter((message) => [message.from, message.to].sort().join() === 'carrier,platform')
    .map((message) => {
      const [code = '', ...rest] = message.label.split(' → ')[0]?.split(' ') ?? [];
      const method = rest.find((word) => word.startsWith('('));
      return `${message.at} ${code}${/^\d/.test(code) && method !== undefined ? ` ${method}` : ''}`;
    });
}

describe('a call’s ladder from a SIP capture', () => {
  it('draws each SIP message between platform and carrier, with the event it mapped to and the state entered', async () => {
    // callee-bye: 100, 180, 200 (RFC 3261 §13.3.1), our ACK, then the callee's BYE (§15.1.2).
    const ladder = await ladderOf('callee-bye');
    expect(ladder.parties.map((party) => party.id)).toEqual(['platform', 'carrier', 'recipient']);
    expect(rows(ladder)).toMatchInlineSnapshot(`
      [
        "0 platform→carrier INVITE ⇒ dialing ← initiating",
        "7 carrier→platform 100 Trying → carrier.trying ⇒ proceeding",
        "12 carrier→platform 180 Ringing → carrier.ringing ⇒ ringing",
        "227 carrier→platform 200 OK → carrier.answered ⇒ connected.playing.timedMessage ← connected.playing.nextMessage ← connected.screening",
        "227 platform→carrier ACK",
        "839 carrier→platform BYE → recipient.hangup ⇒ answeredIncompleteHangup",
        "839 platform→carrier 200 OK (BYE)",
      ]
    `);
    expect(ladder.outcome).toBe('ANSWERED / INCOMPLETE / HANGUP');
  });

  it('shows our CANCEL, its 200 and the 487 that makes it our ring timeout (RFC 3261 §9.1)', async () => {
    expect(rows(await ladderOf('our-cancel'))).toMatchInlineSnapshot(`
      [
        "0 platform→carrier INVITE ⇒ dialing ← initiating",
        "1 carrier→platform 100 Trying → carrier.trying ⇒ proceeding",
        "2 carrier→platform 180 Ringing → carrier.ringing ⇒ ringing",
        "412 platform→carrier CANCEL",
        "412 carrier→platform 200 OK (CANCEL)",
        "414 carrier→platform 487 Request Terminated → carrier.noAnswer ⇒ noAnswer",
        "414 platform→carrier ACK",
      ]
    `);
  });

  it('names the Q.850 cause of a Reason header on the failure it refined (RFC 3326)', async () => {
    const labels = (await ladderOf('not-found-reason')).messages.map((message) => message.label);
    expect(labels).toContain('404 Not Found → carrier.unallocated (Q.850 1)');
  });

  it('keeps the rows our RTP adds: the message played to the recipient between SIP messages', async () => {
    const ladder = await ladderOf('rtp');
    const played = ladder.messages.find((message) => message.event === 'playback.ended');
    expect(played).toMatchObject({
      from: 'platform',
      to: 'recipient',
      states: ['connected.releasing', 'connected.playing.nextMessage'],
    });
    const times = ladder.messages.map((message) => message.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(ladder.outcome).toBe('ANSWERED / COMPLETE / HANGUP');
  });

  it('draws a retransmission as sent, marked, moving nothing (RFC 3261 §17.1.1.2)', async () => {
    const sips: CapturedSip[] = [];
    const results: SipCallResult[] = [];
    await readSipCapture(
      createReadStream(capture('busy')),
      ONE_SECOND,
      (call) => results.push(call),
      (sip) => sips.push(sip),
    );
    const [call] = results;
    if (call?.kind !== 'record') throw new Error('busy: no record');
    const timed = sips.map((sip) => ({ at: Math.round((sip.timeUs - call.startUs) / 1000), message: sip.message }));
    const final = timed.findIndex((item) => item.message.kind === 'response' && item.message.status === 486);
    const again = { ...(timed[final] as (typeof timed)[number]), at: (timed[final]?.at ?? 0) + 500 };
    const ladder = sipLadder(call.record, [...timed, again]);
    expect(rows(ladder).at(-1)).toBe(`${again.at} carrier→platform 486 Busy Here (retransmission)`);
    expect(ladder.messages.filter((message) => message.event === 'carrier.busy')).toHaveLength(1);
  });

  it('draws one call of several, named by its Call-ID, with only its messages', async () => {
    const all = await captureLadder(createReadStream(capture('interleaved')), ONE_SECOND);
    expect([all.calls, all.call, all.ladder]).toEqual([5, null, null]);
    const second = all.callIds[1] as string;
    const ladder = await ladderOf('interleaved', second);
    expect(ladder.callId).toBe(second);
    expect(ladder.messages.filter((message) => message.event === 'carrier.answered')).toHaveLength(1);
  });

  it.skipIf(!HAVE_TSHARK).each(readdirSync(CAPTURES).map((file) => basename(file, '.pcapng')))(
    '%s: one arrow per SIP message Wireshark’s dissector reads, in order, at the same ms',
    async (name) => {
      // SIPp's built-in uac calls "service", no E.164 number: --to names one, as for `sip`.
      const options = name === 'sipp-builtin' ? { to: '+33612345678' } : {};
      const found = await captureLadder(createReadStream(capture(name)), { ...ONE_SECOND, ...options });
      const callId = found.callIds[0] as string;
      const ladder = await ladderOf(name, callId, options);
      expect(ourSip(ladder)).toEqual(tsharkSip(capture(name), callId));
    },
  );

  it('draws as Mermaid and as an SVG that parses, every SIP message with its time and state', async () => {
    const ladder = await ladderOf('early-media-404');
    const mermaid = ladderToMermaid(ladder);
    expect(mermaid).toContain('Note over platform,recipient: ');
    expect(mermaid).not.toContain('detector');
    const svg = ladderToSvg(ladder);
    expect(XMLValidator.validate(svg)).toBe(true);
    const texts = svgTexts(svg);
    for (const message of ladder.messages) {
      expect(texts).toContain(message.label);
      if (message.states[0] !== undefined) expect(texts).toContain(message.states[0]);
    }
  });
});

describe('diagram --capture', () => {
  it('draws the ladder as `sip` reads the call (--to, --message-ms), in mermaid, svg and json', async () => {
    const args = [
      'diagram',
      '--ladder',
      '--capture',
      capture('sipp-builtin'),
      '--to',
      '+33612345678',
      '--message-ms',
      '1000',
    ];
    const several = await runCli(args);
    expect(expectUsageError(several)).toMatch(/holds 3 calls: name one with --call \(accepted: "1-\d+@127\.0\.0\.1"/);
    const callId = /accepted: "([^"]+)"/.exec(several.stderr)?.[1] as string;
    const mermaid = await runCli([...args, '--call', callId]);
    expect(mermaid.code).toBe(0);
    // SIPp's uac hangs up 1.5 s (-d 1500) after the 200: our BYE, after the 1 s message's timer.
    expect(mermaid.stdout).toMatch(/platform->>carrier: 1\.5\d* s · BYE → platform\.abort\n/);
    const json = JSON.parse((await runCli([...args, '--call', callId, '--format', 'json'])).stdout);
    expect(json.outcome).toBe('ANSWERED / COMPLETE');
    expect(json.messages.map((message: { label: string }) => message.label.split(' ')[0])).toEqual([
      'INVITE',
      '180',
      '200',
      'ACK',
      'timer',
      'BYE',
      '200',
    ]);
    const svg = await runCli([...args, '--call', callId, '--format', 'svg']);
    expect(svgTexts(svg.stdout).some((text) => /^ANSWERED \/ COMPLETE after 1\.5\d* s$/.test(text))).toBe(true);
  });

  it('puts the call in the explorer: its path on the machine and its SIP ladder', async () => {
    const page = await runCli(['diagram', '--format', 'html', '--capture', capture('our-cancel')]);
    expect(page.code).toBe(0);
    expect(page.stdout).toContain('<section><h2>Ladder</h2><svg');
    expect(page.stdout).toContain('487 Request Terminated → carrier.noAnswer');
    const traced = await runCli(['diagram', '--format', 'mermaid', '--capture', capture('our-cancel')]);
    expect(traced.stdout).toContain('ABSENT / NO_ANSWER after 414 ms');
    expect(traced.stdout).toMatch(/class [\w,]+ visited/);
  });

  it('refuses what it cannot read in one line', async () => {
    const errors = [
      expectUsageError(await runCli(['diagram', '--ladder', '--capture', join(import.meta.dirname, 'ladder.test.ts')])),
      expectUsageError(await runCli(['diagram', '--ladder', '--capture', 'nope.pcapng'])),
      expectUsageError(await runCli(['diagram', '--ladder', '--capture', capture('busy'), '--call', 'nope'])),
      expectUsageError(await runCli(['diagram', '--ladder', '--capture', capture('busy'), '--us', '10.0.0.9'])),
      expectUsageError(
        await runCli(['diagram', '--ladder', '--scenario', 'examples/busy.json', '--capture', capture('busy')]),
      ),
      expectUsageError(await runCli(['diagram', '--us', '127.0.0.1'])),
      expectUsageError(await runCli(['diagram', '--call', 'x'])),
    ].map((line) => line.replace(CAPTURES, 'captures').replace(import.meta.dirname, '.'));
    expect(errors).toMatchInlineSnapshot(`
      [
        "call-lifecycle: diagram: ./ladder.test.ts: not a pcap or pcapng capture (it starts with bytes 69 6d 70 6f)",
        "call-lifecycle: diagram: nope.pcapng: no such file",
        "call-lifecycle: diagram: captures/busy.pcapng has no call "nope" (accepted: "1-25391@127.0.0.1")",
        "call-lifecycle: diagram: captures/busy.pcapng holds no call of ours (no INVITE from --us)",
        "call-lifecycle: diagram: draw one call: --scenario, --capture or --provider with --log, not several",
        "call-lifecycle: diagram: --us reads a capture: add --capture FILE",
        "call-lifecycle: diagram: --call names a call of a --capture, or of a --log with --ladder",
      ]
    `);
  });
});
