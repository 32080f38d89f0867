import type { MessageSpec } from '../../machines/input.js';
import { SipCall, type SipCallEvent } from './call.js';
import { e164FromUri, sipKeys } from './fields.js';
import { header } from './message.js';
import { RtpMeter } from './rtp.js';
import { audioEndpoint } from './sdp.js';
import { endpointText } from './capture/address.js';
import type { CapturedSip } from './capture/messages.js';
import { buildSipRecord, type SipCallResult } from './sip-record.js';
import { mediaKey, mediaKeyOfSegment } from './media-key.js';
import type { Segment } from './capture/ip.js';

/** Which side is ours: an address, and a port when given (`--us 10.0.0.5:5060`). */
export interface OurSide {
  readonly address: string;
  readonly port?: number;
}

/** How to read a capture's calls. */
export interface SipCaptureOptions {
  /** The broadcast each call plays; its length says what a call without our RTP played. */
  readonly messages: readonly MessageSpec[];
  /** Our side. @defaultValue the sender of each call's first INVITE */
  readonly us?: OurSide;
  /** The destination for calls whose INVITE names no E.164 number. */
  readonly to?: string;
}

/** After its last final response or BYE, a call waits this long (capture time) for retransmissions: 64·T1 (RFC 3261 §17.1.1.2). */
const LINGER_US = 32_000_000;
/** A call silent this long (no SIP, no RTP) is closed as it stands: memory stays bounded. */
const IDLE_US = 60 * 60 * 1_000_000;

/** One call being read. */
export interface OpenCall {
  readonly call: SipCall;
  readonly startUs: number;
  readonly transport: 'udp' | 'tcp';
  readonly us: string;
  readonly them: string;
  readonly requestUri: string;
  readonly to: string | null;
  readonly events: SipCallEvent[];
  readonly mediaKeys: (number | string)[];
  rtp: RtpMeter | null;
  answeredAt: number | null;
  /** The cumulative end of each message, ms of audio: when RTP passes one, it was played. */
  readonly messageEnds: readonly number[];
  messagesEnded: number;
  lastUs: number;
  closeAtUs: number | null;
  closed: boolean;
}

/**
 * Reads the calls of a capture: groups SIP messages by Call-ID, maps each call's dialog with
 * `SipCall`, meters our RTP, and returns one result per call in order of first INVITE, each as
 * soon as every earlier call is done (memory holds only calls in progress). Browser-safe.
 */
export class SipCaptureCalls {
  private readonly open = new Map<string, OpenCall>();
  private readonly media = new Map<number | string, OpenCall>();
  private readonly order: OpenCall[] = [];
  private readonly lingering: OpenCall[] = [];
  private lastSweepUs = 0;
  /** Messages of no call of ours: out-of-dialog requests, calls placed by the other side, late strays. */
  strays = 0;
  /** Calls whose INVITE another side sent (only with `us`). */
  notOurs = 0;

  constructor(
    private readonly options: SipCaptureOptions,
    private readonly onCall: (result: SipCallResult) => void,
  ) {}

  sip(captured: CapturedSip): void {
    this.expire(captured.timeUs);
    const keys = sipKeys(captured.message);
    if (typeof keys === 'string') {
      this.strays++;
      return;
    }
    let open = this.open.get(keys.callId);
    if (open === undefined) {
      open = this.start(captured) ?? undefined;
      if (open === undefined) return void this.strays++;
      return;
    }
    const at = Math.max(0, Math.round((captured.timeUs - open.startUs) / 1000));
    open.lastUs = captured.timeUs;
    const step = open.call.observe(captured.message, at);
    if (step.retransmission) return;
    for (const event of step.events) {
      if (event.type === 'carrier.answered' && open.answeredAt === null) open.answeredAt = at;
      open.events.push(event);
    }
    if (step.side === 'them' && captured.message.body !== '') this.addMedia(open, captured.message.body);
    const ends =
      (captured.message.kind === 'response' &&
        captured.message.status >= 300 &&
        keys.cseqMethod === 'INVITE' &&
        keys.cseq === open.call.inviteCseq) ||
      (captured.message.kind === 'request' && captured.message.method === 'BYE');
    if (ends && open.closeAtUs === null) {
      open.closeAtUs = captured.timeUs + LINGER_US;
      this.lingering.push(open);
    }
  }

  /** A UDP datagram that is not SIP: our RTP when it goes to an endpoint the far side announced. */
  udp(segment: Segment): void {
    if (this.media.size === 0) return;
    const open = this.media.get(mediaKeyOfSegment(segment));
    if (open === undefined || open.closed || open.answeredAt === null) return;
    const payload = segment.payload;
    if (payload.length < 12 || (payload[0] ?? 0) >> 6 !== 2) return;
    const at = Math.round((segment.timeUs - open.startUs) / 1000);
    if (at < open.answeredAt) return;
    open.lastUs = segment.timeUs;
    const stamp = new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(4);
    const played = (open.rtp as RtpMeter).add(at, stamp);
    while (open.messagesEnded < open.messageEnds.length && played >= (open.messageEnds[open.messagesEnded] as number)) {
      const message = this.options.messages[open.messagesEnded] as MessageSpec;
      open.events.push({ type: 'playback.ended', messageId: message.id, at });
      open.messagesEnded++;
    }
  }

  /** The capture ended: every call still open is closed as it stands. */
  end(): void {
    for (const open of this.order) open.closed = true;
    this.flush();
  }

  private start(captured: CapturedSip): OpenCall | null {
    const { message } = captured;
    if (message.kind !== 'request' || message.method !== 'INVITE') return null;
    const call = SipCall.start(message);
    if (typeof call === 'string') return null;
    const us = this.options.us;
    if (us !== undefined && (captured.src !== us.address || (us.port !== undefined && captured.srcPort !== us.port))) {
      this.notOurs++;
      return null;
    }
    let total = 0;
    const messageEnds = this.options.messages.map((spec) => (total += spec.durationMs ?? 0));
    const open: OpenCall = {
      call,
      startUs: captured.timeUs,
      transport: captured.transport,
      us: endpointText(captured.src, captured.srcPort),
      them: endpointText(captured.dst, captured.dstPort),
      requestUri: message.uri,
      to: e164FromUri(message.uri) ?? e164FromUri(header(message, 'to') ?? '') ?? this.options.to ?? null,
      events: [],
      mediaKeys: [],
      rtp: null,
      answeredAt: null,
      messageEnds,
      messagesEnded: 0,
      lastUs: captured.timeUs,
      closeAtUs: null,
      closed: false,
    };
    this.open.set(call.callId, open);
    this.order.push(open);
    return open;
  }

  private addMedia(open: OpenCall, body: string): void {
    const endpoint = audioEndpoint(body);
    if (endpoint === null) return;
    const key = mediaKey(endpoint.address, endpoint.port);
    if (key === null || open.mediaKeys.includes(key)) return;
    open.mediaKeys.push(key);
    this.media.set(key, open);
    open.rtp ??= new RtpMeter(endpoint.clockRate);
  }

  private expire(nowUs: number): void {
    let closed = false;
    while (this.lingering.length > 0 && (this.lingering[0]?.closeAtUs as number) <= nowUs) {
      (this.lingering.shift() as OpenCall).closed = true;
      closed = true;
    }
    if (nowUs - this.lastSweepUs > IDLE_US / 60) {
      this.lastSweepUs = nowUs;
      for (const open of this.open.values()) {
        if (!open.closed && nowUs - open.lastUs > IDLE_US) {
          open.closed = true;
          closed = true;
        }
      }
    }
    if (closed) this.flush();
  }

  private flush(): void {
    while (this.order.length > 0 && this.order[0]?.closed === true) {
      const open = this.order.shift() as OpenCall;
      this.open.delete(open.call.callId);
      for (const key of open.mediaKeys) if (this.media.get(key) === open) this.media.delete(key);
      this.onCall(buildSipRecord(open, this.options.messages));
    }
  }
}
