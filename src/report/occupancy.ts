import { MinHeap } from '../collections/min-heap.js';

/**
 * Bucket widths the occupancy chart may use, each a whole multiple of the one before (so finer
 * buckets merge into coarser ones exactly): 1 s, 2 s, 10 s, 30 s, 1 min, 2 min, 10 min, 30 min,
 * 1 h, 2 h, 6 h, 12 h, 1 day, then doubling.
 */
const WIDTHS_MS = [1, 2, 10, 30, 60, 120, 600, 1800, 3600, 7200, 21_600, 43_200, 86_400].map((s) => s * 1000);
/** At most this many buckets: the narrowest width that covers the campaign within it is used. */
export const MAX_OCCUPANCY_BUCKETS = 600;

/** Busy channels during one bucket of the campaign clock. */
export interface OccupancyBucket {
  readonly startMs: number;
  /** Busy channel-time over the bucket's span (the last bucket's span ends with the campaign). */
  readonly meanBusy: number;
  /** The most calls in progress at any instant of the bucket. */
  readonly peakBusy: number;
}

export interface OccupancyStats {
  readonly bucketMs: number;
  /** When the last call ended, ms on the campaign clock (0 before any call). */
  readonly endMs: number;
  readonly peakBusy: number;
  readonly meanBusy: number;
  readonly buckets: readonly OccupancyBucket[];
}

function widthAt(level: number): number {
  const last = WIDTHS_MS.length - 1;
  return level <= last ? (WIDTHS_MS[level] as number) : (WIDTHS_MS[last] as number) * 2 ** (level - last);
}

/**
 * Channel occupancy on the campaign clock, streamed: a call is busy on its channel from `startAt`
 * to `startAt + endedAt` (half-open). Memory is bounded by the bucket count and the calls in
 * progress at once (one end time per busy channel), not by the number of calls. Calls must be added
 * in order of `startAt` (the simulator's order), which lets the exact instantaneous peak be found
 * with a heap of end times.
 *
 * @example
 * const occupancy = new ChannelOccupancy();
 * occupancy.add(0, 30_000);
 * occupancy.add(10_000, 30_000);
 * occupancy.stats().peakBusy; // → 2
 */
export class ChannelOccupancy {
  private level = 0;
  private busyMs: number[] = [];
  private peaks: number[] = [];
  /** The end times of the calls in progress, soonest first (at most one per channel). */
  private readonly inProgress = new MinHeap<number>((a, b) => a < b);
  private lastStart = 0;
  private endMs = 0;
  private totalBusyMs = 0;
  private peakBusy = 0;

  add(startAt: number, durationMs: number): void {
    if (startAt < this.lastStart) {
      throw new Error(`bug: calls must be added in order of startAt (got ${startAt} after ${this.lastStart})`);
    }
    this.closeBoundaries(startAt);
    this.lastStart = startAt;
    while (this.inProgress.size > 0 && (this.inProgress.peek() as number) <= startAt) this.inProgress.pop();
    const end = startAt + Math.max(0, durationMs);
    this.fit(end);
    if (end > this.endMs) this.endMs = end;
    // A call that took no time (a blacklisted number is never dialed) occupies no channel.
    if (end === startAt) return;
    this.inProgress.push(end);
    this.notePeak(startAt, this.inProgress.size);
    this.spread(startAt, end);
    this.totalBusyMs += durationMs;
  }

  stats(): OccupancyStats {
    this.closeBoundaries(this.endMs);
    const width = widthAt(this.level);
    const buckets = this.busyMs.map((busy, index) => {
      const span = Math.min(width, this.endMs - index * width);
      return { startMs: index * width, meanBusy: span > 0 ? busy / span : 0, peakBusy: this.peaks[index] ?? 0 };
    });
    const meanBusy = this.endMs > 0 ? this.totalBusyMs / this.endMs : 0;
    return { bucketMs: width, endMs: this.endMs, peakBusy: this.peakBusy, meanBusy, buckets };
  }

  /** Calls in progress across a bucket's start count toward its peak even when no call starts in it. */
  private closeBoundaries(upTo: number): void {
    const width = widthAt(this.level);
    for (
      let index = Math.floor(this.lastStart / width) + 1;
      index * width <= upTo && index < this.busyMs.length;
      index += 1
    ) {
      this.notePeak(index * width, countAbove(this.inProgress.values, index * width));
    }
  }

  private notePeak(at: number, busy: number): void {
    const index = Math.floor(at / widthAt(this.level));
    if (busy > (this.peaks[index] ?? 0)) this.peaks[index] = busy;
    if (busy > this.peakBusy) this.peakBusy = busy;
  }

  /** Adds the interval's busy time to every bucket it overlaps. */
  private spread(start: number, end: number): void {
    const width = widthAt(this.level);
    for (let index = Math.floor(start / width); index * width < end; index += 1) {
      const overlap = Math.min(end, (index + 1) * width) - Math.max(start, index * width);
      this.busyMs[index] = (this.busyMs[index] ?? 0) + overlap;
    }
  }

  /** Widens the buckets (merging them exactly) until `end` fits, and allocates up to it. */
  private fit(end: number): void {
    while (Math.ceil(end / widthAt(this.level)) > MAX_OCCUPANCY_BUCKETS) {
      const factor = widthAt(this.level + 1) / widthAt(this.level);
      this.busyMs = merge(this.busyMs, factor, (a, b) => a + b);
      this.peaks = merge(this.peaks, factor, Math.max);
      this.level += 1;
    }
    const needed = Math.ceil(end / widthAt(this.level));
    while (this.busyMs.length < needed) {
      this.busyMs.push(0);
      this.peaks.push(0);
    }
  }
}

function merge(values: readonly number[], factor: number, combine: (a: number, b: number) => number): number[] {
  const merged: number[] = [];
  values.forEach((value, index) => {
    const target = Math.floor(index / factor);
    merged[target] = combine(merged[target] ?? 0, value);
  });
  return merged;
}

/** How many of `values` are strictly greater than `value` (a scan: a heap holds one end per channel). */
function countAbove(values: readonly number[], value: number): number {
  let count = 0;
  for (const item of values) if (item > value) count += 1;
  return count;
}
