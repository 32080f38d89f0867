import type { CallRecord } from '../../machines/record.js';

/**
 * One call of a simulated campaign: the call machine's record plus where the call sat in the
 * campaign. The call's own times (`startedAt`, `endedAt`, timeline `at`s) stay relative to its
 * start; add `startAt` to place them on the campaign clock.
 *
 * Shared with `src/report/` (the report engineer's side of the contract in issue 5).
 *
 * @example
 * const record: CampaignRecord = { index: 0, startAt: 0, channel: 0, ...callRecord, fault: null };
 * const hungUpAt = record.startAt + record.endedAt; // ms on the campaign clock
 */
export type CampaignRecord = CallRecord & {
  /** The 0-based number of the call in the campaign (its order in the numbers list). */
  readonly index: number;
  /** When the call was placed, ms on the campaign clock. */
  readonly startAt: number;
  /** The 0-based channel the call occupied from `startAt` to `startAt + endedAt`. */
  readonly channel: number;
  /** Null, or why the simulation of this call failed (such a record is ERROR/OTHER). */
  readonly fault: string | null;
};
