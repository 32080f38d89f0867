import { SipFramer } from './framer.js';
import type { Segment } from './ip.js';

const FIN = 1;
const SYN = 2;
const RST = 4;
/** Out-of-order bytes one direction may hold while waiting for a gap to fill. */
const MAX_PENDING_BYTES = 1024 * 1024;
/**
 * Bytes all connections together may hold (out-of-order segments, partial messages): past it, the
 * connections silent longest are forgotten, so many connections cannot add up to unbounded memory.
 */
const MAX_HELD_BYTES = 32 * 1024 * 1024;
/** A connection silent this long (capture time) is forgotten. */
const IDLE_US = 10 * 60 * 1_000_000;

interface Flow {
  next: number | null;
  readonly pending: Map<number, Uint8Array>;
  pendingBytes: number;
  /** What this connection counts towards `MAX_HELD_BYTES`. */
  held: number;
  lastUs: number;
  readonly framer: SipFramer;
}

/** The signed distance from `b` to `a` in 32-bit sequence space (RFC 9293 §3.4). */
const seqDiff = (a: number, b: number) => (a - b) | 0;

/**
 * Reassembles each direction of each TCP connection into an ordered byte stream for a
 * `SipFramer`: retransmitted and overlapping bytes are delivered once, out-of-order segments wait
 * (bounded) for the gap to fill, a connection joined mid-stream starts at its first segment seen.
 * FIN, RST or ten idle minutes forget a connection; past `MAX_HELD_BYTES` held in all, the
 * connections silent longest are forgotten (their partial messages count as gaps).
 */
export class TcpStreams {
  private readonly flows = new Map<string, Flow>();
  private lastSweepUs = 0;
  private current: Segment | null = null;
  /** Bytes held by every connection: out-of-order segments and partial messages. */
  private heldBytes = 0;
  /** Segments lost for good (a gap that never filled): their partial messages are dropped. */
  gaps = 0;

  constructor(private readonly onMessage: (bytes: Uint8Array, segment: Segment) => void) {}

  segment(segment: Segment, key: string): void {
    this.sweep(segment.timeUs);
    let flow = this.flows.get(key);
    if (flow === undefined) {
      // A message is reported with the segment that completed it: its time and addresses.
      const framer = new SipFramer((bytes) => this.onMessage(bytes, this.current as Segment));
      flow = { next: null, pending: new Map(), pendingBytes: 0, held: 0, lastUs: segment.timeUs, framer };
    } else this.flows.delete(key);
    // Kept in order of last activity: the first connections are the ones silent longest.
    this.flows.set(key, flow);
    this.current = segment;
    flow.lastUs = segment.timeUs;
    if (segment.flags & SYN) flow.next = (segment.seq + 1) >>> 0;
    else if (segment.payload.length > 0) this.data(flow, segment.seq, segment.payload);
    const held = flow.pendingBytes + flow.framer.buffered;
    this.heldBytes += held - flow.held;
    flow.held = held;
    if (segment.flags & (FIN | RST)) this.forget(key, flow);
    for (const [oldest, silent] of this.flows) {
      if (this.heldBytes <= MAX_HELD_BYTES || silent === flow) break;
      if (silent.held > 0) this.gaps++;
      this.forget(oldest, silent);
    }
  }

  /** What every connection holds together, in bytes (at most `MAX_HELD_BYTES` plus one connection's share). */
  get held(): number {
    return this.heldBytes;
  }

  private forget(key: string, flow: Flow): void {
    this.flows.delete(key);
    this.heldBytes -= flow.held;
  }

  private data(flow: Flow, seq: number, payload: Uint8Array): void {
    if (flow.next === null) flow.next = seq;
    const ahead = seqDiff(seq, flow.next);
    if (ahead > 0) {
      if (flow.pendingBytes + payload.length > MAX_PENDING_BYTES) {
        // The gap will not fill: give up the partial message and carry on from here.
        this.gaps++;
        flow.pending.clear();
        flow.pendingBytes = 0;
        flow.framer.reset();
        flow.next = seq;
        this.data(flow, seq, payload);
        return;
      }
      flow.pending.set(seq, payload.slice());
      flow.pendingBytes += payload.length;
      return;
    }
    if (-ahead >= payload.length) return;
    flow.framer.push(payload.subarray(-ahead));
    flow.next = (seq + payload.length) >>> 0;
    this.drain(flow);
  }

  private drain(flow: Flow): void {
    for (let progressed = true; progressed && flow.pending.size > 0; ) {
      progressed = false;
      for (const [seq, bytes] of flow.pending) {
        if (seqDiff(seq, flow.next as number) > 0) continue;
        flow.pending.delete(seq);
        flow.pendingBytes -= bytes.length;
        this.data(flow, seq, bytes);
        progressed = true;
        break;
      }
    }
  }

  private sweep(nowUs: number): void {
    if (nowUs - this.lastSweepUs < IDLE_US / 10) return;
    this.lastSweepUs = nowUs;
    for (const [key, flow] of this.flows) if (nowUs - flow.lastUs > IDLE_US) this.forget(key, flow);
  }
}
