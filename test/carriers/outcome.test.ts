import { describe, expect, it } from 'vitest';
import { callbackOutcome, outcomeBeforePickup } from '../../src/carriers/outcome.js';
import { PROVIDERS } from '../../src/carriers/providers/index.js';

function outcomeOf(provider: keyof typeof PROVIDERS, payload: unknown, state?: 'dialing' | 'ringing') {
  const result = PROVIDERS[provider].normalize(payload);
  if (!result.ok) throw new Error(result.error.message);
  const outcome = callbackOutcome(result.value, state);
  return outcome === null ? null : [outcome.status, outcome.subStatus, outcome.resultCode];
}

describe('the outcome a callback decides', () => {
  it.each([
    ['twilio', { CallSid: 'CA1', CallStatus: 'busy' }, ['ABSENT', 'BUSY', null]],
    ['twilio', { CallSid: 'CA1', CallStatus: 'failed', SipResponseCode: '404' }, ['ERROR', 'UNALLOCATED_NUMBER', null]],
    ['twilio', { CallSid: 'CA1', CallStatus: 'no-answer' }, ['ABSENT', 'NO_ANSWER', null]],
    ['twilio', { CallSid: 'CA1', CallStatus: 'canceled' }, ['ERROR', 'OTHER', null]],
    ['vonage', { uuid: 'u1', status: 'failed', detail: 'invalid_number' }, ['ERROR', 'UNALLOCATED_NUMBER', null]],
    ['vonage', { uuid: 'u1', status: 'rejected', detail: 'declined' }, ['ERROR', 'REJECTED', null]],
    [
      'telnyx',
      { data: { event_type: 'call.hangup', payload: { call_leg_id: 'l1', hangup_cause: 'user_busy' } } },
      ['ABSENT', 'BUSY', null],
    ],
    ['plivo', { CallUUID: 'c1', CallStatus: 'failed', HangupCauseCode: '2000' }, ['ERROR', 'UNALLOCATED_NUMBER', null]],
    ['asterisk', { Linkedid: 'l1', DIALSTATUS: 'CHANUNAVAIL', HANGUPCAUSE: '21' }, ['ERROR', 'REJECTED', null]],
    [
      'freeswitch',
      { 'Event-Name': 'CHANNEL_HANGUP', 'Unique-ID': 'u1', 'Hangup-Cause': 'UNALLOCATED_NUMBER' },
      ['ERROR', 'UNALLOCATED_NUMBER', null],
    ],
  ] as const)('%s %j decides %j after a ring', (provider, payload, expected) => {
    expect(outcomeOf(provider, payload)).toEqual(expected);
  });

  it('leaves answered and progress callbacks to the machine', () => {
    expect(outcomeOf('twilio', { CallSid: 'CA1', CallStatus: 'completed' })).toBeNull();
    expect(outcomeOf('twilio', { CallSid: 'CA1', CallStatus: 'ringing' })).toBeNull();
    expect(outcomeOf('vonage', { uuid: 'u1', status: 'machine' })).toBeNull();
  });

  it('turns a no-answer that never rang into ERROR/OTHER, as the machine does', () => {
    expect(outcomeOf('twilio', { CallSid: 'CA1', CallStatus: 'no-answer' }, 'dialing')).toEqual([
      'ERROR',
      'OTHER',
      null,
    ]);
    expect(outcomeBeforePickup('carrier.ringing', 'dialing')).toBeNull();
  });
});
