// fast-check, imported directly (test/support/property.ts gives the tests their `test.prop`).
import fc from 'fast-check';

// FC_SEED replays a failure (fast-check prints the seed and the path of every counterexample);
// FC_NUM_RUNS scales the property runs up for a deep run, e.g. FC_NUM_RUNS=10000 npm test.
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const numRuns = process.env.FC_NUM_RUNS === undefined ? undefined : Number(process.env.FC_NUM_RUNS);

fc.configureGlobal({
  ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
  ...(numRuns !== undefined && Number.isFinite(numRuns) ? { numRuns } : {}),
});
