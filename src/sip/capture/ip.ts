import { FragmentReassembler } from './fragments.js';
import { ipOffset } from './link.js';

const UDP = 17;
export const TCP = 6;

/** A UDP datagram or TCP segment of a frame. Its byte arrays are views, valid during the callback. */
export interface Segment {
  readonly timeUs: number;
  readonly protocol: typeof UDP | typeof TCP;
  /** 4 or 16 bytes. */
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly srcPort: number;
  readonly dstPort: number;
  /** TCP only (0 for UDP): the sequence number and the flags byte (FIN 1, SYN 2, RST 4). */
  readonly seq: number;
  readonly flags: number;
  readonly payload: Uint8Array;
}

// IPv6 extension headers that may come before the transport header (RFC 8200 §4).
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTH = 51;
const DEST_OPTIONS = 60;

/** One byte, 0 past the end: a truncated header reads as zeros and fails its own length checks. */
const u8 = (data: Uint8Array, at: number) => data[at] ?? 0;
const u16 = (data: Uint8Array, at: number) => (u8(data, at) << 8) | u8(data, at + 1);
const u32 = (data: Uint8Array, at: number) => u16(data, at) * 65536 + u16(data, at + 2);

function hex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/**
 * Decodes frames down to UDP and TCP: IPv4 and IPv6 (with extension headers), fragments
 * reassembled. Anything else (ARP, ICMP, an unknown link type) is counted in `skipped`.
 */
export class PacketDecoder {
  private readonly fragments = new FragmentReassembler();
  skipped = 0;

  constructor(private readonly onSegment: (segment: Segment) => void) {}

  get droppedFragments(): number {
    return this.fragments.dropped;
  }

  frame(timeUs: number, linkType: number, data: Uint8Array): void {
    const offset = ipOffset(linkType, data);
    if (offset < 0) {
      this.skipped++;
      return;
    }
    const ip = data.subarray(offset);
    if (u8(ip, 0) >> 4 === 4) this.ipv4(timeUs, ip);
    else this.ipv6(timeUs, ip);
  }

  private ipv4(timeUs: number, ip: Uint8Array): void {
    const headerLength = (u8(ip, 0) & 0x0f) * 4;
    const total = u16(ip, 2);
    if (headerLength < 20 || ip.length < headerLength) return void this.skipped++;
    // A total length of 0 comes from TCP segmentation offload: the frame's length decides.
    const end = total === 0 || total > ip.length ? ip.length : total;
    const protocol = u8(ip, 9);
    const src = ip.subarray(12, 16);
    const dst = ip.subarray(16, 20);
    let payload = ip.subarray(headerLength, end);
    const fragment = u16(ip, 6);
    const more = (fragment & 0x2000) !== 0;
    const fragmentOffset = (fragment & 0x1fff) * 8;
    if (more || fragmentOffset > 0) {
      const key = `4 ${hex(src)} ${hex(dst)} ${u16(ip, 4)} ${protocol}`;
      const whole = this.fragments.add(key, timeUs, fragmentOffset, more, payload);
      if (whole === null) return;
      payload = whole;
    }
    this.transport(timeUs, protocol, src, dst, payload);
  }

  private ipv6(timeUs: number, ip: Uint8Array): void {
    if (ip.length < 40) return void this.skipped++;
    const src = ip.subarray(8, 24);
    const dst = ip.subarray(24, 40);
    const end = Math.min(ip.length, 40 + u16(ip, 4));
    let next = u8(ip, 6);
    let offset = 40;
    while (next === HOP_BY_HOP || next === ROUTING || next === DEST_OPTIONS || next === AUTH || next === FRAGMENT) {
      if (offset + 8 > end) return void this.skipped++;
      const header = next;
      next = u8(ip, offset);
      if (header === FRAGMENT) {
        const field = u16(ip, offset + 2);
        const key = `6 ${hex(src)} ${hex(dst)} ${u32(ip, offset + 4)}`;
        const whole = this.fragments.add(key, timeUs, field & 0xfff8, (field & 1) !== 0, ip.subarray(offset + 8, end));
        if (whole !== null) this.transport(timeUs, next, src, dst, whole);
        return;
      }
      offset += header === AUTH ? (u8(ip, offset + 1) + 2) * 4 : (u8(ip, offset + 1) + 1) * 8;
    }
    this.transport(timeUs, next, src, dst, ip.subarray(offset, end));
  }

  private transport(timeUs: number, protocol: number, src: Uint8Array, dst: Uint8Array, data: Uint8Array): void {
    if (protocol === UDP && data.length >= 8) {
      const length = u16(data, 4);
      const end = length >= 8 && length <= data.length ? length : data.length;
      const payload = data.subarray(8, end);
      this.onSegment({
        timeUs,
        protocol,
        src,
        dst,
        srcPort: u16(data, 0),
        dstPort: u16(data, 2),
        seq: 0,
        flags: 0,
        payload,
      });
    } else if (protocol === TCP && data.length >= 20) {
      const headerLength = (u8(data, 12) >> 4) * 4;
      if (headerLength < 20 || headerLength > data.length) return void this.skipped++;
      this.onSegment({
        timeUs,
        protocol,
        src,
        dst,
        srcPort: u16(data, 0),
        dstPort: u16(data, 2),
        seq: u32(data, 4),
        flags: u8(data, 13),
        payload: data.subarray(headerLength),
      });
    } else {
      this.skipped++;
    }
  }
}
