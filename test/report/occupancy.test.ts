import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { ChannelOccupancy, MAX_OCCUPANCY_BUCKETS } from '../../src/report/occupancy.js';

/** Intervals [start, start + duration) in start order, as a dialer would place them. */
const intervalsArb = fc
  .array(
    fc.record({ gap: fc.integer({ min: 0, max: 4 * 3600_000 }), duration: fc.integer({ min: 0, max: 6 * 3600_000 }) }),
    { minLength: 1, maxLength: 40 },
  )
  .map((calls) => {
    let at = 0;
    return calls.map(({ gap, duration }) => {
      at += gap;
      return { start: at, duration };
    });
  });

describe('ChannelOccupancy', () => {
  it('counts the calls in progress at once, a call ending as another starts freeing its channel', () => {
    const occupancy = new ChannelOccupancy();
    occupancy.add(0, 30_000);
    occupancy.add(10_000, 30_000);
    occupancy.add(30_000, 5_000); // the first call ended at 30 s: two busy, not three
    const stats = occupancy.stats();
    expect(stats).toMatchObject({ bucketMs: 1000, endMs: 40_000, peakBusy: 2 });
    expect(stats.meanBusy).toBeCloseTo(65_000 / 40_000);
    expect(stats.buckets[15]).toEqual({ startMs: 15_000, meanBusy: 2, peakBusy: 2 });
  });

  test.prop([intervalsArb])(
    'long campaigns widen the buckets, never past the bucket limit, and keep every busy ms',
    (intervals) => {
      const occupancy = new ChannelOccupancy();
      for (const { start, duration } of intervals) occupancy.add(start, duration);
      const stats = occupancy.stats();
      expect(stats.buckets.length).toBeLessThanOrEqual(MAX_OCCUPANCY_BUCKETS);
      expect(stats.buckets.length * stats.bucketMs).toBeGreaterThanOrEqual(stats.endMs);
      const busy = stats.buckets.reduce(
        (total, bucket) => total + bucket.meanBusy * Math.min(stats.bucketMs, stats.endMs - bucket.startMs),
        0,
      );
      expect(busy).toBeCloseTo(
        intervals.reduce((total, { duration }) => total + duration, 0),
        0,
      );
      const peaks = stats.buckets.map((bucket) => bucket.peakBusy);
      expect(Math.max(0, ...peaks)).toBe(stats.peakBusy);
      for (const bucket of stats.buckets)
        expect(bucket.peakBusy).toBeGreaterThanOrEqual(Math.ceil(bucket.meanBusy - 1e-9));
    },
  );

  it('widens the buckets along the ladder as the campaign grows', () => {
    const occupancy = new ChannelOccupancy();
    occupancy.add(0, 3 * 24 * 3600_000);
    expect(occupancy.stats().bucketMs).toBe(600_000);
    expect(occupancy.stats().buckets).toHaveLength(432);
  });
});
