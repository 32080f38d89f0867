import type { CallEventType } from '../../../machines/events.js';
import { fail, ok } from '../../../machines/result.js';
import { fromCodes } from '../codes.js';
import {
  MappingBuilder,
  withAlertedRing,
  causeField,
  e164,
  eventsOf,
  indexRows,
  isRecord,
  notACallback,
  numeric,
  providerRow as row,
  text,
  withDetection,
} from './read.js';
import type { MappedEvent, Provider, ProviderRow } from './types.js';

const DIALSTATUS = 'DIALSTATUS';
const HANGUPCAUSE = 'HANGUPCAUSE';
const AMDSTATUS = 'AMDSTATUS';
const EVENT = 'Event';

/** Asterisk channel variables (Dial(), AMD()) and the AMI events that carry them. */
export const ASTERISK_ROWS: readonly ProviderRow[] = [
  row(DIALSTATUS, 'ANSWER', ['carrier.answered']),
  row(DIALSTATUS, 'BUSY', ['carrier.busy']),
  row(DIALSTATUS, 'NOANSWER', ['carrier.noAnswer'], { policy: 'no-ring-no-absent' }),
  row(DIALSTATUS, 'CANCEL', ['platform.abort'], {
    policy: 'caller-cancel',
    note: 'The calling side hung up before the callee answered.',
  }),
  row(DIALSTATUS, 'CONGESTION', ['carrier.failed'], {
    note: 'Refined by HANGUPCAUSE (e.g. 1 → unallocated). In an AMI DialEnd it waits for the Hangup event, whose Cause decides.',
  }),
  row(DIALSTATUS, 'CHANUNAVAIL', ['carrier.failed'], {
    note: 'Refined by HANGUPCAUSE. In an AMI DialEnd it waits for the Hangup event, whose Cause decides.',
  }),
  row(DIALSTATUS, 'DONTCALL', ['carrier.rejected'], { note: 'Privacy mode: the callee refused the call.' }),
  row(DIALSTATUS, 'TORTURE', ['carrier.rejected'], {
    note: 'Privacy mode: the callee sent the caller to the torture menu.',
  }),
  row(DIALSTATUS, 'INVALIDARGS', ['carrier.failed'], { note: 'Our Dial() arguments were wrong.' }),
  row(HANGUPCAUSE, '1–127', [], {
    after: ['recipient.hangup'],
    policy: 'released-line',
    note: 'Before pickup: the Q.850 table decides. After pickup: a hangup.',
  }),
  row(AMDSTATUS, 'HUMAN', ['amd.human']),
  row(AMDSTATUS, 'MACHINE', ['amd.machine']),
  row(AMDSTATUS, 'NOTSURE', ['amd.unknown']),
  row(AMDSTATUS, 'HANGUP', ['recipient.hangup'], { note: 'The callee hung up during detection.' }),
  row(EVENT, 'Newstate', [], { note: 'ChannelStateDesc Ringing → carrier.ringing, Up → carrier.answered.' }),
  row(EVENT, 'DialState', [], {
    note: 'DialStatus RINGING → carrier.ringing; PROCEEDING and PROGRESS change nothing.',
  }),
  row(EVENT, 'DialEnd', [], { note: 'DialStatus is read as DIALSTATUS.' }),
  row(EVENT, 'Hangup', [], { note: 'Cause is read as HANGUPCAUSE.' }),
  row(EVENT, 'VarSet', [], { note: 'Variable DIALSTATUS, HANGUPCAUSE or AMDSTATUS with its Value.' }),
];

const rowOf = indexRows(ASTERISK_ROWS);
const CHANNEL_STATES: Record<string, CallEventType> = { Ringing: 'carrier.ringing', Up: 'carrier.answered' };
const DEFERRED = new Set(['CONGESTION', 'CHANUNAVAIL']);
const INFORMATIONAL_EVENTS = new Set([
  'Newchannel',
  'DialBegin',
  'NewCallerid',
  'NewConnectedLine',
  'HangupRequest',
  'SoftHangupRequest',
  'Cdr',
  'Cel',
  'OriginateResponse',
]);

/** The variables one record sets: bare (`{ "DIALSTATUS": "BUSY" }`) or from an AMI event. */
function variablesOf(
  record: Record<string, unknown>,
  builder: MappingBuilder,
): { vars: Map<string, string>; progress: CallEventType[] } {
  const vars = new Map<string, string>();
  const progress: CallEventType[] = [];
  for (const name of [DIALSTATUS, HANGUPCAUSE, AMDSTATUS]) {
    const value = text(record, name);
    if (value !== null) vars.set(name, value);
  }
  const event = text(record, EVENT);
  if (event === null) return { vars, progress };
  const state = text(record, 'ChannelStateDesc');
  if (event === 'Newstate') {
    const mapped = state === null ? undefined : CHANNEL_STATES[state];
    if (mapped !== undefined) progress.push(mapped);
  } else if (event === 'DialState') {
    if (text(record, 'DialStatus') === 'RINGING') progress.push('carrier.ringing');
  } else if (event === 'DialEnd') {
    // CONGESTION and CHANUNAVAIL only say "failed"; the Hangup event that follows carries the cause.
    const status = text(record, 'DialStatus');
    if (status !== null && !DEFERRED.has(status.toUpperCase())) vars.set(DIALSTATUS, status);
  } else if (event === 'Hangup') {
    const cause = text(record, 'Cause');
    if (cause !== null) vars.set(HANGUPCAUSE, cause);
  } else if (event === 'VarSet') {
    const name = text(record, 'Variable');
    const value = text(record, 'Value');
    if (name !== null && value !== null && [DIALSTATUS, HANGUPCAUSE, AMDSTATUS].includes(name)) vars.set(name, value);
  } else if (!INFORMATIONAL_EVENTS.has(event)) {
    builder.unknown(EVENT, record[EVENT]);
  }
  return { vars, progress };
}

function read(builder: MappingBuilder, field: string, value: string | undefined): ProviderRow | undefined {
  if (value === undefined) return undefined;
  const entry = rowOf(field, value.toUpperCase());
  if (entry === undefined) builder.unknown(field, value);
  else builder.rowPolicy(entry);
  return entry;
}

/**
 * Reads one Asterisk record: an AMI event as JSON (Newstate, DialState, DialEnd, Hangup, VarSet)
 * or a record of channel variables (DIALSTATUS, HANGUPCAUSE, AMDSTATUS) logged by the dialplan.
 *
 * @example
 * asterisk.normalize({ Linkedid: '1700000000.1', DIALSTATUS: 'CONGESTION', HANGUPCAUSE: '1' });
 * // → beforePickup: [{ type: 'carrier.unallocated', q850: 1 }]
 */
function normalize(record: unknown) {
  if (!isRecord(record)) return fail('', notACallback('asterisk', 'an object with Linkedid or Uniqueid', record));
  const callId = text(record, 'Linkedid') ?? text(record, 'Uniqueid');
  if (callId === null) return fail('Linkedid', notACallback('asterisk', 'a Linkedid or Uniqueid', record.Linkedid));
  const builder = new MappingBuilder('asterisk');
  const { vars, progress } = variablesOf(record, builder);
  const rawCause = vars.get(HANGUPCAUSE);
  const cause = rawCause === undefined ? null : causeField({ cause: rawCause }, 'cause');
  if (rawCause !== undefined && cause === null) builder.unknown(HANGUPCAUSE, rawCause);
  const dial = read(builder, DIALSTATUS, vars.get(DIALSTATUS));
  const amd = read(builder, AMDSTATUS, vars.get(AMDSTATUS));
  let before: MappedEvent[] = eventsOf(progress);
  let after: MappedEvent[] = eventsOf(progress);
  const byCause = cause === null ? null : fromCodes({ q850: cause });
  const causeEvent = byCause?.ok && byCause.value.kind === 'event' ? byCause.value : null;
  if (dial !== undefined) {
    const events = eventsOf(dial.before, { q850: cause }).map((event) =>
      event.type === 'carrier.failed' && causeEvent !== null ? causeEvent.event : event,
    );
    before.push(...events);
    after.push(...eventsOf(dial.after, { q850: cause }));
  } else if (causeEvent !== null) {
    before.push(causeEvent.event);
    for (const policy of causeEvent.policies) builder.policy(policy, 'before');
    after.push({ type: 'recipient.hangup' });
    builder.policy('released-line', 'after');
  }
  const detection = eventsOf(amd?.before ?? []);
  before = withDetection(withAlertedRing(before, builder), detection);
  after = withDetection(after, detection);
  const seconds = numeric(record, 'Timestamp');
  return ok({
    provider: 'asterisk' as const,
    callId,
    to: e164(text(record, 'To') ?? text(record, 'DestCallerIDNum') ?? text(record, 'Exten')),
    sequence: numeric(record, 'SequenceNumber'),
    timeMs: seconds === null ? null : Math.round(seconds * 1000),
    beforePickup: before,
    afterPickup: after,
    unmapped: builder.unmapped,
    policiesBeforePickup: builder.policiesBeforePickup,
    policiesAfterPickup: builder.policiesAfterPickup,
  });
}

export const asterisk: Provider = {
  name: 'asterisk',
  title: 'Asterisk',
  sources: [
    'https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Applications/Dial/',
    'https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Applications/AMD',
    'https://docs.asterisk.org/Configuration/Miscellaneous/Hangup-Cause-Mappings',
    'https://docs.asterisk.org/Certified-Asterisk_20.7_Documentation/API_Documentation/AMI_Events/DialEnd',
  ],
  identity:
    'grouped by Linkedid (else Uniqueid); time from the AMI Timestamp (epoch seconds, `timestampevents=yes`), sequence from SequenceNumber when the log adds one; To, DestCallerIDNum or Exten gives the number.',
  rows: ASTERISK_ROWS,
  normalize,
};
