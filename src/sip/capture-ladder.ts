import type { Ladder } from '../diagram/ladder.js';
import type { SipCaptureOptions } from './capture-calls.js';
import type { CapturedSip } from './capture/messages.js';
import { sipKeys } from './fields.js';
import { sipLadder, type TimedSip } from './ladder.js';
import { readSipCapture, type CaptureSummary } from './read-capture.js';
import type { SipCallResult } from './sip-record.js';

/** How many Call-IDs a capture's calls are named by in a message: enough to pick one. */
const NAMED_CALLS = 8;

/** What `captureLadder` found: the capture's calls, and the one asked for with its ladder. */
export interface CaptureLadder {
  /** How many calls the capture holds (ours, with an INVITE). */
  readonly calls: number;
  /** The Call-IDs of the first few of them, in order of first INVITE. */
  readonly callIds: readonly string[];
  /**
   * The call asked for, or the capture's only call: null when there is no such call, or several
   * and none was named. A call without a record (the capture stops before its end) has no ladder.
   */
  readonly call: SipCallResult | null;
  /** The ladder of `call`, when it has a record. */
  readonly ladder: Ladder | null;
  /** What the capture held besides its calls, as `readSipCapture` returns it. */
  readonly summary: CaptureSummary;
}

/**
 * Reads a capture (as `readSipCapture`) and draws the ladder of one call: `callId`, or the
 * capture's only call. Memory holds the calls in progress and the chosen call's SIP messages.
 * Browser-safe.
 *
 * @example
 * const found = await captureLadder(createReadStream('call.pcapng'), { messages: [{ id: 'm', durationMs: 8000 }] });
 * if (found.ladder !== null) console.log(ladderToMermaid(found.ladder));
 */
export async function captureLadder(
  chunks: AsyncIterable<Uint8Array>,
  options: SipCaptureOptions,
  callId?: string,
): Promise<CaptureLadder> {
  const callIds: string[] = [];
  let calls = 0;
  let chosen: SipCallResult | null = null;
  /** The chosen call's messages from its INVITE on: the named call, or else the first one. */
  let wanted: string | null = callId ?? null;
  let startUs: number | null = null;
  const messages: { timeUs: number; sip: CapturedSip }[] = [];
  const onSip = (sip: CapturedSip): void => {
    if (chosen !== null) return;
    const keys = sipKeys(sip.message);
    if (typeof keys === 'string') return;
    if (startUs === null) {
      const invite = sip.message.kind === 'request' && sip.message.method === 'INVITE' && keys.toTag === null;
      // As the reader does: with `us`, a call another side placed is not ours.
      const us = options.us;
      const ours = us === undefined || (sip.src === us.address && (us.port === undefined || sip.srcPort === us.port));
      if (!invite || !ours || (wanted !== null && keys.callId !== wanted)) return;
      wanted = keys.callId;
      startUs = sip.timeUs;
    }
    if (keys.callId === wanted) messages.push({ timeUs: sip.timeUs, sip });
  };
  const onCall = (call: SipCallResult): void => {
    calls++;
    if (callIds.length < NAMED_CALLS) callIds.push(call.callId);
    if (chosen === null && call.callId === wanted && call.startUs === startUs) chosen = call;
  };
  const summary = await readSipCapture(chunks, options, onCall, onSip);
  // Assigned in the callbacks, which the compiler's narrowing does not follow.
  const read = chosen as SipCallResult | null;
  const call = callId === undefined && calls !== 1 ? null : read;
  let ladder: Ladder | null = null;
  if (call !== null && call.kind === 'record') {
    const timed: TimedSip[] = messages.map(({ timeUs, sip }) => ({
      at: Math.max(0, Math.round((timeUs - call.startUs) / 1000)),
      message: sip.message,
    }));
    ladder = sipLadder(call.record, timed);
  }
  return { calls, callIds, call, ladder, summary };
}
