import { fc, test as property } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import type { MessageSpec } from '../../machines/input.js';
import { CallSession } from '../../src/call/session.js';
import { type ProviderCallback, readCallback } from '../../src/carriers/callback.js';
import { PROVIDER_NAMES, type ProviderName } from '../../src/carriers/providers/index.js';
import { fastEngine, type ReplayEngine } from '../../src/carriers/replay-engine.js';
import { type ReplayOptions, replayCallbacks, replayCallbacksOn } from '../../src/carriers/replay.js';
import { exampleLog, MESSAGES, shapedPayload } from './support.js';

// Replay runs each call on the fast engine; the specification is one XState actor per call
// (CallSession), which replay used before. The two must give the same bytes for every log a
// provider can send: the example logs whole, and random logs mixing their callbacks (from any
// call, in any order, redelivered, shifted in time) with random callbacks in the provider's shape.

/** CallSession, the XState actor, seen through the interface replay drives. */
const xstateEngine: ReplayEngine = (config) => {
  const session = CallSession.start(config);
  return {
    get done() {
      return session.done;
    },
    get state() {
      return session.state;
    },
    get answeredAt() {
      return session.answeredAt;
    },
    get clock() {
      return session.clock.now();
    },
    send: (event) => session.send(event),
    settle: () => session.settle(),
    // A copy: replay extends the record, and this one is the actor's own output.
    record: () => {
      const record = session.record();
      return record === null ? null : { ...record };
    },
  };
};

function readAll(provider: ProviderName, bodies: readonly unknown[]): ProviderCallback[] {
  return bodies.flatMap((body) => {
    const read = readCallback(provider, body);
    return read.ok ? [read.value] : [];
  });
}

/** Both engines' results for one call's callbacks, as the bytes `normalize` would print. */
function bothEngines(provider: ProviderName, callbacks: readonly ProviderCallback[], options: ReplayOptions) {
  const bytes = (engine: ReplayEngine) =>
    JSON.stringify(replayCallbacksOn(engine, provider, 'call-1', callbacks, options));
  return { fast: bytes(fastEngine), xstate: bytes(xstateEngine) };
}

// Whole seconds as often as not: providers' clocks tick in seconds, so timers often fall due
// exactly when a callback arrives, the tie the engines must break alike.
const durationArb = fc.oneof(
  fc.integer({ min: 1, max: 90_000 }),
  fc.integer({ min: 1, max: 90 }).map((s) => s * 1000),
);

const messageArb: fc.Arbitrary<MessageSpec> = fc.oneof(
  fc.record({ id: fc.constantFrom('m1', 'm2', 'message'), durationMs: durationArb }),
  fc.record({ id: fc.constantFrom('m1', 'm2', 'message') }),
);

const optionsArb: fc.Arbitrary<ReplayOptions> = fc.record(
  {
    messages: fc.array(messageArb, { minLength: 1, maxLength: 3 }),
    voicemail: fc.constantFrom('leave' as const, 'hangup' as const),
    to: fc.constant('+33612345678'),
  },
  { requiredKeys: ['messages'] },
);

/** One call's log: callbacks drawn from the provider's example log and from random shaped ones, some shifted in time. */
function callLogArb(provider: ProviderName) {
  const examples = readAll(provider, exampleLog(provider));
  const shaped = shapedPayload(provider)
    .map((body) => readCallback(provider, body))
    .filter((read) => read.ok)
    .map((read) => (read as { ok: true; value: ProviderCallback }).value);
  const drawn = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...examples) }, { weight: 1, arbitrary: shaped });
  const shifted = fc
    .tuple(
      drawn,
      fc.oneof(
        fc.constant(0),
        durationArb,
        durationArb.map((ms) => -ms),
      ),
    )
    .map(([callback, shiftMs]) =>
      callback.timeMs === null || shiftMs === 0
        ? callback
        : // Another time is another meaning: another key, as readCallback would give it.
          { ...callback, timeMs: callback.timeMs + shiftMs, key: `${callback.key}@${shiftMs}` },
    );
  return fc.array(shifted, { minLength: 1, maxLength: 14 });
}

describe('replay on the fast engine gives the bytes the XState actor gives', () => {
  it.each(PROVIDER_NAMES)('%s: every call of the example log', (provider) => {
    const callbacks = readAll(provider, exampleLog(provider));
    const calls = new Map<string, ProviderCallback[]>();
    for (const callback of callbacks) calls.set(callback.callId, [...(calls.get(callback.callId) ?? []), callback]);
    expect(calls.size).toBeGreaterThan(4);
    for (const [callId, list] of calls) {
      const fast = JSON.stringify(replayCallbacks(provider, callId, list, { messages: MESSAGES }));
      const session = JSON.stringify(replayCallbacksOn(xstateEngine, provider, callId, list, { messages: MESSAGES }));
      expect(fast).toBe(session);
      expect(JSON.parse(fast)).toMatchObject({ kind: 'record' });
    }
  });

  for (const provider of PROVIDER_NAMES) {
    property.prop([callLogArb(provider), optionsArb])(
      `${provider}: any mix of its callbacks, in any order and time, with any messages`,
      (callbacks, options) => {
        const { fast, xstate } = bothEngines(provider, callbacks, options);
        expect(fast).toBe(xstate);
      },
    );
  }
});
