import { fail, ok, type Result } from '../../../machines/result.js';
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
} from './read.js';
import type { CallbackError, MappedEvent, Provider, ProviderRow } from './types.js';

const STATUS = 'status';
const DETAIL = 'detail';
const SUB_STATE = 'sub_state';

/** Vonage Voice API event-webhook `status` values, and the `detail` values that refine a failure. */
const VONAGE_ROWS: readonly ProviderRow[] = [
  row(STATUS, 'started', []),
  row(STATUS, 'ringing', ['carrier.ringing']),
  row(STATUS, 'answered', ['carrier.answered']),
  row(STATUS, 'human', ['amd.human']),
  row(STATUS, 'machine', ['amd.machine'], {
    note: 'Without sub_state the machine waits for a beep (beepMs) before leaving the message.',
  }),
  row(STATUS, 'completed', ['carrier.answered', 'recipient.hangup'], {
    after: ['recipient.hangup'],
    policy: 'completed-implies-answer',
    note: 'The implied answer is placed `duration` seconds before the event.',
  }),
  row(STATUS, 'disconnected', [], { note: 'A leg disconnected; the completed event that follows ends the call.' }),
  row(STATUS, 'busy', ['carrier.busy']),
  row(STATUS, 'cancelled', ['platform.abort'], { policy: 'caller-cancel' }),
  row(STATUS, 'failed', ['carrier.failed'], { note: 'Refined by `detail`.' }),
  row(STATUS, 'rejected', ['carrier.rejected'], {
    note: 'Refined by `detail`. Vonage warns that a busy callee may be relayed as rejected; nothing in the event says so, so it stays REJECTED.',
  }),
  row(STATUS, 'timeout', ['carrier.noAnswer'], {
    policy: 'no-ring-no-absent',
    note: 'The ringing timer expired before an answer.',
  }),
  row(STATUS, 'unanswered', ['carrier.noAnswer'], { policy: 'no-ring-no-absent', note: 'Refined by `detail`.' }),
  ...['record', 'input', 'transfer'].map((value) =>
    row(STATUS, value, [], { note: 'Not about the outcome: an NCCO action finished, or the leg moved.' }),
  ),
  row(SUB_STATE, 'beep_start', ['amd.machine', 'voicemail.beep'], {
    note: 'Advanced machine detection heard the beep (status machine): the message can be left.',
  }),
  row(SUB_STATE, 'beep_timeout', ['amd.machine', 'voicemail.beep'], {
    note: 'No beep came in the time Vonage waits for one (beep_timeout); the call flow goes on, so the message starts now, as after a beep.',
  }),
  row(DETAIL, 'invalid_number', ['carrier.unallocated']),
  row(DETAIL, 'number_out_of_service', ['carrier.unallocated'], { policy: 'sip-410' }),
  row(DETAIL, 'declined', ['carrier.rejected']),
  row(DETAIL, 'restricted', ['carrier.failed'], { policy: 'q850-barred' }),
  row(DETAIL, 'cannot_route', ['carrier.failed']),
  row(DETAIL, 'internal_error', ['carrier.failed']),
  row(DETAIL, 'carrier_timeout', ['carrier.failed']),
  row(DETAIL, 'unavailable', ['carrier.noAnswer'], { policy: 'sip-480' }),
];

const rowOf = indexRows(VONAGE_ROWS);
const REFINED_BY_DETAIL = new Set(['failed', 'rejected', 'unanswered']);

/**
 * The two event-webhook bodies Vonage documents without a leg's uuid, which name only the
 * conversation: the record action's webhook (start_time, end_time, recording_url, recording_uuid,
 * size, conversation_uuid, timestamp) and the error webhook (reason, conversation_uuid, timestamp),
 * told apart as Vonage's own SDK does (recording_url, then reason; Vonage/vonage-dotnet-sdk
 * EventBase.ParseEvent). Neither says what happened to a call, and neither can be tied to one, so
 * each is reported as unmapped.
 */
function conversationOnly(payload: Record<string, unknown>): Result<never, CallbackError> | null {
  if (Object.hasOwn(payload, STATUS)) return null;
  const field = Object.hasOwn(payload, 'recording_url')
    ? 'recording_url'
    : Object.hasOwn(payload, 'reason')
      ? 'reason'
      : null;
  if (field === null) return null;
  const webhook = field === 'recording_url' ? 'record' : 'error';
  const conversation = text(payload, 'conversation_uuid');
  return {
    ok: false,
    error: {
      path: 'uuid',
      message: `a Vonage ${webhook} webhook${conversation === null ? '' : ` of conversation ${conversation}`}: it names no call leg (no uuid), so it is reported, not applied`,
      unmapped: { kind: 'unmapped', provider: 'vonage', field, value: payload[field] },
    },
  };
}

/**
 * Reads one Vonage event webhook (JSON body). The human/machine event names the leg `call_uuid`
 * ("not `uuid` as in some other endpoints", webhook reference); every other event `uuid`.
 *
 * @example
 * vonage.normalize({ uuid: 'u1', status: 'failed', detail: 'invalid_number', timestamp: '2026-01-05T10:00:03.000Z' });
 * // → beforePickup: [{ type: 'carrier.unallocated' }]
 */
function normalize(payload: unknown) {
  if (!isRecord(payload)) return fail('', notACallback('vonage', 'an object with uuid', payload));
  const callId = text(payload, 'uuid') ?? text(payload, 'call_uuid');
  if (callId === null)
    return conversationOnly(payload) ?? fail('uuid', notACallback('vonage', 'a uuid (or call_uuid)', payload.uuid));
  const builder = new MappingBuilder('vonage');
  const status = text(payload, STATUS);
  let before: MappedEvent[] = [];
  let after: MappedEvent[] = [];
  const entry = status === null ? undefined : rowOf(STATUS, status);
  if (status !== null && entry === undefined) builder.unknown(STATUS, payload[STATUS]);
  if (entry !== undefined) {
    builder.rowPolicy(entry);
    before = eventsOf(entry.before);
    after = eventsOf(entry.after);
    const detail = text(payload, DETAIL);
    if (detail !== null && status !== null && REFINED_BY_DETAIL.has(status)) {
      const refinement = rowOf(DETAIL, detail);
      if (refinement === undefined) builder.unknown(DETAIL, payload[DETAIL]);
      else {
        builder.rowPolicy(refinement);
        before = eventsOf(refinement.before);
        after = eventsOf(refinement.after);
      }
    }
    const subState = text(payload, SUB_STATE);
    if (subState !== null) {
      const refinement = status === 'machine' ? rowOf(SUB_STATE, subState) : undefined;
      if (refinement === undefined) builder.unknown(SUB_STATE, payload[SUB_STATE]);
      else {
        before = eventsOf(refinement.before);
        after = eventsOf(refinement.after);
      }
    }
    const seconds = numeric(payload, 'duration');
    if (status === 'completed' && seconds !== null && seconds >= 0) {
      before = before.map((event) =>
        event.type === 'carrier.answered' ? { ...event, offsetMs: -seconds * 1000 } : event,
      );
    }
  }
  return ok(
    builder.mapping({
      callId,
      to: e164(text(payload, 'to')),
      sequence: null,
      timeMs: dateMs(text(payload, 'timestamp')),
      beforePickup: before,
      afterPickup: after,
    }),
  );
}

export const vonage: Provider = {
  name: 'vonage',
  title: 'Vonage',
  sources: [
    'https://developer.vonage.com/en/voice/voice-api/webhook-reference',
    'https://developer.vonage.com/en/legacy-client-sdk/in-app-voice/concepts/call-statuses',
    'https://developer.vonage.com/en/voice/voice-api/concepts/advanced-machine-detection',
    'https://github.com/Vonage/vonage-java-sdk/blob/main/src/main/java/com/vonage/client/voice/EventWebhook.java',
    'https://github.com/Vonage/vonage-dotnet-sdk/tree/main/Vonage/Voice/EventWebhooks',
  ],
  identity:
    'grouped by uuid (the call leg; the human/machine event calls it call_uuid); time from timestamp (ISO 8601), no sequence number; `to` gives the number (digits, + added). The record and error webhooks carry only the conversation (no uuid): they are reported as unmapped (recording_url, reason), never applied to a call.',
  rows: VONAGE_ROWS,
  normalize,
};
