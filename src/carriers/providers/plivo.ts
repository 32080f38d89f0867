import { fail, ok } from '../../../machines/result.js';
import { fromQ850 } from '../q850.js';
import { FREESWITCH_Q850_NAMES } from './freeswitch.js';
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
  text,
  withAlertedRing,
  withDetection,
} from './read.js';
import type { MappedEvent, Provider, ProviderRow } from './types.js';

const CALL_STATUS = 'CallStatus';
const DIAL_STATUS = 'DialStatus';
const CAUSE = 'HangupCauseCode';
const RING = 'DialRingStatus';
const MACHINE = 'Machine';
const SOURCE = 'HangupSource';
const CAUSE_NAME = 'HangupCause';

/** Plivo call and Dial statuses, hangup cause codes, and machine-detection results. */
const PLIVO_ROWS: readonly ProviderRow[] = [
  row(CALL_STATUS, 'ringing', ['carrier.ringing']),
  row(CALL_STATUS, 'in-progress', ['carrier.answered']),
  row(CALL_STATUS, 'completed', ['carrier.answered', 'recipient.hangup'], {
    after: ['recipient.hangup'],
    policy: 'completed-implies-answer',
    note: 'The implied answer is placed at AnswerTime (else Duration seconds before EndTime).',
  }),
  row(CALL_STATUS, 'busy', ['carrier.busy']),
  row(CALL_STATUS, 'no-answer', ['carrier.noAnswer'], { policy: 'no-ring-no-absent' }),
  row(CALL_STATUS, 'timeout', ['carrier.failed'], {
    note: 'Plivo: a timeout while connecting (carrier issue or network lag), not a ring timeout.',
  }),
  row(CALL_STATUS, 'cancel', ['carrier.rejected'], {
    policy: 'callee-cancel',
    note: 'Plivo: "canceled by the callee without answering". HangupSource (below) may say our side cancelled.',
  }),
  row(CALL_STATUS, 'failed', ['carrier.failed'], { note: 'Refined by HangupCauseCode.' }),
  row(DIAL_STATUS, 'completed', ['carrier.answered', 'recipient.hangup'], {
    after: ['recipient.hangup'],
    policy: 'completed-implies-answer',
  }),
  row(DIAL_STATUS, 'busy', ['carrier.busy']),
  row(DIAL_STATUS, 'failed', ['carrier.failed'], { note: 'Refined by HangupCauseCode.' }),
  row(DIAL_STATUS, 'timeout', ['carrier.noAnswer'], {
    policy: 'no-ring-no-absent',
    note: "Dial's timeout is the time the called party has to answer.",
  }),
  row(DIAL_STATUS, 'no-answer', ['carrier.noAnswer'], { policy: 'no-ring-no-absent' }),
  row(RING, 'true', ['carrier.ringing'], {
    after: [],
    note: 'The dial attempt rang: a ring observed before the status.',
  }),
  row(RING, 'false', [], { after: [] }),
  row(CAUSE, '0', [], { after: [], note: 'Unknown: the status decides.' }),
  row(CAUSE, '1000', ['platform.abort'], {
    after: ['platform.abort'],
    policy: 'caller-cancel',
    note: 'Canceled through the API.',
  }),
  row(CAUSE, '1010', ['platform.abort'], {
    after: ['platform.abort'],
    policy: 'caller-cancel',
    note: 'Out of credits.',
  }),
  row(CAUSE, '1020', ['platform.abort'], {
    after: ['platform.abort'],
    policy: 'caller-cancel',
    note: 'Simultaneous dial limit reached.',
  }),
  row(CAUSE, '2000', ['carrier.unallocated'], { after: [], note: 'Invalid destination address.' }),
  row(CAUSE, '2010', ['carrier.unallocated'], { after: [], policy: 'sip-410', note: 'Destination out of service.' }),
  row(CAUSE, '2020', ['carrier.failed'], { after: [], note: 'SIP endpoint not registered.' }),
  row(CAUSE, '2030', ['carrier.failed'], {
    after: [],
    policy: 'q850-barred',
    note: 'Destination country barred by account settings.',
  }),
  row(CAUSE, '2040', ['carrier.failed'], {
    after: [],
    policy: 'q850-barred',
    note: 'Destination number barred by account settings.',
  }),
  row(CAUSE, '2060', ['carrier.failed'], { after: [], note: 'Loop detected.' }),
  row(CAUSE, '4000', [], { after: ['recipient.hangup'], policy: 'released-line', note: 'Normal hangup.' }),
  row(CAUSE, '4010', [], {
    after: ['platform.abort'],
    policy: 'released-line',
    note: 'End of XML instructions: our application ended the call.',
  }),
  row(CAUSE, '4020', [], { after: ['platform.abort'], policy: 'released-line', note: 'Multiparty call ended.' }),
  row(CAUSE, '4030', [], {
    after: ['platform.abort'],
    policy: 'released-line',
    note: 'Kicked out of a multiparty call.',
  }),
  ...(
    [
      ['Caller', ['platform.abort'], ['platform.abort'], 'Our side (the caller of an outbound call) hung up.'],
      ['Call recipient', [], ['recipient.hangup'], 'The dialled party hung up.'],
      ['Plivo', ['platform.abort'], ['platform.abort'], 'Plivo ended the call (limits, credits): not the recipient.'],
      ['Carrier', [], ['recipient.hangup'], 'The far network sent the hang-up.'],
      ['API Request', ['platform.abort'], ['platform.abort'], 'Our Hangup or Cancel Call API request.'],
      ['Answer XML', ['platform.abort'], ['platform.abort'], 'Our Hangup XML element.'],
      ['Error', [], ['platform.abort'], 'An error ended the call: not the recipient.'],
      ['Unknown', [], ['recipient.hangup'], 'Not said: read as the line being released.'],
    ] as const
  ).map(([value, before, after, note]) =>
    row(SOURCE, value, before, {
      after,
      policy: 'released-line',
      note: `${note} Before pickup it only decides a cancel.`,
    }),
  ),
  row(CAUSE_NAME, 'FreeSWITCH names', [], {
    after: [],
    note: 'A failure that HangupCauseCode does not refine is refined by the cause name through its Q.850 number (as for FreeSWITCH).',
  }),
  row(MACHINE, 'true', ['amd.machine'], { note: 'Sent to machine_detection_url with CallStatus in-progress.' }),
  row(MACHINE, 'false', ['amd.human'], {
    note: 'Plivo documents Machine as "true if a machine is detected"; false is read as a person.',
  }),
];

const rowOf = indexRows(PLIVO_ROWS);

/** A cause row replaces a generic failure before pickup and the hangup after it; an empty list leaves the status's events. */
function refine(events: MappedEvent[], replacement: MappedEvent[], replaced: ReadonlySet<string>): MappedEvent[] {
  if (replacement.length === 0 || !events.some((event) => replaced.has(event.type))) return events;
  return [...events.filter((event) => !replaced.has(event.type)), ...replacement];
}

/**
 * Reads one Plivo callback (answer, ring, hangup, Dial action or machine-detection), its form
 * fields as a JSON object. DialStatus, when present, speaks for the dialled party and wins over CallStatus.
 *
 * @example
 * plivo.normalize({ CallUUID: 'c1', CallStatus: 'failed', HangupCauseCode: '2000', EndTime: '2026-01-05 10:00:02' });
 * // → beforePickup: [{ type: 'carrier.unallocated' }]
 */
function normalize(payload: unknown) {
  if (!isRecord(payload)) return fail('', notACallback('plivo', 'an object with CallUUID', payload));
  const callId = text(payload, 'CallUUID');
  if (callId === null) return fail('CallUUID', notACallback('plivo', 'a CallUUID', payload.CallUUID));
  const builder = new MappingBuilder('plivo');
  const read = (field: string) => {
    const value = text(payload, field);
    if (value === null) return undefined;
    const entry = rowOf(field, value.toLowerCase());
    if (entry === undefined) builder.unknown(field, payload[field]);
    else builder.rowPolicy(entry);
    return entry;
  };
  const status = text(payload, DIAL_STATUS) !== null ? read(DIAL_STATUS) : read(CALL_STATUS);
  let before = eventsOf(status?.before ?? []);
  let after = eventsOf(status?.after ?? []);
  const cause = read(CAUSE);
  if (cause !== undefined) {
    before = refine(before, eventsOf(cause.before), new Set(['carrier.failed', 'platform.abort', 'carrier.rejected']));
    after = refine(after, eventsOf(cause.after), new Set(['recipient.hangup']));
  }
  // HangupCause is FreeSWITCH's cause name: it refines a failure the code did not.
  const number = FREESWITCH_Q850_NAMES[text(payload, CAUSE_NAME) ?? ''];
  const byName = number === undefined ? null : fromQ850(number);
  if (byName?.ok && before.some((event) => event.type === 'carrier.failed')) {
    before = withAlertedRing(refine(before, [byName.value.event], new Set(['carrier.failed'])), builder);
    builder.policy(byName.value.policy, 'before');
  }
  const sourceValue = text(payload, SOURCE);
  const source = PLIVO_ROWS.find(
    (entry) => entry.field === SOURCE && entry.value.toLowerCase() === sourceValue?.toLowerCase(),
  );
  if (sourceValue !== null && source === undefined) builder.unknown(SOURCE, payload[SOURCE]);
  if (source !== undefined) {
    // Who hung up: after pickup it replaces the cause's reading; before pickup it only decides a cancel.
    if (status?.value === 'cancel') before = refine(before, eventsOf(source.before), new Set(['carrier.rejected']));
    const replaced = refine(after, eventsOf(source.after), new Set(['recipient.hangup', 'platform.abort']));
    if (replaced !== after) builder.policy('released-line', 'after');
    after = replaced;
  }
  const ring = read(RING);
  if (ring !== undefined) before = [...eventsOf(ring.before), ...before];
  const machine = read(MACHINE);
  const detection = eventsOf(machine?.before ?? []);
  const end = dateMs(text(payload, 'EndTime'));
  const answer = dateMs(text(payload, 'AnswerTime'));
  const seconds = numeric(payload, 'Duration');
  const offset = end !== null && answer !== null ? answer - end : seconds !== null ? -seconds * 1000 : null;
  if (status?.value === 'completed' && offset !== null && offset <= 0) {
    before = before.map((event) => (event.type === 'carrier.answered' ? { ...event, offsetMs: offset } : event));
  }
  return ok(
    builder.mapping({
      callId,
      to: e164(text(payload, 'To')),
      sequence: null,
      timeMs: end ?? answer ?? dateMs(text(payload, 'StartTime')),
      beforePickup: withDetection(before, detection),
      afterPickup: withDetection(after, detection),
    }),
  );
}

export const plivo: Provider = {
  name: 'plivo',
  title: 'Plivo',
  sources: [
    'https://www.plivo.com/docs/voice/troubleshooting/hangup-causes',
    'https://www.plivo.com/docs/voice/use-cases/dial-status-reporting',
    'https://www.plivo.com/docs/voice/api/call/asynchronous-machine-detection/',
    'https://support.plivo.com/hc/en-us/articles/360041432532-What-do-the-different-call-statuses-mean-',
  ],
  identity:
    'grouped by CallUUID; time from EndTime, else AnswerTime, else StartTime (`YYYY-MM-DD HH:MM:SS`, read as UTC), no sequence number; To gives the number.',
  rows: PLIVO_ROWS,
  normalize,
};
