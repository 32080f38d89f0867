import { fail, ok } from '../../../machines/result.js';
import { fromSip } from '../sip.js';
import {
  MappingBuilder,
  dateMs,
  e164,
  eventsOf,
  indexRows,
  isRecord,
  notACallback,
  numeric,
  providerRow as row,
  sipField,
  text,
  withDetection,
} from './read.js';
import type { MappedEvent, Provider, ProviderRow } from './types.js';

const STATUS = 'CallStatus';
const ANSWERED_BY = 'AnsweredBy';

/** Twilio's CallStatus and AnsweredBy values (status callbacks and AMD callbacks). */
const TWILIO_ROWS: readonly ProviderRow[] = [
  row(STATUS, 'queued', []),
  row(STATUS, 'initiated', []),
  row(STATUS, 'ringing', ['carrier.ringing']),
  row(STATUS, 'in-progress', ['carrier.answered']),
  row(STATUS, 'completed', ['carrier.answered', 'recipient.hangup'], {
    after: ['recipient.hangup'],
    policy: 'completed-implies-answer',
    note: 'Covers people, IVRs and voicemail alike; only AnsweredBy tells them apart. The implied answer is placed CallDuration seconds before the callback.',
  }),
  row(STATUS, 'busy', ['carrier.busy']),
  row(STATUS, 'no-answer', ['carrier.noAnswer'], { policy: 'no-ring-no-absent' }),
  row(STATUS, 'failed', ['carrier.failed'], {
    note: 'A final SipResponseCode refines it through the SIP table (404 → carrier.unallocated).',
  }),
  row(STATUS, 'canceled', ['platform.abort'], {
    policy: 'caller-cancel',
    note: 'Cancelled through the REST API before pickup.',
  }),
  row(ANSWERED_BY, 'human', ['amd.human']),
  row(ANSWERED_BY, 'machine_start', ['amd.machine'], {
    note: 'The machine then waits for a beep (beepMs) before leaving the message.',
  }),
  row(ANSWERED_BY, 'machine_end_beep', ['amd.machine', 'voicemail.beep']),
  row(ANSWERED_BY, 'machine_end_silence', ['amd.machine', 'voicemail.beep']),
  row(ANSWERED_BY, 'machine_end_other', ['amd.machine', 'voicemail.beep']),
  row(ANSWERED_BY, 'fax', ['amd.machine'], { policy: 'fax' }),
  row(ANSWERED_BY, 'machine', ['amd.machine'], {
    note: 'The legacy IfMachine parameter reported a machine this way (answering-machine-detection docs).',
  }),
  row(ANSWERED_BY, 'unknown', ['amd.unknown']),
];

const rowOf = indexRows(TWILIO_ROWS);

interface StatusEvents {
  readonly before: readonly MappedEvent[];
  readonly after: readonly MappedEvent[];
}

/** Shared by every callback without a status (Twilio's AMD callback), so frozen. */
const NO_STATUS: StatusEvents = Object.freeze({ before: Object.freeze([]), after: Object.freeze([]) });

function statusEvents(payload: Record<string, unknown>, builder: MappingBuilder): StatusEvents {
  const status = text(payload, STATUS);
  if (status === null) return NO_STATUS;
  const entry = rowOf(STATUS, status);
  if (entry === undefined) {
    builder.unknown(STATUS, payload[STATUS]);
    return NO_STATUS;
  }
  builder.rowPolicy(entry);
  const sipCode = sipField(payload, 'SipResponseCode');
  const sip = sipCode === null ? null : fromSip(sipCode);
  const refined = sip?.ok && sip.value.kind === 'event' ? sip.value.event : null;
  const codes = { sipCode, q850: refined?.q850 ?? null };
  const seconds = status === 'completed' ? numeric(payload, 'CallDuration') : null;
  const answerOffsetMs = seconds !== null && seconds >= 0 ? -seconds * 1000 : null;
  const before = refine(eventsOf(entry.before, codes), refined, answerOffsetMs);
  // Most statuses mean the same on either side: one list, held once.
  const same = entry.after === entry.before && answerOffsetMs === null;
  return { before, after: same ? before : refine(eventsOf(entry.after, codes), refined, null) };
}

/**
 * A final SipResponseCode's event in place of `carrier.failed` (404 → carrier.unallocated), and
 * the answer a `completed` implies placed CallDuration seconds before the callback.
 */
function refine(events: MappedEvent[], refined: MappedEvent | null, answerOffsetMs: number | null): MappedEvent[] {
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as MappedEvent;
    if (event.type === 'carrier.failed' && refined !== null) events[index] = { ...refined };
    else if (event.type === 'carrier.answered' && answerOffsetMs !== null)
      events[index] = { ...event, offsetMs: answerOffsetMs };
  }
  return events;
}

/** The names of the REST Call resource (`GET /Calls/CA….json`) as the status callback spells them. */
const CALL_RESOURCE_NAMES: Readonly<Record<string, string>> = {
  sid: 'CallSid',
  status: 'CallStatus',
  answered_by: 'AnsweredBy',
  to: 'To',
  end_time: 'Timestamp',
  duration: 'CallDuration',
};

/** A Call resource exported from the REST API is read like its final status callback. */
function asCallback(payload: Record<string, unknown>): Record<string, unknown> {
  if (Object.hasOwn(payload, 'CallSid') || !Object.hasOwn(payload, 'sid')) return payload;
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      (Object.hasOwn(CALL_RESOURCE_NAMES, key) ? CALL_RESOURCE_NAMES[key] : undefined) ?? key,
      value,
    ]),
  );
}

/**
 * Reads one Twilio status or AMD callback (its form fields as a JSON object).
 *
 * @example
 * twilio.normalize({ CallSid: 'CA1', CallStatus: 'busy', SipResponseCode: '486', SequenceNumber: '2' });
 * // → { ok: true, value: { callId: 'CA1', sequence: 2, beforePickup: [{ type: 'carrier.busy', sipCode: 486, q850: 17 }], … } }
 */
function normalize(input: unknown) {
  if (!isRecord(input)) return fail('', notACallback('twilio', 'an object with CallSid', input));
  const payload = asCallback(input);
  const callId = text(payload, 'CallSid');
  if (callId === null) return fail('CallSid', notACallback('twilio', 'a CallSid', payload.CallSid));
  const builder = new MappingBuilder('twilio');
  const status = statusEvents(payload, builder);
  let detection: readonly MappedEvent[] = [];
  const answeredBy = text(payload, ANSWERED_BY);
  if (answeredBy !== null) {
    const entry = rowOf(ANSWERED_BY, answeredBy);
    if (entry === undefined) builder.unknown(ANSWERED_BY, payload[ANSWERED_BY]);
    else {
      builder.rowPolicy(entry);
      detection = eventsOf(entry.before);
    }
  }
  return ok(
    builder.mapping({
      callId,
      to: e164(text(payload, 'To')),
      sequence: numeric(payload, 'SequenceNumber'),
      timeMs: dateMs(text(payload, 'Timestamp')),
      beforePickup: withDetection(status.before, detection),
      afterPickup: withDetection(status.after, detection),
    }),
  );
}

export const twilio: Provider = {
  name: 'twilio',
  title: 'Twilio',
  sources: [
    'https://www.twilio.com/docs/voice/api/call-resource#call-status-values',
    'https://support.twilio.com/hc/en-us/articles/223132547-What-are-the-possible-call-statuses-and-what-do-they-mean',
    'https://www.twilio.com/docs/voice/answering-machine-detection',
    'https://www.twilio.com/docs/voice/answering-machine-detection-faq-best-practices',
  ],
  identity:
    'grouped by CallSid; time from Timestamp (RFC 2822), sequence from SequenceNumber (the AMD callback has neither); To gives the number. SipResponseCode is kept on carrier events. A Call resource exported from the REST API (sid, status, answered_by, to, end_time, duration) is read like its final callback.',
  rows: TWILIO_ROWS,
  normalize,
};
