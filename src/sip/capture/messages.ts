import { parseSipMessage, looksLikeSip, type SipMessage } from '../message.js';
import { addressText, endpointText } from './address.js';
import { PacketDecoder, TCP, type Segment } from './ip.js';
import { TcpStreams } from './tcp.js';
import { formatInputError } from '../../../machines/result.js';

/** A SIP message of a capture, with when and between which endpoints it went. */
export interface CapturedSip {
  readonly timeUs: number;
  readonly transport: 'udp' | 'tcp';
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly message: SipMessage;
}

/** Counts of what a capture held besides SIP messages. */
export interface CaptureCounts {
  frames: number;
  sipMessages: number;
  /** Datagrams or stream messages that start like SIP but do not parse (the first few are kept). */
  malformed: number;
  readonly malformedExamples: string[];
  otherPackets: number;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/**
 * Turns a capture's frames into SIP messages (UDP datagrams and reassembled TCP streams) and
 * hands every other UDP datagram to `onOtherUdp` (RTP is read there). Browser-safe: it takes
 * frames, whoever reads the file.
 */
export class SipPacketReader {
  private readonly decoder = new PacketDecoder((segment) => this.segment(segment));
  private readonly tcp = new TcpStreams((bytes, segment) => this.message(bytes, segment, 'tcp'));
  readonly counts: CaptureCounts = { frames: 0, sipMessages: 0, malformed: 0, malformedExamples: [], otherPackets: 0 };

  constructor(
    private readonly onSip: (sip: CapturedSip) => void,
    private readonly onOtherUdp: (segment: Segment) => void,
  ) {}

  frame(timeUs: number, linkType: number, data: Uint8Array): void {
    this.counts.frames++;
    this.decoder.frame(timeUs, linkType, data);
  }

  private segment(segment: Segment): void {
    if (segment.protocol === TCP) {
      const key = `${addressText(segment.src)} ${segment.srcPort} ${addressText(segment.dst)} ${segment.dstPort}`;
      this.tcp.segment(segment, key);
      return;
    }
    const payload = segment.payload;
    // A SIP message starts with a letter (a method or "SIP/2.0"); RTP starts with version bits 10.
    const first = payload[0] ?? 0;
    if (first >= 65 && first <= 90 && looksLikeSip(latin1.decode(payload.subarray(0, 256)))) {
      this.message(payload, segment, 'udp');
      return;
    }
    this.counts.otherPackets++;
    this.onOtherUdp(segment);
  }

  private message(bytes: Uint8Array, segment: Segment, transport: 'udp' | 'tcp'): void {
    const parsed = parseSipMessage(utf8.decode(bytes));
    if (!parsed.ok) {
      this.counts.malformed++;
      if (this.counts.malformedExamples.length < 3) {
        const where = `${endpointText(addressText(segment.src), segment.srcPort)} → ${endpointText(addressText(segment.dst), segment.dstPort)}`;
        this.counts.malformedExamples.push(`${where}: ${formatInputError(parsed.error)}`);
      }
      return;
    }
    this.counts.sipMessages++;
    this.onSip({
      timeUs: segment.timeUs,
      transport,
      src: addressText(segment.src),
      srcPort: segment.srcPort,
      dst: addressText(segment.dst),
      dstPort: segment.dstPort,
      message: parsed.value,
    });
  }
}
