import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { PROVIDERS } from '../../src/carriers/providers/index.js';
import type { ProviderName } from '../../src/carriers/providers/types.js';

const EXAMPLES_DIR = resolve(import.meta.dirname, '../../examples/providers');

/** The callbacks of examples/providers/<provider>.jsonl, parsed. */
export function exampleLog(provider: ProviderName): unknown[] {
  return readFileSync(resolve(EXAMPLES_DIR, `${provider}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export const MESSAGES = [{ id: 'message', durationMs: 30_000 }];

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
export function shapedPayload(name: ProviderName) {
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
