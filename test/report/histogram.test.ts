import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { BUCKET_MS, DurationHistogram, HISTOGRAM_CAP_MS } from '../../src/report/histogram.js';

/** The nearest-rank percentile of a list, by sorting it: the reference the histogram must match. */
function naivePercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

/** The documented rule: the exact percentile rounded down to its bucket (the overflow bucket starts at the cap), kept within [min, max]. */
function expectedPercentile(values: readonly number[], p: number): number {
  const exact = naivePercentile(values, p);
  const edge = Math.min(Math.floor(exact / BUCKET_MS) * BUCKET_MS, HISTOGRAM_CAP_MS);
  return Math.min(Math.max(edge, Math.min(...values)), Math.max(...values));
}

const durationArb = fc.oneof(
  fc.integer({ min: 0, max: 120_000 }),
  fc.integer({ min: 0, max: 2_000 }),
  fc.integer({ min: HISTOGRAM_CAP_MS - 500, max: HISTOGRAM_CAP_MS * 3 }),
);

describe('DurationHistogram', () => {
  test.prop([fc.array(durationArb, { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 100 })])(
    'a percentile is the sorted list’s nearest-rank value, rounded down to its 100 ms bucket and kept within [min, max]',
    (values, p) => {
      const histogram = new DurationHistogram();
      for (const value of values) histogram.add(value);
      const exact = naivePercentile(values, p);
      const found = histogram.percentile(p) as number;
      expect(found).toBe(expectedPercentile(values, p));
      expect(found).toBeLessThanOrEqual(exact);
      if (exact < HISTOGRAM_CAP_MS) expect(exact - found).toBeLessThan(BUCKET_MS);
    },
  );

  test.prop([fc.array(durationArb, { minLength: 1, maxLength: 400 })])(
    'count, min, max and mean are exact',
    (values) => {
      const histogram = new DurationHistogram();
      for (const value of values) histogram.add(value);
      const stats = histogram.stats();
      expect(stats).toMatchObject({
        count: values.length,
        min: Math.min(...values),
        max: Math.max(...values),
        mean: Math.round(values.reduce((sum, value) => sum + value, 0) / values.length),
      });
      expect([stats.p50, stats.p90, stats.p99]).toEqual([50, 90, 99].map((p) => expectedPercentile(values, p)));
    },
  );

  it('has no statistics before the first duration', () => {
    expect(new DurationHistogram().stats()).toEqual({
      count: 0,
      min: null,
      max: null,
      mean: null,
      p50: null,
      p90: null,
      p99: null,
    });
  });

  it('reports exact values when every duration is a whole number of buckets', () => {
    const histogram = new DurationHistogram();
    for (const value of [1000, 2000, 3000, 4000, 30_000]) histogram.add(value);
    expect(histogram.stats()).toEqual({
      count: 5,
      min: 1000,
      max: 30_000,
      mean: 8000,
      p50: 3000,
      p90: 30_000,
      p99: 30_000,
    });
  });

  it('rejects a negative duration as a bug', () => {
    expect(() => new DurationHistogram().add(-1)).toThrowErrorMatchingInlineSnapshot(
      `[Error: bug: a duration must be a finite number of ms ≥ 0, got -1]`,
    );
  });
});
