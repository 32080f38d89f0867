import { EPOCH_LIKE_MS } from '../../machines/event-time.js';
import type { CallEvent } from '../../machines/events.js';
import type { TimedCallEvent } from '../call/session.js';
import { describeValue, fail, type Result } from '../../machines/result.js';
import { MAX_SCENARIO_MS, parseTimedEvent } from '../scenario/parse.js';

/** An event for a live call: `at` (ms since the call started) is optional and defaults to now. */
export type LiveEvent = CallEvent;

/**
 * Gives an event its time and checks it as `runScenario` checks a scenario's events, so that the
 * same events replayed give the same record. `now` is the call's age, `last` its latest step (an
 * event or a timer that fired): an event placed before that step would have changed what the
 * call already did, so it is refused and the call stays as it was.
 */
export function checkLiveEvent(input: unknown, now: number, last: number): Result<TimedCallEvent> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('event', `expected an object such as { "type": "carrier.ringing" }, got ${describeValue(input)}`);
  }
  const given = (input as { at?: unknown }).at;
  if (given === undefined) return parseTimedEvent({ ...input, at: Math.max(now, last) }, 'event', last);
  if (typeof given === 'number' && !Number.isFinite(given)) {
    return fail('event.at', `expected ms since the call started (a finite number), got ${given}`);
  }
  if (typeof given === 'number' && given > EPOCH_LIKE_MS) {
    return fail(
      'event.at',
      `${describeValue(given)} looks like a Unix time (Date.now()); "at" is ms since the call started, or leave it out for now`,
    );
  }
  if (typeof given === 'number' && given >= 0 && given <= MAX_SCENARIO_MS && given < last) {
    return fail(
      'event.at',
      `${given} ms is before the call's latest step at ${last} ms (an event, or a timer that fired): "at" must not go back`,
    );
  }
  return parseTimedEvent(input, 'event', last);
}
