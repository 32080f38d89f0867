import { parseCallInput, type MessageSpec } from '../../machines/input.js';
import type { CallRecord } from '../../machines/record.js';
import { CallSession } from '../call/session.js';
import { formatInputError } from '../../machines/result.js';
import type { SipFacts } from './call.js';
import type { OpenCall } from './capture-calls.js';

/** How much of the broadcast a call played: measured from our RTP, or computed from the message lengths. */
export type PlayedFrom =
  | { readonly source: 'rtp'; readonly ms: number; readonly packets: number }
  | { readonly source: 'message length' };

/** What the capture said about a call besides its outcome. */
export interface SipRecordFacts extends SipFacts {
  readonly transport: 'udp' | 'tcp';
  /** Our endpoint and theirs, as the first INVITE went: `127.0.0.1:5061`, `[::1]:5060`. */
  readonly us: string;
  readonly them: string;
  readonly requestUri: string;
  readonly played: PlayedFrom;
}

/**
 * A call record read from a SIP capture: the machine's record (times in ms since the first
 * INVITE), the wall-clock time of that INVITE, and the SIP facts.
 */
export type SipCallRecord = CallRecord & {
  /** When the first INVITE was sent, ISO 8601 (UTC, ms). */
  readonly startTime: string;
  readonly sip: SipRecordFacts;
};

/** A call of a capture: its record, or why it has none (the capture stops before its end, no destination). */
export type SipCallResult =
  | { readonly kind: 'record'; readonly callId: string; readonly startUs: number; readonly record: SipCallRecord }
  | {
      readonly kind: 'stalled' | 'invalid';
      readonly callId: string;
      readonly startUs: number;
      readonly startTime: string;
      readonly message: string;
    };

/**
 * The capture decides, not our platform's timers (as for provider logs): every timer waits a
 * day, so only the messages seen end the call. (Detection is off: SIP carries no AMD verdict.)
 */
const CAPTURE_DECIDES_MS = 24 * 60 * 60 * 1000;
const WAITING_FOR_FINAL = new Set(['dialing', 'proceeding', 'ringing']);

/** Runs one call's events through the machine and builds its record. */
export function buildSipRecord(open: OpenCall, messages: readonly MessageSpec[]): SipCallResult {
  const callId = open.call.callId;
  const startTime = new Date(open.startUs / 1000).toISOString();
  const fail = (kind: 'stalled' | 'invalid', message: string): SipCallResult => ({
    kind,
    callId,
    startUs: open.startUs,
    startTime,
    message: `call ${callId} (${startTime}): ${message}`,
  });
  if (open.to === null)
    return fail('invalid', `the INVITE names no E.164 number (${open.requestUri}); pass --to +E164`);
  const rtp = open.rtp !== null && open.rtp.packets > 0 ? open.rtp : null;
  const input = {
    callId,
    to: open.to,
    // Our RTP says when each message ended (playback.ended); without it, the lengths do.
    messages: rtp === null ? messages : messages.map((message) => ({ id: message.id })),
    amd: false,
    voicemail: 'leave' as const,
    timeouts: {
      carrierMs: CAPTURE_DECIDES_MS,
      proceedingMs: CAPTURE_DECIDES_MS,
      ringMs: CAPTURE_DECIDES_MS,
      amdMs: CAPTURE_DECIDES_MS,
      releaseMs: CAPTURE_DECIDES_MS,
    },
  };
  const parsed = parseCallInput(input);
  if (!parsed.ok) return fail('invalid', formatInputError(parsed.error));
  const session = CallSession.start(input);
  for (const event of open.events) session.send(event);
  const record = session.record();
  if (record === null) {
    const state = session.state;
    return fail(
      'stalled',
      WAITING_FOR_FINAL.has(state)
        ? `the capture ends before a final response to the INVITE (the call is in ${state})`
        : `the capture ends before the call does: no BYE (the call is in ${state})`,
    );
  }
  const played: PlayedFrom =
    rtp === null ? { source: 'message length' } : { source: 'rtp', ms: rtp.playedMs(), packets: rtp.packets };
  return {
    kind: 'record',
    callId,
    startUs: open.startUs,
    // The wall-clock start goes right after the call's id; the machine's record keeps its order.
    record: Object.assign({ callId, startTime }, record, {
      sip: {
        transport: open.transport,
        us: open.us,
        them: open.them,
        requestUri: open.requestUri,
        ...open.call.facts(),
        played,
      },
    }),
  };
}
