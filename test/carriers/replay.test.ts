import { fc, test as property } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { readCallback } from '../../src/carriers/callback.js';
import { replayProviderLog, type CallReplay } from '../../src/carriers/replay.js';
import { ProviderLogStream, type StreamOutput } from '../../src/carriers/stream.js';
import { PROVIDER_NAMES, type ProviderName } from '../../src/carriers/providers/index.js';
import { outcomeKey } from '../../src/taxonomy/list.js';
import { MESSAGES, exampleLog } from './support.js';

// The outcome of each example call (its story is in examples/providers/README.md), with 30 s of
// message: written from the calls' stories, not from running them.
const EXPECTED: Record<ProviderName, Record<string, string>> = {
  twilio: {
    CA00000000000000000000000000000001: 'ANSWERED/COMPLETE',
    CA00000000000000000000000000000002: 'ABSENT/BUSY',
    CA00000000000000000000000000000003: 'ABSENT/NO_ANSWER',
    CA00000000000000000000000000000004: 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
    CA00000000000000000000000000000005: 'ERROR/UNALLOCATED_NUMBER',
    CA00000000000000000000000000000006: 'ANSWERED/INCOMPLETE/HANGUP',
    CA00000000000000000000000000000007: 'ERROR/OTHER',
    CA00000000000000000000000000000008: 'ERROR/OTHER',
    // Twilio's default subscription: only the terminal callback, and the AMD callback without a time.
    CA00000000000000000000000000000009: 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
  },
  vonage: {
    'aaaaaaaa-0000-4000-8000-000000000001': 'ANSWERED/COMPLETE/HANGUP',
    'aaaaaaaa-0000-4000-8000-000000000002': 'ABSENT/BUSY',
    'aaaaaaaa-0000-4000-8000-000000000003': 'ERROR/UNALLOCATED_NUMBER',
    'aaaaaaaa-0000-4000-8000-000000000004': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_INCOMPLETE',
    'aaaaaaaa-0000-4000-8000-000000000005': 'ABSENT/NO_ANSWER',
    'aaaaaaaa-0000-4000-8000-000000000006': 'ERROR/REJECTED',
  },
  telnyx: {
    '428c31b6-7af4-4bcb-b7f5-000000000001': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
    '428c31b6-7af4-4bcb-b7f5-000000000002': 'ABSENT/BUSY',
    '428c31b6-7af4-4bcb-b7f5-000000000003': 'ANSWERED/INCOMPLETE/HANGUP',
    '428c31b6-7af4-4bcb-b7f5-000000000004': 'ERROR/UNALLOCATED_NUMBER',
    '428c31b6-7af4-4bcb-b7f5-000000000005': 'ERROR/OTHER',
    '428c31b6-7af4-4bcb-b7f5-000000000006': 'ABSENT/NO_ANSWER',
  },
  plivo: {
    'b0d7e3f2-0000-4000-9000-000000000001': 'ANSWERED/COMPLETE',
    'b0d7e3f2-0000-4000-9000-000000000002': 'ERROR/UNALLOCATED_NUMBER',
    'b0d7e3f2-0000-4000-9000-000000000003': 'ABSENT/NO_ANSWER',
    'b0d7e3f2-0000-4000-9000-000000000004': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
    'b0d7e3f2-0000-4000-9000-000000000005': 'ERROR/OTHER',
  },
  asterisk: {
    '1795770000.101': 'ANSWERED/COMPLETE',
    '1795770000.102': 'ERROR/UNALLOCATED_NUMBER',
    '1795770000.103': 'ABSENT/NO_ANSWER',
    '1795770000.104': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
    '1795770000.105': 'ABSENT/BUSY',
    '1795770000.106': 'ERROR/REJECTED',
  },
  freeswitch: {
    '5f0c3a9e-0000-4000-8000-000000000001': 'ANSWERED/COMPLETE',
    '5f0c3a9e-0000-4000-8000-000000000002': 'ABSENT/BUSY',
    '5f0c3a9e-0000-4000-8000-000000000003': 'ABSENT/NO_ANSWER',
    '5f0c3a9e-0000-4000-8000-000000000004': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_INCOMPLETE',
    '5f0c3a9e-0000-4000-8000-000000000005': 'ABSENT/BUSY',
    '5f0c3a9e-0000-4000-8000-000000000006': 'ERROR/OTHER',
  },
};

function outcomes(calls: readonly CallReplay[]): Record<string, string> {
  return Object.fromEntries(
    calls.map((call) => [call.callId, call.kind === 'record' ? outcomeKey(call.record) : call.kind]),
  );
}

describe('replaying the example logs', () => {
  it.each(PROVIDER_NAMES)(
    'examples/providers/%s.jsonl gives each call its expected outcome, in first-timestamp order',
    (provider) => {
      const result = replayProviderLog(provider, exampleLog(provider), { messages: MESSAGES });
      expect(result.rejected).toEqual([]);
      expect(outcomes(result.calls)).toEqual(EXPECTED[provider]);
      expect(result.calls.map((call) => call.callId)).toEqual(Object.keys(EXPECTED[provider]));
    },
  );

  it('drives the machine through the whole Twilio story, applying a redelivered callback once and ignoring a late one', () => {
    const call = replayProviderLog('twilio', exampleLog('twilio'), { messages: MESSAGES }).calls[0];
    expect(call?.kind === 'record' && call.record.timeline.map((entry) => `${entry.at} ${entry.state}`)).toEqual([
      '0 initiating',
      '0 dialing',
      '3000 ringing',
      '11000 connected.screening',
      '11000 connected.detecting',
      '11000 connected.playing.nextMessage',
      '11000 connected.playing.timedMessage',
      '41000 connected.playing.nextMessage',
      '41000 connected.releasing',
      '42000 answeredComplete',
    ]);
    expect(
      call?.kind === 'record' && call.record.ignoredEvents.map((event) => `${event.at} ${event.state} ${event.event}`),
    ).toEqual(['43000 answeredComplete recipient.hangup']);
  });

  it('holds a detection result that comes before the answer a later "completed" implies', () => {
    const log = exampleLog('twilio').filter(
      (callback) => (callback as { CallSid?: string }).CallSid === 'CA00000000000000000000000000000009',
    );
    const call = replayProviderLog('twilio', log, { messages: MESSAGES }).calls[0];
    expect(
      call?.kind === 'record' && call.record.timeline.map((entry) => `${entry.at} ${entry.state} ${entry.event}`),
    ).toEqual([
      '0 initiating xstate.init',
      '0 dialing xstate.init',
      '0 connected.screening carrier.answered',
      '0 connected.detecting carrier.answered',
      '0 connected.voicemail.screening amd.machine',
      '0 connected.voicemail.awaitingBeep amd.machine',
      '0 connected.voicemail.leaving.nextMessage voicemail.beep',
      '0 connected.voicemail.leaving.timedMessage voicemail.beep',
      '30000 connected.voicemail.leaving.nextMessage after:messageDuration',
      '30000 voicemailComplete after:messageDuration',
    ]);
    expect(call?.kind === 'record' && call.record.ignoredEvents).toEqual([
      { at: 41_000, state: 'voicemailComplete', event: 'recipient.hangup' },
    ]);
  });

  it('places a verdict that comes with the end of the call at pickup (verdict-at-pickup)', () => {
    const at = (seconds: number) => `Fri, 27 Nov 2026 10:02:${String(seconds).padStart(2, '0')} +0000`;
    const log = [
      {
        CallSid: 'CAv',
        To: '+14155550125',
        CallStatus: 'completed',
        CallDuration: '41',
        AnsweredBy: 'machine_end_beep',
        SequenceNumber: '3',
        Timestamp: at(50),
      },
      { CallSid: 'CAv', To: '+14155550125', CallStatus: 'in-progress', SequenceNumber: '2', Timestamp: at(9) },
      {
        CallSid: 'CAh',
        To: '+14155550126',
        CallStatus: 'completed',
        CallDuration: '41',
        AnsweredBy: 'human',
        SequenceNumber: '3',
        Timestamp: at(50),
      },
    ];
    const calls = replayProviderLog('twilio', log, { messages: [{ id: 'm', durationMs: 20_000 }] }).calls;
    // Left right after pickup, the 20 s message fits in the 41 s the call lasted.
    expect(outcomes(calls)).toEqual({ CAv: 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE', CAh: 'ANSWERED/COMPLETE' });
    const voicemail = calls.find((call) => call.callId === 'CAv');
    expect(voicemail?.kind === 'record' && voicemail.record.policies).toContain('verdict-at-pickup');
    expect(
      voicemail?.kind === 'record' && voicemail.record.timeline.find((entry) => entry.event === 'amd.machine')?.at,
    ).toBe(0);
  });

  it('lets the message length decide COMPLETE: a 40 s message is cut by the hangup at 43 s', () => {
    const result = replayProviderLog('twilio', exampleLog('twilio'), {
      messages: [{ id: 'long', durationMs: 40_000 }],
    });
    expect(outcomes(result.calls).CA00000000000000000000000000000001).toBe('ANSWERED/INCOMPLETE/HANGUP');
  });

  it('reports a log that stops while ringing as stalled, and a call with no number as invalid unless --to is given', () => {
    const ringing = [{ CallSid: 'CA9', CallStatus: 'ringing', To: '+33612345678', SequenceNumber: '1' }];
    expect(replayProviderLog('twilio', ringing, { messages: MESSAGES }).calls).toEqual([
      {
        kind: 'stalled',
        callId: 'CA9',
        message: 'twilio call CA9: the log ends in ringing, with no final status from twilio',
      },
    ]);
    const anonymous = [{ Linkedid: 'x1', DIALSTATUS: 'BUSY' }];
    expect(replayProviderLog('asterisk', anonymous, { messages: MESSAGES }).calls[0]).toMatchObject({
      kind: 'invalid',
      message: 'asterisk call x1: no callback names the destination number; pass --to +E164',
    });
    expect(
      outcomes(replayProviderLog('asterisk', anonymous, { messages: MESSAGES, to: '+33612345678' }).calls),
    ).toEqual({ x1: 'ABSENT/BUSY' });
  });

  it('reports a call whose callbacks are years apart as invalid, not as a record with years of ringing', () => {
    const log = [
      {
        CallSid: 'CAy',
        To: '+33612345678',
        CallStatus: 'ringing',
        SequenceNumber: '1',
        Timestamp: 'Thu, 01 Jan 1970 00:00:02 +0000',
      },
      {
        CallSid: 'CAy',
        To: '+33612345678',
        CallStatus: 'busy',
        SequenceNumber: '2',
        Timestamp: 'Fri, 27 Nov 2026 09:00:05 +0000',
      },
    ];
    expect(replayProviderLog('twilio', log, { messages: MESSAGES }).calls).toEqual([
      {
        kind: 'invalid',
        callId: 'CAy',
        message: 'twilio call CAy: its callbacks are 20784 days apart; a timestamp must be wrong',
      },
    ]);
  });

  it('keeps each distinct unmapped value once, with the policies used', () => {
    const log = [
      { CallSid: 'CA1', To: '+33612345678', CallStatus: 'ringing', SequenceNumber: '1' },
      { CallSid: 'CA1', To: '+33612345678', CallStatus: 'busy', AnsweredBy: 'robot', SequenceNumber: '2' },
      { CallSid: 'CA1', To: '+33612345678', CallStatus: 'busy', AnsweredBy: 'robot', SequenceNumber: '2' },
    ];
    const call = replayProviderLog('twilio', log, { messages: MESSAGES }).calls[0];
    expect(call?.kind === 'record' && [call.record.unmapped, call.record.policies]).toEqual([
      [{ kind: 'unmapped', provider: 'twilio', field: 'AnsweredBy', value: 'robot' }],
      ['unmapped'],
    ]);
  });

  it('puts a specific ending before a generic one that shares its timestamp (two channels hanging up)', () => {
    const hangup = (cause: string, channel: string) => ({
      Event: 'Hangup',
      Linkedid: 'l1',
      Channel: channel,
      Cause: cause,
      Timestamp: '1795770030.000000',
      To: '+33612345678',
    });
    const log = [
      { Event: 'Newstate', Linkedid: 'l1', ChannelStateDesc: 'Ringing', Timestamp: '1795770001.000000' },
      hangup('16', 'Local/a'),
      hangup('19', 'PJSIP/b'),
    ];
    expect(outcomes(replayProviderLog('asterisk', log, { messages: MESSAGES }).calls)).toEqual({
      l1: 'ABSENT/NO_ANSWER',
    });
  });

  it('names the callbacks that are not callbacks by their index', () => {
    expect(
      replayProviderLog('vonage', [{ status: 'busy' }, 7], { messages: MESSAGES }).rejected.map((item) => item.index),
    ).toEqual([0, 1]);
  });
});

describe('out-of-order and duplicate callbacks', () => {
  for (const provider of PROVIDER_NAMES) {
    const log = exampleLog(provider);
    const original = replayProviderLog(provider, log, { messages: MESSAGES }).calls;
    const indices = log.map((_, index) => index);

    property.prop([fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length })], {
      numRuns: 25,
    })(`${provider}: shuffling the log does not change any record`, (order) => {
      expect(
        replayProviderLog(
          provider,
          order.map((index) => log[index]),
          { messages: MESSAGES },
        ).calls,
      ).toEqual(original);
    });

    property.prop(
      [
        fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }),
        fc.array(fc.constantFrom(...indices), { minLength: 1, maxLength: 6 }),
      ],
      { numRuns: 25 },
    )(`${provider}: shuffling and redelivering callbacks does not change any record`, (order, copies) => {
      const calls = replayProviderLog(
        provider,
        [...order, ...copies].map((index) => log[index]),
        { messages: MESSAGES },
      ).calls;
      expect(calls).toEqual(original);
    });
  }
});

describe('streaming a log', () => {
  it('recognizes a reported call for at least an hour of log time, then forgets it', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 9, minute)).toUTCString().replace('GMT', '+0000');
    const busy = (sid: string, minute: number, sequence: number) => ({
      CallSid: sid,
      To: '+33612345678',
      CallStatus: sequence === 1 ? 'ringing' : 'busy',
      SequenceNumber: String(sequence),
      Timestamp: at(minute),
    });
    const outputs: StreamOutput[] = [];
    const stream = new ProviderLogStream('twilio', { messages: MESSAGES, graceMs: 1000 }, (out) => outputs.push(out));
    const log = [
      busy('CAa', 0, 1),
      busy('CAa', 0, 2),
      busy('CAb', 5, 1),
      busy('CAb', 5, 2),
      // CAa's record is written by now; its ringing again 59 minutes after it ended is late.
      busy('CAa', 59, 1),
      busy('CAc', 120, 1),
      busy('CAc', 120, 2),
      busy('CAd', 185, 1),
      // More than two hours after CAa's record: forgotten, so this starts a new CAa.
      busy('CAa', 186, 1),
      busy('CAa', 186, 2),
    ];
    for (const body of log) {
      const read = readCallback('twilio', body);
      if (read.ok) stream.push(read.value);
    }
    stream.end();
    // A late callback is reported as it comes; a record when the stream next checks its graces.
    expect(outputs.map((out) => `${out.kind} ${out.callId}`)).toEqual([
      'record CAa',
      'late CAa',
      'record CAb',
      'record CAc',
      'stalled CAd',
      'record CAa',
    ]);
  });

  it.each(PROVIDER_NAMES)('%s: ProviderLogStream gives the records replayProviderLog gives', (provider) => {
    const log = exampleLog(provider);
    const batch = replayProviderLog(provider, log, { messages: MESSAGES }).calls;
    for (const graceMs of [0, 60_000]) {
      const streamed: StreamOutput[] = [];
      const stream = new ProviderLogStream(provider, { messages: MESSAGES, graceMs }, (out) => streamed.push(out));
      for (const body of log) {
        const read = readCallback(provider, body);
        if (read.ok) stream.push(read.value);
      }
      stream.end();
      // The example logs deliver some callbacks late and out of order; with no grace those are
      // reported as late instead of applied, so only the default grace must equal the batch.
      const records = streamed.filter((out) => out.kind !== 'late');
      expect(records.map((out) => out.callId).sort()).toEqual(batch.map((call) => call.callId).sort());
      if (graceMs > 0)
        expect(records).toEqual(expect.arrayContaining(batch.map((call) => expect.objectContaining(call))));
    }
  });
});
