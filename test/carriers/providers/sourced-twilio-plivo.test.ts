import { describe, expect, it } from 'vitest';
import { parseFormBody, readCallback } from '../../../src/carriers/callback.js';
import { orderCallbacks } from '../../../src/carriers/order.js';
import { replayProviderLog } from '../../../src/carriers/replay.js';
import { outcomeKey } from '../../../src/taxonomy/list.js';
import { MESSAGES } from '../support.js';

// Form posts as Twilio and Plivo send them (application/x-www-form-urlencoded, every value text).
// Each expected outcome was written from the source named beside it before the normalizers were
// changed to meet it (issue 10).

function outcomes(provider: 'twilio' | 'plivo', forms: readonly string[]) {
  const result = replayProviderLog(provider, forms.map(parseFormBody), { messages: MESSAGES });
  expect(result.rejected).toEqual([]);
  return Object.fromEntries(
    result.calls.map((call) => [call.callId, call.kind === 'record' ? outcomeKey(call.record) : call.kind]),
  );
}

describe('Twilio', () => {
  // twilio.com/docs/voice/answering-machine-detection: the legacy IfMachine parameter reported a
  // machine as AnsweredBy=machine (today's values are machine_start, machine_end_*).
  it('reads the legacy AnsweredBy=machine as a machine', () => {
    const read = readCallback(
      'twilio',
      parseFormBody(
        'CallSid=CA0000000000000000000000000000000a&AnsweredBy=machine&CallStatus=in-progress&To=%2B14155550101',
      ),
    );
    expect(read.ok && [read.value.unmapped, read.value.afterPickup.map((event) => event.type)]).toEqual([
      [],
      ['carrier.answered', 'amd.machine'],
    ]);
  });
});

describe('Twilio status callbacks with every parameter Twilio sends', () => {
  // twilio.com/docs/api/twiml/twilio_request ("Twilio's Request"): every voice request carries
  // CallSid, AccountSid, From, To, CallStatus, ApiVersion, Direction, ForwardedFrom, CallerName and,
  // where known, the geographic FromCity, FromState, FromZip, FromCountry, ToCity, ToState, ToZip,
  // ToCountry. twilio.com/docs/voice/api/call-resource#statuscallback: a status callback adds
  // CallbackSource (call-progress-events), SequenceNumber (the order Twilio sent them in),
  // Timestamp (RFC 2822, whole seconds) and CallDuration / SipResponseCode on the final one.
  // Only CallStatus, AnsweredBy, SipResponseCode, CallDuration, To, SequenceNumber and Timestamp say
  // anything about the outcome; the rest is accepted silently, never reported as unmapped.
  const common =
    'AccountSid=AC0123456789abcdef0123456789abcdef&ApiVersion=2010-04-01&CallSid=CA0000000000000000000000000000000b&Direction=outbound-api&From=%2B14155550100&To=%2B14155550101';
  const geo =
    '&CallerName=&ForwardedFrom=&FromCity=SAN+FRANCISCO&FromState=CA&FromZip=94105&FromCountry=US&ToCity=OAKLAND&ToState=CA&ToZip=94612&ToCountry=US&CallbackSource=call-progress-events';
  const at = (second: number) => `Timestamp=Fri%2C+27+Nov+2026+09%3A00%3A${String(second).padStart(2, '0')}+%2B0000`;

  it('reads a callback with the documented geographic and source fields as it reads one without them', () => {
    const bare = `${common}&CallStatus=busy&SipResponseCode=486&SequenceNumber=2&${at(7)}`;
    const read = (body: string) => readCallback('twilio', parseFormBody(body));
    const plain = read(bare);
    const full = read(`${bare}${geo}`);
    expect(full.ok && full.value.unmapped).toEqual([]);
    // The same key: to Twilio's own fields the callback means the same thing.
    expect(full.ok && plain.ok && [full.value.key, full.value.beforePickup]).toEqual([
      plain.ok && plain.value.key,
      [{ type: 'carrier.busy', sipCode: 486, q850: 17 }],
    ]);
  });

  it('orders callbacks logged in the same second by SequenceNumber, before any reading of their phase', () => {
    // The answer (SequenceNumber 2) and the ringing (SequenceNumber 1) land in the same second and
    // arrive answer first. Made up to tell the two rules apart: the ringing is numbered after the
    // answer here, so only SequenceNumber puts it second.
    const ringing = readCallback(
      'twilio',
      parseFormBody(`${common}${geo}&CallStatus=ringing&SequenceNumber=3&${at(9)}`),
    );
    const answer = readCallback(
      'twilio',
      parseFormBody(`${common}${geo}&CallStatus=in-progress&SequenceNumber=2&${at(9)}`),
    );
    if (!ringing.ok || !answer.ok) throw new Error('not read');
    expect(orderCallbacks([ringing.value, answer.value]).map((callback) => callback.sequence)).toEqual([2, 3]);
  });
});

describe('Plivo', () => {
  // support.plivo.com, "What do the different call statuses mean": "Cancel: The call has been
  // canceled by the callee without answering". plivo.com/docs/voice/troubleshooting/hangup-causes:
  // hangup callbacks carry HangupCauseCode, HangupCauseName and HangupSource (Caller, Call
  // recipient, Plivo, Carrier, API Request, Answer XML, Error, Unknown); 1000 is a cancel through
  // the Hangup Call API (source API Request). HangupCause is FreeSWITCH's cause name.
  const hangup = (uuid: string, fields: string) =>
    `CallUUID=${uuid}&Direction=outbound&From=14155550100&To=14155550101&StartTime=2026-11-27+09%3A00%3A00&EndTime=2026-11-27+09%3A00%3A12&${fields}`;
  const ringing = (uuid: string) =>
    `CallUUID=${uuid}&Direction=outbound&From=14155550100&To=14155550101&CallStatus=ringing&StartTime=2026-11-27+09%3A00%3A00`;

  it('reads cancel by the callee as a refusal, and by the API as our own cancel', () => {
    expect(
      outcomes('plivo', [
        ringing('p-callee'),
        hangup(
          'p-callee',
          'CallStatus=cancel&HangupCause=CALL_REJECTED&HangupCauseCode=3010&HangupCauseName=Rejected&HangupSource=Call+recipient',
        ),
        ringing('p-api'),
        hangup(
          'p-api',
          'CallStatus=cancel&HangupCause=ORIGINATOR_CANCEL&HangupCauseCode=1000&HangupCauseName=Canceled&HangupSource=API+Request',
        ),
      ]),
    ).toEqual({ 'p-callee': 'ERROR/REJECTED', 'p-api': 'ERROR/OTHER' });
  });

  it('lets the FreeSWITCH cause name decide when the code has no row, and says the code is unmapped', () => {
    const forms = [
      ringing('p-busy'),
      hangup('p-busy', 'CallStatus=failed&HangupCause=USER_BUSY&HangupCauseCode=7777&HangupSource=Carrier'),
    ];
    expect(outcomes('plivo', forms)).toEqual({ 'p-busy': 'ABSENT/BUSY' });
    const call = replayProviderLog('plivo', forms.map(parseFormBody), { messages: MESSAGES }).calls[0];
    expect(call?.kind === 'record' && call.record.unmapped).toEqual([
      { kind: 'unmapped', provider: 'plivo', field: 'HangupCauseCode', value: '7777' },
    ]);
  });

  it('reads who hung up an answered call from HangupSource', () => {
    const answered = (uuid: string) =>
      `CallUUID=${uuid}&Direction=outbound&To=14155550101&CallStatus=in-progress&StartTime=2026-11-27+09%3A00%3A00&AnswerTime=2026-11-27+09%3A00%3A05`;
    const completed = (uuid: string, source: string) =>
      `${hangup(uuid, `CallStatus=completed&AnswerTime=2026-11-27+09%3A00%3A05&Duration=7&HangupCause=NORMAL_CLEARING&HangupCauseCode=4000&HangupSource=${source}`)}`;
    // Both end 12 s into the call, 7 s into the 30 s message: the callee's hang-up is HANGUP, ours is not.
    expect(
      outcomes('plivo', [
        answered('p-them'),
        completed('p-them', 'Call+recipient'),
        answered('p-us'),
        completed('p-us', 'Answer+XML'),
      ]),
    ).toEqual({ 'p-them': 'ANSWERED/INCOMPLETE/HANGUP', 'p-us': 'ANSWERED/INCOMPLETE' });
  });
});
