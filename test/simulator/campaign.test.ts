import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { outcomeKey } from '../../src/taxonomy/index.js';
import { simulateCampaign } from '../../src/simulator/campaign.js';
import { DEFAULT_PROFILE } from '../../src/simulator/default-profile.js';
import { runFast, type CallEngine } from '../../src/simulator/engine/engines.js';
import type { CampaignOptions } from '../../src/simulator/plan.js';
import type { CampaignRecord } from '../../src/simulator/record.js';
import { profileArb, numRuns } from './arbitraries.js';

async function records(options: CampaignOptions): Promise<CampaignRecord[]> {
  const all: CampaignRecord[] = [];
  for await (const record of simulateCampaign(options)) all.push(record);
  return all;
}

/** The most calls in progress at once: a sweep over start (+1) and end (-1) times, ends first on a tie. */
function peakInProgress(all: readonly CampaignRecord[]): number {
  const edges = all.flatMap((r) =>
    r.endedAt === 0 ? [] : [[r.startAt, 1] as const, [r.startAt + r.endedAt, -1] as const],
  );
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let busy = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    busy += delta;
    peak = Math.max(peak, busy);
  }
  return peak;
}

describe('simulateCampaign', () => {
  it('gives every call one record, in index order, with campaign fields', async () => {
    const all = await records({ calls: 500, seed: 'spring', concurrency: 7 });
    expect(all.map((r) => r.index)).toEqual([...Array(500).keys()]);
    expect(
      all.every(
        (r) =>
          r.callId === `call-${r.index}` &&
          /^\+336\d{8}$/.test(r.to) &&
          r.channel >= 0 &&
          r.channel < 7 &&
          r.fault === null,
      ),
    ).toBe(true);
    // Calls are placed as channels free up: start times never go back.
    expect(all.every((r, i) => i === 0 || r.startAt >= (all[i - 1] as CampaignRecord).startAt)).toBe(true);
  });

  it('is deterministic: the same seed gives the same records; another seed other records', async () => {
    const a = await records({ calls: 300, seed: 42 });
    expect(JSON.stringify(await records({ calls: 300, seed: '42' }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(await records({ calls: 300, seed: 43 }))).not.toBe(JSON.stringify(a));
  });

  it('gives the same records with the XState engine as with the fast engine', async () => {
    const options = { calls: 200, seed: 9, concurrency: 4 };
    expect(await records({ ...options, engine: 'xstate' })).toStrictEqual(await records(options));
  });

  it('reads the numbers it is given, and never dials a blacklisted one', async () => {
    const numbers = ['+33612345678', '+14155550100', '+33612345678', '+447700900123'];
    const all = await records({
      numbers,
      blacklist: ['+33612345678'],
      profile: { ...DEFAULT_PROFILE, blacklistShare: 0 },
    });
    expect(all.map((r) => r.to)).toEqual(numbers);
    expect(all.map((r) => outcomeKey(r) === 'ERROR/BLACKLISTED')).toEqual([true, false, true, false]);
    expect(all[0]?.startedAt).toBeNull();
    expect(all[0]?.timeline.map((entry) => entry.state)).toEqual(['initiating', 'blacklisted']);
  });

  it('turns a call whose simulation throws into an ERROR/OTHER record with the cause, and goes on', async () => {
    const flaky: CallEngine = (call) => {
      if (call.input.callId === 'call-3') throw new Error('profile branch exploded\nat line 2');
      return runFast(call);
    };
    const all = await records({ calls: 6, seed: 1, engine: flaky, concurrency: 1 });
    expect(all).toHaveLength(6);
    const faulty = all[3] as CampaignRecord;
    expect({
      status: faulty.status,
      subStatus: faulty.subStatus,
      resultCode: faulty.resultCode,
      fault: faulty.fault,
      endedAt: faulty.endedAt,
    }).toEqual({
      status: 'ERROR',
      subStatus: 'OTHER',
      resultCode: null,
      fault: 'profile branch exploded',
      endedAt: 0,
    });
    expect(all.filter((r) => r.fault !== null)).toHaveLength(1);
    // The fault holds no channel time: the next call starts when the one before it would have let it.
    expect((all[4] as CampaignRecord).startAt).toBe(
      (all[2] as CampaignRecord).startAt + (all[2] as CampaignRecord).endedAt,
    );
  });

  it('stops after the batch in progress when its signal aborts', async () => {
    const controller = new AbortController();
    const seen: CampaignRecord[] = [];
    for await (const record of simulateCampaign({ calls: 50_000, signal: controller.signal })) {
      seen.push(record);
      if (seen.length === 10) controller.abort();
    }
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.length).toBeLessThan(50_000);
  });

  test.prop([profileArb, fc.nat(), fc.integer({ min: 1, max: 12 })], { numRuns: numRuns(25, 0.05) })(
    'never has more calls in progress than channels, and its outcomes add up to the calls',
    async (profile, seed, concurrency) => {
      const all = await records({ calls: 120, seed, profile, concurrency });
      expect(peakInProgress(all)).toBeLessThanOrEqual(concurrency);
      const byOutcome = new Map<string, number>();
      for (const r of all) byOutcome.set(outcomeKey(r), (byOutcome.get(outcomeKey(r)) ?? 0) + 1);
      expect([...byOutcome.values()].reduce((a, b) => a + b, 0)).toBe(120);
      // Each record's times are consistent with its outcome.
      for (const r of all) {
        expect(r.endedAt).toBeGreaterThanOrEqual(r.answeredAt ?? r.ringingAt ?? r.startedAt ?? 0);
        if (r.status === 'ANSWERED') expect(r.answeredAt).not.toBeNull();
      }
    },
  );
});

describe('planCampaign', () => {
  it('refuses options out of range and numbers that are not E.164, naming them', async () => {
    const { planCampaign } = await import('../../src/simulator/plan.js');
    expect(() => planCampaign({ numbers: ['+33612345678', '0612345678'] })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: numbers[1]: expected an E.164 number such as "+33612345678", got "0612345678"]`,
    );
    expect(() => planCampaign({ concurrency: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: concurrency: expected a whole number from 1 to 1000000, got 0]`,
    );
    expect(() => planCampaign({ calls: 1.5 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: calls: expected a whole number from 0 to 100000000, got 1.5]`,
    );
  });
});
