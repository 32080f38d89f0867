/**
 * The campaign's channels: at most `count` calls in progress at once on the campaign clock. Each
 * call takes the channel that frees first (the lowest-numbered one on a tie) and holds it for its
 * whole duration. A binary min-heap keyed by (free time, channel) keeps each placement O(log C).
 *
 * @example
 * const channels = new Channels(2);
 * channels.place(10_000); // → channel 0, channels.startAt === 0
 * channels.place(4_000);  // → channel 1, channels.startAt === 0
 * channels.place(1_000);  // → channel 1, channels.startAt === 4_000
 */
export class Channels {
  private readonly freeAt: Float64Array;
  private readonly ids: Int32Array;

  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`bug: channels must be a positive whole number, got ${count}`);
    this.freeAt = new Float64Array(count);
    this.ids = new Int32Array(count);
    for (let i = 0; i < count; i++) this.ids[i] = i;
  }

  /** When the call placed last starts, ms on the campaign clock. */
  startAt = 0;

  /**
   * Places a call lasting `durationMs` on the channel that frees first and returns the channel;
   * `startAt` says when the call starts. (No object per call: a million calls go through here.)
   */
  place(durationMs: number): number {
    const startAt = this.freeAt[0] as number;
    const channel = this.ids[0] as number;
    this.startAt = startAt;
    this.freeAt[0] = startAt + durationMs;
    this.siftDown();
    return channel;
  }

  private before(a: number, b: number): boolean {
    const fa = this.freeAt[a] as number;
    const fb = this.freeAt[b] as number;
    return fa < fb || (fa === fb && (this.ids[a] as number) < (this.ids[b] as number));
  }

  private siftDown(): void {
    const n = this.count;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) return;
      const right = left + 1;
      const child = right < n && this.before(right, left) ? right : left;
      if (!this.before(child, i)) return;
      const f = this.freeAt[i] as number;
      const id = this.ids[i] as number;
      this.freeAt[i] = this.freeAt[child] as number;
      this.ids[i] = this.ids[child] as number;
      this.freeAt[child] = f;
      this.ids[child] = id;
      i = child;
    }
  }
}
