import type { CallRecord } from '../../machines/record.js';

/**
 * What the report reads from a campaign's call record: the outcome, the call-clock times, the
 * timeline, and the campaign fields. It is a structural subset of the simulator's
 * `CampaignRecord` (src/simulator/record.ts), so the report depends on no simulator code and any
 * `CampaignRecord` can be added as is.
 */
export type ReportRecord = Pick<
  CallRecord,
  | 'status'
  | 'subStatus'
  | 'resultCode'
  | 'startedAt'
  | 'ringingAt'
  | 'answeredAt'
  | 'endedAt'
  | 'timeline'
  | 'ignoredEvents'
> & {
  /** When the call was placed, ms on the campaign clock; the call-clock times count from here. */
  readonly startAt: number;
  /** Null, or why the simulation of this call failed (such a record is ERROR/OTHER). */
  readonly fault: string | null;
};
