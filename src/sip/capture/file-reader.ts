import { pcapngBlock, type PcapngState } from './pcapng.js';

/** One captured frame: when (µs since the Unix epoch), its link type, and its bytes. */
export interface Frame {
  readonly timeUs: number;
  readonly linkType: number;
  /** A view into the reader's buffer: valid only during the callback. */
  readonly data: Uint8Array;
}

/** A file that is not a capture, or a capture broken in a way no reader could skip. */
export class CaptureFormatError extends Error {
  override readonly name = 'CaptureFormatError';
}

// libpcap magic numbers (pcap-savefile(5)): microsecond and nanosecond timestamps.
const PCAP_US = 0xa1b2c3d4;
const PCAP_NS = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
/** Larger than any frame a capture tool writes (libpcap's own limit is 256 KiB): a corrupt length. */
const MAX_RECORD = 16 * 1024 * 1024;
/** How much of a new chunk is joined to an unfinished record: more than almost any one record. */
const JOIN_BYTES = 256 * 1024;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

type Format =
  | { readonly kind: 'pcap'; readonly little: boolean; readonly nano: boolean; readonly linkType: number }
  | { readonly kind: 'pcapng'; readonly state: PcapngState };

/**
 * Reads a libpcap or pcapng capture pushed in chunks of any size, in bounded memory: only the
 * bytes of one unfinished record are kept between chunks. Both byte orders; pcapng's SHB, IDB,
 * EPB, SPB and the obsolete PB (other blocks are skipped), several sections and interfaces.
 *
 * @example
 * const reader = new CaptureReader((frame) => console.log(frame.timeUs, frame.data.length));
 * for await (const chunk of stream) reader.push(chunk);
 * reader.end(); // → { truncated: false }
 */
export class CaptureReader {
  private pending: Uint8Array = new Uint8Array(0);
  private format: Format | null = null;
  private consumed = 0;

  constructor(private readonly onFrame: (frame: Frame) => void) {}

  /** The file's format, once its first bytes are read. */
  get kind(): 'pcap' | 'pcapng' | null {
    return this.format?.kind ?? null;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.pending.length > 0) {
      // Join the unfinished record with only the start of the chunk: copying whole chunks (and
      // allocating one per push) made reading four times slower.
      const head = chunk.subarray(0, Math.min(chunk.length, JOIN_BYTES));
      const joined = new Uint8Array(this.pending.length + head.length);
      joined.set(this.pending);
      joined.set(head, this.pending.length);
      const used = this.parse(joined, 0);
      if (used < this.pending.length || head.length === chunk.length) {
        // The record is larger than what was joined (or the chunk is all used): keep it all.
        this.pending = joined.slice(used);
        if (head.length < chunk.length) this.pending = concat(this.pending, chunk.subarray(head.length));
        return;
      }
      start = used - this.pending.length;
    }
    const used = this.parse(chunk, start);
    // Copy the tail: keeping a view would pin the whole chunk.
    this.pending = chunk.slice(start + used);
  }

  /** Reads every whole record from `offset`; returns the bytes used. */
  private parse(bytes: Uint8Array, offset: number): number {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let position = offset;
    for (;;) {
      const used = this.next(bytes, view, position);
      if (used === 0) break;
      position += used;
      this.consumed += used;
    }
    return position - offset;
  }

  /** Ends the input. A capture cut off inside its last record (a killed capture) says so. */
  end(): { readonly truncated: boolean } {
    if (this.format === null)
      throw new CaptureFormatError(
        this.pending.length === 0 ? 'empty input: not a capture' : 'not a pcap or pcapng capture (too short)',
      );
    return { truncated: this.pending.length > 0 };
  }

  /** Reads one header or record at `offset`; returns the bytes it took, or 0 when more are needed. */
  private next(bytes: Uint8Array, view: DataView, offset: number): number {
    const left = bytes.length - offset;
    if (this.format === null) return this.header(view, offset, left);
    if (this.format.kind === 'pcapng') {
      if (left < 12) return 0;
      const result = pcapngBlock(this.format.state, bytes, view, offset, this.consumed, this.onFrame);
      if (result.kind === 'error') throw new CaptureFormatError(result.message);
      return result.used;
    }
    return this.pcapRecord(this.format, bytes, view, offset, left);
  }

  private header(view: DataView, offset: number, left: number): number {
    if (left < 4) return 0;
    const magic = view.getUint32(offset, true);
    if (magic === PCAPNG_SHB) {
      // The first block is read as any other block; the reader keeps no header of its own.
      this.format = { kind: 'pcapng', state: { little: true, interfaces: [], lastTimeUs: 0 } };
      return this.next(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), view, offset);
    }
    const swapped = view.getUint32(offset, false);
    const little = magic === PCAP_US || magic === PCAP_NS;
    const known = little ? magic : swapped;
    if (known !== PCAP_US && known !== PCAP_NS) {
      const hex = [...new Uint8Array(view.buffer, view.byteOffset + offset, 4)]
        .map((byte) => byte.toString(16).padStart(2, '0'))
        .join(' ');
      throw new CaptureFormatError(`not a pcap or pcapng capture (it starts with bytes ${hex})`);
    }
    if (left < 24) return 0;
    // The link type is the low 16 bits; the high bits may carry FCS information (pcap-linktype(7)).
    this.format = {
      kind: 'pcap',
      little,
      nano: known === PCAP_NS,
      linkType: view.getUint32(offset + 20, little) & 0xffff,
    };
    return 24;
  }

  private pcapRecord(
    format: Extract<Format, { kind: 'pcap' }>,
    bytes: Uint8Array,
    view: DataView,
    offset: number,
    left: number,
  ): number {
    if (left < 16) return 0;
    const captured = view.getUint32(offset + 8, format.little);
    if (captured > MAX_RECORD)
      throw new CaptureFormatError(`corrupt pcap record at byte ${this.consumed}: length ${captured}`);
    if (left < 16 + captured) return 0;
    const seconds = view.getUint32(offset, format.little);
    const fraction = view.getUint32(offset + 4, format.little);
    const timeUs = seconds * 1e6 + (format.nano ? fraction / 1000 : fraction);
    this.onFrame({ timeUs, linkType: format.linkType, data: bytes.subarray(offset + 16, offset + 16 + captured) });
    return 16 + captured;
  }
}
