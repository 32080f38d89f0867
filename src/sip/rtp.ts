/**
 * How much audio one side sent, from its RTP packets (RFC 3550 §5.1): media time is read from
 * the RTP timestamps, not from capture times, so jitter in the capture does not change it. The
 * last packet counts for its own duration (the step between timestamps).
 */
export class RtpMeter {
  packets = 0;
  firstAtMs = 0;
  private firstStamp = 0;
  private lastStamp = 0;
  private step = 0;

  constructor(
    /** RTP timestamp units per second (SDP rtpmap; 8000 for G.711). */
    readonly clockRate: number,
  ) {}

  /** Adds a packet sent `atMs` into the call with RTP timestamp `stamp`; returns the audio sent so far in ms. */
  add(atMs: number, stamp: number): number {
    if (this.packets === 0) {
      this.firstAtMs = atMs;
      this.firstStamp = stamp;
      // Until a second packet says otherwise, a packet lasts 20 ms (the usual ptime, RFC 3551 §4.5).
      this.step = (this.clockRate * 20) / 1000;
    } else {
      const delta = (stamp - this.lastStamp) >>> 0;
      if (delta > 0 && delta < this.clockRate) this.step = delta;
    }
    this.lastStamp = stamp;
    this.packets++;
    return this.playedMs();
  }

  /** Audio sent, in whole ms: first timestamp to last, plus the last packet's own length. */
  playedMs(): number {
    if (this.packets === 0) return 0;
    const units = ((this.lastStamp - this.firstStamp) >>> 0) + this.step;
    return Math.round((units * 1000) / this.clockRate);
  }
}
