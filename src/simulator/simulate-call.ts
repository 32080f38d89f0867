import type { CallRecord } from '../../machines/record.js';
import { ENGINES, type CallEngine, type EngineName } from './engine/engines.js';
import { CallRandom } from './prng.js';
import type { Profile } from './profile.js';
import { callIdOf, sampleCall } from './sampler.js';

/** A call's record with the cause of a failed simulation (null when it did not fail). */
export interface SimulatedCall {
  readonly record: CallRecord;
  readonly fault: string | null;
}

/**
 * The phone number of call `index` when the campaign generates its numbers (`--calls N`): a
 * French mobile number (+33 6…) drawn from the seed, so the same seed dials the same numbers.
 *
 * @example
 * generatedNumber(seedHash('42'), 0); // → e.g. "+33641729013"
 */
export function generatedNumber(seed: number, index: number): string {
  return `+336${String(new CallRandom(seed, index, 1).below(100_000_000)).padStart(8, '0')}`;
}

/** What a call whose simulation threw is recorded as: ERROR/OTHER, no times, no timeline. */
export function faultRecord(callId: string, to: string): CallRecord {
  return {
    callId,
    to,
    status: 'ERROR',
    subStatus: 'OTHER',
    resultCode: null,
    messagesPlayed: 0,
    sipCode: null,
    q850: null,
    startedAt: null,
    ringingAt: null,
    answeredAt: null,
    endedAt: 0,
    timeline: [],
    ignoredEvents: [],
  };
}

/**
 * Samples and runs call `index`. A call whose simulation throws does not stop the campaign: it
 * becomes an ERROR/OTHER record that never held a channel, with the cause in `fault`.
 *
 * @example
 * simulateCall(DEFAULT_PROFILE, seedHash(1), 0, '+33612345678', false, 'fast').record.status;
 */
export function simulateCall(
  profile: Profile,
  seed: number,
  index: number,
  to: string,
  listed: boolean,
  engine: EngineName | CallEngine,
): SimulatedCall {
  const run = typeof engine === 'string' ? ENGINES[engine] : engine;
  try {
    return { record: run(sampleCall(profile, seed, index, to, listed)), fault: null };
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { record: faultRecord(callIdOf(index), to), fault: cause.split('\n')[0] ?? cause };
  }
}
