import type { CallEvent } from '../../machines/events.js';
import { fromCodes } from '../carriers/codes.js';
import type { PolicyId } from '../carriers/policies.js';
import { parseReasonHeader, type ReasonValue } from '../carriers/reason-header.js';
import { fromSip } from '../carriers/sip.js';
import { formatInputError } from '../../machines/result.js';
import { sipKeys, type SipKeys } from './fields.js';
import type { SipMessage } from './message.js';

/** Who sent a message: our platform (the caller, UAC of the INVITE) or the far side. */
export type SipSide = 'us' | 'them';

/** A machine event with the time it happened, ms since the call's first INVITE. */
export type SipCallEvent = CallEvent & { readonly at: number };

/** What one SIP message did to the call. */
export interface SipStep {
  readonly side: SipSide;
  /** The machine events it maps to (none for most messages). */
  readonly events: readonly SipCallEvent[];
  /** True when the same message was already seen (RFC 3261 §17): it maps to nothing the second time. */
  readonly retransmission: boolean;
}

/** A `Reason` header as the record keeps it: the values, or the raw text when it does not parse. */
export type ReasonInRecord = readonly ReasonValue[] | { readonly raw: string; readonly error: string };

/** What the dialog said beyond the machine's events, for the record. */
export interface SipFacts {
  /** The final response to the INVITE (the first, if forks sent several). */
  readonly finalResponse: number | null;
  /** The `Reason` header of that final response (RFC 3326), when it had one. */
  readonly finalReason: ReasonInRecord | null;
  /** When we sent a CANCEL (ms), or null. */
  readonly cancelledAt: number | null;
  /** The first BYE: who sent it, when, and its Reason header. */
  readonly bye: { readonly by: SipSide; readonly at: number; readonly reason: ReasonInRecord | null } | null;
  /** Distinct To tags in responses to the INVITE: more than one means the INVITE forked. */
  readonly earlyDialogs: number;
  readonly retransmissions: number;
  /** Requests that change nothing, by method: re-INVITE (`INVITE`), UPDATE, INFO, OPTIONS, PRACK… */
  readonly otherRequests: Readonly<Record<string, number>>;
  /** The mapping policies the outcome relied on (docs/carriers.md). */
  readonly policies: readonly PolicyId[];
}

function reasonOf(message: SipMessage): ReasonInRecord | null {
  const values = message.headers.get('reason');
  if (values === undefined) return null;
  const raw = values.join(', ');
  const parsed = parseReasonHeader(raw);
  return parsed.ok ? parsed.value : { raw, error: formatInputError(parsed.error) };
}

function q850Of(reason: ReasonInRecord | null): number | undefined {
  if (reason === null || !Array.isArray(reason)) return undefined;
  return (reason as readonly ReasonValue[]).find((value) => value.protocol === 'Q.850')?.cause;
}

/** A message's identity for retransmission checks: same transaction, same message. */
function messageKey(message: SipMessage, keys: SipKeys): string {
  const start = message.kind === 'request' ? message.method : String(message.status);
  return `${start} ${keys.cseq} ${keys.cseqMethod} ${keys.branch ?? ''} ${keys.fromTag ?? ''} ${keys.toTag ?? ''}`;
}

/**
 * One outbound call's SIP dialog(s), read message by message into the call machine's events.
 * Feed it every message of the call, ours and theirs, in the order they were sent or received;
 * send the events it returns to a `CallSession` or `LiveCalls`. The rules (docs/sip.md):
 * only responses to the initial INVITE ring, answer or end the call; a provisional response that
 * does not ring is `carrier.trying` (it stops the carrier timer); 3xx–6xx go through `fromCodes`,
 * so a Reason header's Q.850 cause refines a generic failure; our CANCEL makes its 487 our ring
 * timeout; the far side's BYE is `recipient.hangup`, ours is `platform.abort` (our release);
 * retransmissions map once; other requests are counted.
 *
 * @example
 * const call = SipCall.start(invite); // our INVITE, the call's time 0
 * call.observe(parse('SIP/2.0 180 Ringing …'), 850).events; // → [{ type: 'carrier.ringing', sipCode: 180, at: 850 }]
 * call.observe(parse('SIP/2.0 486 Busy Here …'), 4100).events; // → [{ type: 'carrier.busy', sipCode: 486, q850: 17, at: 4100 }]
 */
export class SipCall {
  private readonly seen = new Set<string>();
  private readonly toTags = new Set<string>();
  private readonly otherRequests: Record<string, number> = {};
  private readonly policies: PolicyId[] = [];
  private retransmissions = 0;
  private finalResponse: number | null = null;
  private finalReason: ReasonInRecord | null = null;
  private cancelledAt: number | null = null;
  private bye: SipFacts['bye'] = null;

  private constructor(
    readonly callId: string,
    /** Our From tag: a request carrying it is ours, a response carrying it answers us. */
    readonly ourTag: string | null,
    readonly inviteCseq: number,
  ) {}

  /**
   * Starts a call from our initial INVITE (no To tag). Returns a one-line reason instead when the
   * message is not one.
   */
  static start(invite: SipMessage): SipCall | string {
    if (invite.kind !== 'request' || invite.method !== 'INVITE') return 'a call starts with an INVITE request';
    const keys = sipKeys(invite);
    if (typeof keys === 'string') return keys;
    if (keys.toTag !== null) return `Call-ID ${keys.callId}: an INVITE with a To tag is a re-INVITE, not a new call`;
    const call = new SipCall(keys.callId, keys.fromTag, keys.cseq);
    call.seen.add(messageKey(invite, keys));
    return call;
  }

  /** Who sent a message of this call, read from the tags (RFC 3261 §12.1): ports and addresses may change. */
  sideOf(message: SipMessage, keys: SipKeys): SipSide {
    const ours = keys.fromTag === this.ourTag;
    return message.kind === 'request' ? (ours ? 'us' : 'them') : ours ? 'them' : 'us';
  }

  /** Reads one message of the call, `at` ms after the first INVITE. */
  observe(message: SipMessage, at: number): SipStep {
    const keys = sipKeys(message);
    if (typeof keys === 'string') return { side: 'them', events: [], retransmission: false };
    const side = this.sideOf(message, keys);
    const key = messageKey(message, keys);
    if (this.seen.has(key)) {
      this.retransmissions++;
      return { side, events: [], retransmission: true };
    }
    this.seen.add(key);
    const events =
      message.kind === 'response' ? this.response(message, keys, side, at) : this.request(message, side, at);
    return { side, events, retransmission: false };
  }

  facts(): SipFacts {
    return {
      finalResponse: this.finalResponse,
      finalReason: this.finalReason,
      cancelledAt: this.cancelledAt,
      bye: this.bye,
      earlyDialogs: this.toTags.size,
      retransmissions: this.retransmissions,
      otherRequests: { ...this.otherRequests },
      policies: [...new Set(this.policies)],
    };
  }

  private response(
    message: Extract<SipMessage, { kind: 'response' }>,
    keys: SipKeys,
    side: SipSide,
    at: number,
  ): SipCallEvent[] {
    // Only the far side's responses to our initial INVITE move the call: the 200 of a CANCEL or a
    // BYE, or of a re-INVITE, answers nothing.
    if (side !== 'them' || keys.cseqMethod !== 'INVITE' || keys.cseq !== this.inviteCseq) return [];
    const status = message.status;
    if (keys.toTag !== null && status > 100) this.toTags.add(keys.toTag);
    if (status < 200) {
      const mapped = fromSip(status);
      if (!mapped.ok) return [];
      if (mapped.value.kind === 'event') {
        if (mapped.value.policy !== undefined) this.policies.push(mapped.value.policy);
        return [{ ...mapped.value.event, at }];
      }
      return [{ type: 'carrier.trying', sipCode: status, at }];
    }
    const reason = reasonOf(message);
    if (this.finalResponse === null) {
      this.finalResponse = status;
      this.finalReason = reason;
    }
    if (status < 300) return [{ type: 'carrier.answered', sipCode: status, at }];
    const cause = q850Of(reason);
    const context = this.cancelledAt === null ? {} : { cancel: 'ringTimeout' as const };
    const mapped = fromCodes(cause === undefined ? { sip: status } : { sip: status, q850: cause }, context);
    if (!mapped.ok || mapped.value.kind !== 'event') return [];
    this.policies.push(...mapped.value.policies);
    return [{ ...mapped.value.event, at }];
  }

  private request(message: Extract<SipMessage, { kind: 'request' }>, side: SipSide, at: number): SipCallEvent[] {
    switch (message.method) {
      case 'ACK':
        return [];
      case 'CANCEL':
        if (side === 'us' && this.cancelledAt === null) this.cancelledAt = at;
        return [];
      case 'BYE':
        if (this.bye !== null) return [];
        this.bye = { by: side, at, reason: reasonOf(message) };
        return [{ type: side === 'them' ? 'recipient.hangup' : 'platform.abort', at }];
      default:
        this.otherRequests[message.method] = (this.otherRequests[message.method] ?? 0) + 1;
        return [];
    }
  }
}
