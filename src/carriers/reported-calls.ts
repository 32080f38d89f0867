/**
 * The calls a stream has already reported, remembered by a 52-bit digest of their id for at least
 * `keepMs` of log time, then forgotten: memory holds the calls reported in the last one to two
 * `keepMs`, whatever the length of the log. Two generations: ids go into the current one, and each
 * time `keepMs` of log time has passed since it began the older one is dropped.
 */
export class ReportedCalls {
  private current = new DigestSet();
  private previous = new DigestSet();
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
      this.current = new DigestSet();
      this.since = now;
    }
  }
}

/**
 * A set of digests (whole numbers below 2^52) in one Float64Array, open addressing with linear
 * probing, at most half full. Not a `Set<number>`: there each digest above 2^31 is a boxed number
 * of its own, and a look-up follows pointers through a table of a hundred thousand calls, cold in
 * the cache; here it reads one or two neighbouring slots. A slot holds the digest plus one, so 0
 * means empty.
 */
class DigestSet {
  private slots = new Float64Array(1 << 12);
  private size = 0;

  add(digest: number): void {
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    if (this.insert(this.slots, digest + 1)) this.size++;
  }

  has(digest: number): boolean {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let at = digest & mask; ; at = (at + 1) & mask) {
      const slot = slots[at] as number;
      if (slot === digest + 1) return true;
      if (slot === 0) return false;
    }
  }

  /** Puts `stored` (a digest plus one) in `slots`; false when it was there already. */
  private insert(slots: Float64Array, stored: number): boolean {
    const mask = slots.length - 1;
    for (let at = (stored - 1) & mask; ; at = (at + 1) & mask) {
      const slot = slots[at] as number;
      if (slot === stored) return false;
      if (slot === 0) {
        slots[at] = stored;
        return true;
      }
    }
  }

  private grow(): void {
    const slots = new Float64Array(this.slots.length * 2);
    for (const stored of this.slots) if (stored !== 0) this.insert(slots, stored);
    this.slots = slots;
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
