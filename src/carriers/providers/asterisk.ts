import type { CallEventType } from '../../../machines/events.js';
import { fail, ok } from '../../../machines/result.js';
import { fromCodes } from '../codes.js';
import { EVENT_CLASSES } from '../event-classes.js';
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
const PLAYBACKSTATUS = 'PLAYBACKSTATUS';
const VARIABLES = [DIALSTATUS, HANGUPCAUSE, AMDSTATUS, PLAYBACKSTATUS];
const EVENT = 'Event';
const DIAL_STATE = 'DialState.DialStatus';

/** Asterisk channel variables (Dial(), AMD()) and the AMI events that carry them. */
const ASTERISK_ROWS: readonly ProviderRow[] = [
  row(DIALSTATUS, 'ANSWER', ['carrier.answered']),
  row(DIALSTATUS, 'BUSY', ['carrier.busy']),
  row(DIALSTATUS, 'NOANSWER', ['carrier.noAnswer'], {
    policy: 'no-ring-no-absent',
    note: 'Said for every hang-up cause but 17, 34, 3 and 20 (main/dial.c): a specific cause in HANGUPCAUSE, or in the Hangup event after a DialEnd, decides (policy cause-decides).',
  }),
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
  row(HANGUPCAUSE, '0', [], {
    after: ['recipient.hangup'],
    policy: 'released-line',
    note: 'No cause was set (app_dial hangs up a ring-timed-out channel without one): the dial status decides.',
  }),
  row(PLAYBACKSTATUS, 'SUCCESS', [], {
    after: ['playback.ended'],
    policy: 'provider-playback',
    note: 'Playback() returned having streamed the file (apps/app_playback.c). A far-end hang-up during it comes first, as HangupRequest.',
  }),
  row(PLAYBACKSTATUS, 'FAILED', [], {
    after: [],
    note: 'The file could not be played: nothing is said about the line; the message does not count as played.',
  }),
  row(AMDSTATUS, 'HUMAN', ['amd.human']),
  row(AMDSTATUS, 'MACHINE', ['amd.machine']),
  row(AMDSTATUS, 'NOTSURE', ['amd.unknown']),
  row(AMDSTATUS, 'HANGUP', ['recipient.hangup'], { note: 'The callee hung up during detection.' }),
  row(EVENT, 'Newstate', [], { note: 'ChannelStateDesc Ringing → carrier.ringing, Up → carrier.answered.' }),
  row(EVENT, 'DialState', [], { note: 'Read by its DialStatus (below).' }),
  row(DIAL_STATE, 'RINGING', ['carrier.ringing'], { after: [] }),
  row(DIAL_STATE, 'PROGRESS', ['carrier.ringing'], {
    after: [],
    policy: 'sip-provisional',
    note: 'chan_pjsip reports a 183 (and a 180 with SDP) as PROGRESS only, with no Newstate Ringing: early media, in practice ringback.',
  }),
  row(DIAL_STATE, 'PROCEEDING', [], { after: [], note: 'The far end is working on it (100 Trying): no ring yet.' }),
  row(EVENT, 'DialEnd', [], {
    note: 'DialStatus is read as DIALSTATUS; NOANSWER, CONGESTION and CHANUNAVAIL wait for the Hangup event (policy cause-decides).',
  }),
  row(EVENT, 'Hangup', [], { note: 'Cause is read as HANGUPCAUSE.' }),
  row(EVENT, 'HangupRequest', [], {
    after: ['recipient.hangup'],
    policy: 'released-line',
    note: 'The far end asked to hang up (a BYE): after pickup the recipient hung up; before pickup the Hangup cause decides.',
  }),
  row(EVENT, 'SoftHangupRequest', [], {
    after: ['platform.abort'],
    policy: 'released-line',
    note: 'Our side asked to hang up (dialplan Hangup(), AMI): after pickup our side ended the call.',
  }),
  row(EVENT, 'VarSet', [], {
    note: 'Variable DIALSTATUS, HANGUPCAUSE, AMDSTATUS or PLAYBACKSTATUS with its Value; other variables say nothing about the outcome.',
  }),
];

const rowOf = indexRows(ASTERISK_ROWS);
const CHANNEL_STATES: Record<string, CallEventType> = { Ringing: 'carrier.ringing', Up: 'carrier.answered' };
/** Dial statuses that main/dial.c derives from most causes: the Hangup cause says more. */
const AWAITS_CAUSE = new Set(['NOANSWER', 'CONGESTION', 'CHANUNAVAIL']);
const INFORMATIONAL_EVENTS = new Set([
  'Newchannel',
  'DialBegin',
  'NewCallerid',
  'NewConnectedLine',
  'Cdr',
  'Cel',
  'OriginateResponse',
]);

interface Reading {
  readonly vars: Map<string, string>;
  /** Events that mean the same before and after pickup (progress). */
  readonly progress: CallEventType[];
  /** Events only after pickup (a hang-up request). */
  readonly afterPickup: CallEventType[];
  /** A DialEnd whose status waits for the Hangup cause (policy cause-decides). */
  awaitsCause: boolean;
}

/** The variables and events one record gives: bare (`{ "DIALSTATUS": "BUSY" }`) or from an AMI event. */
function readingOf(record: Record<string, unknown>, builder: MappingBuilder): Reading {
  const reading: Reading = { vars: new Map(), progress: [], afterPickup: [], awaitsCause: false };
  for (const name of VARIABLES) {
    const value = text(record, name);
    if (value !== null) reading.vars.set(name, value);
  }
  const event = text(record, EVENT);
  if (event === null) return reading;
  const eventRow = rowOf(EVENT, event);
  if (eventRow === undefined && !INFORMATIONAL_EVENTS.has(event)) builder.unknown(EVENT, record[EVENT]);
  if (event === 'Newstate') {
    const state = text(record, 'ChannelStateDesc');
    const mapped = state === null ? undefined : CHANNEL_STATES[state];
    if (mapped !== undefined) reading.progress.push(mapped);
  } else if (event === 'DialState') {
    const status = text(record, 'DialStatus');
    const stateRow = status === null ? undefined : rowOf(DIAL_STATE, status.toUpperCase());
    if (status !== null && stateRow === undefined) builder.unknown('DialStatus', record.DialStatus);
    builder.rowPolicy(stateRow);
    reading.progress.push(...(stateRow?.before ?? []));
  } else if (event === 'DialEnd') {
    const status = text(record, 'DialStatus');
    if (status !== null) reading.vars.set(DIALSTATUS, status);
    reading.awaitsCause = status !== null && AWAITS_CAUSE.has(status.toUpperCase());
  } else if (event === 'Hangup') {
    const cause = text(record, 'Cause');
    if (cause !== null) reading.vars.set(HANGUPCAUSE, cause);
  } else if (event === 'HangupRequest' || event === 'SoftHangupRequest') {
    builder.rowPolicy(eventRow);
    reading.afterPickup.push(...(eventRow?.after ?? []));
  } else if (event === 'VarSet') {
    const name = text(record, 'Variable');
    const value = text(record, 'Value');
    if (name !== null && value !== null && VARIABLES.includes(name)) reading.vars.set(name, value);
  }
  return reading;
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
  const { vars, progress, afterPickup, awaitsCause } = readingOf(record, builder);
  const rawCause = vars.get(HANGUPCAUSE);
  const noCause = rawCause !== undefined && /^\s*0+\s*$/.test(rawCause);
  const cause = rawCause === undefined || noCause ? null : causeField({ cause: rawCause }, 'cause');
  if (rawCause !== undefined && !noCause && cause === null) builder.unknown(HANGUPCAUSE, rawCause);
  const dial = read(builder, DIALSTATUS, vars.get(DIALSTATUS));
  const amd = read(builder, AMDSTATUS, vars.get(AMDSTATUS));
  const playback = read(builder, PLAYBACKSTATUS, vars.get(PLAYBACKSTATUS));
  const before: MappedEvent[] = eventsOf(progress);
  const after: MappedEvent[] = [...eventsOf(progress), ...eventsOf(afterPickup), ...eventsOf(playback?.after ?? [])];
  const byCause = cause === null ? null : fromCodes({ q850: cause });
  const causeEvent = byCause?.ok && byCause.value.kind === 'event' ? byCause.value : null;
  if (dial !== undefined) {
    // CONGESTION and CHANUNAVAIL only say "failed" and NOANSWER stands for most causes: a cause given
    // with them says more (a specific one, for NOANSWER; policy cause-decides).
    const refinedBy = (event: MappedEvent) =>
      causeEvent !== null &&
      (event.type === 'carrier.failed' ||
        (event.type === 'carrier.noAnswer' && EVENT_CLASSES.specificEnding.has(causeEvent.event.type)));
    before.push(
      ...eventsOf(dial.before, { q850: cause }).map((event) =>
        causeEvent !== null && refinedBy(event) ? causeEvent.event : event,
      ),
    );
    after.push(...eventsOf(dial.after, { q850: cause }));
  } else if (causeEvent !== null) {
    before.push(causeEvent.event);
    for (const policy of causeEvent.policies) builder.policy(policy, 'before');
    after.push({ type: 'recipient.hangup' });
    builder.policy('released-line', 'after');
  } else if (noCause) {
    after.push({ type: 'recipient.hangup' });
    builder.policy('released-line', 'after');
  }
  const detection = eventsOf(amd?.before ?? []);
  const beforeEvents = withDetection(withAlertedRing(before, builder), detection);
  const afterEvents = withDetection(after, detection);
  const seconds = numeric(record, 'Timestamp');
  return ok(
    builder.mapping({
      callId,
      to: e164(text(record, 'To') ?? text(record, 'DestCallerIDNum') ?? text(record, 'Exten')),
      sequence: numeric(record, 'SequenceNumber'),
      // Microseconds are kept (a fraction of a ms): they order events that share a millisecond.
      timeMs: seconds === null ? null : seconds * 1000,
      beforePickup: beforeEvents,
      afterPickup: afterEvents,
      ...(awaitsCause ? { endingAwaitsCause: true } : {}),
    }),
  );
}

export const asterisk: Provider = {
  name: 'asterisk',
  title: 'Asterisk',
  sources: [
    'https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Applications/Dial/',
    'https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Applications/AMD',
    'https://docs.asterisk.org/Configuration/Miscellaneous/Hangup-Cause-Mappings',
    'https://docs.asterisk.org/Certified-Asterisk_20.7_Documentation/API_Documentation/AMI_Events/DialEnd',
    'https://github.com/asterisk/asterisk/blob/master/main/dial.c (ast_hangup_cause_to_dial_status)',
    'https://github.com/asterisk/asterisk/blob/master/channels/chan_pjsip.c (183 → PROGRESS)',
    'https://github.com/asterisk/asterisk/blob/master/apps/app_playback.c (PLAYBACKSTATUS)',
  ],
  identity:
    'grouped by Linkedid (else Uniqueid); time from the AMI Timestamp (epoch seconds, `timestampevents=yes`), sequence from SequenceNumber when the log adds one; To, DestCallerIDNum or Exten gives the number.',
  rows: ASTERISK_ROWS,
  normalize,
};
