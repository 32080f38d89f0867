/**
 * Writes captures the way capture tools lay them out (pcap-savefile(5); the pcapng draft's SHB,
 * IDB, EPB and SPB): for the SIP reader's tests, which need every link type and byte order, and
 * for its bench, which needs a large capture. Not part of the package.
 */

export interface Datagram {
  readonly timeUs: number;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload: Uint8Array;
  readonly protocol?: 'udp' | 'tcp';
  /** TCP only. */
  readonly seq?: number;
  readonly flags?: number;
}

export const LINK = { null: 0, ethernet: 1, raw: 101, sll: 113, sll2: 276 } as const;

const encoder = new TextEncoder();
export const text = (value: string) => encoder.encode(value);

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

function ipv6Bytes(address: string): number[] {
  const [head = '', tail = ''] = address.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((word) => Number.parseInt(word, 16)));
  const left = words(head);
  const right = words(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((word) => [word >> 8, word & 0xff]);
}

function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/** The transport header and payload of a datagram. */
function transport(datagram: Datagram): number[] {
  const payload = [...datagram.payload];
  if (datagram.protocol === 'tcp')
    return [
      ...u16(datagram.srcPort),
      ...u16(datagram.dstPort),
      ...u32(datagram.seq ?? 0),
      ...u32(0),
      0x50,
      datagram.flags ?? 0x18,
      ...u16(65535),
      0,
      0,
      0,
      0,
      ...payload,
    ];
  return [...u16(datagram.srcPort), ...u16(datagram.dstPort), ...u16(8 + payload.length), 0, 0, ...payload];
}

/**
 * The IP packets of a datagram: one, or several fragments of at most `fragment` payload bytes
 * (a multiple of 8) each.
 */
export function ipPackets(datagram: Datagram, fragment = 0, id = 1): Uint8Array[] {
  const v6 = datagram.src.includes(':');
  const protocol = datagram.protocol === 'tcp' ? 6 : 17;
  const body = transport(datagram);
  const size = fragment > 0 ? fragment : body.length;
  const packets: Uint8Array[] = [];
  for (let offset = 0; offset < body.length || offset === 0; offset += size) {
    const piece = body.slice(offset, offset + size);
    const more = offset + size < body.length;
    const fragmented = fragment > 0;
    if (v6) {
      const fragmentHeader = fragmented ? [protocol, 0, ...u16(offset | (more ? 1 : 0)), ...u32(id)] : [];
      const next = fragmented ? 44 : protocol;
      const payloadLength = fragmentHeader.length + piece.length;
      packets.push(
        new Uint8Array([
          0x60,
          0,
          0,
          0,
          ...u16(payloadLength),
          next,
          64,
          ...ipv6Bytes(datagram.src),
          ...ipv6Bytes(datagram.dst),
          ...fragmentHeader,
          ...piece,
        ]),
      );
    } else {
      const flags = (more ? 0x2000 : 0) | (offset / 8);
      packets.push(
        new Uint8Array([
          0x45,
          0,
          ...u16(20 + piece.length),
          ...u16(id),
          ...u16(fragmented ? flags : 0),
          64,
          protocol,
          0,
          0,
          ...ipv4Bytes(datagram.src),
          ...ipv4Bytes(datagram.dst),
          ...piece,
        ]),
      );
    }
    if (body.length === 0) break;
  }
  return packets;
}

/** Wraps an IP packet in a link-layer header. */
export function linkFrame(linkType: number, packet: Uint8Array): Uint8Array {
  const v6 = (packet[0] ?? 0) >> 4 === 6;
  const etherType = v6 ? 0x86dd : 0x0800;
  let header: number[];
  if (linkType === LINK.ethernet) header = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, ...u16(etherType)];
  // 802.1Q-tagged Ethernet is written as link type 1 too: `vlan` frames come from ethernetVlan.
  // Linux cooked v1: packet type, ARPHRD (772 loopback), address length, 8 address bytes, protocol.
  else if (linkType === LINK.sll)
    header = [...u16(0), ...u16(772), ...u16(6), 0, 0, 0, 0, 0, 0, 0, 0, ...u16(etherType)];
  // v2: protocol, reserved, interface index, ARPHRD, packet type, address length, 8 address bytes.
  else if (linkType === LINK.sll2)
    header = [...u16(etherType), 0, 0, ...u32(1), ...u16(772), 0, 6, 0, 0, 0, 0, 0, 0, 0, 0];
  // BSD loopback: the address family in the writer's (here little-endian) byte order.
  else if (linkType === LINK.null) header = v6 ? [30, 0, 0, 0] : [2, 0, 0, 0];
  else header = [];
  const frame = new Uint8Array(header.length + packet.length);
  frame.set(header);
  frame.set(packet, header.length);
  return frame;
}

/** An Ethernet frame with an 802.1Q VLAN tag before the EtherType. */
export function ethernetVlan(packet: Uint8Array): Uint8Array {
  const plain = linkFrame(LINK.ethernet, packet);
  const frame = new Uint8Array(plain.length + 4);
  frame.set(plain.subarray(0, 12));
  frame.set([0x81, 0x00, 0x00, 0x64], 12);
  frame.set(plain.subarray(12), 16);
  return frame;
}

export interface Frame {
  readonly timeUs: number;
  readonly data: Uint8Array;
}

/** Frames of datagrams on a link type (fragmenting each into `fragment`-byte pieces when given). */
export function framesOf(linkType: number, datagrams: readonly Datagram[], fragment = 0): Frame[] {
  return datagrams.flatMap((datagram, index) =>
    ipPackets(datagram, fragment, index + 1).map((packet) => ({
      timeUs: datagram.timeUs,
      data: linkFrame(linkType, packet),
    })),
  );
}

class Bytes {
  private readonly parts: Uint8Array[] = [];
  constructor(private readonly little: boolean) {}
  u16(value: number) {
    const bytes = new Uint8Array(2);
    new DataView(bytes.buffer).setUint16(0, value, this.little);
    this.parts.push(bytes);
  }
  u32(value: number) {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value >>> 0, this.little);
    this.parts.push(bytes);
  }
  raw(bytes: Uint8Array) {
    this.parts.push(bytes);
  }
  pad() {
    const length = this.parts.reduce((sum, part) => sum + part.length, 0);
    if (length % 4 !== 0) this.parts.push(new Uint8Array(4 - (length % 4)));
  }
  get length() {
    return this.parts.reduce((sum, part) => sum + part.length, 0);
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

/** A libpcap file. */
export function pcapFile(
  linkType: number,
  frames: readonly Frame[],
  options: { little?: boolean; nano?: boolean } = {},
): Uint8Array {
  const out = new Bytes(options.little ?? true);
  out.u32(options.nano ? 0xa1b23c4d : 0xa1b2c3d4);
  out.u16(2);
  out.u16(4);
  out.u32(0);
  out.u32(0);
  out.u32(262144);
  out.u32(linkType);
  for (const frame of frames) {
    const seconds = Math.floor(frame.timeUs / 1e6);
    const micros = frame.timeUs - seconds * 1e6;
    out.u32(seconds);
    out.u32(options.nano ? micros * 1000 : micros);
    out.u32(frame.data.length);
    out.u32(frame.data.length);
    out.raw(frame.data);
  }
  return out.concat();
}

function block(little: boolean, type: number, body: (out: Bytes) => void): Uint8Array {
  const inner = new Bytes(little);
  body(inner);
  inner.pad();
  const out = new Bytes(little);
  out.u32(type);
  out.u32(inner.length + 12);
  out.raw(inner.concat());
  out.u32(inner.length + 12);
  return out.concat();
}

/** The pcapng section header and one interface description. `nano` sets if_tsresol to 9. */
export function pcapngHeader(linkType: number, options: { little?: boolean; nano?: boolean } = {}): Uint8Array {
  const little = options.little ?? true;
  const shb = block(little, 0x0a0d0d0a, (out) => {
    out.u32(0x1a2b3c4d);
    out.u16(1);
    out.u16(0);
    out.u32(0xffffffff);
    out.u32(0xffffffff);
  });
  const idb = block(little, 1, (out) => {
    out.u16(linkType);
    out.u16(0);
    out.u32(0);
    if (options.nano) {
      out.u16(9);
      out.u16(1);
      out.raw(new Uint8Array([9, 0, 0, 0]));
      out.u32(0);
    }
  });
  const all = new Uint8Array(shb.length + idb.length);
  all.set(shb);
  all.set(idb, shb.length);
  return all;
}

/** One Enhanced Packet Block (or, with `simple`, a Simple Packet Block, which has no time). */
function pcapngPacket(frame: Frame, options: { little?: boolean; nano?: boolean; simple?: boolean } = {}): Uint8Array {
  const little = options.little ?? true;
  if (options.simple)
    return block(little, 3, (out) => {
      out.u32(frame.data.length);
      out.raw(frame.data);
    });
  const units = options.nano ? BigInt(Math.round(frame.timeUs)) * 1000n : BigInt(Math.round(frame.timeUs));
  return block(little, 6, (out) => {
    out.u32(0);
    out.u32(Number(units >> 32n));
    out.u32(Number(units & 0xffffffffn));
    out.u32(frame.data.length);
    out.u32(frame.data.length);
    out.raw(frame.data);
  });
}

/** A pcapng file. */
export function pcapngFile(
  linkType: number,
  frames: readonly Frame[],
  options: { little?: boolean; nano?: boolean; simpleAfterFirst?: boolean } = {},
): Uint8Array {
  const parts = [
    pcapngHeader(linkType, options),
    ...frames.map((frame, index) =>
      pcapngPacket(frame, { ...options, simple: options.simpleAfterFirst === true && index > 0 }),
    ),
  ];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
