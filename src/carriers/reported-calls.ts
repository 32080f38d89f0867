/**
 * The calls a stream has already reported, remembered by a 52-bit digest of their id for at least
 * `keepMs` of log time, then forgotten: memory holds the calls reported in the last one to two
 * `keepMs`, whatever the length of the log. Two generations: ids go into the current one, and each
 * time `keepMs` of log time has passed since it began the older one is dropped.
 */
export class ReportedCalls {
  private current = new Set<number>();
  private previous = new Set<number>();
  private since = Number.NEGATIVE_INFINITY;

  constructor(private readonly keepMs: number) {}

  /** `digest` is `idDigest(callId)`, computed once by the caller for both questions. */
  add(digest: number, now: number): void {
    this.rotate(now);
    this.current.add(digest);
  }

  has(digest: number, now: number): boolean {
    this.rotate(now);
    return this.current.has(digest) || this.previous.has(digest);
  }

  private rotate(now: number): void {
    if (this.since === Number.NEGATIVE_INFINITY) this.since = now;
    else if (now - this.since >= this.keepMs) {
      this.previous = this.current;
      this.current = new Set();
      this.since = now;
    }
  }
}

/** A 52-bit FNV-1a digest of a call id: the reported calls are remembered by it, not by the id. */
export function idDigest(id: string): number {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let index = 0; index < id.length; index++) {
    low = Math.imul(low ^ id.charCodeAt(index), 0x01000193);
    high = Math.imul(high ^ id.charCodeAt(index), 0x5bd1e995);
  }
  return (high >>> 12) * 2 ** 32 + (low >>> 0);
}
