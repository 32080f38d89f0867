import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SipCaptureOptions } from '../../../src/sip/capture-calls.js';
import { readSipCapture } from '../../../src/sip/read-capture.js';
import type { SipCallRecord, SipCallResult } from '../../../src/sip/sip-record.js';
import { answered, ourCancel, refused, ringThenRefused } from './scenarios.js';
import type { SippRun } from './sipp.js';

/** The audio SIPp plays as our message: Debian's sip-tester ships it (7.05 s of G.711 A-law, 236 packets). */
const SIPP_AUDIO = '/usr/share/sip-tester/g711a.pcap';
/**
 * Its first 67 packets (1.98 s), cut by `cutSippAudio` with Wireshark's editcap: the RTP rule needs
 * a message longer than what was played, not 7 s of it (the case took 9 s of the suite).
 */
const SIPP_AUDIO_CUT = join(tmpdir(), 'call-lifecycle-g711a-67-packets.pcap');

/** Writes `SIPP_AUDIO_CUT` (for the live SIPp cases). */
export function cutSippAudio(): void {
  const cut = spawnSync('editcap', ['-r', SIPP_AUDIO, SIPP_AUDIO_CUT, '1-67'], { encoding: 'utf8' });
  if (cut.status !== 0) throw new Error(`editcap could not cut ${SIPP_AUDIO}: ${cut.stderr}`);
}

/** One SIPp case: how it runs, and what every record must say (written from the scenario's ladder and the RFCs). */
export interface SippCase {
  readonly name: string;
  readonly scenarios: SippRun['scenarios'];
  readonly run?: Partial<Pick<SippRun, 'transport' | 'ipv6' | 'calls' | 'rate' | 'uacArgs' | 'user'>>;
  readonly options?: Partial<SipCaptureOptions>;
  readonly check: (records: readonly SipCallRecord[]) => void;
}

const outcome = (record: SipCallRecord) =>
  [record.status, record.subStatus, record.resultCode].filter((part) => part !== null).join('/');
const states = (record: SipCallRecord) => record.timeline.map((entry) => entry.state);

/** One record per call, every call with a record. */
export async function recordsOf(file: string, options: Partial<SipCaptureOptions> = {}): Promise<SipCallRecord[]> {
  const results: SipCallResult[] = [];
  await readSipCapture(
    createReadStream(file),
    { messages: [{ id: 'message', durationMs: 1000 }], ...options },
    (call) => results.push(call),
  );
  return results.map((result) => {
    if (result.kind !== 'record') throw new Error(result.message);
    return result.record;
  });
}

function one(records: readonly SipCallRecord[]): SipCallRecord {
  expect(records).toHaveLength(1);
  return records[0] as SipCallRecord;
}

export const SIPP_CASES: readonly SippCase[] = [
  {
    // RFC 3261 §21.4.24 486 Busy Here; RFC 3398 §8.2.6.1 maps it to cause 17.
    name: 'busy',
    scenarios: refused(486, 'Busy Here'),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ABSENT/BUSY');
      expect([record.sipCode, record.q850]).toEqual([486, 17]);
      expect(states(record)).toEqual(['initiating', 'dialing', 'proceeding', 'busy']);
      expect(record.sip.finalResponse).toBe(486);
    },
  },
  {
    // 404 with a Reason naming Q.850 cause 1 (RFC 3326 §2; RFC 6432 carries it in responses).
    name: 'not-found-reason',
    scenarios: refused(404, 'Not Found', 'Q.850;cause=1;text="Unallocated (unassigned) number"'),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ERROR/UNALLOCATED_NUMBER');
      expect([record.sipCode, record.q850]).toEqual([404, 1]);
      expect(record.sip.finalReason).toEqual([
        { protocol: 'Q.850', cause: 1, text: 'Unallocated (unassigned) number' },
      ]);
    },
  },
  {
    // The callee rings, then declines: 603 Decline (RFC 3261 §21.6.2) is a rejection.
    name: 'ring-decline',
    scenarios: ringThenRefused(180, 300, 603, 'Decline'),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ERROR/REJECTED');
      expect(record.sipCode).toBe(603);
      expect(states(record)).toEqual(['initiating', 'dialing', 'proceeding', 'ringing', 'rejected']);
      expect(record.ringingAt).toBeGreaterThan(0);
      expect(record.endedAt - (record.ringingAt as number)).toBeGreaterThanOrEqual(250);
    },
  },
  {
    // A "number not in service" announcement as early media (183 with SDP), then 404.
    name: 'early-media-404',
    scenarios: ringThenRefused(183, 200, 404, 'Not Found'),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ERROR/UNALLOCATED_NUMBER');
      expect(record.timeline.find((entry) => entry.state === 'ringing')?.event).toBe('carrier.ringing');
      expect(record.sip.policies).toContain('sip-provisional');
    },
  },
  {
    // 503 with Reason cause 41 (Temporary failure): ERROR/OTHER, the cause kept with the code.
    name: 'unavailable-41',
    scenarios: refused(503, 'Service Unavailable', 'Q.850;cause=41'),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ERROR/OTHER');
      expect([record.sipCode, record.q850]).toEqual([503, 41]);
    },
  },
  {
    // 480 after ringing: nobody answered (policy sip-480).
    name: 'ring-480',
    scenarios: ringThenRefused(180, 200, 480, 'Temporarily Unavailable'),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ABSENT/NO_ANSWER');
      expect([record.sipCode, record.q850]).toEqual([480, 18]);
    },
  },
  {
    // We give up ringing: our CANCEL, its 200 (which answers nothing), the INVITE's 487.
    name: 'our-cancel',
    scenarios: ourCancel(400),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ABSENT/NO_ANSWER');
      expect(record.sipCode).toBe(487);
      expect(record.answeredAt).toBeNull();
      expect(record.ignoredEvents).toEqual([]);
      expect(record.sip.cancelledAt).toBeGreaterThanOrEqual(record.ringingAt as number);
    },
  },
  {
    // Answered, the callee hangs up after 600 ms: a 1 s message was cut short.
    name: 'callee-bye',
    scenarios: answered({ ringMs: 200, talkMs: 600, hangup: 'callee' }),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ANSWERED/INCOMPLETE/HANGUP');
      expect(record.sip.bye).toMatchObject({ by: 'them', reason: [{ protocol: 'Q.850', cause: 16 }] });
      expect(record.endedAt).toBe(record.sip.bye?.at);
      expect(record.sip.played).toEqual({ source: 'message length' });
    },
  },
  {
    // Answered; we release the line 1.5 s later, after the 1 s message: COMPLETE, no HANGUP.
    name: 'our-bye',
    scenarios: answered({ ringMs: 100, talkMs: 1500, hangup: 'us' }),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ANSWERED/COMPLETE');
      expect(record.sip.bye?.by).toBe('us');
      expect(states(record).at(-2)).toBe('connected.releasing');
    },
  },
  {
    // 183, 200, then a re-INVITE, INFO, OPTIONS and UPDATE in the dialog: counted, none a second answer.
    name: 'reinvite',
    scenarios: answered({ ringMs: 100, talkMs: 300, hangup: 'us', early: true, inDialog: true }),
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ANSWERED/INCOMPLETE');
      expect(record.sip.otherRequests).toEqual({ INVITE: 1, INFO: 1, OPTIONS: 1, UPDATE: 1 });
      expect(record.ignoredEvents).toEqual([]);
      expect(record.sipCode).toBe(200);
    },
  },
  {
    // Five calls at 20 per second, each ringing 300 ms: they overlap; records come in INVITE order.
    name: 'interleaved',
    scenarios: answered({ ringMs: 300, talkMs: 400, hangup: 'callee' }),
    run: { calls: 5, rate: 20 },
    check(records) {
      expect(records).toHaveLength(5);
      expect(new Set(records.map((record) => record.callId)).size).toBe(5);
      const starts = records.map((record) => Date.parse(record.startTime));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(Date.parse(records[1]?.startTime ?? '') - Date.parse(records[0]?.startTime ?? '')).toBeLessThan(
        records[0]?.endedAt ?? 0,
      );
      for (const record of records) expect(outcome(record)).toBe('ANSWERED/INCOMPLETE/HANGUP');
    },
  },
  {
    name: 'tcp',
    scenarios: answered({ ringMs: 200, talkMs: 300, hangup: 'callee' }),
    run: { transport: 'tcp', calls: 2 },
    check(records) {
      expect(records).toHaveLength(2);
      for (const record of records) {
        expect(outcome(record)).toBe('ANSWERED/INCOMPLETE/HANGUP');
        expect(record.sip.transport).toBe('tcp');
      }
    },
  },
  {
    name: 'ipv6',
    scenarios: ringThenRefused(180, 200, 603, 'Decline'),
    run: { ipv6: true },
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ERROR/REJECTED');
      expect(record.sip.us).toMatch(/^\[::1\]:\d+$/);
    },
  },
  {
    // Our audio (SIPp plays 1.98 s of G.711: SIPP_AUDIO_CUT), then the callee hangs up at ~3 s.
    // With a 2.5 s message the timers alone would say COMPLETE; the RTP says only 1.98 s were played.
    name: 'rtp',
    scenarios: answered({ ringMs: 100, talkMs: 3000, hangup: 'callee', play: SIPP_AUDIO_CUT }),
    options: { messages: [{ id: 'message', durationMs: 2500 }] },
    check(records) {
      const record = one(records);
      expect(outcome(record)).toBe('ANSWERED/INCOMPLETE/HANGUP');
      expect(record.sip.played).toMatchObject({ source: 'rtp' });
      const played = record.sip.played as { ms: number; packets: number };
      expect(played.packets).toBeGreaterThan(60);
      expect(played.ms).toBeGreaterThan(1500);
      expect(played.ms).toBeLessThan(2500);
    },
  },
  {
    // SIPp's own built-in scenarios, written by SIPp's authors (sipp -sd uac / -sd uas; SIPp
    // reference, "Integrated scenarios"): the uas answers (180, 200), the uac acknowledges,
    // waits -d ms and hangs up (BYE). With -d 1500 and a 1 s message, each call is ours to
    // release after the message: ANSWERED/COMPLETE. Its Request-URI user is "service": --to.
    name: 'sipp-builtin',
    scenarios: { builtin: { uac: 'uac', uas: 'uas' } },
    run: { calls: 3, rate: 10, uacArgs: ['-d', '1500'], user: null },
    options: { to: '+33612345678' },
    check(records) {
      expect(records).toHaveLength(3);
      for (const record of records) {
        expect(outcome(record)).toBe('ANSWERED/COMPLETE');
        expect(record.to).toBe('+33612345678');
        expect(record.sip.bye?.by).toBe('us');
        expect(record.endedAt - (record.answeredAt as number)).toBeGreaterThanOrEqual(1500);
      }
    },
  },
];
