import { fc } from '../support/property.js';
import { CALL_EVENT_TYPES } from '../../machines/events.js';
import { runScenario } from '../../src/scenario/run.js';
import type { CampaignRecord } from '../../src/simulator/record.js';
import { faultRecord } from '../../src/simulator/simulate-call.js';

/**
 * Random campaigns made of real call records: each call's input and events are random, and the
 * call machine (through runScenario) decides its record, so timelines and times are the machine's.
 * Calls take channels in order, each on the channel that frees first, like a dialer would.
 */

const eventArb = fc.record({ gap: fc.integer({ min: 0, max: 20_000 }), type: fc.constantFrom(...CALL_EVENT_TYPES) });

const callArb = fc.record({
  messages: fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 3 }),
  blacklisted: fc.nat(9).map((draw) => draw === 0),
  amd: fc.boolean(),
  voicemail: fc.constantFrom('leave', 'hangup'),
  events: fc.array(eventArb, { maxLength: 8 }),
  gapBefore: fc.integer({ min: 0, max: 5_000 }),
  fault: fc.option(fc.constantFrom('profile branch threw', '<script>alert(1)</script>'), { freq: 8 }),
});

export type CallSpec = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

/** The record the machine gives for one random call (timed messages only, so every call ends). */
function recordOf(spec: CallSpec, index: number): Omit<CampaignRecord, 'index' | 'startAt' | 'channel'> {
  let at = 0;
  const events = spec.events.map((event) => {
    at += event.gap;
    return { at, type: event.type };
  });
  const call = {
    callId: `call-${index}`,
    to: '+33612345678',
    messages: spec.messages.map((durationMs, position) => ({ id: `m${position}`, durationMs })),
    blacklisted: spec.blacklisted,
    amd: spec.amd,
    voicemail: spec.voicemail,
  };
  const result = runScenario({ call, events });
  if (!result.ok) throw new Error(`a random call did not end: ${JSON.stringify(result.error)}`);
  if (spec.fault === null) return { ...result.record, fault: null };
  // What the simulator writes when a call's simulation throws: ERROR/OTHER with the cause.
  return { ...faultRecord(result.record.callId, result.record.to), fault: spec.fault };
}

/** Places calls on `channels` channels in order: each starts when the earliest channel frees, after its gap. */
export function campaignOf(specs: readonly CallSpec[], channels: number): CampaignRecord[] {
  const freeAt = Array.from({ length: channels }, () => 0);
  let clock = 0;
  return specs.map((spec, index) => {
    const channel = freeAt.indexOf(Math.min(...freeAt));
    clock = Math.max(clock, freeAt[channel] as number) + spec.gapBefore;
    const record = recordOf(spec, index);
    freeAt[channel] = clock + record.endedAt;
    return { index, startAt: clock, channel, ...record } as CampaignRecord;
  });
}

/** A random campaign: 1 to 8 channels, up to `maxCalls` calls. */
export function campaignArb(maxCalls = 60) {
  return fc
    .record({ channels: fc.integer({ min: 1, max: 8 }), specs: fc.array(callArb, { maxLength: maxCalls }) })
    .map(({ channels, specs }) => ({ channels, records: campaignOf(specs, channels) }));
}
