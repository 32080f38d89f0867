import type { CallEventType } from '../../../machines/events.js';
import { fail, ok } from '../../../machines/result.js';
import type { PolicyId } from '../policies.js';
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
  sipField,
  text,
} from './read.js';
import type { MappedEvent, Provider, ProviderRow } from './types.js';

const EVENT = 'Event-Name';
const CAUSE = 'Hangup-Cause';
const DISPOSITION = 'variable_sip_hangup_disposition';
const AMD = 'variable_amd_result';
const SUBCLASS = 'Event-Subclass';
const PLAYBACK_STATUS = 'Playback-Status';

/** FreeSWITCH hangup cause names and their Q.850 numbers (FreeSWITCH "Hangup Cause Code Table"). */
export const FREESWITCH_Q850_NAMES: Readonly<Record<string, number>> = {
  UNALLOCATED_NUMBER: 1,
  NO_ROUTE_TRANSIT_NET: 2,
  NO_ROUTE_DESTINATION: 3,
  CHANNEL_UNACCEPTABLE: 6,
  CALL_AWARDED_DELIVERED: 7,
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  SUBSCRIBER_ABSENT: 20,
  CALL_REJECTED: 21,
  NUMBER_CHANGED: 22,
  REDIRECTION_TO_NEW_DESTINATION: 23,
  EXCHANGE_ROUTING_ERROR: 25,
  DESTINATION_OUT_OF_ORDER: 27,
  INVALID_NUMBER_FORMAT: 28,
  FACILITY_REJECTED: 29,
  RESPONSE_TO_STATUS_ENQUIRY: 30,
  NORMAL_UNSPECIFIED: 31,
  NORMAL_CIRCUIT_CONGESTION: 34,
  NETWORK_OUT_OF_ORDER: 38,
  NORMAL_TEMPORARY_FAILURE: 41,
  SWITCH_CONGESTION: 42,
  ACCESS_INFO_DISCARDED: 43,
  REQUESTED_CHAN_UNAVAIL: 44,
  FACILITY_NOT_SUBSCRIBED: 50,
  OUTGOING_CALL_BARRED: 52,
  INCOMING_CALL_BARRED: 54,
  BEARERCAPABILITY_NOTAUTH: 57,
  BEARERCAPABILITY_NOTAVAIL: 58,
  SERVICE_UNAVAILABLE: 63,
  BEARERCAPABILITY_NOTIMPL: 65,
  CHAN_NOT_IMPLEMENTED: 66,
  FACILITY_NOT_IMPLEMENTED: 69,
  SERVICE_NOT_IMPLEMENTED: 79,
  INVALID_CALL_REFERENCE: 81,
  INCOMPATIBLE_DESTINATION: 88,
  INVALID_MSG_UNSPECIFIED: 95,
  MANDATORY_IE_MISSING: 96,
  MESSAGE_TYPE_NONEXIST: 97,
  WRONG_MESSAGE: 98,
  IE_NONEXIST: 99,
  INVALID_IE_CONTENTS: 100,
  WRONG_CALL_STATE: 101,
  RECOVERY_ON_TIMER_EXPIRE: 102,
  MANDATORY_IE_LENGTH_ERROR: 103,
  PROTOCOL_ERROR: 111,
  INTERWORKING: 127,
};

/** FreeSWITCH's own causes, which have no Q.850 number, each with a row. */
const OWN_CAUSES: readonly [string, CallEventType, PolicyId | undefined, string][] = [
  ['ORIGINATOR_CANCEL', 'platform.abort', 'caller-cancel', 'Our side cancelled before pickup.'],
  ['ALLOTTED_TIMEOUT', 'platform.abort', 'caller-cancel', 'Our own call time limit.'],
  ['MANAGER_REQUEST', 'platform.abort', 'caller-cancel', 'Hung up by an API or event-socket command.'],
  ['SYSTEM_SHUTDOWN', 'carrier.failed', undefined, 'The switch shut down.'],
  ['LOSE_RACE', 'carrier.failed', undefined, 'Another leg answered first.'],
  ['MEDIA_TIMEOUT', 'carrier.failed', undefined, 'No media (RTP) arrived.'],
  ['PROGRESS_TIMEOUT', 'carrier.failed', undefined, 'No progress from the far end in time.'],
  ['USER_NOT_REGISTERED', 'carrier.failed', undefined, 'The SIP endpoint is not registered.'],
  ['GATEWAY_DOWN', 'carrier.failed', undefined, 'The gateway is down.'],
  ['CRASH', 'carrier.failed', undefined, 'The switch failed.'],
];

const FREESWITCH_ROWS: readonly ProviderRow[] = [
  row(EVENT, 'CHANNEL_PROGRESS', ['carrier.ringing']),
  row(EVENT, 'CHANNEL_PROGRESS_MEDIA', ['carrier.ringing'], {
    policy: 'sip-provisional',
    note: 'Early media (183), in practice ringback.',
  }),
  row(EVENT, 'CHANNEL_ANSWER', ['carrier.answered']),
  row(EVENT, 'CHANNEL_HANGUP', [], {
    note: 'Decided by Hangup-Cause (before pickup) and the hangup disposition (after).',
  }),
  row(EVENT, 'CHANNEL_HANGUP_COMPLETE', [], {
    note: 'Read like CHANNEL_HANGUP; the second one is a duplicate and is ignored.',
  }),
  row(EVENT, 'CHANNEL_EXECUTE_COMPLETE', [], {
    note: "An application finished. The variable_amd_result it may carry is an echo of mod_amd's verdict, which amd::info reported when it was reached; playback's Application-Response says FILE PLAYED also after an interruption, so PLAYBACK_STOP decides.",
  }),
  row(EVENT, 'CUSTOM', [], { note: 'Read by its Event-Subclass (below).' }),
  row(EVENT, 'PLAYBACK_START', [], { note: 'A file started playing.' }),
  row(EVENT, 'PLAYBACK_STOP', [], { note: 'Read by its Playback-Status (below).' }),
  row(SUBCLASS, 'amd::info', [], {
    note: 'mod_amd (rtckit/mod_amd) reached its verdict: variable_amd_result (below) says which.',
  }),
  row(SUBCLASS, 'avmd::beep', ['voicemail.beep'], { note: 'mod_avmd heard the beep (Beep-Status DETECTED).' }),
  row(SUBCLASS, 'avmd::start', [], { note: 'mod_avmd started listening.' }),
  row(SUBCLASS, 'avmd::stop', [], { note: 'mod_avmd stopped; a beep it heard was already reported by avmd::beep.' }),
  row(PLAYBACK_STATUS, 'done', [], {
    after: ['playback.ended'],
    policy: 'provider-playback',
    note: 'The file played to its end (src/switch_ivr_play_say.c). A hang-up cuts it after CHANNEL_HANGUP, which comes first.',
  }),
  row(PLAYBACK_STATUS, 'break', [], { after: [], note: 'Playback was interrupted (DTMF, a break command).' }),
  ...[
    'CHANNEL_CREATE',
    'CHANNEL_OUTGOING',
    'CHANNEL_ORIGINATE',
    'CHANNEL_STATE',
    'CHANNEL_CALLSTATE',
    'CHANNEL_EXECUTE',
    'CHANNEL_DESTROY',
    'CHANNEL_PARK',
    'CHANNEL_BRIDGE',
    'CHANNEL_UNBRIDGE',
  ].map((value) => row(EVENT, value, [], { note: 'Not about the outcome.' })),
  row(CAUSE, 'Q.850 names', [], {
    after: ['recipient.hangup'],
    note: 'Before pickup: the name gives a Q.850 number and the Q.850 table decides (variable_sip_term_status may refine it). After pickup: a hangup.',
  }),
  ...OWN_CAUSES.map(([name, type, policy, note]) =>
    row(CAUSE, name, [type], {
      after: type === 'platform.abort' ? ['platform.abort'] : ['recipient.hangup'],
      ...(policy === undefined ? {} : { policy }),
      note,
    }),
  ),
  row(DISPOSITION, 'send_bye', [], {
    after: ['platform.abort'],
    policy: 'released-line',
    note: 'After pickup, our side hung up.',
  }),
  row(DISPOSITION, 'recv_bye', [], { after: ['recipient.hangup'], policy: 'released-line' }),
  row(AMD, 'HUMAN', ['amd.human'], { note: 'Read on amd::info only.' }),
  row(AMD, 'MACHINE', ['amd.machine'], { note: 'Read on amd::info only.' }),
  row(AMD, 'NOTSURE', ['amd.unknown'], { note: 'Read on amd::info only.' }),
];

const rowOf = indexRows(FREESWITCH_ROWS);

function hangup(
  event: Record<string, unknown>,
  builder: MappingBuilder,
): { before: MappedEvent[]; after: MappedEvent[] } {
  const name = text(event, CAUSE);
  const sipCode = sipField(event, 'variable_sip_term_status');
  const number =
    (name === null || !Object.hasOwn(FREESWITCH_Q850_NAMES, name) ? undefined : FREESWITCH_Q850_NAMES[name]) ??
    causeField(event, 'variable_hangup_cause_q850');
  const own = name === null ? undefined : rowOf(CAUSE, name);
  let before: MappedEvent[];
  let after: MappedEvent[] = [{ type: 'recipient.hangup' }];
  if (own !== undefined) {
    builder.rowPolicy(own);
    before = eventsOf(own.before, { sipCode, q850: number ?? null });
    after = eventsOf(own.after);
  } else if (number !== undefined && number !== null) {
    const mapped = fromCodes(sipCode === null ? { q850: number } : { sip: sipCode, q850: number });
    before =
      mapped.ok && mapped.value.kind === 'event'
        ? [mapped.value.event]
        : eventsOf(['carrier.failed'], { q850: number });
    if (mapped.ok && mapped.value.kind === 'event')
      for (const policy of mapped.value.policies) builder.policy(policy, 'before');
  } else {
    if (name !== null) builder.unknown(CAUSE, event[CAUSE]);
    before = eventsOf(['carrier.failed'], { sipCode });
  }
  const disposition = text(event, DISPOSITION);
  const dispositionRow = disposition === null ? undefined : rowOf(DISPOSITION, disposition);
  if (dispositionRow !== undefined && after.some((mapped) => mapped.type === 'recipient.hangup')) {
    builder.rowPolicy(dispositionRow);
    after = eventsOf(dispositionRow.after);
  }
  return { before: withAlertedRing(before, builder), after };
}

/** A CUSTOM event: mod_amd's verdict (amd::info) or mod_avmd's beep; other subclasses are reported. */
function custom(event: Record<string, unknown>, builder: MappingBuilder): MappedEvent[] {
  const subclass = text(event, SUBCLASS);
  const entry = subclass === null ? undefined : rowOf(SUBCLASS, subclass);
  if (entry === undefined) {
    builder.unknown(SUBCLASS, event[SUBCLASS]);
    return [];
  }
  if (subclass !== 'amd::info') return eventsOf(entry.before);
  const result = text(event, AMD);
  const verdict = result === null ? undefined : rowOf(AMD, result.toUpperCase());
  if (verdict === undefined) builder.unknown(AMD, event[AMD]);
  return eventsOf(verdict?.before ?? []);
}

/**
 * Reads one FreeSWITCH event-socket event in JSON form (`event json ...`).
 *
 * @example
 * freeswitch.normalize({ 'Event-Name': 'CHANNEL_HANGUP', 'Unique-ID': 'u1', 'Hangup-Cause': 'USER_BUSY', 'variable_sip_term_status': '486' });
 * // → beforePickup: [{ type: 'carrier.busy', sipCode: 486, q850: 17 }]
 */
function normalize(event: unknown) {
  if (!isRecord(event)) return fail('', notACallback('freeswitch', 'an event object with Unique-ID', event));
  const callId = text(event, 'Unique-ID');
  if (callId === null) return fail('Unique-ID', notACallback('freeswitch', 'a Unique-ID', event['Unique-ID']));
  const builder = new MappingBuilder('freeswitch');
  const name = text(event, EVENT);
  const entry = name === null ? undefined : rowOf(EVENT, name);
  if (name !== null && entry === undefined) builder.unknown(EVENT, event[EVENT]);
  let before: MappedEvent[] = [];
  let after: MappedEvent[] = [];
  if (entry !== undefined) {
    builder.rowPolicy(entry);
    if (name === 'CHANNEL_HANGUP' || name === 'CHANNEL_HANGUP_COMPLETE') ({ before, after } = hangup(event, builder));
    else if (name === 'CUSTOM') before = after = custom(event, builder);
    else if (name === 'PLAYBACK_STOP') {
      const status = text(event, PLAYBACK_STATUS);
      const stopped = status === null ? undefined : rowOf(PLAYBACK_STATUS, status.toLowerCase());
      if (stopped === undefined) builder.unknown(PLAYBACK_STATUS, event[PLAYBACK_STATUS]);
      builder.rowPolicy(stopped);
      after = eventsOf(stopped?.after ?? []);
    } else {
      before = eventsOf(entry.before);
      after = eventsOf(entry.after);
    }
  }
  const micros = numeric(event, 'Event-Date-Timestamp');
  return ok(
    builder.mapping({
      callId,
      to: e164(text(event, 'Caller-Destination-Number') ?? text(event, 'variable_sip_to_user')),
      sequence: numeric(event, 'Event-Sequence'),
      // Microseconds are kept (a fraction of a ms): they order events that share a millisecond.
      timeMs: micros === null ? null : micros / 1000,
      beforePickup: before,
      afterPickup: after,
    }),
  );
}

export const freeswitch: Provider = {
  name: 'freeswitch',
  title: 'FreeSWITCH',
  sources: [
    'https://developer.signalwire.com/freeswitch/reference/hangup-causes/',
    'https://developer.signalwire.com/freeswitch/Channel-Variables-Catalog/hangup_cause_q850_16352601',
    'https://github.com/rtckit/mod_amd',
    'https://github.com/signalwire/freeswitch/blob/master/src/mod/applications/mod_avmd/mod_avmd.c',
    'https://github.com/signalwire/freeswitch/blob/master/src/switch_ivr_play_say.c (PLAYBACK_STOP)',
  ],
  identity:
    'grouped by Unique-ID; time from Event-Date-Timestamp (µs since the epoch), sequence from Event-Sequence; Caller-Destination-Number gives the number. variable_sip_term_status is kept on carrier events.',
  rows: FREESWITCH_ROWS,
  normalize,
};
