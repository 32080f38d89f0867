import type { ProviderName } from '../../src/carriers/providers/types.js';

/** One call's callbacks, in the order its provider sends them. */
export interface StreamCall {
  readonly provider: ProviderName;
  readonly callId: string;
  readonly callbacks: readonly Record<string, unknown>[];
}

const BASE = Date.UTC(2026, 0, 5, 10, 0, 0);
const OUTCOMES = ['busy', 'answered', 'noAnswer'] as const;

/**
 * Calls of four providers in the field names and values their pages document (sources in
 * docs/carriers.md and test/serve/fixtures.ts): a ring, then a busy line, a call answered and hung
 * up 20–60 s later, or a ring that nobody answers.
 */
export function streamCalls(count: number): StreamCall[] {
  const providers: ProviderName[] = ['twilio', 'telnyx', 'vonage', 'plivo'];
  return Array.from({ length: count }, (_, index) => {
    const provider = providers[index % providers.length] ?? 'twilio';
    const outcome = OUTCOMES[Math.floor(index / providers.length) % OUTCOMES.length] ?? 'busy';
    const start = BASE + index * 1_000;
    const talk = 20 + (index % 41);
    return callOf(provider, `${provider}-${index}`, outcome, start, talk);
  });
}

function callOf(
  provider: ProviderName,
  id: string,
  outcome: (typeof OUTCOMES)[number],
  start: number,
  talk: number,
): StreamCall {
  const at = (seconds: number) => new Date(start + seconds * 1_000);
  const to = '+33612345678';
  if (provider === 'twilio') {
    const base = { CallSid: id, To: to };
    const time = (seconds: number) => at(seconds).toUTCString();
    const end =
      outcome === 'busy'
        ? { CallStatus: 'busy', SipResponseCode: '486' }
        : outcome === 'noAnswer'
          ? { CallStatus: 'no-answer' }
          : { CallStatus: 'completed', CallDuration: String(talk) };
    return {
      provider,
      callId: id,
      callbacks: [
        { ...base, CallStatus: 'ringing', SequenceNumber: '1', Timestamp: time(2) },
        { ...base, ...end, SequenceNumber: '2', Timestamp: time(outcome === 'answered' ? 8 + talk : 25) },
      ],
    };
  }
  if (provider === 'telnyx') {
    const event = (n: number, type: string, seconds: number, payload: Record<string, unknown> = {}) => ({
      data: {
        id: `${id}-e${n}`,
        event_type: type,
        occurred_at: at(seconds).toISOString(),
        payload: { call_leg_id: id, to, ...payload },
      },
    });
    const hangup =
      outcome === 'busy'
        ? { hangup_cause: 'user_busy', sip_hangup_cause: '486' }
        : outcome === 'noAnswer'
          ? { hangup_cause: 'timeout' }
          : { hangup_cause: 'normal_clearing', hangup_source: 'callee' };
    return {
      provider,
      callId: id,
      callbacks: [
        event(1, 'call.initiated', 0),
        ...(outcome === 'answered' ? [event(2, 'call.answered', 8)] : []),
        event(3, 'call.hangup', outcome === 'answered' ? 8 + talk : 25, hangup),
      ],
    };
  }
  if (provider === 'vonage') {
    const event = (status: string, seconds: number, extra: Record<string, unknown> = {}) => ({
      uuid: id,
      status,
      to: to.slice(1),
      timestamp: at(seconds).toISOString(),
      ...extra,
    });
    const end =
      outcome === 'busy'
        ? [event('busy', 6)]
        : outcome === 'noAnswer'
          ? [event('timeout', 32)]
          : [event('answered', 8), event('completed', 8 + talk, { duration: String(talk) })];
    return { provider, callId: id, callbacks: [event('started', 0), event('ringing', 1), ...end] };
  }
  const time = (seconds: number) => at(seconds).toISOString().replace('T', ' ').slice(0, 19);
  const base = { CallUUID: id, To: to.slice(1), StartTime: time(0) };
  const end =
    outcome === 'busy'
      ? { CallStatus: 'busy', EndTime: time(6) }
      : outcome === 'noAnswer'
        ? { CallStatus: 'no-answer', EndTime: time(32) }
        : { CallStatus: 'completed', AnswerTime: time(8), EndTime: time(8 + talk), Duration: String(talk) };
  return {
    provider,
    callId: id,
    callbacks: [
      { ...base, CallStatus: 'ringing' },
      { ...base, ...end },
    ],
  };
}
