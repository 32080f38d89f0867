import { DurationHistogram } from './histogram.js';
import { ChannelOccupancy } from './occupancy.js';
import { OutcomeCounter } from './outcomes.js';
import type { ReportRecord } from './record.js';
import { callMachineGraph } from '../diagram/call-machine.js';
import { ShapeCounter, countTransitions } from './transitions.js';
import type { CampaignReport } from './types.js';

export interface ReportBuilderOptions {
  /** The calls the campaign was asked to make, if known (a partial report shows how far it got). */
  readonly calls?: number;
  readonly channels: number;
  readonly seed: string | number;
  readonly profileName: string;
}

/** Streams a campaign's records into its report. */
export interface ReportBuilder {
  /** Counts one record; records come in order of `startAt`. */
  add(record: ReportRecord): void;
  /** The report of the records added so far; `partial` says the campaign was stopped early. */
  finish(meta: { readonly partial: boolean }): CampaignReport;
}

/**
 * Starts a campaign report. Memory stays flat whatever the number of calls: counters, fixed
 * histograms, a bounded occupancy series, one end time per busy channel, and one timeline per
 * distinct path through the machine; never the records themselves.
 *
 * @example
 * const builder = createReportBuilder({ channels: 30, seed: 42, profileName: 'default' });
 * for await (const record of simulateCampaign(options)) builder.add(record);
 * const report = builder.finish({ partial: false });
 * console.log(renderSummaryTable(report));
 */
export function createReportBuilder(options: ReportBuilderOptions): ReportBuilder {
  const outcomes = new OutcomeCounter();
  const ring = new DurationHistogram();
  const talk = new DurationHistogram();
  const total = new DurationHistogram();
  const occupancy = new ChannelOccupancy();
  const shapes = new ShapeCounter();
  let faults = 0;
  let ignoredEvents = 0;
  let callsWithIgnoredEvents = 0;

  return {
    add(record) {
      outcomes.add(record);
      if (record.ringingAt !== null) ring.add((record.answeredAt ?? record.endedAt) - record.ringingAt);
      if (record.answeredAt !== null) talk.add(record.endedAt - record.answeredAt);
      total.add(record.endedAt - (record.startedAt ?? 0));
      occupancy.add(record.startAt, record.endedAt);
      shapes.add(record.timeline);
      if (record.fault !== null) faults += 1;
      if (record.ignoredEvents.length > 0) {
        callsWithIgnoredEvents += 1;
        ignoredEvents += record.ignoredEvents.length;
      }
    },
    finish({ partial }) {
      return {
        campaign: {
          seed: options.seed,
          profileName: options.profileName,
          channels: options.channels,
          plannedCalls: options.calls ?? null,
          calls: outcomes.calls,
          partial,
          faults,
        },
        ...outcomes.breakdowns(),
        durations: { ring: ring.stats(), talk: talk.stats(), total: total.stats() },
        occupancy: occupancy.stats(),
        transitions: countTransitions(callMachineGraph(), shapes.entries(), {
          calls: callsWithIgnoredEvents,
          events: ignoredEvents,
        }),
      };
    },
  };
}
