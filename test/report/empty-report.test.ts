import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, createReportBuilder, renderReport, renderSummaryTable } from '../../src/report/index.js';

describe('a campaign stopped before its first call', () => {
  const report = createReportBuilder({ calls: 10_000, channels: 30, seed: 1, profileName: 'default' }).finish({
    partial: true,
  });

  it('has zero counts and rates, no durations, an empty occupancy series', () => {
    expect(report.statuses.map((row) => [row.count, row.rate])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(report.durations.total).toEqual({
      count: 0,
      min: null,
      max: null,
      mean: null,
      p50: null,
      p90: null,
      p99: null,
    });
    expect(report.occupancy).toEqual({ bucketMs: 1000, endMs: 0, peakBusy: 0, meanBusy: 0, buckets: [] });
    expect(report.transitions.every((t) => t.calls === 0 && t.traversals === 0)).toBe(true);
  });

  it.each(REPORT_FORMATS)('renders as %s, saying PARTIAL, with no NaN or Infinity', async (format) => {
    const text = await renderReport(report, format);
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(text).toMatch(format === 'csv' || format === 'json' ? /partial\W+true/ : /PARTIAL/);
  });

  it('prints a summary table with dashes for the durations', () => {
    const text = renderSummaryTable(report);
    expect(text).toContain('PARTIAL: the campaign was stopped after 0 of 10,000 planned calls');
    expect(text).toMatch(/^ring\s+0\s+–\s+–/m);
    expect(text).not.toMatch(/NaN|Infinity/);
  });
});
