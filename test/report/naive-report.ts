import { callMachine } from '../../machines/call.machine.js';
import { pathFromTimeline } from '../../src/diagram/path.js';
import type { CampaignRecord } from '../../src/simulator/record.js';

/**
 * The report's numbers computed the slow, obvious way from the whole list of records: the
 * reference the streaming builder is checked against.
 */

export function countWhere(records: readonly CampaignRecord[], keep: (record: CampaignRecord) => boolean): number {
  return records.filter(keep).length;
}

/** The most calls in progress at one instant: sweep every start (+1) and end (−1), ends first at a tie. */
export function naivePeak(records: readonly CampaignRecord[]): number {
  const events = records
    .filter((record) => record.endedAt > 0)
    .flatMap((record) => [
      { at: record.startAt, delta: 1 },
      { at: record.startAt + record.endedAt, delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let busy = 0;
  let peak = 0;
  for (const event of events) {
    busy += event.delta;
    peak = Math.max(peak, busy);
  }
  return peak;
}

/** Calls in progress at instant `at` (a call is busy on [startAt, startAt + endedAt)). */
export function busyAt(records: readonly CampaignRecord[], at: number): number {
  return countWhere(records, (record) => record.startAt <= at && at < record.startAt + record.endedAt);
}

/** How many calls took each edge of the call machine: the path of every record, one by one. */
export function naiveEdgeCalls(records: readonly CampaignRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const edge of new Set(pathFromTimeline(callMachine, record.timeline).edges))
      counts.set(edge, (counts.get(edge) ?? 0) + 1);
  }
  return counts;
}
