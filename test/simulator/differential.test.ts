import { fc, test } from '../support/property.js';
import { describe, expect } from 'vitest';
import type { CallConfig } from '../../machines/input.js';
import { runFast, runWithXState, type CallEngine } from '../../src/simulator/engine/engines.js';
import { seedHash } from '../../src/simulator/prng.js';
import { sampleCall, type SampledCall } from '../../src/simulator/sampler.js';
import { configArb, profileArb, scriptArb, numRuns } from './arbitraries.js';

/** A record, or the error a call that cannot end throws: both engines must agree on either. */
function outcome(engine: CallEngine, call: SampledCall) {
  try {
    return { record: engine(call) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('the fast engine gives exactly the records of the XState machine', () => {
  test.prop([profileArb, fc.oneof(fc.integer(), fc.string()), fc.nat({ max: 1_000_000 })], { numRuns: numRuns(300) })(
    'for calls sampled from random profiles and seeds',
    (profile, seed, index) => {
      const call = sampleCall(profile, seedHash(seed), index, '+33612345678', false);
      const fast = outcome(runFast, call);
      expect(fast).toStrictEqual(outcome(runWithXState, call));
      // Same keys in the same order too: the JSON records are byte-identical.
      expect(JSON.stringify(fast)).toBe(JSON.stringify(outcome(runWithXState, call)));
    },
  );

  test.prop([configArb, scriptArb], { numRuns: numRuns(1500) })(
    'for any script: late, duplicate, out-of-order and unknown events, untimed messages, stalled calls',
    (input: CallConfig, events) => {
      const call: SampledCall = { input, events };
      const fast = outcome(runFast, call);
      const spec = outcome(runWithXState, call);
      expect(fast).toStrictEqual(spec);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(spec));
    },
  );
});
