/**
 * Link-layer headers (tcpdump.org "Link-layer header types"): where a frame's IP packet starts.
 */
const LINK_TYPES = {
  null: 0,
  ethernet: 1,
  raw: 101,
  loop: 108,
  linuxSll: 113,
  ipv4: 228,
  ipv6: 229,
  linuxSll2: 276,
} as const;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
// 802.1Q, 802.1ad and the old QinQ tag: each adds four bytes before the real EtherType.
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);

function byVersion(data: Uint8Array, offset: number): number {
  const version = (data[offset] ?? 0) >> 4;
  return version === 4 || version === 6 ? offset : -1;
}

function byEtherType(data: Uint8Array, etherType: number, offset: number): number {
  return etherType === ETHERTYPE_IPV4 || etherType === ETHERTYPE_IPV6 ? byVersion(data, offset) : -1;
}

const u16 = (data: Uint8Array, offset: number) => ((data[offset] ?? 0) << 8) | (data[offset + 1] ?? 0);

/**
 * The offset of the IP header in a frame of `linkType`, or -1 when the frame carries no IP
 * (ARP, another protocol) or the link type is not one we read.
 *
 * @example
 * ipOffset(LINK_TYPES.ethernet, frame); // → 14 for an untagged IPv4 frame
 */
export function ipOffset(linkType: number, data: Uint8Array): number {
  switch (linkType) {
    case LINK_TYPES.ethernet: {
      let offset = 12;
      let etherType = u16(data, offset);
      while (VLAN_TAGS.has(etherType)) {
        offset += 4;
        etherType = u16(data, offset);
      }
      return byEtherType(data, etherType, offset + 2);
    }
    // BSD loopback: a 4-byte address family in the writer's byte order (AF_INET6 differs by
    // system), so the IP version nibble decides.
    case LINK_TYPES.null:
    case LINK_TYPES.loop:
      return byVersion(data, 4);
    case LINK_TYPES.linuxSll:
      return byEtherType(data, u16(data, 14), 16);
    case LINK_TYPES.linuxSll2:
      return byEtherType(data, u16(data, 0), 20);
    case LINK_TYPES.raw:
    case LINK_TYPES.ipv4:
    case LINK_TYPES.ipv6:
      return byVersion(data, 0);
    default:
      return -1;
  }
}

/** Whether this reader understands a link type (the CLI warns once about others). */
export function isKnownLinkType(linkType: number): boolean {
  return (Object.values(LINK_TYPES) as number[]).includes(linkType);
}
