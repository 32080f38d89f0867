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
  providerRow as row,
  sipField,
  text,
} from './read.js';
import type { MappedEvent, Provider, ProviderRow } from './types.js';

const EVENT = 'event_type';
const CAUSE = 'hangup_cause';
const SOURCE = 'hangup_source';
const RESULT = 'result';
const GREETING = 'result (greeting)';
const PLAYBACK = 'status (playback, speak)';

/** Telnyx Call Control webhooks: event types, hangup causes and sources, machine-detection results. */
const TELNYX_ROWS: readonly ProviderRow[] = [
  row(EVENT, 'call.initiated', []),
  row(EVENT, 'call.answered', ['carrier.answered']),
  row(EVENT, 'call.hangup', [], { note: 'Decided by hangup_cause (before pickup) and hangup_source (after pickup).' }),
  row(EVENT, 'call.machine.detection.ended', [], { note: 'Decided by result.' }),
  row(EVENT, 'call.machine.premium.detection.ended', [], { note: 'Decided by result.' }),
  row(EVENT, 'call.machine.greeting.ended', ['voicemail.beep'], {
    note: 'The greeting is over: the message can be left, whatever its result (below).',
  }),
  row(EVENT, 'call.machine.premium.greeting.ended', ['voicemail.beep'], {
    note: 'As call.machine.greeting.ended.',
  }),
  row(EVENT, 'call.playback.ended', [], { note: 'Decided by status (below).' }),
  row(EVENT, 'call.speak.ended', [], { note: 'Decided by status (below).' }),
  ...[
    'call.bridged',
    'call.playback.started',
    'call.speak.started',
    'call.recording.saved',
    'call.dtmf.received',
    'call.gather.ended',
  ].map((value) => row(EVENT, value, [], { note: 'Not about the outcome: media and call control.' })),
  row(GREETING, 'beep_detected', ['voicemail.beep'], { note: 'The beep was heard.' }),
  row(GREETING, 'ended', ['voicemail.beep'], { note: 'The greeting ended without a beep.' }),
  row(GREETING, 'not_sure', ['voicemail.beep'], { note: 'The greeting is over as far as Telnyx can tell.' }),
  row(GREETING, 'no_beep_detected', ['voicemail.beep'], { note: 'Premium: the greeting ended without a beep.' }),
  row(PLAYBACK, 'completed', [], {
    after: ['playback.ended'],
    policy: 'provider-playback',
    note: 'The media played to its end (telnyx-php CallPlaybackEnded/Payload/Status.php).',
  }),
  ...[
    ['call_hangup', 'The call ended first: the hang-up webhook says how.'],
    ['cancelled', 'Stopped by a playback_stop command: not played to its end.'],
    ['cancelled_amd', 'Stopped by machine detection: not played to its end.'],
    ['file_not_found', 'Nothing played.'],
    ['failed', 'Nothing (more) played.'],
    ['unknown', 'Telnyx does not know how it ended: not counted as played.'],
  ].map(([value, note]) => row(PLAYBACK, value as string, [], { after: [], note: note as string })),
  row(CAUSE, 'call_rejected', ['carrier.rejected'], { after: ['recipient.hangup'] }),
  row(CAUSE, 'normal_clearing', ['carrier.failed'], {
    after: ['recipient.hangup'],
    policy: 'q850-normal-before-pickup',
  }),
  row(CAUSE, 'originator_cancel', ['platform.abort'], { policy: 'caller-cancel' }),
  row(CAUSE, 'timeout', ['carrier.ringing', 'carrier.noAnswer'], {
    after: ['recipient.hangup'],
    policy: 'ring-timeout-rang',
    note: 'timeout_secs passed without an answer. Telnyx sends no ringing webhook, so the ring is read from this cause, placed at the payload start_time.',
  }),
  row(CAUSE, 'time_limit', ['platform.abort'], {
    policy: 'caller-cancel',
    note: 'Our own time_limit_secs ended the call.',
  }),
  row(CAUSE, 'user_busy', ['carrier.busy'], { after: ['recipient.hangup'] }),
  row(CAUSE, 'not_found', ['carrier.unallocated'], { after: ['recipient.hangup'] }),
  row(CAUSE, 'no_answer', ['carrier.ringing', 'carrier.noAnswer'], {
    after: ['recipient.hangup'],
    policy: 'alerted-cause',
    note: 'The user was alerted (Q.850 19): the ring is reported with it.',
  }),
  row(CAUSE, 'unspecified', ['carrier.failed'], {
    after: ['recipient.hangup'],
    note: 'A final sip_hangup_cause refines it through the SIP table.',
  }),
  row(SOURCE, 'caller', [], {
    after: ['platform.abort'],
    policy: 'released-line',
    note: 'After pickup our side hung up; before pickup the cause decides.',
  }),
  row(SOURCE, 'callee', [], { after: ['recipient.hangup'], policy: 'released-line' }),
  row(SOURCE, 'unknown', [], { after: ['recipient.hangup'], policy: 'released-line' }),
  row(RESULT, 'human', ['amd.human']),
  row(RESULT, 'human_residence', ['amd.human']),
  row(RESULT, 'human_business', ['amd.human']),
  row(RESULT, 'machine', ['amd.machine']),
  row(RESULT, 'fax_detected', ['amd.machine'], { policy: 'fax' }),
  row(RESULT, 'silence', ['amd.unknown']),
  row(RESULT, 'not_sure', ['amd.unknown']),
];

const rowOf = indexRows(TELNYX_ROWS);

function hangupEvents(
  data: Record<string, unknown>,
  payload: Record<string, unknown>,
  builder: MappingBuilder,
): { before: MappedEvent[]; after: MappedEvent[] } {
  const sipCode = sipField(payload, 'sip_hangup_cause');
  const sip = sipCode === null ? null : fromSip(sipCode);
  const sipEvent = sip?.ok && sip.value.kind === 'event' ? sip.value.event : null;
  const cause = text(payload, CAUSE);
  const causeRow = cause === null ? undefined : rowOf(CAUSE, cause);
  if (cause !== null && causeRow === undefined) builder.unknown(CAUSE, payload[CAUSE]);
  builder.rowPolicy(causeRow);
  const codes = { sipCode, q850: sipEvent?.q850 ?? null };
  // With no known cause, a final SIP code alone decides; with neither, the call failed for a reason not given.
  const before =
    causeRow === undefined
      ? sipEvent === null
        ? eventsOf(['carrier.failed'])
        : [sipEvent]
      : eventsOf(causeRow.before, codes);
  const refined = before.map((event) => (event.type === 'carrier.failed' && sipEvent !== null ? sipEvent : event));
  // A ring read from the cause started with the call (start_time), not at the hang-up.
  const started = dateMs(text(payload, 'start_time'));
  const ended = dateMs(text(data, 'occurred_at'));
  const ringOffset = started !== null && ended !== null && started <= ended ? started - ended : null;
  const placed = refined.map((event) =>
    event.type === 'carrier.ringing' && ringOffset !== null && causeRow?.policy === 'ring-timeout-rang'
      ? { ...event, offsetMs: ringOffset }
      : event,
  );
  let after = eventsOf(causeRow?.after ?? ['recipient.hangup']);
  const source = text(payload, SOURCE);
  if (source !== null && after.some((event) => event.type === 'recipient.hangup')) {
    const sourceRow = rowOf(SOURCE, source);
    if (sourceRow === undefined) builder.unknown(SOURCE, payload[SOURCE]);
    else {
      builder.rowPolicy(sourceRow);
      after = eventsOf(sourceRow.after);
    }
  }
  return { before: placed, after };
}

/**
 * Reads one Telnyx Call Control webhook: the whole body `{ data: { event_type, occurred_at, payload } }`
 * or its `data` object.
 *
 * @example
 * telnyx.normalize({ data: { event_type: 'call.hangup', occurred_at: '2026-01-05T10:00:09Z',
 *   payload: { call_leg_id: 'l1', hangup_cause: 'user_busy', sip_hangup_cause: '486' } } });
 * // → beforePickup: [{ type: 'carrier.busy', sipCode: 486, q850: 17 }]
 */
function normalize(body: unknown) {
  const data = isRecord(body) && isRecord(body.data) ? body.data : body;
  if (!isRecord(data)) return fail('', notACallback('telnyx', 'a webhook { data: { event_type, payload } }', body));
  const payload = isRecord(data.payload) ? data.payload : {};
  const callId = text(payload, 'call_leg_id') ?? text(payload, 'call_control_id');
  if (callId === null)
    return fail(
      'data.payload.call_leg_id',
      notACallback('telnyx', 'payload.call_leg_id or payload.call_control_id', data.payload),
    );
  const builder = new MappingBuilder('telnyx');
  const eventType = text(data, EVENT);
  let before: MappedEvent[] = [];
  let after: MappedEvent[] = [];
  const entry = eventType === null ? undefined : rowOf(EVENT, eventType);
  if (eventType !== null && entry === undefined) builder.unknown(EVENT, data[EVENT]);
  if (entry !== undefined) {
    builder.rowPolicy(entry);
    if (eventType === 'call.hangup') ({ before, after } = hangupEvents(data, payload, builder));
    else if (eventType === 'call.playback.ended' || eventType === 'call.speak.ended') {
      const status = text(payload, 'status');
      const statusRow = status === null ? undefined : rowOf(PLAYBACK, status);
      if (statusRow === undefined) builder.unknown('status', payload.status);
      builder.rowPolicy(statusRow);
      after = eventsOf(statusRow?.after ?? []);
    } else if (eventType?.endsWith('greeting.ended')) {
      const result = text(payload, RESULT);
      if (result !== null && rowOf(GREETING, result) === undefined) builder.unknown(RESULT, payload[RESULT]);
      before = eventsOf(entry.before);
      after = eventsOf(entry.after);
    } else if (eventType?.endsWith('detection.ended')) {
      const result = text(payload, RESULT);
      const resultRow = result === null ? undefined : rowOf(RESULT, result);
      if (resultRow === undefined) builder.unknown(RESULT, payload[RESULT]);
      else {
        builder.rowPolicy(resultRow);
        before = after = eventsOf(resultRow.before);
      }
    } else {
      before = eventsOf(entry.before);
      after = eventsOf(entry.after);
    }
  }
  return ok(
    builder.mapping({
      callId,
      to: e164(text(payload, 'to')),
      sequence: null,
      timeMs: dateMs(text(data, 'occurred_at')),
      beforePickup: before,
      afterPickup: after,
    }),
  );
}

export const telnyx: Provider = {
  name: 'telnyx',
  title: 'Telnyx',
  sources: [
    'https://www.rubydoc.info/gems/telnyx/Telnyx/Models/CallHangup/Payload',
    'https://developers.telnyx.com/docs/voice/programmable-voice/answering-machine-detection',
    'https://github.com/team-telnyx/telnyx-php/tree/master/src/Webhooks (CallHangup, CallPlaybackEnded, CallSpeakEnded, CallMachine*)',
  ],
  identity:
    "grouped by payload.call_leg_id (else call_control_id); time from occurred_at, no sequence number; payload.to gives the number. sip_hangup_cause is kept on carrier events. Telnyx sends no ringing webhook: a call's ring is known only from its hang-up cause (no_answer, timeout), so a ring timeout is ABSENT/NO_ANSWER only through policy ring-timeout-rang. (TeXML status callbacks use Twilio's field names: read them with `--provider twilio`.)",
  rows: TELNYX_ROWS,
  normalize,
};
