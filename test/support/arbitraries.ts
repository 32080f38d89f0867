import { fc } from './property.js';
import { CALL_EVENT_TYPES, isCarrierEventType, type CallEvent } from '../../machines/events.js';
import type { CallInput } from '../../machines/input.js';

const MESSAGE_IDS = ['m0', 'm1', 'm2', 'm3'];

/** 1 to 4 messages; each timed or not (`allTimed` forces a duration on every one). */
function messagesArb(allTimed = false) {
  return fc
    .integer({ min: 1, max: 4 })
    .chain((count) =>
      fc.tuple(
        ...MESSAGE_IDS.slice(0, count).map((id) =>
          fc.record(
            { id: fc.constant(id), durationMs: fc.integer({ min: 1, max: 20_000 }) },
            { requiredKeys: allTimed ? ['id', 'durationMs'] : ['id'] },
          ),
        ),
      ),
    );
}

const timeoutsArb = fc.record(
  {
    carrierMs: fc.integer({ min: 1, max: 40_000 }),
    proceedingMs: fc.integer({ min: 1, max: 40_000 }),
    ringMs: fc.integer({ min: 1, max: 40_000 }),
    amdMs: fc.integer({ min: 1, max: 8_000 }),
    beepMs: fc.integer({ min: 1, max: 40_000 }),
    releaseMs: fc.integer({ min: 1, max: 3_000 }),
  },
  { requiredKeys: [] },
);

/** A valid call input with every option drawn. */
export function callInputArb(options: { allTimed?: boolean } = {}): fc.Arbitrary<CallInput> {
  return fc.record({
    callId: fc.constantFrom('c1', 'campaign-7/42'),
    to: fc.constantFrom('+33612345678', '+14155550100', '+442071838750'),
    messages: messagesArb(options.allTimed),
    // Rarely blacklisted: such a call ends at once, so it says little about the rest.
    blacklisted: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
    amd: fc.boolean(),
    voicemail: fc.constantFrom('leave' as const, 'hangup' as const),
    timeouts: timeoutsArb,
  });
}

/** One event of any type, with the payloads its type may carry. */
const eventArb = fc.constantFrom(...CALL_EVENT_TYPES).chain((type): fc.Arbitrary<CallEvent> => {
  if (isCarrierEventType(type)) {
    return fc.record(
      { type: fc.constant(type), sipCode: fc.integer({ min: 100, max: 699 }), q850: fc.integer({ min: 1, max: 127 }) },
      { requiredKeys: ['type'] },
    );
  }
  if (type === 'playback.ended') {
    return fc.record(
      { type: fc.constant(type), messageId: fc.constantFrom(...MESSAGE_IDS, 'other') },
      { requiredKeys: ['type'] },
    );
  }
  return fc.record({ type: fc.constant(type) });
});

/**
 * Events at random times, in time order, any type in any order: late, duplicate and out-of-order
 * ones included. Gaps are mostly short so timers race the events, sometimes long so timers win.
 */
export const eventScriptArb = fc
  .array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 60_000 })), eventArb), {
    maxLength: 25,
  })
  .map((steps) => {
    let at = 0;
    return steps.map(([gap, event]) => {
      at += gap;
      return { ...event, at };
    });
  });
