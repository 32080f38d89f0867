import { SipFramer } from './framer.js';
import type { Segment } from './ip.js';

const FIN = 1;
const SYN = 2;
const RST = 4;
/** Out-of-order bytes one direction may hold while waiting for a gap to fill. */
const MAX_PENDING_BYTES = 1024 * 1024;
/** A connection silent this long (capture time) is forgotten. */
const IDLE_US = 10 * 60 * 1_000_000;

interface Flow {
  next: number | null;
  readonly pending: Map<number, Uint8Array>;
  pendingBytes: number;
  lastUs: number;
  readonly framer: SipFramer;
}

/** The signed distance from `b` to `a` in 32-bit sequence space (RFC 9293 §3.4). */
const seqDiff = (a: number, b: number) => (a - b) | 0;

/**
 * Reassembles each direction of each TCP connection into an ordered byte stream for a
 * `SipFramer`: retransmitted and overlapping bytes are delivered once, out-of-order segments wait
 * (bounded) for the gap to fill, a connection joined mid-stream starts at its first segment seen.
 * Memory is bounded by the open connections: FIN, RST or ten idle minutes forget one.
 */
export class TcpStreams {
  private readonly flows = new Map<string, Flow>();
  private lastSweepUs = 0;
  private current: Segment | null = null;
  /** Segments lost for good (a gap that never filled): their partial messages are dropped. */
  gaps = 0;

  constructor(private readonly onMessage: (bytes: Uint8Array, segment: Segment) => void) {}

  segment(segment: Segment, key: string): void {
    this.sweep(segment.timeUs);
    let flow = this.flows.get(key);
    if (flow === undefined) {
      // A message is reported with the segment that completed it: its time and addresses.
      const framer = new SipFramer((bytes) => this.onMessage(bytes, this.current as Segment));
      flow = { next: null, pending: new Map(), pendingBytes: 0, lastUs: segment.timeUs, framer };
      this.flows.set(key, flow);
    }
    this.current = segment;
    flow.lastUs = segment.timeUs;
    if (segment.flags & SYN) flow.next = (segment.seq + 1) >>> 0;
    else if (segment.payload.length > 0) this.data(flow, segment.seq, segment.payload);
    if (segment.flags & (FIN | RST)) this.flows.delete(key);
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
    for (const [key, flow] of this.flows) if (nowUs - flow.lastUs > IDLE_US) this.flows.delete(key);
  }
}
