import { createReportBuilder } from '../../src/report/builder.js';
import type { CampaignReport } from '../../src/report/types.js';
import type { CampaignRecord } from '../../src/simulator/record.js';
import { replay } from '../support/calls.js';

const MESSAGES = [
  { id: 'intro', durationMs: 5000 },
  { id: 'offer', durationMs: 3000 },
];

/** Six calls with known outcomes, replayed through the machine: the fixture of the golden tests. */
const CALLS: readonly { readonly startAt: number; readonly call: object; readonly events: object[] }[] = [
  {
    startAt: 0,
    call: { callId: 'a', to: '+33612345678', messages: MESSAGES },
    events: [
      { at: 1000, type: 'carrier.ringing' },
      { at: 6000, type: 'carrier.answered' },
      { at: 7000, type: 'amd.human' },
    ],
  },
  {
    startAt: 0,
    call: { callId: 'b', to: '+33612345679', messages: MESSAGES },
    events: [{ at: 900, type: 'carrier.busy', sipCode: 486, q850: 17 }],
  },
  {
    startAt: 900,
    call: { callId: 'c', to: '+33612345670', messages: MESSAGES },
    events: [{ at: 1200, type: 'carrier.ringing' }],
  },
  { startAt: 16_000, call: { callId: 'd', to: '+33612345671', messages: MESSAGES, blacklisted: true }, events: [] },
  {
    startAt: 16_000,
    call: { callId: 'e', to: '+33612345672', messages: MESSAGES },
    events: [
      { at: 800, type: 'carrier.ringing' },
      { at: 4000, type: 'carrier.answered' },
      { at: 6500, type: 'amd.machine' },
      { at: 9000, type: 'voicemail.beep' },
    ],
  },
  {
    startAt: 33_000,
    call: { callId: 'f', to: '+33612345673', messages: MESSAGES },
    events: [
      { at: 700, type: 'carrier.ringing' },
      { at: 3000, type: 'carrier.answered' },
      { at: 3500, type: 'amd.human' },
      { at: 6000, type: 'recipient.hangup' },
      { at: 6100, type: 'carrier.busy' },
    ],
  },
];

/** The records of the six calls, on two channels. */
function fixedRecords(): CampaignRecord[] {
  return CALLS.map(({ startAt, call, events }, index) => ({
    index,
    startAt,
    channel: index % 2,
    ...replay(call, events),
    fault: null,
  }));
}

/** The report of the six calls; `profileName` lets a test make it hostile. */
export function fixedReport(
  options: { partial?: boolean; profileName?: string; seed?: string | number; plannedCalls?: number } = {},
): CampaignReport {
  const builder = createReportBuilder({
    calls: options.plannedCalls ?? 6,
    channels: 2,
    seed: options.seed ?? 42,
    profileName: options.profileName ?? 'fixture',
  });
  for (const record of fixedRecords()) builder.add(record);
  return builder.finish({ partial: options.partial ?? false });
}
