import { test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { createReportBuilder } from '../../src/report/builder.js';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
import type { CampaignReport } from '../../src/report/types.js';
import type { CampaignRecord } from '../../src/simulator/record.js';
import { outcomeKey } from '../../src/taxonomy/index.js';
import { campaignArb, campaignOf } from './campaign-records.js';
import { busyAt, countWhere, naivePeak, naiveEdgeCalls } from './naive-report.js';

function reportOf(records: readonly CampaignRecord[], channels: number, partial = false): CampaignReport {
  const builder = createReportBuilder({ calls: records.length, channels, seed: 7, profileName: 'test' });
  for (const record of records) builder.add(record);
  return builder.finish({ partial });
}

const sum = (rows: readonly { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);

describe('createReportBuilder', () => {
  test.prop([campaignArb()])(
    'every breakdown adds up to the calls, each count to the records with that value',
    ({ records, channels }) => {
      const report = reportOf(records, channels);
      expect(report.campaign.calls).toBe(records.length);
      for (const rows of [report.statuses, report.subStatuses, report.outcomes, report.resultCodes])
        expect(sum(rows)).toBe(records.length);
      for (const row of report.outcomes)
        expect(row.count).toBe(countWhere(records, (record) => outcomeKey(record) === outcomeKey(row)));
      for (const row of report.subStatuses)
        expect(row.count).toBe(countWhere(records, (r) => r.status === row.status && r.subStatus === row.subStatus));
      for (const row of report.resultCodes)
        expect(row.count).toBe(countWhere(records, (record) => record.resultCode === row.resultCode));
      for (const row of report.statuses) expect(row.rate).toBe(records.length === 0 ? 0 : row.count / records.length);
      expect(report.campaign.faults).toBe(countWhere(records, (record) => record.fault !== null));
    },
  );

  test.prop([campaignArb()])('duration counts, extremes and means match the records', ({ records, channels }) => {
    const { durations } = reportOf(records, channels);
    const rung = records.filter((record) => record.ringingAt !== null);
    const ring = rung.map((record) => (record.answeredAt ?? record.endedAt) - (record.ringingAt as number));
    const talk = records.flatMap((record) => (record.answeredAt === null ? [] : [record.endedAt - record.answeredAt]));
    const total = records.map((record) => record.endedAt - (record.startedAt ?? 0));
    for (const [stats, values] of [
      [durations.ring, ring],
      [durations.talk, talk],
      [durations.total, total],
    ] as const) {
      expect(stats.count).toBe(values.length);
      expect(stats.min).toBe(values.length === 0 ? null : Math.min(...values));
      expect(stats.max).toBe(values.length === 0 ? null : Math.max(...values));
    }
  });

  test.prop([campaignArb()])(
    'occupancy: the exact peak, every busy ms counted once, bucket peaks seen at their instants',
    ({ records, channels }) => {
      const { occupancy } = reportOf(records, channels);
      expect(occupancy.peakBusy).toBe(naivePeak(records));
      expect(occupancy.peakBusy).toBeLessThanOrEqual(channels);
      expect(occupancy.endMs).toBe(Math.max(0, ...records.map((record) => record.startAt + record.endedAt)));
      const busyMs = occupancy.buckets.reduce(
        (total, bucket) => total + bucket.meanBusy * Math.min(occupancy.bucketMs, occupancy.endMs - bucket.startMs),
        0,
      );
      expect(busyMs).toBeCloseTo(
        records.reduce((total, record) => total + record.endedAt, 0),
        3,
      );
      for (const bucket of occupancy.buckets) {
        // The busiest instant of a bucket is its start or a call's start within it.
        const instants = [
          bucket.startMs,
          ...records
            .map((r) => r.startAt)
            .filter((at) => at >= bucket.startMs && at < bucket.startMs + occupancy.bucketMs),
        ];
        expect(bucket.peakBusy).toBe(Math.max(...instants.map((at) => busyAt(records, at))));
      }
    },
  );

  test.prop([campaignArb()])(
    'each transition counts the calls whose path took it; every call but a fault enters one final state',
    ({ records, channels }) => {
      const { transitions } = reportOf(records, channels);
      const graph = callMachineGraph();
      expect(transitions.map((t) => t.id)).toEqual(graph.edges.map((edge) => edge.id));
      const expected = naiveEdgeCalls(records);
      for (const t of transitions) {
        if (t.label === 'call.ignore / recordIgnored') continue;
        expect(t.calls).toBe(expected.get(t.id) ?? 0);
        expect(t.traversals).toBeGreaterThanOrEqual(t.calls);
      }
      const finals = new Set(graph.nodes.filter((node) => node.type === 'final').map((node) => node.id));
      const intoFinals = transitions.filter((t) => t.to.some((target) => finals.has(target)));
      // A fault record has no timeline: it took no transition.
      expect(sum(intoFinals.map((t) => ({ count: t.calls })))).toBe(
        countWhere(records, (record) => record.fault === null),
      );
      const ignored = transitions.find((t) => t.label === 'call.ignore / recordIgnored');
      expect(ignored?.traversals).toBe(records.reduce((total, record) => total + record.ignoredEvents.length, 0));
      expect(ignored?.calls).toBe(countWhere(records, (record) => record.ignoredEvents.length > 0));
    },
  );

  test.prop([campaignArb(30)])('the same records give the same report, byte for byte', ({ records, channels }) => {
    expect(JSON.stringify(reportOf(records, channels))).toBe(JSON.stringify(reportOf(records, channels)));
  });

  it('keeps the campaign metadata and the partial flag', () => {
    const builder = createReportBuilder({ calls: 1000, channels: 3, seed: 'abc', profileName: 'default' });
    expect(builder.finish({ partial: true }).campaign).toEqual({
      seed: 'abc',
      profileName: 'default',
      channels: 3,
      plannedCalls: 1000,
      calls: 0,
      partial: true,
      faults: 0,
    });
    expect(
      createReportBuilder({ channels: 1, seed: 1, profileName: 'p' }).finish({ partial: false }).campaign.plannedCalls,
    ).toBeNull();
  });

  it('rejects records out of campaign-clock order as a bug', () => {
    const [first, second] = campaignOf([spec(), spec()], 2).map((record, index) => ({
      ...record,
      startAt: 1000 - index,
    }));
    const builder = createReportBuilder({ channels: 2, seed: 1, profileName: 'p' });
    builder.add(first as CampaignRecord);
    expect(() => builder.add(second as CampaignRecord)).toThrowErrorMatchingInlineSnapshot(
      `[Error: bug: calls must be added in order of startAt (got 999 after 1000)]`,
    );
  });

  it('rejects a record whose outcome is outside the taxonomy as a bug', () => {
    const [record] = campaignOf([spec()], 1);
    const builder = createReportBuilder({ channels: 1, seed: 1, profileName: 'p' });
    expect(() => builder.add({ ...record, subStatus: 'BUSY' } as unknown as CampaignRecord)).toThrow(
      /outside the taxonomy: ANSWERED\/BUSY|outside the taxonomy/,
    );
  });
});

function spec() {
  return {
    messages: [4000],
    blacklisted: false,
    amd: false,
    voicemail: 'leave' as const,
    gapBefore: 0,
    fault: null,
    events: [
      { gap: 1000, type: 'carrier.ringing' as const },
      { gap: 1000, type: 'carrier.answered' as const },
    ],
  };
}
