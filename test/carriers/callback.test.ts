import { describe, expect, it } from 'vitest';
import { parseFormBody, readCallback, type ProviderCallback } from '../../src/carriers/callback.js';
import { orderCallbacks } from '../../src/carriers/order.js';

function read(provider: Parameters<typeof readCallback>[0], body: unknown): ProviderCallback {
  const result = readCallback(provider, body);
  if (!result.ok) throw new Error(`expected a callback, got ${result.error.path}: ${result.error.message}`);
  return result.value;
}

// Twilio posts status callbacks as application/x-www-form-urlencoded, every value text, with
// SequenceNumber and an RFC 2822 Timestamp (twilio.com/docs/voice/api/call-resource#statuscallback,
// "Request parameters"; SipResponseCode on final statuses).
const TWILIO_BUSY_FORM =
  'AccountSid=AC0123&ApiVersion=2010-04-01&CallSid=CA0001&CallStatus=busy&CallbackSource=call-progress-events' +
  '&Direction=outbound-api&From=%2B14155550100&SequenceNumber=2&SipResponseCode=486' +
  '&Timestamp=Fri%2C+27+Nov+2026+09%3A00%3A05+%2B0000&To=%2B33612345678';

describe('readCallback: one callback in, the events it means for its call out', () => {
  it('reads a form-encoded Twilio status callback as Twilio posts it', () => {
    const callback = read('twilio', new URLSearchParams(TWILIO_BUSY_FORM));
    expect(callback).toMatchObject({
      provider: 'twilio',
      callId: 'CA0001',
      to: '+33612345678',
      sequence: 2,
      timeMs: Date.UTC(2026, 10, 27, 9, 0, 5),
      beforePickup: [{ type: 'carrier.busy', sipCode: 486, q850: 17 }],
    });
    expect(callback.key).toMatch(/^twilio:CA0001:[0-9a-f]{16}$/);
    // The same body as parsed fields or as URLSearchParams is the same callback.
    expect(read('twilio', parseFormBody(TWILIO_BUSY_FORM))).toEqual(callback);
  });

  it('gives a redelivery the same key, and another event another key', () => {
    // Telnyx retries a webhook with the same data and meta.attempt incremented
    // (developers.telnyx.com/api-reference/callbacks/call-hangup: data.id, occurred_at, payload.call_leg_id).
    const hangup = (attempt: number, occurredAt: string, cause: string) => ({
      data: {
        record_type: 'event',
        event_type: 'call.hangup',
        id: `0ccc7b54-4df3-4bca-a65a-${cause === 'user_busy' ? '3da1ecc777f0' : '3da1ecc777f1'}`,
        occurred_at: occurredAt,
        payload: {
          call_control_id: 'v3:abc',
          call_leg_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
          to: '+13129457420',
          hangup_cause: cause,
          hangup_source: 'callee',
          sip_hangup_cause: cause === 'user_busy' ? '486' : 'unspecified',
        },
      },
      meta: { attempt, delivered_to: 'https://example.com/webhooks' },
    });
    const first = read('telnyx', hangup(1, '2018-02-02T22:25:27.521992Z', 'user_busy'));
    const retry = read('telnyx', hangup(2, '2018-02-02T22:25:27.521992Z', 'user_busy'));
    const other = read('telnyx', hangup(1, '2018-02-02T22:25:27.521992Z', 'normal_clearing'));
    expect(retry.key).toBe(first.key);
    expect(other.key).not.toBe(first.key);
  });

  it('answers a body that is not a callback, or an unknown provider, with an error value', () => {
    expect(readCallback('vonage', { status: 'busy' })).toEqual({
      ok: false,
      error: { path: 'uuid', message: 'not a vonage callback: expected a uuid (or call_uuid), got nothing' },
    });
    expect(readCallback('sinch' as 'twilio', {})).toMatchObject({
      ok: false,
      error: { path: 'provider', message: expect.stringContaining('unknown provider "sinch"') },
    });
  });
});

describe('orderCallbacks: time first', () => {
  // FreeSWITCH stamps every event with Event-Date-Timestamp (µs since the epoch) and a switch-wide
  // Event-Sequence (src/switch_event.c, switch_event_prep_for_delivery_detailed; both appear in
  // every `event json` dump).
  const fs = (name: string, micros: number | null, sequence: number | null, extra: Record<string, string> = {}) =>
    read('freeswitch', {
      'Event-Name': name,
      'Unique-ID': 'u1',
      ...(micros === null ? {} : { 'Event-Date-Timestamp': String(micros) }),
      ...(sequence === null ? {} : { 'Event-Sequence': String(sequence) }),
      ...extra,
    });
  const names = (callbacks: readonly ProviderCallback[]) =>
    callbacks.map((callback) => `${callback.timeMs ?? '-'}/${callback.sequence ?? '-'}`);

  it('applies a late echo of an early signal at its own time, after what happened before it', () => {
    const answer = fs('CHANNEL_ANSWER', 10_000_000, 3);
    const beep = fs('CUSTOM', 20_000_000, 5, { 'Event-Subclass': 'avmd::beep', 'Beep-Status': 'DETECTED' });
    const echo = fs('CHANNEL_EXECUTE_COMPLETE', 30_000_000, 9, { variable_amd_result: 'MACHINE' });
    expect(names(orderCallbacks([echo, beep, answer]))).toEqual(['10000/3', '20000/5', '30000/9']);
  });

  it('breaks a tie of times by sequence number, and a tie of both by lifecycle phase', () => {
    const progress = fs('CHANNEL_PROGRESS', 5_000_000, 8);
    const answer = fs('CHANNEL_ANSWER', 5_000_000, 7);
    expect(names(orderCallbacks([progress, answer]))).toEqual(['5000/7', '5000/8']);
    const progressUnsequenced = fs('CHANNEL_PROGRESS', 5_000_000, null);
    const answerUnsequenced = fs('CHANNEL_ANSWER', 5_000_000, null);
    expect(
      orderCallbacks([answerUnsequenced, progressUnsequenced]).map((callback) => callback.beforePickup[0]?.type),
    ).toEqual(['carrier.ringing', 'carrier.answered']);
  });

  it('places a callback without a time before the first timed one of a later phase', () => {
    // Twilio's asynchronous AMD callback carries AnsweredBy but neither Timestamp nor SequenceNumber
    // (twilio.com/docs/voice/answering-machine-detection, "AsyncAmdStatusCallback parameters").
    const at = (seconds: number) => `Fri, 27 Nov 2026 09:00:${String(seconds).padStart(2, '0')} +0000`;
    const ringing = read('twilio', { CallSid: 'CA1', CallStatus: 'ringing', SequenceNumber: '1', Timestamp: at(2) });
    const answered = read('twilio', {
      CallSid: 'CA1',
      CallStatus: 'in-progress',
      SequenceNumber: '2',
      Timestamp: at(9),
    });
    const completed = read('twilio', {
      CallSid: 'CA1',
      CallStatus: 'completed',
      SequenceNumber: '3',
      Timestamp: at(50),
    });
    const amd = read('twilio', { CallSid: 'CA1', AnsweredBy: 'machine_end_beep' });
    expect(orderCallbacks([completed, amd, answered, ringing])).toEqual([ringing, answered, amd, completed]);
  });
});
