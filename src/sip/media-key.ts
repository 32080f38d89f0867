import { addressText } from './capture/address.js';
import type { Segment } from './capture/ip.js';

/**
 * A media endpoint as a map key: a number for IPv4 (address · 65536 + port), so the RTP path
 * builds no string per packet; text for IPv6.
 */
export type MediaKey = number | string;

/** Parses an IPv6 address (with `::`, and a dotted IPv4 tail) into its 16 bytes, or null. */
function ipv6Bytes(text: string): Uint8Array | null {
  const [head = '', tail, extra] = text.split('::');
  if (extra !== undefined) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const words = (part: string): number[] | null => {
    const out: number[] = [];
    for (const group of groups(part)) {
      if (group.includes('.')) {
        const v4 = group.split('.').map(Number);
        if (v4.length !== 4 || v4.some((n) => !(n >= 0 && n <= 255))) return null;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else if (/^[0-9a-f]{1,4}$/i.test(group)) out.push(Number.parseInt(group, 16));
      else return null;
    }
    return out;
  };
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  if (left === null || right === null) return null;
  const fill = 8 - left.length - right.length;
  if (tail === undefined ? fill !== 0 : fill < 0) return null;
  const all = [...left, ...new Array<number>(fill).fill(0), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((word, index) => {
    bytes[index * 2] = word >> 8;
    bytes[index * 2 + 1] = word & 0xff;
  });
  return bytes;
}

/**
 * The key of an address (as SDP writes it) and port, or null for an address that is not an IP
 * literal (a host name: its RTP cannot be matched without DNS).
 *
 * @example
 * mediaKey('127.0.0.1', 6000); // → 2130706433 * 65536 + 6000
 * mediaKey('0::1', 6000); // → '::1 6000'
 */
export function mediaKey(address: string, port: number): MediaKey | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4 !== null) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    if ([a, b, c, d].some((n) => n > 255)) return null;
    return (a * 16777216 + b * 65536 + c * 256 + d) * 65536 + port;
  }
  const bytes = ipv6Bytes(address);
  return bytes === null ? null : `${addressText(bytes)} ${port}`;
}

/** The key of a datagram's destination. */
export function mediaKeyOfSegment(segment: Segment): MediaKey {
  const dst = segment.dst;
  if (dst.length === 4)
    return (
      ((dst[0] as number) * 16777216 + (dst[1] as number) * 65536 + (dst[2] as number) * 256 + (dst[3] as number)) *
        65536 +
      segment.dstPort
    );
  return `${addressText(dst)} ${segment.dstPort}`;
}
