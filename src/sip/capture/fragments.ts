/**
 * IP fragment reassembly (RFC 791 §3.2 for IPv4, RFC 8200 §4.5 for IPv6), bounded: at most
 * `MAX_PENDING` datagrams wait at once, and one whose fragments stop coming for `TIMEOUT_US` of
 * capture time is dropped (Linux waits 30 s: `ipfrag_time`).
 */
const MAX_PENDING = 1024;
const TIMEOUT_US = 30_000_000;
/** The largest IP datagram (IPv4's total length is 16 bits; IPv6 jumbograms are never fragmented). */
const MAX_DATAGRAM = 65_535;

interface Pending {
  firstUs: number;
  /** Known once the last fragment (More Fragments = 0) arrived. */
  total: number;
  received: number;
  readonly pieces: { readonly offset: number; readonly bytes: Uint8Array }[];
}

export class FragmentReassembler {
  private readonly pending = new Map<string, Pending>();
  /** Datagrams given up (timed out, overlapping, too many at once, too large). */
  dropped = 0;

  /**
   * Adds one fragment (`offset` in bytes into the datagram's payload) and returns the whole
   * payload once every byte has arrived, else null.
   */
  add(key: string, timeUs: number, offset: number, more: boolean, bytes: Uint8Array): Uint8Array | null {
    this.expire(timeUs);
    let entry = this.pending.get(key);
    if (entry === undefined) {
      if (this.pending.size >= MAX_PENDING) {
        const oldest = this.pending.keys().next().value as string;
        this.pending.delete(oldest);
        this.dropped++;
      }
      entry = { firstUs: timeUs, total: -1, received: 0, pieces: [] };
      this.pending.set(key, entry);
    }
    const end = offset + bytes.length;
    if (end > MAX_DATAGRAM || entry.pieces.some((piece) => piece.offset === offset)) {
      // A duplicate fragment (a retransmission by a capture on two interfaces) adds nothing.
      if (end <= MAX_DATAGRAM) return null;
      this.pending.delete(key);
      this.dropped++;
      return null;
    }
    entry.pieces.push({ offset, bytes: bytes.slice() });
    entry.received += bytes.length;
    if (!more) entry.total = end;
    if (entry.total < 0 || entry.received < entry.total) return null;
    this.pending.delete(key);
    const whole = new Uint8Array(entry.total);
    let covered = 0;
    for (const piece of entry.pieces.sort((a, b) => a.offset - b.offset)) {
      if (piece.offset > covered || piece.offset + piece.bytes.length > entry.total) {
        this.dropped++;
        return null;
      }
      whole.set(piece.bytes, piece.offset);
      covered = Math.max(covered, piece.offset + piece.bytes.length);
    }
    return whole;
  }

  private expire(timeUs: number): void {
    for (const [key, entry] of this.pending) {
      if (timeUs - entry.firstUs < TIMEOUT_US) break;
      this.pending.delete(key);
      this.dropped++;
    }
  }
}
