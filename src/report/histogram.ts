/** Width of one histogram bucket: durations are known to the 100 ms below them. */
export const BUCKET_MS = 100;
/** Durations from this value up share one overflow bucket (their exact maximum is still kept). */
export const HISTOGRAM_CAP_MS = 2 * 60 * 60 * 1000;

/** The summary of one duration: every value in ms, or null when no call had this duration. */
export interface DurationStats {
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
}

/**
 * A streaming histogram of durations in fixed 100 ms buckets up to 2 h, plus an overflow bucket:
 * 72 001 counters, whatever the number of calls. Count, min, max and mean are exact; a percentile
 * is the nearest-rank percentile of the values (the smallest value with at least p % of the values
 * at or below it) rounded down to its bucket's lower edge, then clamped to [min, max]. So it is
 * never more than 100 ms below the exact value and never outside the values seen.
 *
 * @example
 * const ring = new DurationHistogram();
 * for (const ms of [1200, 4800, 5100, 30000]) ring.add(ms);
 * ring.stats().p50; // → 4800
 */
export class DurationHistogram {
  private readonly buckets = new Float64Array(Math.floor(HISTOGRAM_CAP_MS / BUCKET_MS) + 1);
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`bug: a duration must be a finite number of ms ≥ 0, got ${ms}`);
    const index = Math.min(Math.floor(ms / BUCKET_MS), this.buckets.length - 1);
    this.buckets[index] = (this.buckets[index] ?? 0) + 1;
    this.count += 1;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  /** The nearest-rank percentile `p` (0 < p ≤ 100), to the bucket; null when empty. */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let index = 0; index < this.buckets.length; index += 1) {
      seen += this.buckets[index] ?? 0;
      if (seen >= rank) return Math.min(Math.max(index * BUCKET_MS, this.min), this.max);
    }
    return this.max;
  }

  stats(): DurationStats {
    if (this.count === 0) return { count: 0, min: null, max: null, mean: null, p50: null, p90: null, p99: null };
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: Math.round(this.sum / this.count),
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
    };
  }
}
