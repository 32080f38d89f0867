import type { Frame } from './file-reader.js';

/**
 * pcapng blocks, per the IETF draft "PCAP Next Generation (pcapng) Capture File Format"
 * (draft-ietf-opsawg-pcapng): Section Header (SHB), Interface Description (IDB), Enhanced Packet
 * (EPB), Simple Packet (SPB) and the obsolete Packet Block (PB). Other blocks are skipped.
 */
const SHB = 0x0a0d0d0a;
const IDB = 1;
const PB = 2;
const SPB = 3;
const EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/**
 * The latest instant a date can name, in µs (ECMA-262 §21.4.1.1: 8.64e15 ms after 1970, in the
 * year 275760): a 64-bit timestamp beyond it is a corrupt block, not a time.
 */
const LATEST_TIME_US = 8.64e18;

/** IDB option if_tsresol (§4.2): the timestamp unit; absent means microseconds. */
const IF_TSRESOL = 9;
const MAX_BLOCK = 16 * 1024 * 1024;

interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  /** Microseconds per timestamp unit. */
  readonly usPerUnit: number;
}

/** What a section has said so far: its byte order and interfaces, and the last frame's time (SPBs have none). */
export interface PcapngState {
  little: boolean;
  interfaces: Interface[];
  lastTimeUs: number;
}

export type BlockResult =
  | { readonly kind: 'ok'; readonly used: number }
  | { readonly kind: 'error'; readonly message: string };

function usPerUnit(view: DataView, little: boolean, start: number, end: number): number {
  let offset = start;
  while (offset + 4 <= end) {
    const code = view.getUint16(offset, little);
    const length = view.getUint16(offset + 2, little);
    if (code === 0) break;
    if (code === IF_TSRESOL && length >= 1) {
      const value = view.getUint8(offset + 4);
      // High bit set: a negative power of two; else a negative power of ten.
      const unitsPerSecond = value & 0x80 ? 2 ** (value & 0x7f) : 10 ** value;
      return 1e6 / unitsPerSecond;
    }
    offset += 4 + ((length + 3) & ~3);
  }
  return 1;
}

/**
 * Reads the block at `offset`: returns the bytes it used (0 when the block is not all there yet),
 * or an error for a block no reader could skip (a bad length, an unknown byte order).
 */
export function pcapngBlock(
  state: PcapngState,
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  position: number,
  onFrame: (frame: Frame) => void,
): BlockResult {
  const left = bytes.length - offset;
  if (left < 12) return { kind: 'ok', used: 0 };
  const type = view.getUint32(offset, state.little);
  if (type === SHB) {
    const magic = view.getUint32(offset + 8, true);
    if (magic === BYTE_ORDER_MAGIC) state.little = true;
    else if (magic === 0x4d3c2b1a) state.little = false;
    else return { kind: 'error', message: `corrupt pcapng section header at byte ${position}: unknown byte order` };
    state.interfaces = [];
  }
  const length = view.getUint32(offset + 4, state.little);
  if (length < 12 || length % 4 !== 0 || length > MAX_BLOCK)
    return { kind: 'error', message: `corrupt pcapng block at byte ${position}: length ${length}` };
  if (left < length) return { kind: 'ok', used: 0 };
  const little = state.little;
  if (type === IDB) {
    state.interfaces.push({
      linkType: view.getUint16(offset + 8, little),
      snapLength: view.getUint32(offset + 12, little),
      usPerUnit: usPerUnit(view, little, offset + 16, offset + length - 4),
    });
  } else if (type === EPB || type === PB) {
    const id = type === EPB ? view.getUint32(offset + 8, little) : view.getUint16(offset + 8, little);
    const face = state.interfaces[id];
    if (face === undefined)
      return {
        kind: 'error',
        message: `pcapng packet at byte ${position} names interface ${id}, which no IDB describes`,
      };
    const units = view.getUint32(offset + 12, little) * 4294967296 + view.getUint32(offset + 16, little);
    const captured = Math.min(view.getUint32(offset + 20, little), length - 32);
    if (!(units * face.usPerUnit <= LATEST_TIME_US))
      return {
        kind: 'error',
        message: `pcapng packet at byte ${position}: timestamp beyond any date (${units} units)`,
      };
    state.lastTimeUs = units * face.usPerUnit;
    onFrame({
      timeUs: state.lastTimeUs,
      linkType: face.linkType,
      data: bytes.subarray(offset + 28, offset + 28 + captured),
    });
  } else if (type === SPB) {
    // An SPB has no interface id (always the first) and no timestamp: it takes the last frame's time.
    const face = state.interfaces[0];
    if (face === undefined)
      return { kind: 'error', message: `pcapng simple packet at byte ${position} before any IDB` };
    const original = view.getUint32(offset + 8, little);
    const captured = Math.min(original, length - 16, face.snapLength === 0 ? original : face.snapLength);
    onFrame({
      timeUs: state.lastTimeUs,
      linkType: face.linkType,
      data: bytes.subarray(offset + 12, offset + 12 + captured),
    });
  }
  return { kind: 'ok', used: length };
}
