import type { CallRecord } from '../../../machines/record.js';
import { CallSession } from '../../call/session.js';
import type { SampledCall } from '../sampler.js';
import { FastCall } from '../../call/fast/fast-call.js';

/** Runs one sampled call to its record; throws when the call cannot end (or on a bug). */
export type CallEngine = (call: SampledCall) => CallRecord;

/** The engines `simulateCampaign` can use by name. */
export type EngineName = 'fast' | 'xstate';

function stalled(state: string, at: number): Error {
  return new Error(`the call is stuck in ${state} at ${at} ms, waiting for an event that never came`);
}

/**
 * The specification: one XState actor per call (`CallSession`) on a virtual clock.
 *
 * @example
 * runWithXState(sampleCall(DEFAULT_PROFILE, seedHash(1), 0, '+33612345678', false)).status;
 */
export const runWithXState: CallEngine = (call) => {
  const session = CallSession.start(call.input);
  for (const event of call.events) session.send(event);
  session.settle();
  const record = session.record();
  if (record === null) throw stalled(session.state, session.clock.now());
  return record;
};

/**
 * The fast engine: the machine's transitions replayed from a memo table; the same records as
 * `runWithXState` (test/simulator/differential.test.ts proves it on random calls).
 *
 * @example
 * runFast(call); // deep-equals runWithXState(call)
 */
export const runFast: CallEngine = (call) => {
  const fast = new FastCall(call.input);
  for (const event of call.events) fast.send(event);
  fast.settle();
  const record = fast.record();
  if (record === null) throw stalled(fast.state, fast.clock);
  return record;
};

export const ENGINES: Readonly<Record<EngineName, CallEngine>> = { fast: runFast, xstate: runWithXState };
