import type { CallStatus, ResultCode, SubStatus } from '../../machines/taxonomy.js';
import type { DurationStats } from './histogram.js';
import type { OccupancyStats } from './occupancy.js';

/** A count and its share of all calls (0 when there are no calls). */
export interface Share {
  readonly count: number;
  readonly rate: number;
}

export interface CampaignMeta {
  readonly seed: string | number;
  readonly profileName: string;
  readonly channels: number;
  /** The calls the campaign was asked to make, or null when not said. */
  readonly plannedCalls: number | null;
  /** The calls in this report (fewer than planned in a partial report). */
  readonly calls: number;
  /** True when the campaign was stopped before its end (Ctrl-C): the report covers the calls made so far. */
  readonly partial: boolean;
  /** Records whose simulation failed (`fault !== null`); they are counted as ERROR/OTHER too. */
  readonly faults: number;
}

/** A transition of the call machine (an edge of its diagram) with how many calls took it. */
export interface TransitionCount {
  /** The diagram's edge id, e.g. `call.ringing/after:ringTimeout/0` (src/diagram/types.ts). */
  readonly id: string;
  /** The source state's id, e.g. `call.ringing`. */
  readonly from: string;
  /** The target states' ids (none for a transition that only acts, such as recording an ignored event). */
  readonly to: readonly string[];
  /** The transition as the diagram writes it, e.g. `after ringTimeout (30 s)`. */
  readonly label: string;
  readonly calls: number;
  /** How often it was taken in all: more than `calls` for an edge a call repeats (one per message). */
  readonly traversals: number;
}

/**
 * A campaign's report: plain JSON data, every key in a fixed order so that the same campaign gives
 * byte-identical output. Every breakdown (status, sub-status, outcome, result code) lists every
 * valid value, zeros included, and adds up to `campaign.calls`.
 */
export interface CampaignReport {
  readonly campaign: CampaignMeta;
  readonly statuses: readonly ({ readonly status: CallStatus } & Share)[];
  readonly subStatuses: readonly ({ readonly status: CallStatus; readonly subStatus: SubStatus } & Share)[];
  /** Every valid (status, sub-status, result code) triple. */
  readonly outcomes: readonly ({
    readonly status: CallStatus;
    readonly subStatus: SubStatus;
    readonly resultCode: ResultCode | null;
  } & Share)[];
  /** Per result code; `null` counts the calls without one. */
  readonly resultCodes: readonly ({ readonly resultCode: ResultCode | null } & Share)[];
  /** Durations in ms: ring (ringing → answered or end), talk (answered → end), total (dialing or 0 → end). */
  readonly durations: { readonly ring: DurationStats; readonly talk: DurationStats; readonly total: DurationStats };
  readonly occupancy: OccupancyStats;
  /** Every transition of the call machine, in the diagram's order, zeros included. */
  readonly transitions: readonly TransitionCount[];
}
