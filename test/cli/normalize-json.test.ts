import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../../src/carriers/policies.js';
import { PROVIDER_NAMES } from '../../src/carriers/providers/index.js';
import { type NormalizedRecord, replayProviderLog } from '../../src/carriers/replay.js';
import { writeNormalizedRecord } from '../../src/cli/commands/normalize-json.js';
import { ByteWriter } from '../../src/simulator/bytes.js';
import { numRuns } from '../simulator/arbitraries.js';
import { ROOT } from '../support/cli.js';
import { fc, test } from '../support/property.js';

// `normalize` writes its records through its own byte serializer; its output must stay exactly
// `JSON.stringify(record)` and a newline, whatever the record holds.

function written(records: readonly NormalizedRecord[]): string {
  // A small buffer, so that records also cross the points where it grows.
  const out = new ByteWriter(16);
  for (const record of records) writeNormalizedRecord(out, record);
  return new TextDecoder().decode(out.bytes.subarray(0, out.length));
}

const stringified = (records: readonly NormalizedRecord[]) =>
  records.map((record) => `${JSON.stringify(record)}\n`).join('');

/**
 * Mostly what the fast path writes (plain ids, whole ms), sometimes what sends a record to the
 * standard serializer (escapes, non-ASCII, fractional or huge numbers): both paths are exercised.
 */
const text = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9.+-]{0,20}$/), weight: 30 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.constantFrom('"', '\\', '\u2028', '\u0000', '\ud800', 'é', '😀', '</script>'), weight: 1 },
);
const time = fc.oneof(
  { arbitrary: fc.nat(), weight: 30 },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.constantFrom(-0, 2 ** 60, Number.MAX_SAFE_INTEGER), weight: 1 },
);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
/** What a provider may send as a value nobody mapped: any JSON, with keys chosen to hurt. */
const hostileKey = fc.oneof(
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'toJSON', '"', '\\', '\u2028', ''),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 3 }),
  ),
})).value;

const timelineEntry = fc.record({ at: time, state: text, event: text });
const ignoredEvent = fc.record(
  { at: time, state: text, event: text, sipCode: fc.integer({ min: 100, max: 699 }), q850: time },
  { requiredKeys: ['at', 'state', 'event'] },
);
const policyId = fc.constantFrom(...(Object.keys(POLICIES) as (keyof typeof POLICIES)[]));

/** A record in the engine's key order (`CALL_RECORD_FIELDS`, then what replay adds). */
const recordArb = fc
  .record({
    callId: text,
    to: text,
    outcome: fc.constantFrom(
      ['ANSWERED', 'COMPLETE', null],
      ['ANSWERED', 'INCOMPLETE', 'HANGUP'],
      ['ABSENT', 'VOICEMAIL_DETECTED', 'VOICEMAIL_COMPLETE'],
      ['ABSENT', 'NO_ANSWER', null],
      ['ERROR', 'OTHER', null],
    ),
    messagesPlayed: fc.nat(3),
    sipCode: nullable(fc.integer({ min: 100, max: 699 })),
    q850: nullable(time),
    startedAt: nullable(time),
    ringingAt: nullable(time),
    answeredAt: nullable(time),
    endedAt: time,
    timeline: fc.array(timelineEntry, { maxLength: 6 }),
    ignoredEvents: fc.array(ignoredEvent, { maxLength: 2 }),
    provider: fc.constantFrom(...PROVIDER_NAMES),
    unmapped: fc.array(fc.record({ field: text, value: hostileValue }), { maxLength: 3 }),
    policies: fc.uniqueArray(policyId, { maxLength: 4 }),
  })
  .map(({ callId, to, outcome: [status, subStatus, resultCode], ...rest }) => {
    const { messagesPlayed, sipCode, q850, startedAt, ringingAt, answeredAt, endedAt, timeline } = rest;
    const unmapped = rest.unmapped.map(({ field, value }) => ({
      kind: 'unmapped',
      provider: rest.provider,
      field,
      value,
    }));
    return {
      callId,
      to,
      status,
      subStatus,
      resultCode,
      messagesPlayed,
      sipCode,
      q850,
      startedAt,
      ringingAt,
      answeredAt,
      endedAt,
      timeline,
      ignoredEvents: rest.ignoredEvents,
      provider: rest.provider,
      unmapped,
      policies: rest.policies,
    } as unknown as NormalizedRecord;
  });

describe("normalize's record serializer", () => {
  test.prop([fc.array(recordArb, { maxLength: 5 })], { numRuns: numRuns(300) })(
    'writes JSON.stringify of each record, byte for byte (escapes, unicode, nulls, odd numbers, hostile keys)',
    (records) => {
      expect(written(records)).toBe(stringified(records));
    },
  );

  it.each(PROVIDER_NAMES)('writes the records of the %s example log as JSON.stringify does', (provider) => {
    const lines = readFileSync(resolve(ROOT, `examples/providers/${provider}.jsonl`), 'utf8')
      .trim()
      .split('\n');
    const result = replayProviderLog(
      provider,
      lines.map((line) => JSON.parse(line) as unknown),
      { messages: [{ id: 'm1', durationMs: 30_000 }] },
    );
    const records = result.calls.flatMap((call) => (call.kind === 'record' ? [call.record] : []));
    // The fast path, not only the fallback: most example records are plain.
    expect(records.length).toBeGreaterThan(2);
    expect(written(records)).toBe(stringified(records));
  });

  it('a record with an escaped string or a fractional time goes through the fallback, still exact', () => {
    const lines = readFileSync(resolve(ROOT, 'examples/providers/twilio.jsonl'), 'utf8').trim().split('\n');
    const result = replayProviderLog(
      'twilio',
      lines.map((line) => JSON.parse(line) as unknown),
      {
        messages: [{ id: 'm1', durationMs: 30_000 }],
      },
    );
    const plain = result.calls.flatMap((call) => (call.kind === 'record' ? [call.record] : []))[0];
    if (plain === undefined) throw new Error('no record in the Twilio example');
    const odd = [
      { ...plain, callId: 'a"b\u2028é' },
      { ...plain, endedAt: plain.endedAt + 0.5 },
      { ...plain, to: '+1 😀' },
    ];
    expect(written(odd)).toBe(stringified(odd));
  });
});
