import { fc } from '../support/property.js';
import { CALL_EVENT_TYPES } from '../../machines/events.js';
import { TIMER_NAMES } from '../../machines/timers.js';
import type { CallConfig } from '../../machines/input.js';
import type { Distribution } from '../../src/simulator/distribution.js';
import type { TimedCallEvent } from '../../src/call/session.js';
import { AMD_VERDICTS, CARRIER_OUTCOMES, type Profile } from '../../src/simulator/profile.js';

/** Probabilities over `keys` that add up to 1 (some may be 0). */
function sharesArb<K extends string>(keys: readonly K[]): fc.Arbitrary<Record<K, number>> {
  return fc
    .array(fc.integer({ min: 0, max: 10 }), { minLength: keys.length, maxLength: keys.length })
    .map((weights) => {
      const w = weights.some((x) => x > 0) ? weights : weights.map((_, i) => (i === 0 ? 1 : 0));
      const total = w.reduce((a, b) => a + b, 0);
      return Object.fromEntries(keys.map((key, i) => [key, (w[i] as number) / total])) as Record<K, number>;
    });
}

const ms = (max: number) => fc.integer({ min: 0, max });

const distributionArb: fc.Arbitrary<Distribution> = fc.oneof(
  ms(40_000).map((v) => ({ dist: 'fixed' as const, ms: v })),
  fc
    .tuple(ms(20_000), ms(20_000))
    .map(([a, b]) => ({ dist: 'uniform' as const, minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
  fc
    .tuple(ms(30_000), fc.double({ min: 0, max: 2, noNaN: true }))
    .map(([m, s]) => ({ dist: 'lognormal' as const, medianMs: m, sigma: s })),
  ms(30_000).map((m) => ({ dist: 'exponential' as const, meanMs: m })),
);

const probability = fc.double({ min: 0, max: 1, noNaN: true });
const timeoutsArb = fc.record(
  Object.fromEntries(TIMER_NAMES.map((name) => [name, fc.integer({ min: 1, max: 40_000 })])) as Record<
    (typeof TIMER_NAMES)[number],
    fc.Arbitrary<number>
  >,
);

/** Any valid profile: every branch reachable, including zero and certain probabilities. */
export const profileArb: fc.Arbitrary<Profile> = fc.record({
  name: fc.constant('random'),
  call: fc.record({
    messages: fc.array(
      fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), durationMs: fc.integer({ min: 1, max: 30_000 }) }),
      { minLength: 1, maxLength: 4 },
    ),
    amd: fc.boolean(),
    voicemail: fc.constantFrom('leave' as const, 'hangup' as const),
    timeouts: timeoutsArb,
  }),
  blacklistShare: probability,
  carrier: fc.record({ outcomes: sharesArb(CARRIER_OUTCOMES), responseMs: distributionArb }),
  ring: fc.record({
    answerRate: probability,
    machineShare: probability,
    humanAnswerMs: distributionArb,
    machineAnswerMs: distributionArb,
  }),
  amd: fc.record({ decisionMs: distributionArb, human: sharesArb(AMD_VERDICTS), machine: sharesArb(AMD_VERDICTS) }),
  voicemail: fc.record({ beepRate: probability, beepMs: distributionArb }),
  hangup: fc.record({
    humanHalfLifeMs: fc.option(fc.integer({ min: 1, max: 100_000 })),
    machineHalfLifeMs: fc.option(fc.integer({ min: 1, max: 100_000 })),
  }),
});

/** Any valid call config, with timed and untimed messages (untimed ones wait for playback.ended). */
export const configArb: fc.Arbitrary<CallConfig> = fc.record({
  callId: fc.constant('call-x'),
  to: fc.constant('+33612345678'),
  messages: fc.array(
    fc
      .record({
        id: fc.constantFrom('a', 'b', 'c'),
        durationMs: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
      })
      .map(({ id, durationMs }) => (durationMs === undefined ? { id } : { id, durationMs })),
    { minLength: 1, maxLength: 3 },
  ),
  // Mostly dialed calls: a blacklisted one never reaches any other state.
  blacklisted: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  amd: fc.boolean(),
  voicemail: fc.constantFrom('leave' as const, 'hangup' as const),
  timeouts: timeoutsArb,
});

const payloadArb = fc.record(
  {
    sipCode: fc.integer({ min: 100, max: 699 }),
    q850: fc.integer({ min: 1, max: 127 }),
    messageId: fc.constantFrom('a', 'b', 'c', 'z'),
  },
  { requiredKeys: [] },
);
const typeArb = fc.constantFrom(...CALL_EVENT_TYPES, 'carrier.unknownSignal');

/** A plausible call's events in order (each may be left out), then noise: any event, anywhere. */
const skeletonArb = fc
  .tuple(
    fc.subarray([
      'carrier.ringing',
      'carrier.answered',
      'amd.verdict',
      'voicemail.beep',
      'playback.ended',
      'playback.ended',
      'playback.ended',
      'recipient.hangup',
    ]),
    fc.constantFrom('amd.human', 'amd.machine', 'amd.unknown'),
    fc.array(fc.tuple(typeArb, payloadArb), { maxLength: 4 }),
    fc.array(fc.integer({ min: 0, max: 9_000 }), { minLength: 12, maxLength: 12 }),
    fc.array(payloadArb, { minLength: 12, maxLength: 12 }),
    fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  )
  .map(([types, verdict, noise, gaps, payloads, positions]) => {
    const ordered: { type: string; payload: object }[] = types.map((type, i) => ({
      type: type === 'amd.verdict' ? verdict : type,
      payload: payloads[i] ?? {},
    }));
    for (const [i, [type, payload]] of noise.entries()) {
      ordered.splice((positions[i] ?? 0) % (ordered.length + 1), 0, { type, payload });
    }
    let at = 0;
    return ordered.map(({ type, payload }, i) => {
      at += gaps[i % gaps.length] ?? 0;
      return { ...payload, type, at } as TimedCallEvent;
    });
  });

const randomEventsArb = fc.array(
  fc
    .tuple(typeArb, fc.integer({ min: 0, max: 60_000 }), payloadArb)
    .map(([type, at, payload]) => ({ ...payload, type, at }) as TimedCallEvent),
  { maxLength: 12 },
);

/**
 * Event scripts as the outside world sends them at its worst: any order of types, duplicates
 * (events picked again from the script), and, when `unordered`, times that go back.
 */
export const scriptArb: fc.Arbitrary<TimedCallEvent[]> = fc
  .tuple(fc.oneof(skeletonArb, randomEventsArb), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), fc.boolean())
  .map(([events, duplicates, unordered, sorted]) => {
    const all = [...events];
    for (const pick of duplicates)
      if (events.length > 0) all.splice(pick % (all.length + 1), 0, events[pick % events.length] as TimedCallEvent);
    if (unordered) return all;
    return sorted
      ? [...all].sort((a, b) => a.at - b.at)
      : all.map((event, i) => ({ ...event, at: Math.max(event.at, ...all.slice(0, i).map((e) => e.at)) }));
  });

/**
 * A property's runs: its own default, or more when FC_NUM_RUNS asks for a deeper run. `weight`
 * scales the request down for properties that simulate a whole campaign per run.
 */
export function numRuns(base: number, weight = 1): number {
  const asked = Math.round(Number(process.env.FC_NUM_RUNS) * weight);
  return Number.isFinite(asked) && asked > base ? asked : base;
}
