import { fc, test } from '../support/property.js';
import { expect } from 'vitest';
import { runReducer } from '../../bench/reducer.js';
import { runFast } from '../../src/simulator/engine/engines.js';
import { seedHash } from '../../src/simulator/prng.js';
import { sampleCall } from '../../src/simulator/sampler.js';
import { profileArb, numRuns } from './arbitraries.js';

// The bench compares the fast engine with bench/reducer.ts; the comparison is fair only if both
// do the same work, so the reducer must give the same records on the sampler's calls.
test.prop([profileArb, fc.nat(), fc.nat({ max: 100_000 })], { numRuns: numRuns(400) })(
  'the bench reducer gives the records of the machine on sampled calls',
  (profile, seed, index) => {
    const call = sampleCall(profile, seedHash(seed), index, '+33612345678', false);
    expect(JSON.stringify(runReducer(call))).toBe(JSON.stringify(runFast(call)));
  },
);
