import { fc, test as property } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { PROVIDERS, PROVIDER_NAMES } from '../../src/carriers/providers/index.js';
import { replayProviderLog } from '../../src/carriers/replay.js';
import { MESSAGES } from './support.js';

// The fields each provider's callbacks are keyed by, so generated payloads reach the mapping code.
const ID_FIELDS: Record<string, string> = {
  twilio: 'CallSid',
  vonage: 'uuid',
  plivo: 'CallUUID',
  asterisk: 'Linkedid',
  freeswitch: 'Unique-ID',
};
const TIME_FIELDS = [
  'Timestamp',
  'timestamp',
  'occurred_at',
  'EndTime',
  'AnswerTime',
  'Event-Date-Timestamp',
  'SequenceNumber',
  'Event-Sequence',
  'CallDuration',
  'duration',
  'Duration',
];
const CODE_FIELDS = [
  'SipResponseCode',
  'sip_hangup_cause',
  'HANGUPCAUSE',
  'Cause',
  'variable_sip_term_status',
  'variable_hangup_cause_q850',
  'To',
  'to',
  'Caller-Destination-Number',
];

/** A payload shaped like a provider's callback: its id, its documented fields with documented or arbitrary values. */
function shapedPayload(name: (typeof PROVIDER_NAMES)[number]) {
  const provider = PROVIDERS[name];
  const fields = [
    ...new Set([
      ...provider.rows.map((row) => row.field),
      'Event',
      'Variable',
      'Value',
      'ChannelStateDesc',
      'DialStatus',
      'Event-Subclass',
      ...TIME_FIELDS,
      ...CODE_FIELDS,
    ]),
  ];
  const valueArb = fc.oneof(
    fc.constantFrom(...provider.rows.map((row) => row.value)),
    fc.jsonValue(),
    fc.integer({ min: -5, max: 1000 }).map(String),
  );
  const body = fc.dictionary(fc.constantFrom(...fields), valueArb, { maxKeys: 6 });
  if (name === 'telnyx') {
    return fc
      .record({
        event_type: valueArb,
        occurred_at: valueArb,
        payload: fc
          .tuple(body, fc.string({ maxLength: 3 }))
          .map(([payload, id]) => ({ ...payload, call_leg_id: `leg${id}` })),
      })
      .map((data) => ({ data }));
  }
  return fc
    .tuple(body, fc.string({ maxLength: 3 }))
    .map(([payload, id]) => ({ ...payload, [ID_FIELDS[name] as string]: `id${id}` }));
}

describe('normalizers', () => {
  for (const name of PROVIDER_NAMES) {
    property.prop([fc.oneof(fc.anything(), fc.jsonValue())])(`${name} never throws on arbitrary values`, (payload) => {
      const result = PROVIDERS[name].normalize(payload);
      expect(typeof result.ok).toBe('boolean');
    });

    property.prop([shapedPayload(name)])(
      `${name} reads any shaped callback into events or unmapped values, never a throw`,
      (payload) => {
        const result = PROVIDERS[name].normalize(payload);
        expect(result.ok).toBe(true);
        if (result.ok)
          for (const item of result.value.unmapped) expect(item).toMatchObject({ kind: 'unmapped', provider: name });
      },
    );

    property.prop([fc.array(fc.oneof(shapedPayload(name), fc.jsonValue()), { maxLength: 8 })], { numRuns: 50 })(
      `replaying any ${name} log gives one result per call id, never a throw`,
      (log) => {
        const result = replayProviderLog(name, log, { messages: MESSAGES, to: '+33612345678' });
        const ids = new Set(result.calls.map((call) => call.callId));
        expect(ids.size).toBe(result.calls.length);
        expect(result.calls.length + result.rejected.length).toBeLessThanOrEqual(log.length);
      },
    );
  }
});
